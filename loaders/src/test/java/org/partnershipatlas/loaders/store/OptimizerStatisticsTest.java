package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.sparql.sse.SSE;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two statistics files a store can be given, on a real TDB2 store whose graphs repeat a triple. */
class OptimizerStatisticsTest {
    @TempDir
    Path dir;

    private AtlasStore store() {
        AtlasStore store = AtlasStore.open(dir.resolve("tdb2"));
        Txn.executeWrite(store.datasetGraph(), () -> {
            for (String g : new String[] {"urn:g:a", "urn:g:b"}) {
                for (int i = 0; i < 3; i++) {
                    add(store, "(quad <" + g + "> <urn:s:" + i + "> <urn:p:role> <urn:o:lead>)");
                    add(
                            store,
                            "(quad <" + g + "> <urn:s:" + i
                                    + "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:c:Member>)");
                }
            }
            add(store, "(quad <urn:g:a> <urn:s:0> <urn:p:role> <urn:o:chair>)");
        });
        return store;
    }

    private static void add(AtlasStore store, String quad) {
        store.datasetGraph().add(SSE.parseQuad(quad));
    }

    @Test
    void theTdb2BaselineCountsTheUnionsPredicatesAndClassesButNothingPerObject() throws IOException {
        try (AtlasStore store = store()) {
            Path file = OptimizerStatistics.writeTdb2Baseline(store.datasetGraph());
            String stats = Files.readString(file).replaceAll("\\s+", " ");
            assertThat(file.getFileName()).hasToString(OptimizerStatistics.FILE);
            assertThat(stats)
                    .contains("(count 7)")
                    .contains("(<urn:p:role> 4)")
                    .contains("<urn:c:Member>) 3)")
                    .doesNotContain("<urn:o:lead>")
                    .doesNotContain("TERM)");
            assertThat(file.resolveSibling(OptimizerStatistics.FILE + ".partial"))
                    .doesNotExist();
        }
    }

    @Test
    void theAtlasStatisticsReplaceTheBaselineWithCountsPerObject() throws IOException {
        try (AtlasStore store = store()) {
            OptimizerStatistics.writeTdb2Baseline(store.datasetGraph());
            String stats = Files.readString(OptimizerStatistics.write(store.datasetGraph()))
                    .replaceAll("\\s+", " ");
            assertThat(stats)
                    .contains("(count 7)")
                    .contains("((VAR <urn:p:role> <urn:o:lead>) 3)")
                    .contains("((VAR <urn:p:role> TERM) 2)");
        }
    }
}
