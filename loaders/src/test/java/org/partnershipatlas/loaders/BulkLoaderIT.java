package org.partnershipatlas.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.sparql.util.IsoMatcher;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.VOID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.OptimizerStatistics;
import org.partnershipatlas.loaders.store.StoreUnavailableException;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.queries.precomputed.StoreStatistics;

/**
 * The bulk path gives the same store as the transactional loader, keeps the graphs it does not replace, and on any
 * failure leaves the store exactly as it was, with nothing left beside it.
 */
class BulkLoaderIT {
    static final AtlasIris IRIS = AtlasIris.DEFAULT;
    static final Node DECISIONS = NodeFactory.createURI(IRIS.base() + "graph/decisions");

    /**
     * Built once for the class (each is a whole load of the sample data): the transactional loader's store that every
     * bulk strategy is compared with, and a bulk-loaded store for the tests that leave their store as it was (each
     * checks that it did, so they do not depend on their order).
     */
    @TempDir
    static Path shared;

    static Path reference;
    static Path loaded;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheSharedStores() throws IOException {
        reference = shared.resolve("reference");
        try (AtlasStore store = AtlasStore.open(reference)) {
            assertThat(Loader.into(store).sources(List.of(data())).run().committed())
                    .isTrue();
        }
        loaded = Files.createDirectories(shared.resolve("bulk")).resolve("tdb2");
        assertThat(BulkLoader.into(loaded).sources(List.of(data())).run().committed())
                .isTrue();
    }

    static Path data() {
        return Path.of(System.getProperty("atlas.data.dir"));
    }

    Path store() {
        return dir.resolve("tdb2");
    }

