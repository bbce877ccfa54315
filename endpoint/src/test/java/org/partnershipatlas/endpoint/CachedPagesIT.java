package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The locality maps, rationalisation reports, domain pages, search, the guidance catalogue and the type indexes are
 * kept until the data (or the text index) changes: the same bytes and a
 * strong ETag on a second visit, 304 for the tag, one copy per {@code Accept}, no copy of an error, and the new data
 * as soon as a load commits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CachedPagesIT {
    static final String PASSWORD = "correct horse battery staple";
    static final String NEWHAM = "localities/newham";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData().admin("admin", PASSWORD);

    static String etag(AtlasFixture.Response r) {
        return r.headers().firstValue("ETag").orElse(null);
    }

    /** Loads a partnerships source with one partnership in Newham, named {@code name}, through the admin API. */
    static void upload(String name) throws Exception {
        String csv = "id,name,alt_name,type,localities,umbrella,domains,purpose,start_date,end_date,homepage,source,"
                + "illustrative\nnewham-cache-test," + name + ",,cdrp,newham,newham-lsp,volume-crime,"
                + "A partnership made by a test of the page cache.,2002-04,,,,true\n";
        var r = atlas.postSource("cachedpages.partnerships.csv", csv, "admin", PASSWORD);
        assertThat(r.statusCode()).as(r.text()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void aSecondVisitGetsTheSameBytesAndTagAndTheTagGets304() throws Exception {
        for (String page : new String[] {
            NEWHAM,
            "reports/newham",
            "domains",
            "domains/crime-and-community-safety",
            "search?q=burglary",
            "guidance",
            "doc/partnership"
        }) {
            var first = atlas.get(page, "text/html");
            var second = atlas.get(page, "text/html");
            assertThat(first.statusCode()).as(page).isEqualTo(200);
            assertThat(second.statusCode()).as(page).isEqualTo(200);
            assertThat(etag(first)).as(page).startsWith("\"").endsWith("\"").isEqualTo(etag(second));
            assertThat(second.body()).as(page).isEqualTo(first.body());
            assertThat(second.headers().firstValue("Content-Type"))
                    .isEqualTo(first.headers().firstValue("Content-Type"));
            assertThat(second.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, must-revalidate");
            var revalidated = atlas.get(page, "text/html", "If-None-Match", etag(first));
            assertThat(revalidated.statusCode()).as(page).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
            assertThat(atlas.get(page, "text/html", "If-None-Match", "\"another\"")
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(atlas.get(NEWHAM, "text/html").text()).contains("Newham Crime and Disorder Reduction Partnership");
    }

    @Test
    @Order(2)
    void eachAcceptHasItsOwnCopyWithItsHeaders() throws Exception {
        for (int round = 0; round < 2; round++) {
            var json = atlas.get("reports/newham", "application/json");
            var csv = atlas.get("reports/newham", "text/csv");
            var html = atlas.get("reports/newham", "text/html");
            assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(json.text()).startsWith("{");
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains("newham-overlaps.csv");
            assertThat(html.text()).contains("<!DOCTYPE html>");
            assertThat(json.headers().allValues("Vary")).contains("Accept");
            assertThat(html.headers().allValues("Vary")).contains("Accept");
            assertThat(etag(json)).isNotEqualTo(etag(csv)).isNotEqualTo(etag(html));
            // A 304 carries what the 200 would, Vary included.
            var revalidated = atlas.get("reports/newham", "application/json", "If-None-Match", etag(json));
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(revalidated.headers().allValues("Vary")).contains("Accept");
        }
    }

    @Test
    @Order(3)
    void anErrorIsNotKept() throws Exception {
        for (int i = 0; i < 2; i++) {
            var missing = atlas.get("localities/nowhere-at-all", "text/html");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("ETag")).isEmpty();
            var unacceptable = atlas.get("reports/newham", "image/png");
            assertThat(unacceptable.statusCode()).isEqualTo(406);
            assertThat(unacceptable.headers().firstValue("ETag")).isEmpty();
        }
    }

    @Test
    @Order(4)
    void pagesReadFromTheTextIndexFollowItsRebuildsEvenWithoutACommit() throws Exception {
        var search = atlas.get("search?q=burglary", "text/html");
        var guidance = atlas.get("guidance", "text/html");
        var locality = atlas.get(NEWHAM, "text/html");
        var typeIndex = atlas.get("doc/partnership", "text/html");
        // A load rebuilds the index after its commit: between the two, a page made from the new data and the old
        // index must not be kept as the new data's.
        atlas.store().textIndex().rebuild(atlas.store().datasetGraph());
        var searchAgain = atlas.get("search?q=burglary", "text/html", "If-None-Match", etag(search));
        assertThat(searchAgain.statusCode()).isEqualTo(200);
        assertThat(etag(searchAgain)).isNotEqualTo(etag(search));
        assertThat(searchAgain.body()).isEqualTo(search.body());
        assertThat(etag(atlas.get("guidance", "text/html"))).isNotEqualTo(etag(guidance));
        assertThat(etag(atlas.get("doc/partnership", "text/html"))).isNotEqualTo(etag(typeIndex));
        assertThat(atlas.get(NEWHAM, "text/html", "If-None-Match", etag(locality))
                        .statusCode())
                .as("the locality map does not read the index")
                .isEqualTo(304);
    }

    @Test
    @Order(5)
    void aLoadShowsAtOnceWithANewTag() throws Exception {
        var before = atlas.get(NEWHAM, "text/html");
        var reportBefore = atlas.get("reports/newham", "application/json");
        assertThat(before.text()).doesNotContain("Cache Test Partnership");
        var searchBefore = atlas.get("search?q=cache+test", "text/html");
        assertThat(searchBefore.text()).doesNotContain("Cache Test Partnership");
        assertThat(atlas.get("search?q=cache+test", "text/html").body()).isEqualTo(searchBefore.body());

        upload("Cache Test Partnership");

        var after = atlas.get(NEWHAM, "text/html", "If-None-Match", etag(before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(etag(after)).isNotEqualTo(etag(before));
        assertThat(after.text()).contains("Cache Test Partnership");
        assertThat(atlas.get("reports/newham", "application/json").text()).contains("Cache Test Partnership");
        assertThat(etag(atlas.get("reports/newham", "application/json"))).isNotEqualTo(etag(reportBefore));
        // Search reads the text index, which the load rebuilt after it committed.
        assertThat(atlas.get("search?q=cache+test", "text/html").text()).contains("Cache Test Partnership");

        upload("Renamed Cache Test Partnership");

        var renamed = atlas.get(NEWHAM, "text/html");
        assertThat(renamed.text()).contains("Renamed Cache Test Partnership");
        assertThat(atlas.get(NEWHAM, "text/html").body()).isEqualTo(renamed.body());
        assertThat(atlas.get("search?q=cache+test", "text/html").text()).contains("Renamed Cache Test Partnership");
    }
}
