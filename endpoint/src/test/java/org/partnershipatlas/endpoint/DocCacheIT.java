package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * Resource documents come from the server's cache with strong ETags: the same bytes and tag each time, 304 for a
 * tag the client has, one entry per format, and new bytes and a new tag as soon as a load (or any other commit)
 * changes the data; unknown resources stay 404.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocCacheIT {
    static final String PASSWORD = "correct horse battery staple";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CDRP = "doc/partnership/newham-cdrp";
    static final String ADDED = "doc/organisation/cache-test-body";

    @TempDir
    static Path dir;

    static AtlasStore store;
    static AtlasServer server;

    @BeforeAll
    static void start() throws Exception {
        store = SampleData.loadInto(dir.resolve("tdb2"));
        Path credentials = dir.resolve("admins");
        Files.writeString(credentials, AdminCredentials.hash("admin", PASSWORD.toCharArray()) + "\n");
        server = AtlasServer.builder(store)
                .port(0)
                .admins(AdminCredentials.read(credentials))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", server.url() + path, headers);
    }

    static HttpResponse<byte[]> send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String etag(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").orElse(null);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Loads one organisations source through the admin API, as an admin would. */
    static void upload(String name) throws Exception {
        String csv = "id,name,kind,sector,illustrative\ncache-test-body," + name
                + ",voluntary-organisation,voluntary-community,true\n";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "admin/sources/cacheit.organisations.csv"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(csv))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void get_doc_twice_same_bytes_and_strong_etag_200() throws Exception {
        var first = get(CDRP, "Accept", "text/turtle");
        var second = get(CDRP, "Accept", "text/turtle");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(etag(first)).startsWith("\"").endsWith("\"").isEqualTo(etag(second));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(text(first)).contains("Newham");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");
        assertThat(first.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(first.headers().allValues("Vary")).contains("Accept");
        assertThat(first.headers().firstValue("Content-Location")).hasValue("/" + CDRP + ".ttl");
        // The suffixed URL is the same representation, so it has the same tag (and no Vary).
        var suffixed = get(CDRP + ".ttl");
        assertThat(etag(suffixed)).isEqualTo(etag(first));
        assertThat(suffixed.body()).isEqualTo(first.body());
        assertThat(suffixed.headers().allValues("Vary")).doesNotContain("Accept");
    }

    @Test
    @Order(2)
    void get_doc_if_none_match_304_without_body() throws Exception {
        String etag = etag(get(CDRP, "Accept", "text/turtle"));
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            var r = get(CDRP, "Accept", "text/turtle", "If-None-Match", ifNoneMatch);
            assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(etag(r)).isEqualTo(etag);
            assertThat(r.headers().firstValue("Cache-Control")).isPresent();
            assertThat(r.headers().allValues("Vary")).contains("Accept");
        }
        var other = get(CDRP, "Accept", "text/turtle", "If-None-Match", "\"not-this-one\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isNotEmpty();
        // The tag of one format does not stand for another.
        var json = get(CDRP, "Accept", "application/ld+json", "If-None-Match", etag);
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void head_doc_200_with_the_headers_of_get_and_no_body() throws Exception {
        var got = get(CDRP, "Accept", "text/html");
        var head = send("HEAD", server.url() + CDRP, "Accept", "text/html");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(etag(head)).isEqualTo(etag(got));
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(got.headers().firstValue("Content-Type"));
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(got.body().length));
        assertThat(head.headers().firstValue("Link")).isEqualTo(got.headers().firstValue("Link"));
    }

    @Test
    @Order(4)
    void get_doc_each_format_cached_separately() throws Exception {
        List<String> types = List.of(
                "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml", "text/html");
        Set<String> etags = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (String type : types) {
                var r = get(CDRP, "Accept", type);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
                var again = get(CDRP, "Accept", type);
                assertThat(again.body()).as(type).isEqualTo(r.body());
                etags.add(etag(r));
            }
        }
        assertThat(etags).hasSize(types.size());
        assertThat(text(get(CDRP, "Accept", "application/n-triples"))).doesNotContain("@prefix");
        assertThat(text(get(CDRP, "Accept", "text/html"))).contains("<!DOCTYPE html>");
    }

    @Test
    @Order(5)
    void get_doc_jsonld_refers_to_the_context_on_the_host_asked() throws Exception {
        String viaName = server.url() + CDRP;
        String viaAddress = viaName.replace("localhost", "127.0.0.1");
        var byName = send("GET", viaName, "Accept", "application/ld+json");
        var byAddress = send("GET", viaAddress, "Accept", "application/ld+json");
        assertThat(new String(byName.body(), StandardCharsets.UTF_8))
                .contains("localhost:" + server.port() + "/context.jsonld");
        assertThat(new String(byAddress.body(), StandardCharsets.UTF_8))
                .contains("127.0.0.1:" + server.port() + "/context.jsonld");
        assertThat(etag(byAddress)).isNotEqualTo(etag(byName));
        // Turtle does not depend on the host: one representation.
        assertThat(etag(send("GET", viaAddress, "Accept", "text/turtle")))
                .isEqualTo(etag(send("GET", viaName, "Accept", "text/turtle")));
    }

    @Test
    @Order(6)
    void get_doc_unknown_404_is_not_cached_as_a_document() throws Exception {
        for (int i = 0; i < 2; i++) {
            var r = get(ADDED, "Accept", "text/turtle");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("ETag")).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        }
        assertThat(get(ADDED, "Accept", "text/turtle", "If-None-Match", "*").statusCode())
                .isEqualTo(404);
        upload("Cache Test Body");
        var added = get(ADDED, "Accept", "text/turtle");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(text(added)).contains("Cache Test Body");
    }

    @Test
    @Order(7)
    void get_doc_after_an_admin_load_has_a_new_etag_and_the_new_data() throws Exception {
        var before = get(ADDED, "Accept", "text/turtle");
        var beforePage = get(ADDED, "Accept", "text/html");
        var cdrpBefore = get(CDRP, "Accept", "text/turtle");
        assertThat(text(before)).contains("Cache Test Body");
        assertThat(get(ADDED, "Accept", "text/turtle", "If-None-Match", etag(before))
                        .statusCode())
                .isEqualTo(304);

        upload("Renamed Cache Test Body");

        var after = get(ADDED, "Accept", "text/turtle", "If-None-Match", etag(before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(etag(after)).isNotEqualTo(etag(before));
        assertThat(text(after)).contains("Renamed Cache Test Body");
        var afterPage = get(ADDED, "Accept", "text/html");
        assertThat(etag(afterPage)).isNotEqualTo(etag(beforePage));
        assertThat(text(afterPage)).contains("Renamed Cache Test Body");
        assertThat(get(ADDED, "Accept", "text/turtle").body()).isEqualTo(after.body());
        // Every document's tag names the data it was made from, so a load changes them all; the body of one the
        // load did not touch stays the same.
        var cdrpAfter = get(CDRP, "Accept", "text/turtle", "If-None-Match", etag(cdrpBefore));
        assertThat(cdrpAfter.statusCode()).isEqualTo(200);
        assertThat(cdrpAfter.body()).isEqualTo(cdrpBefore.body());
    }

    @Test
    @Order(8)
    void get_doc_after_a_gatekeeper_decision_shows_it() throws Exception {
        var before = get(CDRP, "Accept", "text/html");
        assertThat(text(before)).doesNotContain("Gatekeeper decisions with this as concerns");
        String decision = "{\"proposal\": {\"title\": \"Cache Test Task Force\", \"purpose\": \"Reduce burglary.\","
                + " \"localities\": [\"newham\"], \"domains\": [\"volume-crime\"], \"members\": [\"newham-council\","
                + " \"metropolitan-police-service\"]}, \"outcome\": \"merged\", \"concerns\": [\"newham-cdrp\"],"
                + " \"reason\": \"The CDRP already does this.\"}";
        HttpResponse<String> recorded = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "api/proposals/decisions"))
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(decision))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        var after = get(CDRP, "Accept", "text/html", "If-None-Match", etag(before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(text(after)).contains("Decision on Cache Test Task Force: merged");
    }
}
