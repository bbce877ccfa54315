package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderWeighted;
import org.apache.jena.sparql.sse.Item;
import org.apache.jena.sparql.sse.SSE;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Atlas's reorder transformation's choices, on statistics in the form {@link OptimizerStatistics} writes with the
 * counts of generated data at N=35 M=100, against the order Jena's weighted reorder picks from the same file.
 */
class AtlasReorderTest {
    private static final String STATS = """
            (stats (meta (count 489551) (source atlas))
              ((TERM <http://purl.org/dc/terms/spatial> VAR) 1)
              ((VAR <http://purl.org/dc/terms/spatial> TERM) 1308)
              (<http://purl.org/dc/terms/spatial> 45794)
              ((TERM <http://purl.org/dc/terms/type> VAR) 1)
              ((VAR <http://purl.org/dc/terms/type> TERM) 7)
              (<http://purl.org/dc/terms/type> 35)
              ((TERM <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> VAR) 1)
              ((VAR <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Locality>) 35)
              ((VAR <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Partnership>) 3500)
              ((VAR <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> TERM) 3000)
              (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> 99152)
              ((TERM <urn:role> VAR) 1)
              ((VAR <urn:role> <urn:lead-body>) 800)
              ((VAR <urn:role> <urn:member>) 34151)
              ((VAR <urn:role> TERM) 17475)
              (<urn:role> 34951)
              ((TERM <urn:member> VAR) 1)
              ((VAR <urn:member> TERM) 46)
              (<urn:member> 34951)
              ((TERM <urn:organization> VAR) 1)
              ((VAR <urn:organization> TERM) 10)
              (<urn:organization> 34951)
              (other 0))
            """;

    private static final Item ITEM = SSE.parseItem(STATS);

    private static List<Triple> pattern(String... triples) {
        return java.util.Arrays.stream(triples).map(SSE::parseTriple).toList();
    }

    private static List<String> subjectsAndPredicates(List<Triple> order) {
        return order.stream()
                .map(t -> t.getSubject() + " " + t.getPredicate().getURI() + " " + t.getObject())
                .toList();
    }

    @Test
    void thingsOfOneKindInPlacesOfOneKindStartFromTheThingsNotFromThePlaces() {
        List<Triple> question4 = pattern(
                "(?p <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Partnership>)",
                "(?p <http://purl.org/dc/terms/spatial> ?l)",
                "(?l <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Locality>)",
                "(?l <http://purl.org/dc/terms/type> ?kind)");
        // Jena's greedy order: the 35 localities, then everything placed in each (45,794 rows), then the check.
        List<Triple> jena = new ReorderWeighted(new StatsMatcher(ITEM))
                .reorder(org.apache.jena.sparql.core.BasicPattern.wrap(question4))
                .getList();
        assertThat(jena.get(0)).isEqualTo(question4.get(2));
        assertThat(jena.get(2)).isEqualTo(question4.get(1));

        List<Triple> atlas = new AtlasReorder(ITEM).order(question4);
        assertThat(atlas.get(0)).as("%s", subjectsAndPredicates(atlas)).isEqualTo(question4.get(0));
        assertThat(atlas.get(1)).isEqualTo(question4.get(1));
    }

    @Test
    void twoLeadMembershipsOfOneBodyAreJoinedThroughTheBodyNotAcrossAllLeadMemberships() {
        List<Triple> question13 = pattern(
                "(?leadA <urn:role> <urn:lead-body>)",
                "(?leadA <urn:member> ?lead)",
                "(?leadA <urn:organization> ?a)",
                "(?leadB <urn:role> <urn:lead-body>)",
                "(?leadB <urn:member> ?lead)",
                "(?leadB <urn:organization> ?b)");
        List<String> order = subjectsAndPredicates(new AtlasReorder(ITEM).order(question13));
        assertThat(order.get(0)).as("%s", order).matches("\\?lead[AB] urn:role urn:lead-body");
        // The second lead membership is found from the shared body (46 a body), then checked for its role; never the
        // 800 x 800 pairs of lead-body memberships.
        assertThat(order.indexOf("?leadB urn:member ?lead")).isLessThan(order.indexOf("?leadB urn:role urn:lead-body"));
        assertThat(order.indexOf("?leadA urn:member ?lead")).isLessThan(order.indexOf("?leadB urn:role urn:lead-body"));
    }

