package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.PA;

/** The sample data in a real TDB2 store behind the real server on a free port, queried over real HTTP. */
class SparqlProtocolIT {
    static final String NEWHAM_PARTNERSHIPS = """
            PREFIX pa: <https://w3id.org/partnership-atlas/def#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?p WHERE { ?p a pa:Partnership ; dcterms:spatial <https://w3id.org/partnership-atlas/id/locality/newham> }
            """;

    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;
    static HttpClient http = HttpClient.newHttpClient();
    static Set<String> expectedNewham;

    @BeforeAll
    static void start() throws IOException {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        server = AtlasServer.builder(store).port(0).build().start();
        expectedNewham = SampleData.rows("partnerships.csv").stream()
                .filter(r -> Arrays.asList(r.get("localities").split(";")).contains("newham"))
                .map(r -> AtlasIris.DEFAULT.id("partnership", r.get("id")))
                .collect(Collectors.toSet());
        assertThat(expectedNewham).hasSizeGreaterThanOrEqualTo(7);
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
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
    void get_select_json_gives_the_partnerships_of_a_locality() throws Exception {
        var response = get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(column(rs, "p")).isEqualTo(expectedNewham);
    }

    @Test
    void get_select_xml_csv_and_tsv() throws Exception {
        var xml = get("atlas/query?query=" + q(NEWHAM_PARTNERSHIPS), "application/sparql-results+xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML), "p"))
                .isEqualTo(expectedNewham);

        var csv = get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines =
                new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("p");
        assertThat(Set.copyOf(lines.subList(1, lines.size()))).isEqualTo(expectedNewham);

        var tsv = get("atlas/sparql?query=" + q(NEWHAM_PARTNERSHIPS), "text/tab-separated-values");
        assertThat(tsv.statusCode()).isEqualTo(200);
        assertThat(new String(tsv.body(), StandardCharsets.UTF_8))
                .contains("<" + expectedNewham.iterator().next() + ">");
    }

    @Test
    void post_form_and_post_direct_queries() throws Exception {
        var form = http.send(
                HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/sparql-results+json")
                        .POST(HttpRequest.BodyPublishers.ofString("query=" + q(NEWHAM_PARTNERSHIPS)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(new ByteArrayInputStream(form.body()), ResultSetLang.RS_JSON), "p"))
                .isEqualTo(expectedNewham);

        var direct = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "atlas"))
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
    void count_over_named_graphs_matches_the_store() throws Exception {
        long quads = Txn.calculateRead(
                store.datasetGraph(), () -> store.datasetGraph().stream().count());
        var response = get(
                "atlas/sparql?query=" + q("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
                "application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(rs.next().getLiteral("n").getLong()).isEqualTo(quads).isGreaterThan(10_000);
    }

    @Test
    void construct_in_turtle_and_json_ld() throws Exception {
        String construct = "CONSTRUCT { ?l ?p ?o } WHERE { BIND(<" + AtlasIris.DEFAULT.id("locality", "newham")
                + "> AS ?l) ?l ?p ?o }";
        Node newham = NodeFactory.createURI(AtlasIris.DEFAULT.id("locality", "newham"));
        Node gss = NodeFactory.createLiteralString("E09000025");
        for (var format : List.of(Lang.TURTLE, Lang.JSONLD)) {
            var response = get("atlas/sparql?query=" + q(construct), format.getHeaderString());
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
    void default_graph_is_the_union_of_the_named_graphs() throws Exception {
        var response = get(
                "atlas/sparql?query=" + q("ASK { <" + AtlasIris.DEFAULT.id("locality", "newham") + "> ?p ?o }"),
                "application/sparql-results+json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("true");
        var gsp = get("atlas/data?default", "application/n-triples");
        assertThat(gsp.statusCode()).isEqualTo(200);
        Graph union = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(gsp.body()))
                .lang(Lang.NTRIPLES)
                .parse(union);
        long expected = Txn.calculateRead(store.datasetGraph(), () ->
                (long) store.datasetGraph().getUnionGraph().size());
        assertThat((long) union.size()).isEqualTo(expected).isGreaterThan(10_000);
    }

    @Test
    void gsp_serves_one_named_graph_and_404_for_unknown() throws Exception {
        String graph = AtlasIris.DEFAULT.graph("localities").getURI();
        var response = get("atlas/data?graph=" + q(graph), "text/turtle");
        assertThat(response.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(response.body()))
                .lang(Lang.TURTLE)
                .parse(g);
        assertThat(g.find(Node.ANY, PA.gssCode.asNode(), Node.ANY).toList())
                .hasSize(SampleData.rows("localities.csv").size());
        assertThat(get("atlas/data?graph=" + q(graph + "-nope"), "text/turtle").statusCode())
                .isEqualTo(404);
    }

    @Test
    void cors_lets_other_sites_query() throws Exception {
        var preflight = http.send(
                HttpRequest.newBuilder(URI.create(server.sparqlUrl()))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://portal.example.org")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "Content-Type")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query=" + q("ASK {}")))
                        .header("Origin", "https://portal.example.org")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin").orElse(""))
                .isIn("*", "https://portal.example.org");
    }

    @Test
    void home_page_describes_the_service_and_its_examples_run() throws Exception {
        var home = get("", "text/html");
        assertThat(home.statusCode()).isEqualTo(200);
        String html = new String(home.body(), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("Partnership Atlas")
                .contains(server.sparqlUrl())
                .contains("query library");
        var link = java.util.regex.Pattern.compile("href=\"(api/queries/partnership-map\\?[^\"]+)\"")
                .matcher(html);
        assertThat(link.find()).as(html).isTrue();
        var run = get(link.group(1).replace("&amp;", "&"), "text/html");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).contains("Newham");
        assertThat(get("static/atlas.css", "text/css").statusCode()).isEqualTo(200);
        assertThat(get("no/such/page", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("$/ping", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void full_text_search_is_usable_from_sparql() throws Exception {
        String query = """
                PREFIX text: <http://jena.apache.org/text#>
                PREFIX dcterms: <http://purl.org/dc/terms/>
                SELECT ?s WHERE { ?s text:query (dcterms:title "partnership") }
                """;
        var response = get("atlas/sparql?query=" + q(query), "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        assertThat(column(rs, "s")).isNotEmpty();
    }

    @Test
    void bad_query_is_400() throws Exception {
        assertThat(get("atlas/sparql?query=" + q("SELEKT * {}"), "application/sparql-results+json")
                        .statusCode())
                .isEqualTo(400);
    }
}
