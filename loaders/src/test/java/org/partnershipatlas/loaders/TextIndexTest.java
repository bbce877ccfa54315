package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.text.AtlasTextIndex;
import org.partnershipatlas.ontology.AtlasIris;

/** The full-text index is rebuilt by every load, finds words with highlights, and serves SPARQL text:query. */
class TextIndexTest {
    @TempDir
    Path dir;

    @Test
    void aLoadIndexesNamesAndDescriptionsForSearchAndSparql() throws IOException {
        Path sources = FixtureSources.copy(dir);
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            assertThat(AtlasStore.textDirectory(dir.resolve("tdb2"))).isDirectory();

            List<AtlasTextIndex.Hit> hits = store.textIndex().search("rationalises", 10);
            assertThat(hits)
                    .extracting(AtlasTextIndex.Hit::resource)
                    .containsExactly(AtlasIris.DEFAULT.id("partnership", "newham-lsp"));
            assertThat(hits.get(0).snippets().get(0))
                    .contains(AtlasTextIndex.START + "rationalises" + AtlasTextIndex.END);
            assertThat(store.textIndex().search("Disorder", 10))
                    .extracting(AtlasTextIndex.Hit::resource)
                    .contains(AtlasIris.DEFAULT.id("partnership", "newham-cdrp"));
            assertThat(store.textIndex().search("} OR *:* (", 10)).isEmpty();

            long viaSparql = Txn.calculateRead(store.datasetGraph(), () -> {
                try (QueryExec exec = QueryExec.dataset(store.datasetGraph())
                        .query(
                                "PREFIX text: <http://jena.apache.org/text#> SELECT ?s WHERE { ?s text:query \"description:rationalises\" }")
                        .build()) {
                    return exec.select().stream().count();
                }
            });
            assertThat(viaSparql).isEqualTo(1);
        }
    }
}
