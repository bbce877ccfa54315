package org.partnershipatlas.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small changes to the sample data for replication tests (shared with the cli's through the test jar). */
public final class SampleChanges {
    private SampleChanges() {}

    /** The sample's partnerships.csv with a partnership renamed, in a new folder under {@code dir}. */
    public static Path renamed(Path dir, String from, String to) throws IOException {
        Path out = Files.createTempDirectory(dir, "changed");
        Path data = Path.of(System.getProperty("atlas.data.dir"));
        String text = Files.readString(data.resolve("partnerships.csv"), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(out.resolve("partnerships.csv"), text.replace(from, to), StandardCharsets.UTF_8);
        return out;
    }
}
