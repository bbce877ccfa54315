package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.input.BOMInputStream;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * The bundled sample sources ({@code data/}, passed in by failsafe as {@code atlas.data.dir}), loaded into a
 * real TDB2 store, and read back as plain CSV so that tests can work out expected answers independently of the
 * loader's mapping.
 */
public final class SampleData {
    private SampleData() {}

    public static Path directory() {
        String dir = System.getProperty("atlas.data.dir");
        assertThat(dir).as("system property atlas.data.dir (set by failsafe)").isNotNull();
        Path path = Path.of(dir);
        assertThat(path).isDirectory();
        return path;
    }

    /**
     * A store of the sample data at {@code storeDir}: a copy of the one this JVM loaded first (with its text index and
     * change log), since a load takes seconds and a copy milliseconds; the tests of the load itself are elsewhere.
     */
    static AtlasStore loadInto(Path storeDir) {
        try {
            StoreCopy.of(Loaded.STORE, storeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return AtlasStore.open(storeDir);
    }

    /** The JVM's one load of the sample data, closed, removed when the JVM ends. */
    private static final class Loaded {
        static final Path STORE = load();

        private static Path load() {
            try {
                Path dir = Files.createTempDirectory("atlas-sample-template-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(dir.toFile())));
                Path location = dir.resolve("tdb2");
                try (AtlasStore store = AtlasStore.open(location)) {
                    LoadReport report =
                            Loader.into(store).sources(List.of(directory())).run();
                    assertThat(report.violations()).isEmpty();
                    assertThat(report.committed()).isTrue();
                }
                return location;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The rows of a sample CSV file, as header-to-value maps. */
    public static List<Map<String, String>> rows(String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = new java.io.InputStreamReader(
                        BOMInputStream.builder()
                                .setInputStream(Files.newInputStream(directory().resolve(file)))
                                .get(),
                        java.nio.charset.StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (CSVRecord record : parser) {
                rows.add(record.toMap());
            }
        }
        return rows;
    }
}
