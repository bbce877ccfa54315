package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.WebContent;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;

/**
 * Federation with two real servers on loopback: the Atlas, and a bare Fuseki publishing the example "federated
 * directory" ({@code docs/examples/directory.ttl}) in its own vocabulary. The README's federated query (kept in
 * {@code docs/examples/federated-directory.rq}) runs through the Atlas's allow-listed SERVICE; a host that is not on
 * the list is refused before any request leaves; LIMIT/OFFSET pages through the federated result; and Comunica, a
 * federated client written elsewhere, joins the two endpoints itself and gets the same answer.
 */
class FederationIT {
    static final Path ROOT = Path.of(System.getProperty("atlas.root"));
    static final Path COMUNICA = ROOT.resolve(".ci/node/node_modules/.bin/comunica-sparql");
    /** The directory's address in the README's query; the test's directory listens on another port. */
    static final String README_DIRECTORY = "http://localhost:3031/directory/sparql";

    static FusekiServer directory;
    static final AtomicInteger directoryHits = new AtomicInteger();
    static String directoryUrl;
    static String federatedQuery;

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData()
            .setUp(FederationIT::startDirectory)
            .server((builder, fixture) -> builder.queryPolicy(new PublicQueryPolicy(
                    PublicQueryPolicy.DEFAULT_MAX_ROWS, Set.of("localhost:" + directory.getPort()))));

    static void startDirectory(AtlasFixture fixture) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        RDFParser.source(ROOT.resolve("docs/examples/directory.ttl")).parse(dsg);
        Filter counter = (req, resp, chain) -> {
            directoryHits.incrementAndGet();
            chain.doFilter(req, resp);
        };
        directory = FusekiServer.create()
                .port(0)
                .loopback(true)
                .add("/directory", dsg)
                .addFilter("/*", counter)
                .build()
                .start();
        fixture.onClose(directory::stop);
        directoryUrl = "http://localhost:" + directory.getPort() + "/directory/sparql";
    }

    @BeforeAll
    static void readTheReadmeQuery() throws IOException {
        String readme = Files.readString(ROOT.resolve("docs/examples/federated-directory.rq"));
        assertThat(readme).contains(README_DIRECTORY);
        // The README shows the same query for users to copy.
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .contains(readme.substring(readme.indexOf("PREFIX")).strip());
        federatedQuery = readme.replace(README_DIRECTORY, directoryUrl);
    }

    /** One row of the join: domain label, service name, website. */
    record Row(String domainLabel, String name, String website) {
        static Row of(QuerySolution s) {
            return new Row(
                    s.getLiteral("domainLabel").getLexicalForm(),
                    s.getLiteral("name").getLexicalForm(),
                    s.getResource("website").getURI());
        }
    }

    /** The join computed here, from the directory's file and the atlas.store(), without any federation. */
    static List<Row> expected() {
        String q = "PREFIX pa: <https://w3id.org/partnership-atlas/def#>"
                + " PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                + " PREFIX dir: <https://directory.example.org/def#>"
                + " SELECT ?domainLabel ?name ?website WHERE { GRAPH <urn:directory> { ?service dir:addresses ?domain ;"
                + " dir:name ?name ; dir:website ?website } ?domain a pa:ProblemDomain ; skos:prefLabel ?domainLabel }"
                + " ORDER BY ?domainLabel ?name";
        DatasetGraph both = DatasetGraphFactory.createTxnMem();
        atlas.store().read(d -> {
            d.getUnionGraph().find().forEach(both.getDefaultGraph()::add);
            return null;
        });
        RDFParser.source(ROOT.resolve("docs/examples/directory.ttl"))
                .parse(both.getGraph(NodeFactory.createURI("urn:directory")));
        List<Row> rows = new ArrayList<>();
        try (QueryExec exec = QueryExec.dataset(both).query(q).build()) {
            exec.select()
                    .forEachRemaining(b -> rows.add(new Row(
                            b.get("domainLabel").getLiteralLexicalForm(),
                            b.get("name").getLiteralLexicalForm(),
                            b.get("website").getURI())));
        }
        return rows;
    }

    static HttpResponse<String> post(String query) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl()))
                                .header("Content-Type", WebContent.contentTypeSPARQLQuery)
                                .header("Accept", WebContent.contentTypeResultsJSON)
                                .POST(HttpRequest.BodyPublishers.ofString(query))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static List<Row> rows(String json) {
        ResultSet rs = ResultSetMgr.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        List<Row> out = new ArrayList<>();
        rs.forEachRemaining(s -> out.add(Row.of(s)));
        return out;
    }

    @Test
    void theReadmeQueryJoinsAtlasDomainsWithTheDirectoryThroughService() throws Exception {
        int before = directoryHits.get();
        HttpResponse<String> r = post(federatedQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Row> expected = expected();
        // Every service in the example addresses at least one Atlas domain; the join has a row per (domain, service).
        assertThat(expected).hasSizeGreaterThanOrEqualTo(16);
        assertThat(rows(r.body())).containsExactlyElementsOf(expected);
        assertThat(rows(r.body()))
                .contains(new Row("Homelessness and rough sleeping", "Shelter", "http://www.shelter.org.uk/"));
        assertThat(directoryHits.get()).isGreaterThan(before);
    }

    @Test
    void aHostThatIsNotAllowListedIsRefusedBeforeAnyRequestLeaves() throws Exception {
        int before = directoryHits.get();
        // The same server under another name: the allow-list is by host and port as written in the query.
        HttpResponse<String> r =
                post(federatedQuery.replace(directoryUrl, directoryUrl.replace("localhost", "127.0.0.1")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("not on this endpoint's allow-list");
        assertThat(directoryHits.get()).isEqualTo(before);
    }

    @Test
    void limitAndOffsetPageThroughTheFederatedResultOnce() throws Exception {
        List<Row> all = expected();
        List<Row> paged = new ArrayList<>();
        int size = 5;
        for (int offset = 0; ; offset += size) {
            HttpResponse<String> r = post(federatedQuery + " LIMIT " + size + " OFFSET " + offset);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<Row> page = rows(r.body());
            paged.addAll(page);
            if (page.size() < size) {
                break;
            }
        }
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void comunicaJoinsTheTwoEndpointsItselfAndGetsTheSameAnswer() throws Exception {
        assertThat(COMUNICA)
                .as("Comunica is installed by .ci/run (npm install --prefix .ci/node @comunica/query-sparql@4.5.0)")
                .isExecutable();
        String query = "PREFIX pa: <https://w3id.org/partnership-atlas/def#>\n"
                + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                + "PREFIX dir: <https://directory.example.org/def#>\n"
                + "SELECT ?domainLabel ?name ?website WHERE {\n"
                + "  ?domain a pa:ProblemDomain ; skos:prefLabel ?domainLabel .\n"
                + "  ?service dir:addresses ?domain ; dir:name ?name ; dir:website ?website .\n"
                + "}";
        Path out = atlas.dir().resolve("comunica.json");
        Path err = atlas.dir().resolve("comunica.err");
        Process p = new ProcessBuilder(
                        COMUNICA.toString(),
                        "sparql@" + atlas.server().sparqlUrl(),
                        "sparql@" + directoryUrl,
                        "-q",
                        query,
                        "-t",
                        WebContent.contentTypeResultsJSON)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("Comunica finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        List<Row> got = rows(Files.readString(out));
        assertThat(new HashSet<>(got)).hasSize(got.size()).isEqualTo(new HashSet<>(expected()));
        // Each join answer once, whoever joins: the Atlas through SERVICE or the client.
        assertThat(got).hasSameSizeAs(rows(post(federatedQuery).body()));
    }
}
