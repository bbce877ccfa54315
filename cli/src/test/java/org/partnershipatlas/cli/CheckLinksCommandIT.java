package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partnershipatlas.cli.AtlasCliIT.atlas;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/** {@code atlas check-links} against a local page: refused without --allow-private, checked with it. */
class CheckLinksCommandIT {
    @TempDir
    Path dir;

    @Test
    void check_links_refuses_loopback_unless_allowed_and_never_goes_faster_than_a_second() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        site.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/page") ? 200 : 404, -1);
            ex.close();
        });
        site.start();
        Path store = dir.resolve("tdb2");
        try (AtlasStore s = AtlasStore.open(store)) {
            Node doc = NodeFactory.createURI(AtlasIris.DEFAULT.id("guidance", "a"));
            Node page = NodeFactory.createURI(
                    "http://127.0.0.1:" + site.getAddress().getPort() + "/page");
            Txn.executeWrite(
                    s.datasetGraph(),
                    () -> s.datasetGraph().add(AtlasIris.DEFAULT.graph("guidance"), doc, FOAF.page.asNode(), page));
        }
        try {
            AtlasCliIT.Result refused = atlas("check-links", "--store", store.toString());
            assertThat(refused.exit()).as(refused.err()).isZero();
            assertThat(refused.out()).contains("Checked 1 links").contains("blocked");
            assertThat(requests.get()).isZero();

            AtlasCliIT.Result checked = atlas("check-links", "--store", store.toString(), "--allow-private");
            assertThat(checked.exit()).as(checked.err()).isZero();
            assertThat(checked.out()).contains("Checked 1 links").contains("ok ");
            assertThat(requests.get()).isEqualTo(3); // robots.txt, HEAD /page, the soft-404 probe (404)

            AtlasCliIT.Result tooFast = atlas("check-links", "--store", store.toString(), "--per-host-seconds", "0.5");
            assertThat(tooFast.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(tooFast.err()).contains("at least 1 s");
        } finally {
            site.stop(0);
        }
    }
}
