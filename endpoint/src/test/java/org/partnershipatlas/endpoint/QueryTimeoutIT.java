package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;

/** A query that runs past the configured timeout is stopped with an error instead of hanging the connection. */
class QueryTimeoutIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void query_past_the_timeout_is_stopped() throws Exception {
        try (AtlasStore store = SampleData.loadInto(dir.resolve("tdb2"))) {
            AtlasServer server = AtlasServer.builder(store)
                    .port(0)
                    .queryTimeout(Duration.ofSeconds(1))
                    .build()
                    .start();
            try {
                String heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
                long start = System.nanoTime();
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query="
                                                + URLEncoder.encode(heavy, StandardCharsets.UTF_8)))
                                        .header("Accept", "application/sparql-results+json")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(took).isLessThan(Duration.ofSeconds(30));
                HttpResponse<String> light = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(server.sparqlUrl() + "?query="
                                                + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(light.statusCode()).isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }
}