    @Test
    void aCheckKeepsTheRowsWhoseValuesItCannotTellApartAndCutsTheOthers() {
        AtlasReorder reorder = new AtlasReorder(ITEM);
        // The 35 rows of ?l dcterms:type ?kind are the 35 localities: checking ?l a Locality keeps all of them.
        var localities = reorder.step(
                reorder.step(AtlasReorder.State.START, SSE.parseTriple("(?l <http://purl.org/dc/terms/type> ?kind)")),
                SSE.parseTriple("(?l <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Locality>)"));
        assertThat(localities.rows()).isEqualTo(35.0);
        // Everything placed in them (45,794 things) checked to be a partnership: the 3,500 partnerships.
        var placed = reorder.step(localities, SSE.parseTriple("(?p <http://purl.org/dc/terms/spatial> ?l)"));
        assertThat(placed.rows()).isEqualTo(35.0 * 1308);
        var partnerships = reorder.step(
                placed, SSE.parseTriple("(?p <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Partnership>)"));
        assertThat(partnerships.rows()).isEqualTo(3500.0);
    }

    @Test
    void anOrderIsChosenOncePerShapeAndTermsTheStatisticsCountKeepTheirOwn() {
        AtlasReorder reorder = new AtlasReorder(ITEM);
        // A partnership's memberships, as TDB2 runs the pattern for each row of an OPTIONAL: another partnership is
        // the same shape, so the same order, remembered.
        List<Triple> one = pattern(
                "(?m <urn:organization> <urn:partnership-1>)",
                "(?m <urn:member> ?o)",
                "(?m <urn:role> ?r)",
                "(?r <http://purl.org/dc/terms/type> \"lead\")");
        List<Triple> other = pattern(
                "(?m <urn:organization> <urn:partnership-2>)",
                "(?m <urn:member> ?o)",
                "(?m <urn:role> ?r)",
                "(?r <http://purl.org/dc/terms/type> \"chair\")");
        assertThat(reorder.shape(one)).isEqualTo(reorder.shape(other));
        assertThat(new AtlasReorder(ITEM).order(other))
                .isEqualTo(reorder.order(one).stream()
                        .map(t -> other.get(one.indexOf(t)))
                        .toList());
        // A class the statistics count is not a placeholder: a check of 35 localities is not one of 3,500 partnerships.
        List<Triple> localities = pattern(
                "(?p <http://purl.org/dc/terms/spatial> ?l)",
                "(?l <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Locality>)");
        List<Triple> partnerships = pattern(
                "(?p <http://purl.org/dc/terms/spatial> ?l)",
                "(?l <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Partnership>)");
        assertThat(reorder.shape(localities)).isNotEqualTo(reorder.shape(partnerships));
        // Asked again and again, each pattern gets the order a fresh transformation chooses.
        for (List<Triple> p : List.of(one, other, localities, partnerships, one, localities)) {
            assertThat(reorder.order(p)).isEqualTo(new AtlasReorder(ITEM).order(p));
        }
    }

    @TempDir
    Path dir;

    @Test
    void aStatisticsFileItCannotReadLeavesTheChoiceToTdb2() throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve(OptimizerStatistics.FILE), "(stats (meta (count 3) (source atlas)");
        assertThat(AtlasReorder.forStorage(dir)).isNull();
        java.nio.file.Files.writeString(dir.resolve(OptimizerStatistics.FILE), STATS);
        assertThat(AtlasReorder.forStorage(dir)).isInstanceOf(AtlasReorder.class);
    }

    @Test
    void theStoreRunsWithItOnTheAtlassStatisticsAndWithJenasOwnOnTheBaselineAndOnUnmarkedStatistics() {
        Path tdb2 = dir.resolve("tdb2");
        try (AtlasStore store = AtlasStore.open(tdb2)) {
            Txn.executeWrite(
                    store.datasetGraph(),
                    () -> store.datasetGraph().add(SSE.parseQuad("(quad <urn:g> <urn:s> <urn:role> <urn:lead-body>)")));
            OptimizerStatistics.write(store.datasetGraph());
        }
        try (AtlasStore store = AtlasStore.open(tdb2)) {
            assertThat(TDBInternal.getDatasetGraphTDB(store.datasetGraph()).getReorderTransform())
                    .isInstanceOf(AtlasReorder.class);
            OptimizerStatistics.writeTdb2Baseline(store.datasetGraph());
        }
        try (AtlasStore store = AtlasStore.open(tdb2)) {
            assertThat(TDBInternal.getDatasetGraphTDB(store.datasetGraph()).getReorderTransform())
                    .isInstanceOf(ReorderWeighted.class);
            OptimizerStatistics.writeForJenaReorder(store.datasetGraph());
        }
        try (AtlasStore store = AtlasStore.open(tdb2)) {
            // The Atlas's statistics without its mark: Jena's weighted reorder on them (the benchmarks' "before").
            assertThat(TDBInternal.getDatasetGraphTDB(store.datasetGraph()).getReorderTransform())
                    .isInstanceOf(ReorderWeighted.class);
        }
    }
}
