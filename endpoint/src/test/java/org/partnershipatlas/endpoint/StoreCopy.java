package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A copy of a closed store with its text index and change log, for tests that start many times from one loaded store.
 * Sparse: TDB2's mapped files are mostly holes (about 200 MB long for a few MB of data), and a plain copy writes every
 * zero. (The cli's tests use it too, through this module's test jar.)
 */
public final class StoreCopy {
    private StoreCopy() {}

    /** Copies the closed store {@code from} (with its text index and change log) to {@code to}; returns {@code to}. */
    public static Path of(Path from, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        for (Path[] fromTo : List.of(
                new Path[] {from, to},
                new Path[] {AtlasStore.textDirectory(from), AtlasStore.textDirectory(to)},
                new Path[] {ChangeLog.directoryOf(from), ChangeLog.directoryOf(to)})) {
            if (!Files.exists(fromTo[0])) {
                continue;
            }
            Process cp = new ProcessBuilder("cp", "-a", "--sparse=always", fromTo[0].toString(), fromTo[1].toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cp.waitFor()).as(output).isZero();
        }
        return to;
    }
}