    /**
     * The store's data: without the provenance graph (times and activities differ) and the change log's head (the
     * store's bookkeeping: the id of the load's own entry).
     */
    static DatasetGraph withoutProvenance(Path storeDir) {
        DatasetGraph copy = DatasetGraphFactory.createGeneral();
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            store.read(dsg -> {
                dsg.find().forEachRemaining(q -> {
                    if (!q.getGraph().equals(IRIS.provenanceGraph())
                            && !q.getGraph().equals(AtlasIris.CHANGE_LOG_GRAPH)) {
                        copy.add(q);
                    }
                });
                return null;
            });
        }
        return copy;
    }

    static List<String> snapshot(Path storeDir) {
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            return store.read(
                    dsg -> dsg.stream().map(FmtUtils::stringForQuad).sorted().toList());
        }
    }

    /**
     * The folders beside the store: nothing but the store, its change log (the first bulk load's snapshot entry) and
     * its text index after any load.
     */
    Set<String> beside() throws IOException {
        return beside(store());
    }

    static Set<String> beside(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.getParent())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("tdb2"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    static void assertSameGraphs(DatasetGraph a, DatasetGraph b) {
        List<Node> namesA = new ArrayList<>();
        a.listGraphNodes().forEachRemaining(namesA::add);
        List<Node> namesB = new ArrayList<>();
        b.listGraphNodes().forEachRemaining(namesB::add);
        assertThat(namesA).containsExactlyInAnyOrderElementsOf(namesB);
        for (Node g : namesA) {
            Graph ga = GraphFactory.createDefaultGraph();
            a.getGraph(g).find().forEach(ga::add);
            Graph gb = GraphFactory.createDefaultGraph();
            b.getGraph(g).find().forEach(gb::add);
            assertThat(IsoMatcher.isomorphic(ga, gb)).as(g.getURI()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(BulkLoader.Strategy.class)
    void eachBulkLoaderGivesTheStoreTheTransactionalLoaderGives(BulkLoader.Strategy strategy) {
        LoadReport report = BulkLoader.into(store())
                .sources(List.of(data()))
                .strategy(strategy)
                .run();
        assertThat(report.committed()).isTrue();
        assertThat(report.triples()).isGreaterThan(10_000);
        assertSameGraphs(withoutProvenance(store()), withoutProvenance(reference));
        // Provenance describes the same graphs, with the same counts.
        String counts = "SELECT ?g ?n { GRAPH <" + IRIS.provenanceGraph().getURI()
                + "> { ?g <http://rdfs.org/ns/void#triples> ?n } } ORDER BY ?g";
        assertThat(select(store(), counts)).isEqualTo(select(reference, counts));
    }

    static List<String> select(Path storeDir, String query) {
        try (AtlasStore store = AtlasStore.open(storeDir)) {
            return store.read(dsg -> {
                List<String> rows = new ArrayList<>();
                try (var exec = org.apache.jena.sparql.exec.QueryExec.dataset(dsg)
                        .query(query)
                        .build()) {
                    exec.select().forEachRemaining(b -> rows.add(b.toString()));
                }
                return rows;
            });
        }
    }

    @Test
    void theNewStoreHasOptimizerStatisticsAndATextIndex() throws IOException {
        try (Stream<Path> files = Files.walk(loaded)) {
            Path stats = files.filter(p -> p.getFileName().toString().equals(OptimizerStatistics.FILE))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(stats)).contains("(count ").contains("skos/core#prefLabel");
        }
        try (AtlasStore store = AtlasStore.open(loaded)) {
            assertThat(store.textIndex().search("neighbourhood renewal", 5)).isNotEmpty();
        }
        assertThat(beside(loaded)).containsExactly("tdb2", "tdb2-log", "tdb2-text");
    }

    @Test
    void aTransactionalLoadRewritesTheOptimizerStatistics() throws IOException {
        assertThat(BulkLoader.into(store()).sources(List.of(data())).run().committed())
                .isTrue();
        Path stats;
        try (Stream<Path> files = Files.walk(store())) {
            stats = files.filter(p -> p.getFileName().toString().equals(OptimizerStatistics.FILE))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(stats, "(stats (meta (count 0)))\n"); // as if written before this data was loaded
        try (AtlasStore store = AtlasStore.open(store())) {
            assertThat(Loader.into(store).sources(List.of(data())).run().committed())
                    .isTrue();
        }
        assertThat(Files.readString(stats)).contains("(count ").contains("skos/core#prefLabel");
    }

    @Test
    void graphsTheLoadDoesNotReplaceAreKept() throws IOException {
        assertThat(BulkLoader.into(store()).sources(List.of(data())).run().committed())
                .isTrue();
        try (AtlasStore store = AtlasStore.open(store())) {
            Txn.executeWrite(
                    store.datasetGraph(),
                    () -> store.datasetGraph()
                            .add(
                                    DECISIONS,
                                    NodeFactory.createURI("urn:x:decision"),
                                    NodeFactory.createURI("urn:x:says"),
                                    NodeFactory.createLiteralString("kept")));
        }
        DatasetGraph before = withoutProvenance(store());
        // Reload one source, changed: only its graph changes.
        Path changed = Files.createDirectories(dir.resolve("changed")).resolve("localities.csv");
        List<String> lines = Files.readAllLines(data().resolve("localities.csv"), StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("Hackney", "Hackney (renamed)"));
        Files.write(changed, lines, StandardCharsets.UTF_8);
        LoadReport report = BulkLoader.into(store()).sources(List.of(changed)).run();
        assertThat(report.committed()).isTrue();
        DatasetGraph after = withoutProvenance(store());
        assertThat(after.getGraph(DECISIONS).size()).isEqualTo(1);
        Node localities = IRIS.graph("localities");
        assertThat(after.getGraph(localities).find().toList().toString()).contains("Hackney (renamed)");
        before.removeGraph(localities);
        after.removeGraph(localities);
        // The whole-store statistics count every other graph: the decision added after the first load is in them now.
        Node statistics = StoreStatistics.graph(IRIS);
        assertThat(after.getGraph(statistics)
                        .contains(Node.ANY, VOID.property.asNode(), NodeFactory.createURI("urn:x:says")))
                .isTrue();
        assertThat(before.getGraph(statistics)
                        .contains(Node.ANY, VOID.property.asNode(), NodeFactory.createURI("urn:x:says")))
                .isFalse();
        before.removeGraph(statistics);
        after.removeGraph(statistics);
        assertSameGraphs(after, before);
        assertThat(beside()).containsExactly("tdb2", "tdb2-log", "tdb2-text");
    }

    @Test
    void aBadRecordChangesNothingAndLeavesNothingBehind() throws IOException {
        List<String> before = snapshot(loaded);
        Path bad = Files.createDirectories(dir.resolve("bad")).resolve("organisations.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(data().resolve("organisations.csv")));
        lines.add(lines.get(5)); // the same organisation twice
        Files.write(bad, lines, StandardCharsets.UTF_8);
        LoadException e = catchThrowableOfType(
                LoadException.class,
                () -> BulkLoader.into(loaded).sources(List.of(bad)).run());
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains("organisations.csv")
                .contains("line " + lines.size())
                .contains("already defined");
        assertThat(snapshot(loaded)).isEqualTo(before);
        assertThat(beside(loaded)).containsExactly("tdb2", "tdb2-log", "tdb2-text");
    }

    /**
     * Validation with worker threads (bulk) and in the write transaction's thread (transactional) finds the same,
     * described the same way, and stops at the same place: the sample data with bad records added, a CSV file of
     * memberships with bad references and a Turtle file breaking the shapes in many ways.
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 7})
    void bothLoadersReportTheSameFindings(int limit) throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        List<String> lines = new ArrayList<>(Files.readAllLines(data().resolve("memberships.csv")));
        for (int i = 0; i < 40; i++) {
            lines.add(
                    i % 2 == 0
                            ? "newham-lsp,no-such-organisation-" + i + ",member,2001-06,,,true"
                            : "no-such-partnership-" + i + ",newham-council,no-such-role,2001-06,,,");
        }
        Files.write(bad.resolve("more.memberships.csv"), lines, StandardCharsets.UTF_8);
        try (var in = BulkLoaderIT.class.getResourceAsStream("validate/broken.ttl")) {
            Files.copy(in, bad.resolve("broken.ttl"));
        }
        List<Path> sources = List.of(data(), bad);
        LoadReport transactional;
        try (AtlasStore store = AtlasStore.open(dir.resolve("reference"))) {
            transactional =
                    Loader.into(store).sources(sources).violationLimit(limit).run();
        }
        LoadReport bulk =
                BulkLoader.into(store()).sources(sources).violationLimit(limit).run();
        assertThat(transactional.committed()).isFalse();
        assertThat(bulk.committed()).isFalse();
        assertThat(transactional.violations()).hasSizeGreaterThanOrEqualTo(Math.min(limit, 100));
        assertThat(transactional.truncated()).isEqualTo(limit < 100);
        if (!transactional.truncated()) {
            assertThat(transactional.violations().toString())
                    .contains("more.memberships.csv")
                    .contains("broken.ttl");
        }
        assertThat(bulk.violations()).containsExactlyElementsOf(transactional.violations());
        assertThat(bulk.warnings()).containsExactlyElementsOf(transactional.warnings());
        assertThat(bulk.truncated()).isEqualTo(transactional.truncated());
    }

    @Test
    void aViolationChangesNothingAndLeavesNothingBehind() throws IOException {
        List<String> before = snapshot(loaded);
        Path bad = Files.createDirectories(dir.resolve("bad")).resolve("memberships.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(data().resolve("memberships.csv")));
        lines.add("newham-lsp,no-such-organisation,member,2001-06,,,true");
        Files.write(bad, lines, StandardCharsets.UTF_8);
        LoadReport report = BulkLoader.into(loaded).sources(List.of(bad)).run();
        assertThat(report.committed()).isFalse();
        assertThat(report.violations().toString()).contains("memberships.csv").contains("line " + lines.size());
        assertThat(snapshot(loaded)).isEqualTo(before);
        assertThat(beside(loaded)).containsExactly("tdb2", "tdb2-log", "tdb2-text");
    }

    @Test
    void aStoreInUseIsRefusedAndUntouched() throws IOException {
        List<String> before = snapshot(loaded);
        try (AtlasStore inUse = AtlasStore.open(loaded)) {
            Throwable e = catchThrowableOfType(
                    StoreUnavailableException.class,
                    () -> BulkLoader.into(loaded).sources(List.of(data())).run());
            assertThat(e).isNotNull();
            assertThat(inUse.location()).isNotNull();
        }
        assertThat(snapshot(loaded)).isEqualTo(before);
        assertThat(beside(loaded)).containsExactly("tdb2", "tdb2-log", "tdb2-text");
    }
}
