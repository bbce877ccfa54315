package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A large source that fails half-way through, by a bad record (found while mapping) or by a violation (found when
 * validating, after every row was written into the transaction): the store is left exactly as it was.
 */
class LargeFailedLoadTest {
    static final int ROWS = 5_000;

    @TempDir
    Path dir;

    AtlasStore store;
    List<String> before;

    @BeforeEach
    void load() throws IOException {
        Path sources = FixtureSources.copy(dir);
        store = AtlasStore.open(dir.resolve("tdb2"));
        assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                .isTrue();
        before = snapshot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<String> snapshot() {
        return store.read(
                dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    /** {@value #ROWS} organisations; the one at {@code badRow} (1-based data row) gets {@code badLocality}. */
    Path organisations(int badRow, String badLocality) throws IOException {
        Path file = Files.createDirectories(dir.resolve("big")).resolve("big.organisations.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,alt_name,kind,sector,locality,parent,homepage,source,illustrative\n");
            for (int i = 1; i <= ROWS; i++) {
                String locality = i == badRow ? badLocality : "newham";
                w.write("big-org-" + i + ",Big Organisation " + i + ",,council,public," + locality
                        + ",,,http://example.org/big/" + i + ",true\n");
            }
        }
        return file;
    }

    @Test
    void aBadRecordHalfWayThroughChangesNothing() throws IOException {
        Path file = organisations(ROWS / 2, "not a slug!");
        LoadException e = catchThrowableOfType(
                LoadException.class,
                () -> Loader.into(store).sources(List.of(file)).run());
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("big.organisations.csv").contains("line " + (ROWS / 2 + 1));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aViolationHalfWayThroughChangesNothing() throws IOException {
        Path file = organisations(ROWS / 2, "atlantis");
        LoadReport report = Loader.into(store).sources(List.of(file)).run();
        assertThat(report.committed()).isFalse();
        assertThat(report.violations()).hasSize(1);
        assertThat(report.violations().get(0).toString())
                .contains("big.organisations.csv")
                .contains("line " + (ROWS / 2 + 1))
                .contains("atlantis");
        assertThat(snapshot()).isEqualTo(before);
    }
}
