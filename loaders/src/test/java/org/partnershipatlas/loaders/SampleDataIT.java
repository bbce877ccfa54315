package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.query.QuerySolution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * The bundled sample data ({@code data/}) conforms to the shapes without even a warning, and has what the
 * foundation asks of it: real localities with GSS codes, an LSP and six or more partnerships in each, enough
 * organisations, guidance and non-government resources.
 */
class SampleDataIT {
    @TempDir
    static Path dir;

    static AtlasStore store;
    static LoadReport report;

    @BeforeAll
    static void load() {
        store = AtlasStore.open(dir.resolve("tdb2"));
        report = Loader.into(store)
                .sources(List.of(Path.of(System.getProperty("atlas.data.dir"))))
                .run();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static List<QuerySolution> select(String query) {
        return StoreQueries.select(store, query);
    }

    static long count(String body) {
        return StoreQueries.count(store, body);
    }

    @Test
    void sampleDataConformsWithoutWarnings() {
        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.committed()).isTrue();
        assertThat(report.triples()).isGreaterThan(10_000);
    }

    @Test
    void atLeastTenLocalitiesEachWithAnLspAndSixMorePartnerships() {
        List<QuerySolution> rows = select("""
                SELECT ?l (COUNT(DISTINCT ?lsp) AS ?lsps) (COUNT(DISTINCT ?p) AS ?others) WHERE {
                  ?l a pa:Locality ; pa:gssCode ?code .
                  OPTIONAL { ?lsp a pa:Partnership ; dcterms:spatial ?l ; org:classification/skos:notation "LSP" }
                  OPTIONAL { ?p a pa:Partnership ; dcterms:spatial ?l ; pa:umbrellaPartnership ?u }
                } GROUP BY ?l""");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getLiteral("lsps").getInt())
                    .as("LSPs in %s", r.get("l"))
                    .isEqualTo(1);
            assertThat(r.getLiteral("others").getInt())
                    .as("partnerships in %s", r.get("l"))
                    .isGreaterThanOrEqualTo(6);
        });
    }

    @Test
    void enoughOrganisationsGuidanceAndResources() {
        assertThat(count("?o a org:FormalOrganization")).isGreaterThanOrEqualTo(60);
        assertThat(count("?g a pa:GuidanceDocument")).isGreaterThanOrEqualTo(30);
        assertThat(count("?r a pa:ExternalResource ; pa:governmentPublication false"))
                .isGreaterThanOrEqualTo(15);
        assertThat(count("?d a pa:ProblemDomain")).isBetween(30L, 50L);
        assertThat(count("?d a pa:ProblemDomain ; skos:broader ?b")).isGreaterThan(0);
    }

    @Test
    void everyRecordIsFactualOrMarkedIllustrative() {
        assertThat(count("""
                ?r a ?c . VALUES ?c { pa:Partnership org:FormalOrganization org:Membership pa:BestPracticeCase }
                FILTER NOT EXISTS { ?r dcterms:source ?s }
                FILTER NOT EXISTS { ?r pa:illustrative true }""")).isZero();
        assertThat(count("?r pa:illustrative true")).isGreaterThan(0);
    }
}
