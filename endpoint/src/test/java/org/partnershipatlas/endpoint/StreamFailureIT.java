package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.sparql.PublicQueryPolicy;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * A query whose time runs out after its answer has begun (status and first rows sent) must not look complete: the
 * connection is cut, so the client sees a broken body instead of a 200 whose body ends cleanly but short.
 *
 * <p>How the timeout is made to come after the start: the store gets {@value #ROWS} resources of a test class, each
 * with a {@value #LABEL_CHARS}-character label (about 40 MB of results, far more than socket buffers hold). The
 * client reads the status and the first bytes, then stops reading for longer than the query timeout, so the server
 * is blocked writing when the time runs out; when the client reads on, the query's next row fails.
 */
class StreamFailureIT {
    static final int ROWS = 2_000;
    static final int LABEL_CHARS = 20_000;
    // Long enough for the 40 MB read at once on a busy 2-core machine (3 s failed there with a load average of 24).
    static final Duration TIMEOUT = Duration.ofSeconds(8);
    static final Duration PAUSE = TIMEOUT.plusSeconds(4);
    static final String BIG = "https://example.org/test/Big";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .prepare(fixture -> addBigResources(fixture.store()))
            .server((builder, fixture) ->
                    builder.queryTimeout(TIMEOUT).queryPolicy(new PublicQueryPolicy(1_000_000, Set.of())));

    static void addBigResources(AtlasStore store) {
        DatasetGraph dsg = store.datasetGraph();
        Node graph = NodeFactory.createURI("https://example.org/test/graph");
        Node big = NodeFactory.createURI(BIG);
        String filler = "x".repeat(LABEL_CHARS);
        Txn.executeWrite(dsg, () -> {
            for (int i = 0; i < ROWS; i++) {
                Node s = NodeFactory.createURI("https://example.org/test/big/" + i);
                dsg.add(graph, s, RDF.type.asNode(), big);
                dsg.add(
                        graph,
                        s,
                        SKOS.prefLabel.asNode(),
                        NodeFactory.createLiteralString(String.format("%05d %s", i, filler)));
            }
        });
    }

    /** What the client saw: the status, and the failure reading the body to its end (null if it ended cleanly). */
    record Outcome(int status, long bytes, IOException failure) {}

    static Outcome readWithAPause(String url, String accept) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream in = response.body()) {
            bytes += in.readNBytes(1024).length;
            Thread.sleep(PAUSE.toMillis());
            bytes += in.transferTo(OutputStream.nullOutputStream());
            return new Outcome(response.statusCode(), bytes, null);
        } catch (IOException e) {
            return new Outcome(response.statusCode(), bytes, e);
        }
    }

    @Test
    @Timeout(120)
    void queryApiReadAtOnceGivesEveryRowAndACleanEnd() throws Exception {
        HttpResponse<String> response = readAtOnce.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().count()).isEqualTo(ROWS + 1);
    }

    /**
     * The reads, started before the tests: first the whole answer read at once, then the two paused reads together.
     * Each paused read waits out the query timeout, and they need not wait one after the other (a query's time is
     * its own, a server thread each); the read at once goes alone, as three 40 MB answers at once on a busy machine
     * took it past its time limit.
     */
    static CompletableFuture<HttpResponse<String>> readAtOnce;

    static CompletableFuture<Outcome> pausedQueryApi;

    static CompletableFuture<Outcome> pausedSparql;

    @BeforeAll
    static void startTheReads() {
        readAtOnce = CompletableFuture.supplyAsync(() -> {
            try {
                return HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(atlas.url()
                                                + "api/queries/resources-of-type?format=csv&class="
                                                + URLEncoder.encode(BIG, StandardCharsets.UTF_8)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
        CompletableFuture<Void> afterIt = readAtOnce.handle((response, failure) -> null);
        pausedQueryApi = afterIt.thenApplyAsync(ignored -> readWithAPauseUnchecked(
                atlas.url() + "api/queries/resources-of-type?class=" + URLEncoder.encode(BIG, StandardCharsets.UTF_8),
                "application/sparql-results+json"));
        String query = "SELECT ?s ?label { ?s a <" + BIG + "> ; <" + SKOS.prefLabel.getURI() + "> ?label }";
        pausedSparql = afterIt.thenApplyAsync(ignored -> readWithAPauseUnchecked(
                atlas.server().sparqlUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "application/sparql-results+json"));
    }

    static Outcome readWithAPauseUnchecked(String url, String accept) {
        try {
            return readWithAPause(url, accept);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Test
    @Timeout(120)
    void queryApiTimeoutAfterStreamingBeganCutsTheConnection() throws Exception {
        Outcome outcome = pausedQueryApi.get();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.failure())
                .as("the body must not end cleanly (%d bytes)", outcome.bytes())
                .isNotNull();
    }

    @Test
    @Timeout(120)
    void sparqlEndpointTimeoutAfterStreamingBeganCutsTheConnection() throws Exception {
        Outcome outcome = pausedSparql.get();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.failure())
                .as("the body must not end cleanly (%d bytes)", outcome.bytes())
                .isNotNull();
    }
}
