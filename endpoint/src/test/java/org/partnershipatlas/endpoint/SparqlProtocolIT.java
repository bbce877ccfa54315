package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/** The sample data in a real TDB2 store behind the real server on a free port, queried over real HTTP. */
class SparqlProtocolIT {
    static final String NEWHAM_PARTNERSHIPS = """
            PREFIX pa: <https://w3id.org/partnership-atlas/def#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?p WHERE { ?p a pa:Partnership ; dcterms:spatial <https://w3id.org/partnership-atlas/id/locality/newham> }
            """;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static Set<String> expectedNewham;

    @BeforeAll
    static void start() throws IOException {
        expectedNewham = SampleData.rows("partnerships.csv").stream()
                .filter(r -> Arrays.asList(r.get("localities").split(";")).contains("newham"))
                .map(r -> AtlasIris.DEFAULT.id("partnership", r.get("id")))
                .collect(Collectors.toSet());
        assertThat(expectedNewham).hasSizeGreaterThanOrEqualTo(7);
    }

    static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    static Set<String> column(ResultSet rs, String var) {
        Set<String> values = new java.util.HashSet<>();
        rs.forEachRemaining(row -> values.add(row.get(var).toString()));
        return values;
    }

    @Test
    void getSelectJsonGivesThePartnershipsOfALocality() throws Exception {
        var response = atlas.get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(column(rs, "p")).isEqualTo(expectedNewham);
    }

    @Test
    void getSelectXmlCsvAndTsv() throws Exception {
        var xml = atlas.get("atlas/query?query=" + q(NEWHAM_PARTNERSHIPS), "application/sparql-results+xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML), "p"))
                .isEqualTo(expectedNewham);

        var csv = atlas.get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines =
                new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("p");
        assertThat(Set.copyOf(lines.subList(1, lines.size()))).isEqualTo(expectedNewham);

        var tsv = atlas.get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "text/tab-separated-values");
        assertThat(tsv.statusCode()).isEqualTo(200);
        assertThat(new String(tsv.body(), StandardCharsets.UTF_8))
                .contains("<" + expectedNewham.iterator().next() + ">");
    }

    @Test
    void postFormAndPostDirectQueries() throws Exception {
        var form = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "application/sparql-results+json")
                                .POST(HttpRequest.BodyPublishers.ofString("query=" + q(NEWHAM_PARTNERSHIPS)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(new ByteArrayInputStream(form.body()), ResultSetLang.RS_JSON), "p"))
                .isEqualTo(expectedNewham);

        var direct = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "atlas"))
                                .header("Content-Type", "application/sparql-query")
                                .header("Accept", "application/sparql-results+json")
                                .POST(HttpRequest.BodyPublishers.ofString(NEWHAM_PARTNERSHIPS))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(new ByteArrayInputStream(direct.body()), ResultSetLang.RS_JSON), "p"))
                .isEqualTo(expectedNewham);
    }

    @Test
    void countOverNamedGraphsMatchesTheStore() throws Exception {
        long quads = Txn.calculateRead(
                atlas.store().datasetGraph(),
                () -> atlas.store().datasetGraph().stream().count());
        var response = atlas.get(
                "atlas/sparql?query=" + q("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
                "application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(rs.next().getLiteral("n").getLong()).isEqualTo(quads).isGreaterThan(10_000);
    }

    @Test
    void constructInTurtleAndJsonLd() throws Exception {
        String construct = "CONSTRUCT { ?l ?p ?o } WHERE { BIND(<" + AtlasIris.DEFAULT.id("locality", "newham")
                + "> AS ?l) ?l ?p ?o }";
        Node newham = NodeFactory.createURI(AtlasIris.DEFAULT.id("locality", "newham"));
        Node gss = NodeFactory.createLiteralString("E09000025");
        for (var format : List.of(Lang.TURTLE, Lang.JSONLD)) {
            var response = atlas.get("atlas/sparql?query=" + q(construct), format.getHeaderString());
            assertThat(response.statusCode()).as(format.getLabel()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(format.getHeaderString());
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(response.body()))
                    .lang(format)
                    .parse(g);
            assertThat(g.contains(newham, PA.gssCode.asNode(), gss))
                    .as(format.getLabel())
                    .isTrue();
        }
    }

    @Test
    void defaultGraphIsTheUnionOfTheNamedGraphs() throws Exception {
        var response = atlas.get(
                "atlas/sparql?query=" + q("ASK { <" + AtlasIris.DEFAULT.id("locality", "newham") + "> ?p ?o }"),
                "application/sparql-results+json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("true");
        var gsp = atlas.get("atlas/data?default", "application/n-triples");
        assertThat(gsp.statusCode()).isEqualTo(200);
        Graph union = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(gsp.body()))
                .lang(Lang.NTRIPLES)
                .parse(union);
        long expected = Txn.calculateRead(atlas.store().datasetGraph(), () ->
                (long) atlas.store().datasetGraph().getUnionGraph().size());
        assertThat((long) union.size()).isEqualTo(expected).isGreaterThan(10_000);
    }

    @Test
    void gspServesOneNamedGraphAnd404ForUnknown() throws Exception {
        String graph = AtlasIris.DEFAULT.graph("localities").getURI();
        var response = atlas.get("atlas/data?graph=" + q(graph), "text/turtle");
        assertThat(response.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body()))
                .lang(Lang.TURTLE)
                .parse(g);
        assertThat(g.find(Node.ANY, PA.gssCode.asNode(), Node.ANY).toList())
                .hasSize(SampleData.rows("localities.csv").size());
        assertThat(atlas.get("atlas/data?graph=" + q(graph + "-nope"), "text/turtle")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void corsLetsOtherSitesQuery() throws Exception {
        var preflight = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl()))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://portal.example.org")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "Content-Type")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();
        var response = atlas.client()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl() + "?query=" + q("ASK {}")))
                                .header("Origin", "https://portal.example.org")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin").orElse(""))
                .isIn("*", "https://portal.example.org");
    }

    @Test
    void homePageDescribesTheServiceAndItsExamplesRun() throws Exception {
        var home = atlas.get("", "text/html");
        assertThat(home.statusCode()).isEqualTo(200);
        String html = new String(home.body(), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("Partnership Atlas")
                .contains(atlas.server().sparqlUrl())
                .contains("query library");
        var link = java.util.regex.Pattern.compile("href=\"(api/queries/partnership-map\\?[^\"]+)\"")
                .matcher(html);
        assertThat(link.find()).as(html).isTrue();
        var run = atlas.get(link.group(1).replace("&amp;", "&"), "text/html");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).contains("Newham");
        assertThat(atlas.get("static/atlas.css", "text/css").statusCode()).isEqualTo(200);
        assertThat(atlas.get("no/such/page", "text/html").statusCode()).isEqualTo(404);
        assertThat(atlas.get("$/ping", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void fullTextSearchIsUsableFromSparql() throws Exception {
        String query = """
                PREFIX text: <http://jena.apache.org/text#>
                PREFIX dcterms: <http://purl.org/dc/terms/>
                SELECT ?s WHERE { ?s text:query (dcterms:title "partnership") }
                """;
        var response = atlas.get("atlas/sparql?query=" + q(query), "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(column(rs, "s")).isNotEmpty();
    }

    @Test
    void badQueryIs400() throws Exception {
        assertThat(atlas.get("atlas/sparql?query=" + q("SELEKT * {}"), "application/sparql-results+json")
                        .statusCode())
                .isEqualTo(400);
    }
}
