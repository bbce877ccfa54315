package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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

    static Path directory() {
        String dir = System.getProperty("atlas.data.dir");
        assertThat(dir).as("system property atlas.data.dir (set by failsafe)").isNotNull();
        Path path = Path.of(dir);
        assertThat(path).isDirectory();
        return path;
    }

    static AtlasStore loadInto(Path storeDir) {
        AtlasStore store = AtlasStore.open(storeDir);
        LoadReport report = Loader.into(store).sources(List.of(directory())).run();
        assertThat(report.violations()).isEmpty();
        assertThat(report.committed()).isTrue();
        return store;
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
