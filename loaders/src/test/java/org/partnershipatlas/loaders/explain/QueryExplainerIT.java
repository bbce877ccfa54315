package org.partnershipatlas.loaders.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.store.AtlasStore;

/** Explaining queries on the sample data in a real TDB2 store, with the statistics the load writes. */
class QueryExplainerIT {
    static final String PREFIXES =
            "PREFIX org: <http://www.w3.org/ns/org#>\n" + "PREFIX pa: <https://w3id.org/partnership-atlas/def#>\n";
    static final String LEAD_BODY = "<https://w3id.org/partnership-atlas/id/role/lead-body>";

    @TempDir
    static Path dir;

    static AtlasStore store;

    @BeforeAll
    static void load() {
        store = AtlasStore.open(dir.resolve("tdb2"));
        LoadReport report = Loader.into(store)
                .sources(List.of(Path.of(System.getProperty("atlas.data.dir"))))
                .run();
        assertThat(report.committed()).isTrue();
        // TDB2 reads the statistics when a store is opened.
        store.close();
        store = AtlasStore.open(dir.resolve("tdb2"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void stepsComeInTheOrderTdb2RunsThemWithEstimatesAndTheRowsOfEachPrefix() {
        Query query = QueryFactory.create(PREFIXES + "SELECT * { ?m org:member ?o . ?m org:role " + LEAD_BODY
                + " . ?o a org:FormalOrganization }");
        QueryExplainer.Explanation e =
                new QueryExplainer(1_000_000, Duration.ofSeconds(30)).explain(store.datasetGraph(), query);
        assertThat(e.statistics()).isTrue();
        assertThat(e.patterns()).hasSize(1);
        List<QueryExplainer.Step> steps = e.patterns().get(0).steps();
        assertThat(steps).hasSize(3);
        // The statistics count lead-body memberships exactly, so the pattern starts there rather than from all
        // memberships.
        long leadBodies = count("SELECT (COUNT(*) AS ?n) { ?m org:role " + LEAD_BODY + " }");
        assertThat(steps.get(0).pattern()).contains("org:role").contains("lead-body");
        assertThat(steps.get(0).estimate()).isEqualTo(leadBodies);
        assertThat(steps.get(0).actual()).isEqualTo(leadBodies);
        long all = count("SELECT (COUNT(*) AS ?n) { ?m org:member ?o . ?m org:role " + LEAD_BODY
                + " . ?o a org:FormalOrganization }");
        assertThat(steps.get(2).actual()).isEqualTo(all);
        assertThat(steps).allMatch(QueryExplainer.Step::counted).noneMatch(QueryExplainer.Step::capped);
        assertThat(e.asText())
                .contains("Optimized algebra")
                .contains("estimated")
                .contains("actual");
        assertThat(e.inWords()).startsWith("starts from ?m org:role").contains(String.format("(%,d rows)", leadBodies));
    }

    @Test
    void aPatternRunOncePerRowOfAnotherIsCountedWithItsRowsNotAlone() {
        // ARQ runs the OPTIONAL as a conditional: its pattern once per lead-body membership, with ?m bound.
        Query query = QueryFactory.create(PREFIXES + "SELECT * { ?m org:role " + LEAD_BODY
                + " OPTIONAL { ?m org:member ?o . ?o a org:FormalOrganization } }");
        QueryExplainer.Explanation e =
                new QueryExplainer(1_000_000, Duration.ofSeconds(30)).explain(store.datasetGraph(), query);
        assertThat(e.algebra()).contains("conditional");
        assertThat(e.patterns()).hasSize(2);
        assertThat(e.patterns().get(0).fedBy()).isEmpty();
        assertThat(e.patterns().get(1).fedBy()).containsExactly(1);
        List<QueryExplainer.Step> steps = e.patterns().get(1).steps();
        long flowing = count("SELECT (COUNT(*) AS ?n) { ?m org:role " + LEAD_BODY
                + " . ?m org:member ?o . ?o a org:FormalOrganization }");
        long alone = count("SELECT (COUNT(*) AS ?n) { ?m org:member ?o . ?o a org:FormalOrganization }");
        assertThat(flowing).isLessThan(alone);
        assertThat(steps.get(steps.size() - 1).actual()).isEqualTo(flowing);
        assertThat(e.inWords()).contains("Pattern 2: runs once for each row of pattern 1");
        assertThat(e.asText()).contains("run once for each row of pattern 1 (their rows included)");
    }

    @Test
    void countingStopsAtTheRowCapAndSaysSo() {
        Query query = QueryFactory.create(PREFIXES + "SELECT * { ?a a pa:Partnership . ?b a pa:Partnership }");
        QueryExplainer.Explanation e =
                new QueryExplainer(100, Duration.ofSeconds(30)).explain(store.datasetGraph(), query);
        List<QueryExplainer.Step> steps = e.patterns().get(0).steps();
        assertThat(steps.get(1).capped()).isTrue();
        assertThat(steps.get(1).actual()).isEqualTo(100);
        assertThat(e.inWords()).contains("the most rows come after step 2").contains("more than 100 rows");
    }

    @Test
    void aQueryWithoutPatternsSaysWhereItsCostIs() {
        Query query = QueryFactory.create("SELECT (1 AS ?x) {}");
        QueryExplainer.Explanation e =
                new QueryExplainer(100, Duration.ofSeconds(1)).explain(store.datasetGraph(), query);
        assertThat(e.patterns()).isEmpty();
        assertThat(e.inWords()).contains("no basic graph pattern");
    }

    private static long count(String select) {
        return store.read(dsg -> {
            try (QueryExec qe = QueryExec.dataset(dsg).query(PREFIXES + select).build()) {
                return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
            }
        });
    }
}
