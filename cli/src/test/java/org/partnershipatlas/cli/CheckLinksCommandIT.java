package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.cli.CliResult.atlas;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/** {@code atlas check-links} against a local page: refused without --allow-private, checked with it. */
class CheckLinksCommandIT {
    @TempDir
    Path dir;

    @Test
    void checkLinksRefusesLoopbackUnlessAllowedAndNeverGoesFasterThanASecond() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        site.createContext("/", ex -> {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/wayback")) { // the Internet Archive's availability API, as a stub
                byte[] json = ("{\"archived_snapshots\": {\"closest\": {\"available\": true, \"timestamp\":"
                                + " \"20020610000000\", \"url\": \"http://web.archive.org/web/20020610000000/gone\"}}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, json.length);
                ex.getResponseBody().write(json);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(path.equals("/page") ? 200 : path.equals("/gone") ? 410 : 404, -1);
            ex.close();
        });
        site.start();
        Path store = dir.resolve("tdb2");
        String root = "http://127.0.0.1:" + site.getAddress().getPort();
        try (AtlasStore s = AtlasStore.open(store)) {
            Node doc = NodeFactory.createURI(AtlasIris.DEFAULT.id("guidance", "a"));
            Node g = AtlasIris.DEFAULT.graph("guidance");
            Txn.executeWrite(s.datasetGraph(), () -> {
                s.datasetGraph().add(g, doc, FOAF.page.asNode(), NodeFactory.createURI(root + "/page"));
                s.datasetGraph().add(g, doc, DCTerms.source.asNode(), NodeFactory.createURI(root + "/gone"));
                s.datasetGraph().add(g, doc, DCTerms.issued.asNode(), NodeFactory.createLiteralString("2002-06"));
            });
        }
        try {
            CliResult refused = atlas("check-links", "--store", store.toString());
            assertThat(refused.exit()).as(refused.err()).isZero();
            assertThat(refused.out()).contains("Checked 2 links").contains("blocked  ");
            assertThat(requests.get()).isZero();

            CliResult checked = atlas(
                    "check-links",
                    "--store",
                    store.toString(),
                    "--allow-private",
                    "--archives",
                    "--wayback",
                    root + "/wayback");
            assertThat(checked.exit()).as(checked.err()).isZero();
            assertThat(checked.out())
                    .contains("Checked 2 links")
                    .contains("Dead: 1")
                    .contains("gone ");
            assertThat(checked.out()).contains("Archived copies found: 1");
            // robots.txt, HEAD /gone, HEAD /page, the soft-404 probe (404), the archive lookup for /gone
            assertThat(requests.get()).isEqualTo(5);

            CliResult report = atlas("check-links", "--store", store.toString(), "--report");
            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(report.out())
                    .contains("DEAD Gone (410): " + root + "/gone")
                    .contains("archived copy: http://web.archive.org/web/20020610000000/gone")
                    .doesNotContain("/page");
            assertThat(requests.get()).isEqualTo(5);

            CliResult tooFast = atlas("check-links", "--store", store.toString(), "--per-host-seconds", "0.5");
            assertThat(tooFast.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(tooFast.err()).contains("at least 1 s");
            // atlas serve takes the same politeness for POST /admin/check-links, and refuses the same before serving.
            CliResult serveTooFast =
                    atlas("serve", "--store", store.toString(), "--port", "0", "--link-check-per-host-seconds", "0.5");
            assertThat(serveTooFast.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(serveTooFast.err()).contains("at least 1 s");
        } finally {
            site.stop(0);
        }
    }
}
