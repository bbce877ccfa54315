package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the one moment of a swap when no store is at the store's path (the old one moved aside, the new
 * one not yet moved in): the next open finds the swap's journal, finishes the swap, and the store holds all the new
 * data. The kill is {@link Runtime#halt} in a second JVM, at that moment ({@link StoreSwap#betweenMoves}): no finally
 * block or shutdown hook runs, and the operating system releases the journal's lock, as with SIGKILL.
 */
class StoreSwapCrashTest {
    static final Quad OLD = quad("old");
    static final Quad NEW = quad("new");

    @TempDir
    Path dir;

    @Test
    void aKillBetweenTheMovesLeavesAStoreThatOpensWithAllTheNewData() throws Exception {
        Path store = dir.resolve("tdb2");
        try (AtlasStore old = AtlasStore.open(store)) {
            Txn.executeWrite(old.datasetGraph(), () -> old.datasetGraph().add(OLD));
        }
        Process swap = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledSwap.class.getName(),
                        store.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(swap.getInputStream().readAllBytes());
        assertThat(swap.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(swap.exitValue()).as(output).isEqualTo(KilledSwap.KILLED);

        // The moment itself: the old store aside, the new one beside, nothing at the path, the journal left.
        assertThat(store).doesNotExist();
        assertThat(StoreSwap.journalOf(store)).exists();
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("tdb2.replaced-"))
                    .anyMatch(n -> n.startsWith("tdb2.restoring-"));
        }

        assertThat(AtlasStore.exists(store)).isTrue();
        try (AtlasStore reopened = AtlasStore.open(store)) {
            List<Quad> quads = reopened.read(dsg -> dsg.stream().toList());
            assertThat(quads).contains(NEW).doesNotContain(OLD);
        }
        assertThat(StoreSwap.journalOf(store)).doesNotExist();
        assertThat(AtlasStore.textDirectory(store)).isDirectory();
        try (var siblings = Files.list(dir)) {
            // Nothing left beside it but the old store kept aside (a restore keeps it), its index and the log.
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("tdb2.restoring-"))
                    .anyMatch(n -> n.startsWith("tdb2.replaced-"));
        }
    }

    static Quad quad(String name) {
        return Quad.create(
                NodeFactory.createURI("http://example.org/graph"),
                NodeFactory.createURI("http://example.org/" + name),
                NodeFactory.createURI("http://example.org/p"),
                NodeFactory.createLiteralString(name));
    }

    /** The second JVM: builds a new store beside the given one and swaps it in, dying between the moves. */
    public static final class KilledSwap {
        static final int KILLED = 137;

        public static void main(String[] args) {
            Path store = Path.of(args[0]);
            StoreSwap swap = StoreSwap.beside(store, "restoring");
            try (AtlasStore fresh = AtlasStore.open(swap.building())) {
                Txn.executeWrite(
                        fresh.datasetGraph(), () -> fresh.datasetGraph().add(NEW));
            }
            StoreSwap.betweenMoves = () -> Runtime.getRuntime().halt(KILLED);
            swap.commit(StoreSwap.Old.KEEP);
            System.exit(0); // not reached: the swap never finishes in this process
        }
    }
}
