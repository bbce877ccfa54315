package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No request changes the data: every write path of the SPARQL protocols is refused, and the store is unchanged. On
 * the JVM's shared sample store (nothing here writes, unless the server is wrong, and then this test fails).
 */
class ReadOnlyIT {
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sharedSampleData();

    static List<String> snapshot() {
        return atlas.store()
                .read(dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    static int send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(atlas.url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        // A new client each time: after refusing a write the server may close the connection, and a reused
        // connection would then fail on the client side, not in the server's answer we are testing.
        return HttpClient.newHttpClient()
                .send(b.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void everyWritePathIsRefusedAndNothingChanges() throws Exception {
        List<String> before = snapshot();
        String drop = "DROP ALL";
        String form = "update=" + URLEncoder.encode(drop, StandardCharsets.UTF_8);
        String turtle = "<http://example.org/s> <http://example.org/p> <http://example.org/o> .";
        String graph = "?graph="
                + URLEncoder.encode("https://w3id.org/partnership-atlas/graph/localities", StandardCharsets.UTF_8);

        assertThat(send("POST", "atlas/update", "application/x-www-form-urlencoded", form))
                .isEqualTo(404);
        assertThat(send("POST", "atlas/update", "application/sparql-update", drop))
                .isEqualTo(404);
        assertThat(send("POST", "atlas", "application/x-www-form-urlencoded", form))
                .isBetween(400, 405);
        assertThat(send("POST", "atlas", "application/sparql-update", drop)).isBetween(400, 415);
        assertThat(send("POST", "atlas/sparql", "application/sparql-update", drop))
                .isBetween(400, 415);
        for (String method : List.of("PUT", "POST", "DELETE")) {
            assertThat(send(method, "atlas/data" + graph, "text/turtle", turtle))
                    .as(method)
                    .isEqualTo(405);
            assertThat(send(method, "atlas/data?default", "text/turtle", turtle))
                    .as(method)
                    .isEqualTo(405);
            assertThat(send(method, "atlas" + graph, "text/turtle", turtle))
                    .as(method)
                    .isBetween(400, 415);
        }
        assertThat(send("POST", "atlas/upload", "text/turtle", turtle)).isEqualTo(404);
        assertThat(send("PATCH", "atlas", "application/rdf-patch", "A <x:s> <x:p> <x:o> ."))
                .isBetween(400, 415);
        assertThat(snapshot()).isEqualTo(before);
    }
}
