package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A process killed after a load commits but before the text index is rebuilt leaves an index of the old data; the
 * next open of the store notices (the index records the data version it was built from) and rebuilds it.
 */
class TextIndexRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aStaleIndexIsRebuiltWhenTheStoreOpens() throws IOException {
        Path sources = FixtureSources.copy(dir);
        Path storeDir = dir.resolve("tdb2");
        Path textDir = AtlasStore.textDirectory(storeDir);
        Path oldIndex = dir.resolve("old-index");
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            assertThat(store.textIndex().search("Zanzibarish", 5)).isEmpty();
        }
        FileUtils.copyDirectory(textDir.toFile(), oldIndex.toFile());

        Path extra = dir.resolve("more/zanzibar.organisations.csv");
        Files.createDirectories(extra.getParent());
        String header = Files.readAllLines(sources.resolve("organisations.csv"), StandardCharsets.UTF_8)
                .get(0)
                .replace("\uFEFF", "");
        List<String> columns = List.of(header.split(","));
        String[] row = new String[columns.size()];
        java.util.Arrays.fill(row, "");
        row[columns.indexOf("id")] = "zanzibarish-trust";
        row[columns.indexOf("name")] = "Zanzibarish Trust";
        row[columns.indexOf("kind")] = "council";
        row[columns.indexOf("sector")] = "public";
        row[columns.indexOf("source")] = "https://example.org/zanzibarish";
        Files.writeString(extra, header + "\n" + String.join(",", row) + "\n", StandardCharsets.UTF_8);
        String versionAfter;
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            LoadReport report = Loader.into(store).sources(List.of(extra)).run();
            assertThat(report.violations()).isEmpty();
            assertThat(report.committed()).isTrue();
            versionAfter = store.dataVersion();
            assertThat(store.textIndex().dataVersion()).isEqualTo(versionAfter);
        }

        // As if the process died between the commit and the new index: put the old index back.
        FileUtils.deleteDirectory(textDir.toFile());
        FileUtils.copyDirectory(oldIndex.toFile(), textDir.toFile());

        try (AtlasStore store = AtlasStore.open(storeDir)) {
            assertThat(store.textIndex().dataVersion()).isEqualTo(versionAfter);
            assertThat(store.textIndex().search("Zanzibarish", 5))
                    .extracting(h -> h.resource())
                    .anyMatch(r -> r.endsWith("/zanzibarish-trust"));
        }
    }
}
