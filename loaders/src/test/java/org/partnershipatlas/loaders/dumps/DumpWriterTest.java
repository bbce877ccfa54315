package org.partnershipatlas.loaders.dumps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * The union files of a release hold each triple of the store once, however many graphs hold it; a release told to stop
 * gives up and leaves the one in place as it was.
 */
class DumpWriterTest {
    @TempDir
    Path dir;

    static Node uri(String s) {
        return NodeFactory.createURI("https://example.org/" + s);
    }

    @Test
    void aTripleInSeveralGraphsIsWrittenOnceInTheUnion() throws IOException {
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            Txn.executeWrite(store.datasetGraph(), () -> {
                for (int i = 0; i < 50; i++) {
                    for (String g : new String[] {"g1", "g2", "g3"}) {
                        if (i % 3 == 0 || g.equals("g1")) {
                            store.datasetGraph().add(uri(g), uri("s" + i), uri("p"), uri("o" + (i % 7)));
                        }
                    }
                    store.datasetGraph().add(uri("g2"), uri("s" + i), uri("q"), NodeFactory.createLiteralString("v"));
                }
            });
            Path dumps = dir.resolve("dumps");
            new DumpWriter(store, AtlasIris.DEFAULT).write(dumps);
            long nt = lines(dumps.resolve(DumpWriter.UNION_NTRIPLES));
            assertThat(nt).isEqualTo(100);
            Graph turtle = GraphFactory.createDefaultGraph();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dumps.resolve(DumpWriter.UNION_TURTLE)))) {
                RDFParser.source(in).lang(Lang.TURTLE).parse(turtle);
            }
            assertThat(turtle.size()).isEqualTo(100);
            assertThat(lines(dumps.resolve(DumpWriter.ALL_QUADS))).isEqualTo(50 + 17 * 2 + 50);
        }
    }

    @Test
    void aReleaseToldToStopLeavesThePreviousOneAndNoUnfinishedFolder() throws IOException {
        try (AtlasStore store = AtlasStore.open(dir.resolve("tdb2"))) {
            Txn.executeWrite(
                    store.datasetGraph(), () -> store.datasetGraph().add(uri("g1"), uri("s"), uri("p"), uri("o")));
            Path dumps = dir.resolve("dumps");
            DumpManifest previous = new DumpWriter(store, AtlasIris.DEFAULT).write(dumps);
            Txn.executeWrite(store.datasetGraph(), () -> {
                for (int i = 0; i < 1000; i++) {
                    store.datasetGraph().add(uri("g2"), uri("s" + i), uri("p"), uri("o"));
                }
            });
            // Stopped part way through reading the quads, as a server stopping does.
            AtomicInteger asked = new AtomicInteger();
            assertThatThrownBy(() -> new DumpWriter(store, AtlasIris.DEFAULT)
                            .stopWhen(() -> asked.incrementAndGet() > 500)
                            .write(dumps))
                    .isInstanceOf(CancellationException.class);
            assertThat(asked.get()).isGreaterThan(500);
            assertThat(DumpManifest.read(dumps)).contains(previous);
            assertThat(lines(dumps.resolve(DumpWriter.ALL_QUADS))).isEqualTo(1);
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("dumps")))
                        .containsExactly("dumps");
            }
        }
    }

    static long lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .count();
        }
    }
}
