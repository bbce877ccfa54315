package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/** Loads into a real TDB2 store on disk; every failing load must leave the store exactly as it was. */
class LoaderTest {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    @TempDir
    Path dir;

    Path sources;
    AtlasStore store;

    @BeforeEach
    void setUp() throws IOException {
        sources = FixtureSources.copy(dir);
        store = AtlasStore.open(dir.resolve("tdb2"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    LoadReport load(Path... paths) {
        return Loader.into(store).iris(IRIS).sources(List.of(paths)).run();
    }

    List<String> snapshot() {
        return store.read(
                dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    /** Writes a file beside (not into) the fixture sources, and returns its path. */
    Path write(String name, String text) throws IOException {
        Path file = Files.createDirectories(dir.resolve("more")).resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads the fixture, then runs a bad load and checks that it failed and changed nothing. */
    LoadException assertBadLoadLeavesStoreUnchanged(Path... paths) {
        assertThat(load(sources).committed()).isTrue();
        List<String> before = snapshot();
        assertThat(before).isNotEmpty();
        LoadException e = (LoadException) org.assertj.core.api.Assertions.catchThrowable(() -> load(paths));
        assertThat(e).as("the load should fail with a LoadException").isNotNull();
        assertThat(snapshot()).isEqualTo(before);
        return e;
    }

    @Test
    void loadsEachSourceIntoItsOwnNamedGraph() {
        LoadReport report = load(sources);

        assertThat(report.committed()).isTrue();
        assertThat(report.violations()).isEmpty();
        assertThat(report.sources())
                .extracting(LoadReport.SourceReport::graph)
                .containsExactly(
                        IRIS.graph("localities").getURI(),
                        IRIS.graph("memberships").getURI(),
                        IRIS.graph("organisations").getURI(),
                        IRIS.graph("partnerships").getURI(),
                        IRIS.graph("schemes").getURI());
        Node cdrp = uri(IRIS.id("partnership", "newham-cdrp"));
        store.read(dsg -> {
            assertThat(dsg.contains(IRIS.graph("partnerships"), cdrp, RDF.type.asNode(), PA.Partnership.asNode()))
                    .isTrue();
            assertThat(dsg.contains(
                            IRIS.graph("partnerships"),
                            cdrp,
                            PA.umbrellaPartnership.asNode(),
                            uri(IRIS.id("partnership", "newham-lsp"))))
                    .isTrue();
            assertThat(dsg.contains(IRIS.ontologyGraph(), PA.Partnership.asNode(), Node.ANY, Node.ANY))
                    .isTrue();
            return null;
        });
    }

    @Test
    void mapsCsvValuesToTypedRdf() {
        load(sources);
        store.read(dsg -> {
            Node g = IRIS.graph("organisations");
            Node met = uri(IRIS.id("organisation", "met-police"));
            assertThat(dsg.contains(g, met, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang("The Met", "en")))
                    .isTrue();
            assertThat(dsg.contains(g, met, Node.ANY, uri(IRIS.id("locality", "hackney"))))
                    .isTrue();
            Node hackney = uri(IRIS.id("organisation", "hackney-council"));
            assertThat(dsg.contains(
                            g,
                            hackney,
                            SKOS.prefLabel.asNode(),
                            NodeFactory.createLiteralLang("Hackney Council, London", "en")))
                    .isTrue();
            Node cdrp = uri(IRIS.id("partnership", "newham-cdrp"));
            Node founded = dsg.find(IRIS.graph("partnerships"), cdrp, uri("https://schema.org/foundingDate"), Node.ANY)
                    .next()
                    .getObject();
            assertThat(founded.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#gYear");
            return null;
        });
    }

    @Test
    void recordsProvenanceOfEachSource() {
        LoadReport report = load(sources);
        String sha = report.sources().stream()
                .filter(s -> s.file().endsWith("partnerships.csv"))
                .findFirst()
                .orElseThrow()
                .sha256();
        assertThat(sha).hasSize(64);
        store.read(dsg -> {
            Node prov = IRIS.provenanceGraph();
            Node graph = IRIS.graph("partnerships");
            assertThat(dsg.contains(prov, graph, uri("http://www.w3.org/ns/prov#wasGeneratedBy"), Node.ANY))
                    .isTrue();
            assertThat(dsg.contains(prov, graph, uri("http://rdfs.org/ns/void#triples"), Node.ANY))
                    .isTrue();
            Node file = uri(IRIS.id("source-file", sha));
            assertThat(dsg.contains(
                            prov,
                            file,
                            uri("http://purl.org/dc/terms/title"),
                            NodeFactory.createLiteralString("partnerships.csv")))
                    .isTrue();
            return null;
        });
    }

    @Test
    void reloadReplacesTheGraph() throws IOException {
        load(sources);
        Files.writeString(sources.resolve("partnerships.csv"), """
                id,name,alt_name,type,localities,umbrella,domains,purpose,start_date,end_date,homepage,source,illustrative
                newham-lsp,Newham LSP (renamed),,lsp,newham,,crime,,2001,,,,true
                newham-cdrp,Newham CDRP,,cdrp,newham,newham-lsp,crime,,1998,,,,true
                """, StandardCharsets.UTF_8);
        LoadReport report = load(sources.resolve("partnerships.csv"));
        assertThat(report.committed()).isTrue();
        store.read(dsg -> {
            Node lsp = uri(IRIS.id("partnership", "newham-lsp"));
            assertThat(dsg.contains(
                            Node.ANY,
                            lsp,
                            SKOS.prefLabel.asNode(),
                            NodeFactory.createLiteralLang("Newham Local Strategic Partnership", "en")))
                    .isFalse();
            assertThat(dsg.contains(
                            IRIS.graph("partnerships"),
                            lsp,
                            SKOS.prefLabel.asNode(),
                            NodeFactory.createLiteralLang("Newham LSP (renamed)", "en")))
                    .isTrue();
            return null;
        });
    }

    @Test
    void readsCsvAsSpreadsheetsExportIt() throws IOException {
        String plain = Files.readString(sources.resolve("organisations.csv"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = plain.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(crlf, 0, both, bom.length, crlf.length);
        load(sources);
        List<String> plainSnapshot =
                store.read(dsg -> dsg.stream(IRIS.graph("organisations"), Node.ANY, Node.ANY, Node.ANY)
                        .map(FmtUtils::stringForQuad)
                        .sorted()
                        .toList());
        Files.write(sources.resolve("organisations.csv"), both);
        assertThat(load(sources).committed()).isTrue();
        List<String> exported = store.read(dsg -> dsg.stream(IRIS.graph("organisations"), Node.ANY, Node.ANY, Node.ANY)
                .map(FmtUtils::stringForQuad)
                .sorted()
                .toList());
        assertThat(exported).isEqualTo(plainSnapshot);
    }

    @Test
    void badDateNamesFileLineAndField() throws IOException {
        write("bad.partnerships.csv", """
                id,name,alt_name,type,localities,umbrella,domains,purpose,start_date,end_date,homepage,source,illustrative
                x-one,X One,,cdrp,newham,newham-lsp,crime,,1999,,,,true
                x-two,X Two,,cdrp,newham,newham-lsp,crime,,2001-13-01,,,,true
                """);
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.partnerships.csv"));
        assertThat(e.problem().file()).endsWith("bad.partnerships.csv");
        assertThat(e.problem().line()).isEqualTo(3);
        assertThat(e.problem().field()).isEqualTo("start_date");
        assertThat(e.getMessage())
                .contains("expected a date YYYY, YYYY-MM or YYYY-MM-DD")
                .contains("2001-13-01");
    }

    @Test
    void unknownColumnIsAnError() throws IOException {
        write("bad.localities.csv", "id,name,gss_code,authority_type,postcode\nx,X,E09000001,london-borough,E1\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().field()).isEqualTo("postcode");
        assertThat(e.problem().line()).isEqualTo(1);
    }

    @Test
    void missingRequiredValueIsAnError() throws IOException {
        write("bad.localities.csv", "id,name,gss_code,authority_type,source\nx,,E09000001,london-borough,\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().field()).isEqualTo("name");
        assertThat(e.problem().line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("required");
    }

    @Test
    void identifierThatIsNotASlugIsAnError() throws IOException {
        write(
                "bad.localities.csv",
                "id,name,gss_code,authority_type,source\nTower Hamlets,X,E09000030,london-borough,\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().field()).isEqualTo("id");
        assertThat(e.problem().found()).isEqualTo("Tower Hamlets");
    }

    @Test
    void referenceThatIsNotASlugIsAnError() throws IOException {
        write("bad.memberships.csv", "partnership,member,role\nnewham-cdrp,met police,member\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.memberships.csv"));
        assertThat(e.problem().field()).isEqualTo("member");
    }

    @Test
    void invalidAddressIsAnError() throws IOException {
        write(
                "bad.localities.csv",
                "id,name,gss_code,authority_type,source\nx,X,E09000001,london-borough,www.example.org/a b\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().field()).isEqualTo("source");
        assertThat(e.getMessage()).contains("absolute http(s) address");
    }

    @Test
    void duplicateIdentifierIsAnError() throws IOException {
        write(
                "bad.localities.csv",
                "id,name,gss_code,authority_type,source\nx,X,E09000001,london-borough,\nx,Y,E09000002,london-borough,\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("already defined");
    }

    @Test
    void unterminatedQuoteIsAnError() throws IOException {
        write("bad.localities.csv", "id,name,gss_code,authority_type,source\nx,\"X,E09000001,london-borough,\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.getMessage()).contains("bad.localities.csv").contains("CSV");
    }

    @Test
    void wrongNumberOfFieldsIsAnError() throws IOException {
        write("bad.localities.csv", "id,name,gss_code,authority_type,source\nx,X,E09000001\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.problem().line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("5 fields");
    }

    @Test
    void bytesThatAreNotUtf8AreAnError() throws IOException {
        byte[] latin1 = "id,name,gss_code,authority_type,source\nx,Caf\u00e9,E09000001,london-borough,\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(Files.createDirectories(dir.resolve("more")).resolve("bad.localities.csv"), latin1);
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/bad.localities.csv"));
        assertThat(e.getMessage()).contains("UTF-8");
    }

    @Test
    void unknownCsvKindIsAnError() throws IOException {
        write("budgets.csv", "a,b\n1,2\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/budgets.csv"));
        assertThat(e.getMessage()).contains("partnerships.csv").contains("metadata");
    }

    @Test
    void badTurtleNamesTheLine() throws IOException {
        write(
                "extra.ttl",
                "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<id/x> skos:prefLabel \"X\"@en \n<id/y> .\n");
        LoadException e = assertBadLoadLeavesStoreUnchanged(dir.resolve("more/extra.ttl"));
        assertThat(e.problem().line()).isEqualTo(4);
    }

    @Test
    void missingFileIsAnError() {
        LoadException e = assertBadLoadLeavesStoreUnchanged(sources.resolve("nope.csv"));
        assertThat(e.getMessage()).contains("nope.csv").contains("existing file");
    }

    @Test
    void shapeViolationIsReportedWithLineAndFieldAndNothingIsCommitted() throws IOException {
        assertThat(load(sources).committed()).isTrue();
        List<String> before = snapshot();
        write(
                "more.memberships.csv",
                "partnership,member,role,illustrative\nnewham-cdrp,met-police,lead-body,true\nnewham-cdrp,probation,member,true\n");
        LoadReport report = load(dir.resolve("more/more.memberships.csv"));

        assertThat(report.committed()).isFalse();
        assertThat(report.conforms()).isFalse();
        assertThat(report.violations()).hasSize(1);
        LoadProblem problem = report.violations().get(0);
        assertThat(problem.file()).endsWith("more.memberships.csv");
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.field()).isEqualTo("member");
        assertThat(problem.found()).isEqualTo(IRIS.id("organisation", "probation"));
        assertThat(problem.expected()).contains("existing Organisation (org:Organization)");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void sourcesLoadedTogetherMayReferToEachOtherInAnyOrder() {
        LoadReport report = load(
                sources.resolve("memberships.csv"),
                sources.resolve("partnerships.csv"),
                sources.resolve("organisations.csv"),
                sources.resolve("localities.csv"),
                sources.resolve("schemes.ttl"));
        assertThat(report.committed()).isTrue();
    }

    @Test
    void honoursAConfiguredBase() {
        AtlasIris other = new AtlasIris("https://data.example.gov.uk/atlas/");
        LoadReport report =
                Loader.into(store).iris(other).sources(List.of(sources)).run();
        assertThat(report.committed()).isTrue();
        DatasetGraph dsg = store.datasetGraph();
        store.read(d -> {
            assertThat(dsg.contains(
                            other.graph("schemes"), uri(other.id("problem-domain", "crime")), Node.ANY, Node.ANY))
                    .isTrue();
            assertThat(dsg.contains(Node.ANY, uri(IRIS.id("problem-domain", "crime")), Node.ANY, Node.ANY))
                    .isFalse();
            return null;
        });
    }

    @Test
    void warningsDoNotStopALoad() throws IOException {
        write("more.organisations.csv", "id,name,kind,sector\nnewham-pct,Newham PCT,council,public\n");
        LoadReport report = load(sources, dir.resolve("more/more.organisations.csv"));
        assertThat(report.committed()).isTrue();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w.expected()).contains("illustrative"));
    }
}
