package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.NamedQuery;
import org.partnershipatlas.queries.QueryBinder;
import org.partnershipatlas.queries.QueryCatalogue;

/** The query API over real HTTP on the sample data: every library query, its formats, and its errors. */
class QueryApiIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static final QueryCatalogue CATALOGUE = QueryCatalogue.load();

    static String query(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** The same named query run straight on the atlas.store(), for comparison with what the API returns. */
    static long rowsInStore(NamedQuery q) {
        Query bound = new QueryBinder(AtlasIris.DEFAULT).bind(q, q.examples());
        return Txn.calculateRead(atlas.store().datasetGraph(), () -> {
            try (QueryExec exec =
                    QueryExec.dataset(atlas.store().datasetGraph()).query(bound).build()) {
                return (long) ResultSet.adapt(exec.select()).rewindable().size();
            }
        });
    }

    /** Empty on the sample data until a link check has run (LinkHealthIT asks them after one). */
    static final Set<String> NO_ROWS_BEFORE_A_LINK_CHECK = Set.of("links-needing-review", "link-health-of-resource");

    @Test
    void everySelectQueryOfTheLibraryRunsWithItsExampleInEveryFormat() throws Exception {
        for (NamedQuery q : CATALOGUE.list()) {
            if (q.returnsGraph()) {
                continue;
            }
            String path = "api/queries/" + q.name() + query(q.examples());
            var json = atlas.get(path, "application/sparql-results+json");
            assertThat(json.statusCode()).as(q.name()).isEqualTo(200);
            ResultSetRewindable rs = ResultSetMgr.read(new ByteArrayInputStream(json.body()), ResultSetLang.RS_JSON)
                    .rewindable();
            assertThat((long) rs.size()).as(q.name()).isEqualTo(rowsInStore(q));
            if (!NO_ROWS_BEFORE_A_LINK_CHECK.contains(q.name())) {
                assertThat(rs.size()).as(q.name()).isGreaterThan(0);
            }

            var xml = atlas.get(path, "application/sparql-results+xml");
            assertThat(ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML)
                            .rewindable()
                            .size())
                    .as(q.name())
                    .isEqualTo(rs.size());
            var csv = atlas.get(path, "text/csv");
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            var tsv = atlas.get(path, "text/tab-separated-values");
            assertThat(tsv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/tab-separated-values");
            var html = atlas.get(path, "text/html");
            assertThat(new String(html.body(), StandardCharsets.UTF_8))
                    .contains("<table>")
                    .contains(q.summary().replace("'", "&#39;"));
        }
    }

    @Test
    void thePartnershipMapOfNewhamListsEveryNewhamPartnership() throws Exception {
        Set<String> expected = SampleData.rows("partnerships.csv").stream()
                .filter(r -> List.of(r.get("localities").split(";")).contains("newham"))
                .map(r -> AtlasIris.DEFAULT.id("partnership", r.get("id")))
                .collect(Collectors.toSet());
        var response =
                atlas.get("api/queries/partnership-map?locality=id/locality/newham", "application/sparql-results+json");
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        Set<String> found = new java.util.HashSet<>();
        rs.forEachRemaining(row -> found.add(row.getResource("partnership").getURI()));
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void graphQueryInTurtleJsonLdAndNTriples() throws Exception {
        String path = "api/queries/describe-resource?resource=id/partnership/newham-cdrp";
        for (Lang lang : List.of(Lang.TURTLE, Lang.JSONLD, Lang.NTRIPLES)) {
            var response = atlas.get(path, lang.getHeaderString());
            assertThat(response.statusCode()).as(lang.getLabel()).isEqualTo(200);
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(response.body()))
                    .lang(lang)
                    .parse(g);
            assertThat(g.size()).as(lang.getLabel()).isGreaterThan(10);
        }
        assertThat(atlas.get(path + "&format=nt", "text/turtle")
                        .headers()
                        .firstValue("Content-Type")
                        .orElseThrow())
                .startsWith("application/n-triples");
    }

    @Test
    void errorsNameTheParameter() throws Exception {
        var missing = atlas.get("api/queries/partnership-map", "application/json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.json().get("parameter").getAsString().value()).isEqualTo("locality");

        var hostile = atlas.get(
                "api/queries/partnership-map" + query(Map.of("locality", "\"} DROP ALL #")), "application/json");
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(hostile.json().get("parameter").getAsString().value()).isEqualTo("locality");

        var hostile2 =
                atlas.get("api/queries/partnership-map" + query(Map.of("locality", "> } ; <")), "application/json");
        assertThat(hostile2.statusCode()).isEqualTo(400);

        var newline = atlas.get(
                "api/queries/partnership-map" + query(Map.of("locality", "id/locality/newham\n} ?s ?p ?o")),
                "application/json");
        assertThat(newline.statusCode()).isEqualTo(400);

        var unknown =
                atlas.get("api/queries/partnership-map?locality=id/locality/newham&colour=red", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.json().get("error").getAsString().value()).contains("colour");

        assertThat(atlas.get("api/queries/no-such-query", "application/json").statusCode())
                .isEqualTo(404);
        assertThat(atlas.get("api/queries/partnership-map?locality=id/locality/newham", "image/png")
                        .statusCode())
                .isEqualTo(406);
        assertThat(atlas.get("api/queries/partnership-map?locality=id/locality/newham&format=pdf", "*/*")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUnknownIriGivesAnEmptyAnswer() throws Exception {
        var response = atlas.get(
                "api/queries/partnership-map?locality=id/locality/atlantis", "application/sparql-results+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON)
                        .rewindable()
                        .size())
                .isZero();
    }

    @Test
    void theListingAndTheOpenapiDescriptionComeFromTheRqHeaders() throws Exception {
        var list = atlas.get("api/queries", "application/json").json();
        List<String> names = new ArrayList<>();
        for (JsonValue v : list.get("queries").getAsArray()) {
            names.add(v.getAsObject().get("name").getAsString().value());
        }
        assertThat(names)
                .containsExactlyElementsOf(
                        CATALOGUE.list().stream().map(NamedQuery::name).toList());

        var openapi = atlas.get("api/openapi.json", "application/json").json();
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
    void theExamplesPageHasALabelledFormPerQuery() throws Exception {
        var page = atlas.get("api/queries", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        for (NamedQuery q : CATALOGUE.list()) {
            assertThat(html).contains("action=\"queries/" + q.name() + "\"");
            q.params().forEach(p -> assertThat(html).contains("<label for=\"" + q.name() + "-" + p.name() + "\""));
        }
        assertThat(html).contains("<datalist").contains("Newham");
    }
}
