package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A query that runs past the configured timeout is stopped with an error instead of hanging the connection. */
class QueryTimeoutIT {
    @RegisterExtension
    static final AtlasFixture atlas =
            AtlasFixture.sharedSampleData().server((builder, fixture) -> builder.queryTimeout(Duration.ofSeconds(1)));

    @Test
    @Timeout(60)
    void queryPastTheTimeoutIsStopped() throws Exception {
        String heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl() + "?query="
                                        + URLEncoder.encode(heavy, StandardCharsets.UTF_8)))
                                .header("Accept", "application/sparql-results+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        HttpResponse<String> light = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl() + "?query="
                                        + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(light.statusCode()).isEqualTo(200);
    }
}
