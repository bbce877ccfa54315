package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.endpoint.releases.ReleasesServlet;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.dumps.DumpWriter;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseWriter;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.DCAT3;

/**
 * {@code /releases/} over real HTTP: three releases of the sample data (the second adds Newham Faith Forum to Newham
 * Drug Action Team, the third is withdrawn): the index and its DCAT, immutable files with strong ETags, 304, Range
 * (206, If-Range), 410 with the reason, {@code latest} redirecting, the changes for people and as RDF Patch, and
 * which release the live data is on {@code /catalog} and the home page, until a load changes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleasesIT {
    static final String NEW_MEMBER = "partnership,member,role,start_date,end_date,source,illustrative\n"
            + "newham-dat,newham-faith-forum,member,2002-05,,,true\n";

    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .prepare(f -> release(f, "1"))
            .loadText("extra.memberships.csv", NEW_MEMBER)
            .prepare(f -> {
                release(f, "2");
                release(f, "3");
                archive(f).withdraw("3", "published by mistake");
            })
            .server((b, f) -> b.releases(f.dir().resolve("releases")));

    static ReleaseArchive archive(AtlasFixture f) {
        return new ReleaseArchive(f.dir().resolve("releases"));
    }

    static void release(AtlasFixture f, String version) {
        new ReleaseWriter(f.store(), AtlasIris.DEFAULT, archive(f), "http://localhost/").write(version);
    }

    static Release two() {
        return archive(atlas).require("2");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void the_index_lists_the_published_releases_in_html_and_as_dcat() throws Exception {
        var html = atlas.get("releases/", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.mediaType()).isEqualTo("text/html");
        assertThat(html.text()).contains("href=\"2/\"").contains("href=\"1/\"").doesNotContain("href=\"3/\"");
        assertThat(html.header("Cache-Control")).contains("no-cache");

        var turtle = atlas.get("releases/", "text/turtle");
        assertThat(turtle.statusCode()).isEqualTo(200);
        Graph catalog = turtle.graph(Lang.TURTLE);
        assertThat(catalog.find(AtlasIris.DEFAULT.dataset(), DCAT3.hasVersion.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject())
                        .toList())
                .containsExactlyInAnyOrder(AtlasIris.DEFAULT.release("1"), AtlasIris.DEFAULT.release("2"));
        assertThat(catalog.contains(
                        AtlasIris.DEFAULT.release("2"), DCAT3.previousVersion.asNode(), AtlasIris.DEFAULT.release("1")))
                .isTrue();

        var jsonld = atlas.get("releases/", "application/ld+json");
        assertThat(jsonld.statusCode()).isEqualTo(200);
        assertThat(jsonld.mediaType()).isEqualTo("application/ld+json");

        var page = atlas.get("releases/2/", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.text()).contains("Release 2").contains("atlas.nq.gz");
        assertThat(atlas.get("releases", "text/html").statusCode()).isEqualTo(302);
    }

    @Test
    void a_release_file_is_immutable_with_a_strong_etag_from_its_checksum_and_304() throws Exception {
        var response = atlas.get("releases/2/atlas.nq.gz");
        assertThat(response.statusCode()).isEqualTo(200);
        String sha = sha256(response.body());
        assertThat(DumpManifest.read(two().folder())
                        .orElseThrow()
                        .file(DumpWriter.ALL_QUADS)
                        .orElseThrow()
                        .sha256())
                .isEqualTo(sha);
        assertThat(response.header("ETag")).contains("\"" + sha + "\"");
        assertThat(response.header("Cache-Control")).contains(ReleasesServlet.IMMUTABLE);
        assertThat(response.header("Accept-Ranges")).contains("bytes");

        var again = atlas.get("releases/2/atlas.nq.gz", null, "If-None-Match", "\"" + sha + "\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(atlas.get("releases/2/atlas.nq.gz", null, "If-None-Match", "\"other\"")
                        .statusCode())
                .isEqualTo(200);

        // A file the manifest does not list has a strong tag too: its own checksum.
        var sums = atlas.get("releases/2/SHA256SUMS");
        assertThat(sums.header("ETag")).contains("\"" + sha256(sums.body()) + "\"");
        assertThat(atlas.get(
                                "releases/2/SHA256SUMS",
                                null,
                                "If-None-Match",
                                sums.header("ETag").orElseThrow())
                        .statusCode())
                .isEqualTo(304);

        var head =
                atlas.send(atlas.request("releases/2/atlas.nq.gz").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("ETag")).contains("\"" + sha + "\"");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void range_requests_get_206_and_if_range_is_checked_against_the_etag() throws Exception {
        byte[] whole = Files.readAllBytes(two().file(DumpWriter.ALL_QUADS));
        String etag = "\"" + sha256(whole) + "\"";
        var part = atlas.get("releases/2/atlas.nq.gz", null, "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).contains("bytes 100-199/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 200));

        var same = atlas.get("releases/2/atlas.nq.gz", null, "Range", "bytes=0-9", "If-Range", etag);
        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(Arrays.copyOfRange(whole, 0, 10));

        var changed = atlas.get("releases/2/atlas.nq.gz", null, "Range", "bytes=0-9", "If-Range", "\"not-it\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(whole);
    }

    @Test
    void a_withdrawn_release_is_410_with_its_reason_and_unknown_ones_404() throws Exception {
        for (String path : new String[] {"releases/3/", "releases/3/atlas.nq.gz", "releases/3/changes"}) {
            var gone = atlas.get(path, "text/html");
            assertThat(gone.statusCode()).as(path).isEqualTo(410);
            assertThat(gone.text()).as(path).contains("published by mistake");
        }
        assertThat(atlas.get("releases/9/").statusCode()).isEqualTo(404);
        assertThat(atlas.get("releases/2/no-such-file").statusCode()).isEqualTo(404);
        assertThat(atlas.get("releases/.withdrawn/3/atlas.nq.gz").statusCode()).isEqualTo(404);
        assertThat(atlas.get("releases/2/../3/atlas.nq.gz").statusCode()).isIn(400, 404, 410);
    }

    @Test
    void latest_redirects_to_the_newest_published_release_and_is_not_cached() throws Exception {
        var latest = atlas.get("releases/latest/");
        assertThat(latest.statusCode()).isEqualTo(302);
        assertThat(latest.header("Location").orElseThrow()).endsWith("/releases/2/");
        assertThat(latest.header("Cache-Control")).contains("no-cache");
        var file = atlas.get("releases/latest/atlas.nq.gz");
        assertThat(file.statusCode()).isEqualTo(302);
        assertThat(file.header("Location").orElseThrow()).endsWith("/releases/2/atlas.nq.gz");
    }

    @Test
    void the_changes_read_for_people_and_as_rdf_patch_for_programs() throws Exception {
        var text = atlas.get("releases/2/changes", "text/plain");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.text()).contains("Newham Drug Action Team: member added — Newham Faith Forum (Member)");

        var html = atlas.get("releases/2/changes", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.text())
                .contains(">Newham Drug Action Team</a>")
                .contains("member added — Newham Faith Forum (Member)")
                .contains("href=\"/doc/partnership/newham-dat\"");

        var patch = atlas.get("releases/2/changes?format=patch");
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(patch.mediaType()).isEqualTo("application/rdf-patch");
        assertThat(patch.body()).isEqualTo(Files.readAllBytes(two().file(Release.CHANGES)));
        var byAccept = atlas.get("releases/2/changes", "application/rdf-patch");
        assertThat(byAccept.body()).isEqualTo(patch.body());

        assertThat(text.header("Cache-Control")).contains(ReleasesServlet.IMMUTABLE);
        assertThat(atlas.get(
                                "releases/2/changes",
                                "text/plain",
                                "If-None-Match",
                                text.header("ETag").orElseThrow())
                        .statusCode())
                .isEqualTo(304);
        assertThat(atlas.get("releases/1/changes", "text/plain").text()).contains("the first: everything in it is new");
        // The first release's patch adds everything and is kept gzipped: served as it is under its own name, and
        // unpacked as RDF Patch at /changes.
        Release one = archive(atlas).require("1");
        var gzipped = atlas.get("releases/1/" + Release.CHANGES_GZIP);
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.body()).isEqualTo(Files.readAllBytes(one.file(Release.CHANGES_GZIP)));
        assertThat(atlas.get("releases/1/" + Release.CHANGES).statusCode()).isEqualTo(404);
        var firstPatch = atlas.get("releases/1/changes?format=patch");
        assertThat(firstPatch.mediaType()).isEqualTo("application/rdf-patch");
        try (var in = Release.openPatch(one.patchFile())) {
            assertThat(firstPatch.body()).isEqualTo(in.readAllBytes()).hasSizeGreaterThan(gzipped.body().length);
        }
        assertThat(atlas.get("releases/2/changes?format=pdf").statusCode()).isEqualTo(400);
        assertThat(atlas.get("releases/2/changes", "image/png").statusCode()).isEqualTo(406);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void catalog_void_and_home_page_name_the_release_the_live_data_is_until_it_changes() throws Exception {
        Node dataset = AtlasIris.DEFAULT.dataset();
        Graph catalog = atlas.get("catalog", "text/turtle").graph(Lang.TURTLE);
        assertThat(catalog.contains(dataset, DCAT3.hasCurrentVersion.asNode(), AtlasIris.DEFAULT.release("2")))
                .isTrue();
        Graph voidDescription = atlas.get(".well-known/void", "text/turtle").graph(Lang.TURTLE);
        assertThat(voidDescription.contains(dataset, DCAT3.hasCurrentVersion.asNode(), AtlasIris.DEFAULT.release("2")))
                .isTrue();
        var home = atlas.get("", "text/html");
        assertThat(home.text()).contains("release 2");
        String homeTag = home.header("ETag").orElseThrow();
        assertThat(atlas.get("", "text/html", "If-None-Match", homeTag).statusCode())
                .isEqualTo(304);
        // Publishing a release changes no data, yet the home page (kept until the data changes) names the newest
        // release that holds it.
        release(atlas, "4");
        var homeAfterRelease = atlas.get("", "text/html", "If-None-Match", homeTag);
        assertThat(homeAfterRelease.statusCode()).isEqualTo(200);
        assertThat(homeAfterRelease.text()).contains("release 4");
        assertThat(homeAfterRelease.header("ETag"))
                .isPresent()
                .hasValueSatisfying(t -> assertThat(t).isNotEqualTo(homeTag));
        Graph releases = atlas.get("releases/", "text/turtle").graph(Lang.TURTLE);
        assertThat(releases.contains(dataset, DCAT3.hasCurrentVersion.asNode(), AtlasIris.DEFAULT.release("4")))
                .isTrue();

        Path more = atlas.dir().resolve("more.memberships.csv");
        Files.writeString(
                more,
                "partnership,member,role,start_date,end_date,source,illustrative\n"
                        + "newham-yot,newham-faith-forum,member,2002-06,,,true\n");
        atlas.loadNow(more);

        Graph after = atlas.get("catalog", "text/turtle").graph(Lang.TURTLE);
        assertThat(after.contains(dataset, DCAT3.hasCurrentVersion.asNode(), Node.ANY))
                .isFalse();
        assertThat(after.find(dataset, RDFS.comment.asNode(), Node.ANY).toList())
                .anyMatch(t -> t.getObject().getLiteralLexicalForm().contains("no published release"));
        assertThat(atlas.get("", "text/html").text()).contains("none yet");
        assertThat(atlas.get("releases/", "text/turtle")
                        .graph(Lang.TURTLE)
                        .contains(dataset, DCAT3.hasCurrentVersion.asNode(), Node.ANY))
                .isFalse();
    }
}
