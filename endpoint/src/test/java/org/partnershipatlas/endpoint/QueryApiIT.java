package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/** The query API over real HTTP on the sample data: every library query, its formats, and its errors. */
class QueryApiIT {
    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final QueryCatalogue CATALOGUE = QueryCatalogue.load();

    @BeforeAll
    static void start() {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        server = AtlasServer.builder(store).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String accept) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String query(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static JsonObject json(HttpResponse<byte[]> response) {
        return JSON.parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The same named query run straight on the store, for comparison with what the API returns. */
    static long rowsInStore(NamedQuery q) {
        Query bound = new QueryBinder(AtlasIris.DEFAULT).bind(q, q.examples());
        return Txn.calculateRead(store.datasetGraph(), () -> {
            try (QueryExec exec =
                    QueryExec.dataset(store.datasetGraph()).query(bound).build()) {
                return (long) ResultSet.adapt(exec.select()).rewindable().size();
            }
        });
    }

    @Test
    void every_select_query_of_the_library_runs_with_its_example_in_every_format() throws Exception {
        for (NamedQuery q : CATALOGUE.list()) {
            if (q.returnsGraph()) {
                continue;
            }
            String path = "api/queries/" + q.name() + query(q.examples());
            var json = get(path, "application/sparql-results+json");
            assertThat(json.statusCode()).as(q.name()).isEqualTo(200);
            ResultSetRewindable rs = ResultSetMgr.read(new ByteArrayInputStream(json.body()), ResultSetLang.RS_JSON)
                    .rewindable();
            assertThat((long) rs.size()).as(q.name()).isEqualTo(rowsInStore(q)).isGreaterThan(0);

            var xml = get(path, "application/sparql-results+xml");
            assertThat(ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML)
                            .rewindable()
                            .size())
                    .as(q.name())
                    .isEqualTo(rs.size());
            var csv = get(path, "text/csv");
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            var tsv = get(path, "text/tab-separated-values");
            assertThat(tsv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/tab-separated-values");
            var html = get(path, "text/html");
            assertThat(new String(html.body(), StandardCharsets.UTF_8))
                    .contains("<table>")
                    .contains(q.summary().replace("'", "&#39;"));
        }
    }

    @Test
    void the_partnership_map_of_newham_lists_every_newham_partnership() throws Exception {
        Set<String> expected = SampleData.rows("partnerships.csv").stream()
                .filter(r -> List.of(r.get("localities").split(";")).contains("newham"))
                .map(r -> AtlasIris.DEFAULT.id("partnership", r.get("id")))
                .collect(Collectors.toSet());
        var response =
                get("api/queries/partnership-map?locality=id/locality/newham", "application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        Set<String> found = new java.util.HashSet<>();
        rs.forEachRemaining(row -> found.add(row.getResource("partnership").getURI()));
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void graph_query_in_turtle_json_ld_and_n_triples() throws Exception {
        String path = "api/queries/describe-resource?resource=id/partnership/newham-cdrp";
        for (Lang lang : List.of(Lang.TURTLE, Lang.JSONLD, Lang.NTRIPLES)) {
            var response = get(path, lang.getHeaderString());
            assertThat(response.statusCode()).as(lang.getLabel()).isEqualTo(200);
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(response.body()))
                    .lang(lang)
                    .parse(g);
            assertThat(g.size()).as(lang.getLabel()).isGreaterThan(10);
        }
        assertThat(get(path + "&format=nt", "text/turtle")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("application/n-triples");
    }

    @Test
    void errors_name_the_parameter() throws Exception {
        var missing = get("api/queries/partnership-map", "application/json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("parameter").getAsString().value()).isEqualTo("locality");

        var hostile =
                get("api/queries/partnership-map" + query(Map.of("locality", "\"} DROP ALL #")), "application/json");
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(json(hostile).get("parameter").getAsString().value()).isEqualTo("locality");

        var hostile2 = get("api/queries/partnership-map" + query(Map.of("locality", "> } ; <")), "application/json");
        assertThat(hostile2.statusCode()).isEqualTo(400);

        var newline = get(
                "api/queries/partnership-map" + query(Map.of("locality", "id/locality/newham\n} ?s ?p ?o")),
                "application/json");
        assertThat(newline.statusCode()).isEqualTo(400);

        var unknown = get("api/queries/partnership-map?locality=id/locality/newham&colour=red", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").getAsString().value()).contains("colour");

        assertThat(get("api/queries/no-such-query", "application/json").statusCode())
                .isEqualTo(404);
        assertThat(get("api/queries/partnership-map?locality=id/locality/newham", "image/png")
                        .statusCode())
                .isEqualTo(406);
        assertThat(get("api/queries/partnership-map?locality=id/locality/newham&format=pdf", "*/*")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void an_unknown_iri_gives_an_empty_answer() throws Exception {
        var response =
                get("api/queries/partnership-map?locality=id/locality/atlantis", "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON)
                        .rewindable()
                        .size())
                .isZero();
    }

    @Test
    void the_listing_and_the_openapi_description_come_from_the_rq_headers() throws Exception {
        var list = json(get("api/queries", "application/json"));
        List<String> names = new ArrayList<>();
        for (JsonValue v : list.get("queries").getAsArray()) {
            names.add(v.getAsObject().get("name").getAsString().value());
        }
        assertThat(names)
                .containsExactlyElementsOf(
                        CATALOGUE.list().stream().map(NamedQuery::name).toList());

        var openapi = json(get("api/openapi.json", "application/json"));
        assertThat(openapi.get("openapi").getAsString().value()).startsWith("3.");
        JsonObject paths = openapi.get("paths").getAsObject();
        for (NamedQuery q : CATALOGUE.list()) {
            JsonObject op = paths.get("/api/queries/" + q.name())
                    .getAsObject()
                    .get("get")
                    .getAsObject();
            List<String> params = new ArrayList<>();
            op.get("parameters")
                    .getAsArray()
                    .forEach(p ->
                            params.add(p.getAsObject().get("name").getAsString().value()));
            assertThat(params)
                    .containsAll(q.params().stream().map(p -> p.name()).toList());
        }
    }

    @Test
    void the_examples_page_has_a_labelled_form_per_query() throws Exception {
        var page = get("api/queries", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        for (NamedQuery q : CATALOGUE.list()) {
            assertThat(html).contains("action=\"queries/" + q.name() + "\"");
            q.params().forEach(p -> assertThat(html).contains("<label for=\"" + q.name() + "-" + p.name() + "\""));
        }
        assertThat(html).contains("<datalist").contains("Newham");
    }
}
