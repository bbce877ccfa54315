package org.partnershipatlas.loaders.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.QuerySolution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.LoadReport;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.StoreQueries;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * The generator: the same settings give the same bytes; what it writes loads with the real loader into a real
 * TDB2 store without a violation or a warning, and has the shape the benchmarks need (one LSP per locality,
 * partnerships of 3 to 12 members and 1 to 4 domains, clusters of overlapping partnerships).
 */
class GeneratorIT {
    static final int LOCALITIES = 3;
    static final int PER_LOCALITY = 8;

    @TempDir
    static Path shared;

    static AtlasStore store;
    static LoadReport report;
    static GenerateReport generated;

    @TempDir
    Path dir;

    static Path schemes() {
        return Path.of(System.getProperty("atlas.data.dir"), "schemes");
    }

    static GenerateReport generate(Path out, int n, int m, long seed) {
        return Generator.to(out)
                .localities(n)
                .partnershipsPerLocality(m)
                .seed(seed)
                .schemes(schemes())
                .run();
    }

    @BeforeAll
    static void generateAndLoad() {
        Path out = shared.resolve("generated");
        generated = generate(out, LOCALITIES, PER_LOCALITY, 42);
        store = AtlasStore.open(shared.resolve("tdb2"));
        report = Loader.into(store).sources(List.of(out)).run();
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

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        GenerateReport first = generate(a, 4, 12, 7);
        GenerateReport second = generate(b, 4, 12, 7);
        generate(c, 4, 12, 8);
        assertThat(files(a)).isEqualTo(files(b)).contains("partnerships.csv", "schemes/problem-domains.ttl");
        for (String file : files(a)) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
        assertThat(second.rows()).isEqualTo(first.rows());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        for (String file : List.of("localities.csv", "partnerships.csv", "memberships.csv", "guidance.csv")) {
            assertThat(Files.readAllBytes(c.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(a.resolve(file)));
        }
    }

    @Test
    void theGeneratedSourcesLoadWithoutViolationsOrWarnings() {
        assertThat(report.violations()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.committed()).isTrue();
        assertThat(report.sources()).hasSize(7 + generated.schemeFiles());
        assertThat(generated.rows())
                .containsKeys(
                        "localities.csv",
                        "organisations.csv",
                        "partnerships.csv",
                        "memberships.csv",
                        "guidance.csv",
                        "resources.csv",
                        "cases.csv")
                .containsEntry("localities.csv", (long) LOCALITIES)
                .containsEntry("partnerships.csv", (long) LOCALITIES * PER_LOCALITY);
        assertThat(generated.rows().values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(generated.summary()).contains("partnerships.csv 24").contains("memberships.csv");
    }

    @Test
    void everyRecordIsIllustrativeAndLocalitiesHaveUniqueNamesAndCodes() {
        assertThat(count("""
                ?r a ?c . VALUES ?c { pa:Partnership org:FormalOrganization org:Membership pa:BestPracticeCase
                                      pa:GuidanceDocument pa:ExternalResource }
                FILTER NOT EXISTS { ?r pa:illustrative true }""")).isZero();
        assertThat(count("?l a pa:Locality")).isEqualTo(LOCALITIES);
        assertThat(
                        count(
                                "SELECT DISTINCT ?code { ?l a pa:Locality ; pa:gssCode ?code FILTER(REGEX(?code, '^E0[6-9][0-9]{6}$')) }"))
                .isEqualTo(LOCALITIES);
        assertThat(count("SELECT DISTINCT ?name { ?l a pa:Locality ; skos:prefLabel ?name }"))
                .isEqualTo(LOCALITIES);
    }

    @Test
    void eachLocalityHasAboutTwentyOrganisationsAndOneLspThatTheOthersPointTo() {
        List<QuerySolution> rows = select("""
                SELECT ?l (COUNT(DISTINCT ?lsp) AS ?lsps) (COUNT(DISTINCT ?o) AS ?orgs) WHERE {
                  ?l a pa:Locality .
                  OPTIONAL { ?lsp a pa:Partnership ; dcterms:spatial ?l ; org:classification/skos:notation "LSP" }
                  OPTIONAL { ?o a org:FormalOrganization ; dcterms:spatial ?l }
                } GROUP BY ?l""");
        assertThat(rows).hasSize(LOCALITIES).allSatisfy(r -> {
            assertThat(r.getLiteral("lsps").getInt())
                    .as("LSPs in %s", r.get("l"))
                    .isEqualTo(1);
            assertThat(r.getLiteral("orgs").getInt())
                    .as("organisations in %s", r.get("l"))
                    .isBetween(15, 30);
        });
        assertThat(count("""
                ?p a pa:Partnership ; dcterms:spatial ?l .
                FILTER NOT EXISTS { ?p org:classification/skos:notation "LSP" }
                FILTER NOT EXISTS { ?p pa:umbrellaPartnership ?u . ?u dcterms:spatial ?l ;
                                       org:classification/skos:notation "LSP" }""")).isZero();
        assertThat(count("?o a org:FormalOrganization FILTER NOT EXISTS { ?o dcterms:spatial ?l }"))
                .as("national and regional bodies")
                .isPositive();
    }

    @Test
    void partnershipsHave3To12MembersWithOneAccountableBodyAnd1To4Domains() {
        List<QuerySolution> rows = select("""
                SELECT ?p (COUNT(DISTINCT ?o) AS ?members) (COUNT(DISTINCT ?d) AS ?domains)
                       (COUNT(DISTINCT ?ab) AS ?accountable) WHERE {
                  ?p a pa:Partnership ; org:purpose ?d .
                  ?m org:organization ?p ; org:member ?o .
                  OPTIONAL { ?m org:role <https://w3id.org/partnership-atlas/id/role/accountable-body> ; org:member ?ab }
                } GROUP BY ?p""");
        assertThat(rows).hasSize(LOCALITIES * PER_LOCALITY).allSatisfy(r -> {
            assertThat(r.getLiteral("members").getInt())
                    .as("members of %s", r.get("p"))
                    .isBetween(3, 12);
            assertThat(r.getLiteral("domains").getInt())
                    .as("domains of %s", r.get("p"))
                    .isBetween(1, 4);
            assertThat(r.getLiteral("accountable").getInt())
                    .as("accountable bodies of %s", r.get("p"))
                    .isEqualTo(1);
        });
        assertThat(count("?m org:role <https://w3id.org/partnership-atlas/id/role/chair>"))
                .isEqualTo(LOCALITIES * PER_LOCALITY);
    }

    @Test
    void everyLocalityHasAClusterOfOverlappingPartnerships() {
        List<QuerySolution> rows = select("""
                SELECT ?l (MAX(?shared) AS ?most) WHERE {
                  {
                    SELECT ?l ?a ?b (COUNT(DISTINCT ?d) AS ?domains) WHERE {
                      ?a a pa:Partnership ; dcterms:spatial ?l ; org:purpose ?d .
                      ?b a pa:Partnership ; dcterms:spatial ?l ; org:purpose ?d .
                      FILTER(STR(?a) < STR(?b))
                    } GROUP BY ?l ?a ?b HAVING (COUNT(DISTINCT ?d) >= 2)
                  }
                  {
                    SELECT ?a ?b (COUNT(DISTINCT ?o) AS ?shared) WHERE {
                      ?ma org:organization ?a ; org:member ?o .
                      ?mb org:organization ?b ; org:member ?o .
                      FILTER(STR(?a) < STR(?b))
                    } GROUP BY ?a ?b
                  }
                } GROUP BY ?l""");
        assertThat(rows)
                .hasSize(LOCALITIES)
                .allSatisfy(r -> assertThat(r.getLiteral("most").getInt())
                        .as("members shared by overlapping partnerships in %s", r.get("l"))
                        .isGreaterThanOrEqualTo(3));
    }

    @Test
    void documentsAndCasesHaveTextAndReferToTheGeneratedRecords() {
        assertThat(count("?g a pa:GuidanceDocument ; pa:governmentPublication true"))
                .isPositive();
        assertThat(count("?g a pa:GuidanceDocument ; pa:governmentPublication false"))
                .isPositive();
        assertThat(count("?r a pa:ExternalResource ; dcterms:description ?d")).isPositive();
        assertThat(count("?c a pa:BestPracticeCase ; pa:partnership ?p ; pa:outcome ?o . ?p a pa:Partnership"))
                .isGreaterThanOrEqualTo(LOCALITIES);
        assertThat(count("""
                ?x dcterms:description ?d FILTER(STRLEN(?d) < 80)
                FILTER EXISTS { ?x a ?c VALUES ?c { pa:GuidanceDocument pa:ExternalResource pa:BestPracticeCase } }""")).isZero();
    }

    @Test
    void refusesAFolderThatIsNotEmptyUnlessForced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> generate(out, 1, 2, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not empty");
        assertThat(Generator.to(out)
                        .localities(1)
                        .partnershipsPerLocality(1)
                        .schemes(schemes())
                        .force(true)
                        .run()
                        .rows())
                .containsEntry("partnerships.csv", 1L);
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
    }
}
