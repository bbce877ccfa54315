package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.loaders.changes.ChangeLog;

/**
 * Resource documents come from the server's cache with strong ETags: the same bytes and tag each time, 304 for a
 * tag the client has, one entry per format, and new bytes and a new tag as soon as a load (or any other commit)
 * changes the data; unknown resources stay 404.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocCacheIT {
    static final String PASSWORD = "correct horse battery staple";
    static final String CDRP = "doc/partnership/newham-cdrp";
    static final String ADDED = "doc/organisation/cache-test-body";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData().admin("admin", PASSWORD);

    static String etag(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").orElse(null);
    }

    /** Loads one organisations source through the admin API, as an admin would. */
    static void upload(String name) throws Exception {
        String csv = "id,name,kind,sector,illustrative\ncache-test-body," + name
                + ",voluntary-organisation,voluntary-community,true\n";
        var r = atlas.postSource("cacheit.organisations.csv", csv, "admin", PASSWORD);
        assertThat(r.statusCode()).as(r.text()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void getDocTwiceSameBytesAndStrongEtag200() throws Exception {
        var first = atlas.get(CDRP, "text/turtle");
        var second = atlas.get(CDRP, "text/turtle");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(etag(first)).startsWith("\"").endsWith("\"").isEqualTo(etag(second));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.text()).contains("Newham");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");
        assertThat(first.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(first.headers().allValues("Vary")).contains("Accept");
        assertThat(first.headers().firstValue("Content-Location")).hasValue("/" + CDRP + ".ttl");
        // The suffixed URL is the same representation, so it has the same tag (and no Vary).
        var suffixed = atlas.get(CDRP + ".ttl");
        assertThat(etag(suffixed)).isEqualTo(etag(first));
        assertThat(suffixed.body()).isEqualTo(first.body());
        assertThat(suffixed.headers().allValues("Vary")).doesNotContain("Accept");
    }

    @Test
    @Order(2)
    void getDocIfNoneMatch304WithoutBody() throws Exception {
        String etag = etag(atlas.get(CDRP, "text/turtle"));
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            var r = atlas.get(CDRP, "text/turtle", "If-None-Match", ifNoneMatch);
            assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(etag(r)).isEqualTo(etag);
            assertThat(r.headers().firstValue("Cache-Control")).isPresent();
            assertThat(r.headers().allValues("Vary")).contains("Accept");
        }
        var other = atlas.get(CDRP, "text/turtle", "If-None-Match", "\"not-this-one\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isNotEmpty();
        // The tag of one format does not stand for another.
        var json = atlas.get(CDRP, "application/ld+json", "If-None-Match", etag);
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void headDoc200WithTheHeadersOfGetAndNoBody() throws Exception {
        var got = atlas.get(CDRP, "text/html");
        var head = atlas.send(atlas.request(CDRP)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "text/html"));
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
    void getDocEachFormatCachedSeparately() throws Exception {
        List<String> types = List.of(
                "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml", "text/html");
        Set<String> etags = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (String type : types) {
                var r = atlas.get(CDRP, type);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
                var again = atlas.get(CDRP, type);
                assertThat(again.body()).as(type).isEqualTo(r.body());
                etags.add(etag(r));
            }
        }
        assertThat(etags).hasSize(types.size());
        assertThat(atlas.get(CDRP, "application/n-triples").text()).doesNotContain("@prefix");
        assertThat(atlas.get(CDRP, "text/html").text()).contains("<!DOCTYPE html>");
    }

    @Test
    @Order(5)
    void getDocJsonldRefersToTheContextOnTheHostAsked() throws Exception {
        String viaName = atlas.url() + CDRP;
        String viaAddress = viaName.replace("localhost", "127.0.0.1");
        var byName = atlas.get(viaName, "application/ld+json");
        var byAddress = atlas.get(viaAddress, "application/ld+json");
        assertThat(new String(byName.body(), StandardCharsets.UTF_8))
                .contains("localhost:" + atlas.server().port() + "/context.jsonld");
        assertThat(new String(byAddress.body(), StandardCharsets.UTF_8))
                .contains("127.0.0.1:" + atlas.server().port() + "/context.jsonld");
        assertThat(etag(byAddress)).isNotEqualTo(etag(byName));
        // Turtle does not depend on the host: one representation.
        assertThat(etag(atlas.get(viaAddress, "text/turtle"))).isEqualTo(etag(atlas.get(viaName, "text/turtle")));
    }

    @Test
    @Order(6)
    void getDocUnknown404IsNotCachedAsADocument() throws Exception {
        for (int i = 0; i < 2; i++) {
            var r = atlas.get(ADDED, "text/turtle");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("ETag")).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        }
        assertThat(atlas.get(ADDED, "text/turtle", "If-None-Match", "*").statusCode())
                .isEqualTo(404);
        upload("Cache Test Body");
        var added = atlas.get(ADDED, "text/turtle");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.text()).contains("Cache Test Body");
    }

    @Test
    @Order(7)
    void getDocAfterAnAdminLoadHasANewEtagAndTheNewData() throws Exception {
        var before = atlas.get(ADDED, "text/turtle");
        var beforePage = atlas.get(ADDED, "text/html");
        var cdrpBefore = atlas.get(CDRP, "text/turtle");
        assertThat(before.text()).contains("Cache Test Body");
        // A page's footer names the change-log entry its data is as of: the store's newest.
        String headBefore = atlas.store().read(ChangeLog::headOf);
        assertThat(headBefore).isNotNull();
        assertThat(beforePage.text()).contains("Made from change-log entry <code>" + headBefore);
        assertThat(atlas.get(ADDED, "text/turtle", "If-None-Match", etag(before))
                        .statusCode())
                .isEqualTo(304);

        upload("Renamed Cache Test Body");

        var after = atlas.get(ADDED, "text/turtle", "If-None-Match", etag(before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(etag(after)).isNotEqualTo(etag(before));
        assertThat(after.text()).contains("Renamed Cache Test Body");
        var afterPage = atlas.get(ADDED, "text/html");
        assertThat(etag(afterPage)).isNotEqualTo(etag(beforePage));
        assertThat(afterPage.text()).contains("Renamed Cache Test Body");
        String headAfter = atlas.store().read(ChangeLog::headOf);
        assertThat(headAfter).isNotEqualTo(headBefore);
        assertThat(afterPage.text()).contains("Made from change-log entry <code>" + headAfter);
        assertThat(atlas.get("", "text/html").text()).contains("Made from change-log entry <code>" + headAfter);
        assertThat(atlas.get(ADDED, "text/turtle").body()).isEqualTo(after.body());
        // Every document's tag names the data it was made from, so a load changes them all; the body of one the
        // load did not touch stays the same.
        var cdrpAfter = atlas.get(CDRP, "text/turtle", "If-None-Match", etag(cdrpBefore));
        assertThat(cdrpAfter.statusCode()).isEqualTo(200);
        assertThat(cdrpAfter.body()).isEqualTo(cdrpBefore.body());
    }

    @Test
    @Order(8)
    void getDocAfterAGatekeeperDecisionShowsIt() throws Exception {
        var before = atlas.get(CDRP, "text/html");
        assertThat(before.text()).doesNotContain("Gatekeeper decisions with this as concerns");
        String decision = "{\"proposal\": {\"title\": \"Cache Test Task Force\", \"purpose\": \"Reduce burglary.\","
                + " \"localities\": [\"newham\"], \"domains\": [\"volume-crime\"], \"members\": [\"newham-council\","
                + " \"metropolitan-police-service\"]}, \"outcome\": \"merged\", \"concerns\": [\"newham-cdrp\"],"
                + " \"reason\": \"The CDRP already does this.\"}";
        var recorded = atlas.post(
                "api/proposals/decisions",
                "application/json",
                decision,
                null,
                "Authorization",
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(recorded.statusCode()).as(recorded.text()).isEqualTo(201);
        var after = atlas.get(CDRP, "text/html", "If-None-Match", etag(before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.text()).contains("Decision on Cache Test Task Force: merged");
    }
}
