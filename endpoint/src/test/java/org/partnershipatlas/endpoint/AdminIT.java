package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The admin API on a running server: off without admins, 401 without the right credentials, and with them: a reload
 * and an upload that readers see all at once (never a mix of old and new), loads that fail and change nothing, and
 * an online backup that equals the atlas.store().
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminIT {
    static final String PASSWORD = "correct horse battery staple";
    static final AtlasIris IRIS = AtlasIris.DEFAULT;

    static Map<String, String> first;
    static String oldLabel;
    static final String NEW_LABEL = "Renamed By The Admin Reload";

    // The folder the server reloads from: the sample data, with one organisation renamed and one added.
    @RegisterExtension
    static final AtlasFixture atlas = AtlasFixture.sampleData()
            .publishDumps()
            .sourcesCopy()
            .prepare(fixture -> renameOneAndAddOne(fixture.sources()))
            .admin("admin", PASSWORD)
            .backups()
            .server((builder, fixture) -> builder.maxUploadBytes(256 * 1024));

    static AtlasServer closed;

    @BeforeAll
    static void startClosed() throws Exception {
        closed = atlas.another((builder, fixture) -> builder.sources(fixture.sources()));
    }

    static void renameOneAndAddOne(Path sources) throws IOException {
        List<Map<String, String>> rows = SampleData.rows("organisations.csv");
        first = rows.get(0);
        oldLabel = first.get("name");
        Path orgs = sources.resolve("organisations.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(orgs, StandardCharsets.UTF_8));
        String header = lines.get(0).replace("\uFEFF", "");
        List<String> columns = List.of(header.split(","));
        lines.set(1, csvRow(columns, first, Map.of("name", NEW_LABEL)));
        lines.add(csvRow(columns, first, Map.of("id", "added-by-reload", "name", "Added By Reload")));
        Files.write(orgs, lines, StandardCharsets.UTF_8);
    }

    static String csvRow(List<String> columns, Map<String, String> row, Map<String, String> changes) {
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            String v = changes.getOrDefault(c, row.getOrDefault(c, ""));
            cells.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", cells);
    }

    static HttpResponse<String> send(AtlasServer s, String method, String path, byte[] body, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> snapshot() {
        return atlas.store()
                .read(dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
    }

    /** The renamed organisation's label and the number of organisations, read in one query. */
    static String state() throws Exception {
        String q = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                + "SELECT ?label ?n { { SELECT (COUNT(DISTINCT ?o) AS ?n) { GRAPH <"
                + IRIS.graph("organisations").getURI()
                + "> { ?o skos:prefLabel ?l } } } <" + IRIS.id("organisation", first.get("id"))
                + "> skos:prefLabel ?label }";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.server().sparqlUrl() + "?query="
                                        + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                                .header("Accept", "text/tab-separated-values")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().lines().skip(1).findFirst().orElse("");
    }

    @Test
    @Order(1)
    void everyAdminOperationIsOffWithoutAdmins() throws Exception {
        List<String> before = snapshot();
        assertThat(send(closed, "POST", "admin/reload", null, AtlasFixture.basicAuth("admin", PASSWORD))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(closed, "POST", "admin/backup", null, null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> upload = send(
                closed,
                "POST",
                "admin/sources/organisations.csv",
                "id\n".getBytes(),
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("switched off");
        assertThat(send(closed, "GET", "admin/backups", null, null).statusCode())
                .isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void everyAdminOperationNeedsTheRightCredentials() throws Exception {
        List<String> before = snapshot();
        for (String authorization : new String[] {
            null,
            AtlasFixture.basicAuth("admin", "wrong"),
            AtlasFixture.basicAuth("nobody", PASSWORD),
            "Basic !!!notbase64",
            "Bearer x",
            AtlasFixture.basicAuth("admin", "")
        }) {
            for (String path : List.of("admin/reload", "admin/backup", "admin/sources/organisations.csv")) {
                HttpResponse<String> r = send(atlas.server(), "POST", path, "x".getBytes(), authorization);
                assertThat(r.statusCode()).as(path + " " + authorization).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            }
            assertThat(send(atlas.server(), "GET", "admin/backups", null, authorization)
                            .statusCode())
                    .isEqualTo(401);
        }
        assertThat(send(atlas.server(), "GET", "admin/reload", null, AtlasFixture.basicAuth("admin", PASSWORD))
                        .statusCode())
                .isEqualTo(405);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(Files.exists(atlas.dir().resolve("backups"))).isFalse();
    }

    @Test
    @Order(3)
    void aReloadIsSeenAllAtOnceAndReadersKeepAnswering() throws Exception {
        String before = state();
        assertThat(before).contains(oldLabel);
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (loading.get()) {
                        long t0 = System.nanoTime();
                        seen.merge(state(), 1, Integer::sum);
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                    }
                } catch (Exception e) {
                    seen.merge("error: " + e, 1, Integer::sum);
                }
            });
            t.start();
            readers.add(t);
        }
        HttpResponse<String> reload =
                send(atlas.server(), "POST", "admin/reload", null, AtlasFixture.basicAuth("admin", PASSWORD));
        loading.set(false);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(reload.body())
                .contains("\"committed\" : true")
                .doesNotContain(atlas.dir().toString());
        String after = state();
        assertThat(after).contains(NEW_LABEL);
        int oldCount = Integer.parseInt(before.split("\t")[1].replaceAll("\\D", ""));
        assertThat(after.split("\t")[1]).contains(Integer.toString(oldCount + 1));
        // Every answer during the reload was the old state or the new one: never the new label with the old count.
        assertThat(seen.keySet()).isSubsetOf(before, after);
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf(
                "Reads during the reload: %d answers, median %d ms, max %d ms; states seen: %s%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), seen);
        // The release files were written again from the new data.
        String manifest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "dumps/manifest.tsv"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(manifest).contains("# data-version " + atlas.store().dataVersion());
    }

    @Test
    @Order(4)
    void anUploadReplacesItsSourceGraph() throws Exception {
        byte[] original = Files.readAllBytes(SampleData.directory().resolve("organisations.csv"));
        HttpResponse<String> r = send(
                atlas.server(),
                "POST",
                "admin/sources/organisations.csv",
                original,
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains(IRIS.graph("organisations").getURI()).doesNotContain("uploads");
        assertThat(state()).contains(oldLabel);
        try (var left = Files.list(atlas.dir().resolve("uploads"))) {
            assertThat(left).as("uploaded files are removed after the load").isEmpty();
        }
    }

    @Test
    @Order(5)
    void aBadUploadIsExplainedAndChangesNothing() throws Exception {
        List<String> before = snapshot();
        String bad = "id,name,kind,sector\nbroken-org,Broken,council,public\n\"unterminated,Broken,council,public\n";
        HttpResponse<String> r = send(
                atlas.server(),
                "POST",
                "admin/sources/organisations.csv",
                bad.getBytes(),
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("organisations.csv")
                .doesNotContain(atlas.dir().toString());

        String dangling = "id,name,kind,sector,locality\nnew-org,New Org,council,public,atlantis\n";
        HttpResponse<String> violation = send(
                atlas.server(),
                "POST",
                "admin/sources/organisations.csv",
                dangling.getBytes(),
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(violation.statusCode()).as(violation.body()).isIn(400, 422);
        assertThat(violation.body()).contains("atlantis");

        HttpResponse<String> badName = send(
                atlas.server(),
                "POST",
                "admin/sources/..%2F..%2Fevil.csv",
                bad.getBytes(),
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(badName.statusCode()).isBetween(400, 404);
        assertThat(Files.exists(atlas.dir().resolve("evil.csv"))).isFalse();

        HttpResponse<String> tooBig = send(
                atlas.server(),
                "POST",
                "admin/sources/organisations.csv",
                new byte[300 * 1024],
                AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void anOnlineBackupEqualsTheStore() throws Exception {
        HttpResponse<String> made =
                send(atlas.server(), "POST", "admin/backup", null, AtlasFixture.basicAuth("admin", PASSWORD));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String name = made.body().replaceAll("(?s).*\"file\" : \"([^\"]+)\".*", "$1");
        assertThat(name).startsWith("atlas-backup-").endsWith(".nq.gz");
        assertThat(send(atlas.server(), "GET", "admin/backups", null, AtlasFixture.basicAuth("admin", PASSWORD))
                        .body())
                .contains(name);
        HttpResponse<byte[]> file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(atlas.url() + "admin/backups/" + name))
                                .header("Authorization", AtlasFixture.basicAuth("admin", PASSWORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        String sum = send(
                        atlas.server(),
                        "GET",
                        "admin/backups/" + name + ".sha256",
                        null,
                        AtlasFixture.basicAuth("admin", PASSWORD))
                .body();
        assertThat(sum).startsWith(sha256(file.body())).contains(name);
        assertThat(send(atlas.server(), "GET", "admin/backups/" + name, null, null)
                        .statusCode())
                .isEqualTo(401);

        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(file.body()))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(copy);
        }
        atlas.store().read(dsg -> {
            List<Node> graphs = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining(graphs::add);
            assertThat(graphs).hasSizeGreaterThan(5);
            for (Node g : graphs) {
                assertThat(IsoMatcher.isomorphic(dsg.getGraph(g), copy.getGraph(g)))
                        .as("graph %s", g)
                        .isTrue();
            }
            assertThat(copy.stream().count()).isEqualTo(dsg.stream().count());
            return null;
        });
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
