package org.partnershipatlas.loaders.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.text.TypeListing;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.QueryCatalogue;
import org.partnershipatlas.queries.QueryRunner;

/**
 * The keyset listing of the text index gives the pages of its plain-SPARQL twin, {@code resources-of-type-after},
 * for every class in generated data, walked page by page from the start, and still does after a reload that changes
 * the data.
 */
class TypeListingIT {
    static final int PAGE = 13;

    @TempDir
    Path dir;

    @Test
    void theListingGivesTheSamePagesAsThePlainQueryBeforeAndAfterAReload() throws IOException {
        Path sources = dir.resolve("generated");
        GeneratorIT.generate(sources, 3, 15, 3);
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            assertThat(Loader.into(store).sources(List.of(sources)).run().committed())
                    .isTrue();
            int before = assertSamePages(store);

            Path memberships = sources.resolve("memberships.csv");
            List<String> lines = Files.readAllLines(memberships);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (i == 0 || i % 2 == 1) {
                    kept.add(lines.get(i));
                }
            }
            Path changed = dir.resolve("changed");
            Files.createDirectories(changed);
            Files.write(changed.resolve("memberships.csv"), kept);
            assertThat(Loader.into(store).sources(List.of(changed)).run().committed())
                    .isTrue();
            assertThat(assertSamePages(store)).isLessThan(before);
        }
    }

    /** Compares every class's pages; returns the entries compared. */
    static int assertSamePages(AtlasStore store) {
        DatasetGraph dsg = store.datasetGraph();
        QueryRunner queries = new QueryRunner(dsg, QueryCatalogue.load(), AtlasIris.DEFAULT);
        List<String> classes = PrecomputedIT.column(dsg, "SELECT DISTINCT ?x { ?s a ?t . ?t rdfs:subClassOf* ?x }");
        assertThat(classes).hasSizeGreaterThan(10);
        TypeListing listing = store.textIndex().listing();
        int compared = 0;
        for (String c : classes) {
            TypeListing.Entry after = null;
            while (true) {
                TypeListing.Page page = listing.page(c, after, PAGE);
                Map<String, String> values = new HashMap<>(Map.of("class", c, "limit", Integer.toString(PAGE + 1)));
                if (after != null) {
                    values.put("afterLabel", after.label());
                    values.put("after", after.resource());
                }
                List<TypeListing.Entry> plain = queries.select(
                        "resources-of-type-after",
                        values,
                        b -> new TypeListing.Entry(
                                b.get("label").getLiteralLexicalForm(),
                                b.get("resource").getURI()));
                assertThat(page.entries())
                        .as("%s after %s", c, after)
                        .isEqualTo(plain.subList(0, Math.min(PAGE, plain.size())));
                assertThat(page.more()).isEqualTo(plain.size() > PAGE);
                compared += page.entries().size();
                if (!page.more()) {
                    break;
                }
                after = page.last();
            }
            assertThat(listing.count(c)).isPositive();
        }
        assertThat(compared).isGreaterThan(500);
        return compared;
    }
}
