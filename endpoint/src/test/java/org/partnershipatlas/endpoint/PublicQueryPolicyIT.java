package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.http.RequestGuardFilter;
import org.partnershipatlas.endpoint.sparql.GuardedQuery;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * The public endpoint's row cap and SERVICE allow-list, with real servers on loopback: the Atlas, an allow-listed
 * remote Fuseki and one that is not on the list (each counting the requests it gets); and what a client sees of a
 * server error.
 */
class PublicQueryPolicyIT {
    static FusekiServer allowed;
    static FusekiServer other;
    static final AtomicInteger allowedHits = new AtomicInteger();
    static final AtomicInteger otherHits = new AtomicInteger();

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData()
            .setUp(fixture -> {
                allowed = remote(allowedHits, "Allowed directory");
                fixture.onClose(allowed::stop);
                other = remote(otherHits, "Other directory");
                fixture.onClose(other::stop);
            })
            .server((builder, fixture) ->
                    builder.queryPolicy(new PublicQueryPolicy(5, Set.of("127.0.0.1:" + allowed.getPort()))));

    static FusekiServer remote(AtomicInteger hits, String label) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        RDFParser.fromString(
                        "<http://example.org/r1> <http://www.w3.org/2000/01/rdf-schema#label> \"" + label + "\" .",
                        Lang.TURTLE)
                .parse(dsg);
        Filter counter = (req, resp, chain) -> {
            hits.incrementAndGet();
            chain.doFilter(req, resp);
        };
        return FusekiServer.create()
                .port(0)
                .loopback(true)
                .add("/ds", dsg)
                .addFilter("/*", counter)
                .build()
                .start();
    }

    static HttpResponse<String> query(String sparql) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl() + "?query="
                                        + URLEncoder.encode(sparql, StandardCharsets.UTF_8)))
                                .header("Accept", "text/csv")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static long rows(String csv) {
        return csv.lines().count() - 1;
    }

    @Test
    void aQueryWithoutLimitGetsTheCapAndIsToldSo() throws Exception {
        HttpResponse<String> r = query("SELECT * { ?s ?p ?o }");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(rows(r.body())).isEqualTo(5);
        assertThat(r.headers().firstValue(GuardedQuery.ROW_CAP_HEADER)).contains("5");
    }

    @Test
    void aLimitWithinTheCapIsLeftAlone() throws Exception {
        HttpResponse<String> r = query("SELECT * { ?s ?p ?o } LIMIT 3");
        assertThat(rows(r.body())).isEqualTo(3);
        assertThat(r.headers().firstValue(GuardedQuery.ROW_CAP_HEADER)).isEmpty();
        HttpResponse<String> paged = query("SELECT * { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5 OFFSET 5");
        assertThat(rows(paged.body())).isEqualTo(5);
    }

    @Test
    void aLimitOverTheCapIsAClearError() throws Exception {
        HttpResponse<String> r = query("SELECT * { ?s ?p ?o } LIMIT 6");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("LIMIT 6").contains("cap of 5").contains("OFFSET");
    }

    @Test
    void askIsNotCapped() throws Exception {
        HttpResponse<String> r = query("ASK { ?s ?p ?o }");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(GuardedQuery.ROW_CAP_HEADER)).isEmpty();
    }

    @Test
    void serviceToAnAllowedHostRuns() throws Exception {
        int before = allowedHits.get();
        HttpResponse<String> r = query("SELECT ?label { SERVICE <http://127.0.0.1:" + allowed.getPort()
                + "/ds/sparql> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Allowed directory");
        assertThat(allowedHits.get()).isGreaterThan(before);
    }

    @Test
    void serviceToAnotherHostIsRefusedBeforeAnyRequestIsMade() throws Exception {
        int before = otherHits.get();
        HttpResponse<String> r = query("SELECT ?label { SERVICE <http://127.0.0.1:" + other.getPort()
                + "/ds/sparql> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("allow-list");
        HttpResponse<String> file = query("SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }");
        assertThat(file.statusCode()).isEqualTo(403);
        assertThat(otherHits.get()).isEqualTo(before);
    }

    @Test
    void aServiceChosenByTheDataIsCheckedWhenItRuns() throws Exception {
        int before = otherHits.get();
        int allowedBefore = allowedHits.get();
        String otherUrl = "http://127.0.0.1:" + other.getPort() + "/ds/sparql";
        String allowedUrl = "http://127.0.0.1:" + allowed.getPort() + "/ds/sparql";
        HttpResponse<String> r = query("SELECT ?label { VALUES ?endpoint { <" + otherUrl + "> } SERVICE ?endpoint"
                + " { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }");
        assertThat(r.body()).doesNotContain("Other directory");
        assertThat(otherHits.get()).isEqualTo(before);
        HttpResponse<String> ok = query("SELECT ?label { VALUES ?endpoint { <" + allowedUrl + "> } SERVICE ?endpoint"
                + " { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }");
        assertThat(ok.body()).contains("Allowed directory");
        assertThat(allowedHits.get()).isGreaterThan(allowedBefore);
    }

    @Test
    void withTheDefaultPolicyNoServiceRuns() throws Exception {
        int before = allowedHits.get();
        try (AtlasStore small = AtlasStore.open(atlas.dir().resolve("small"))) {
            AtlasServer closed = AtlasServer.builder(small).port(0).build().start();
            try {
                String q = "SELECT * { SERVICE <http://127.0.0.1:" + allowed.getPort() + "/ds/sparql> { ?s ?p ?o } }";
                HttpResponse<String> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(closed.sparqlUrl() + "?query="
                                                + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(403);
                assertThat(r.body()).contains("SERVICE is not allowed");
            } finally {
                closed.stop();
            }
        }
        assertThat(allowedHits.get()).isEqualTo(before);
    }

    /** Servlets that fail in the ways a server can: the client sees only the request id. */
    @Test
    void aServerErrorShowsTheRequestIdAndNothingInternal() throws Exception {
        FusekiServer failing = FusekiServer.create()
                .port(0)
                .loopback(true)
                .addFilter("/*", new RequestGuardFilter(1 << 20))
                .addServlet("/throws", new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        throw new IllegalStateException("cannot open /secret/var/tdb2/Data-0001/nodes.dat");
                    }
                })
                .addServlet("/writes", new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setStatus(500);
                        resp.getWriter()
                                .println("java.lang.RuntimeException: /secret/path\n\tat org.Secret.x(Secret.java:1)");
                    }
                })
                .addServlet("/sends", new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.sendError(500, "NullPointerException at /secret/path");
                    }
                })
                .build()
                .start();
        try {
            for (String path : new String[] {"throws", "writes", "sends"}) {
                HttpResponse<String> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + failing.getHttpPort() + "/" + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(500);
                String id =
                        r.headers().firstValue(RequestGuardFilter.REQUEST_ID).orElseThrow();
                assertThat(r.body())
                        .as(path)
                        .contains(id)
                        .doesNotContain("secret")
                        .doesNotContain("Exception");
                HostileHttpIT.assertNoLeak(r.body(), atlas.dir());
            }
        } finally {
            failing.stop();
        }
    }
}
