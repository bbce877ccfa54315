package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.FileUtils;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.StoreCopy;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.dumps.DumpFile;
import org.partnershipatlas.loaders.dumps.DumpManifest;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;

/**
 * {@code atlas load} killed with SIGKILL at random moments: every time, the store opens and holds exactly the data
 * before the load or exactly the data after it (graph by graph, by isomorphism), its text index agrees with it, and
 * the release folder, if there is one, matches its checksums, and the change log agrees with the store (its newest
 * entry is the store's head, and the log replayed from its newest snapshot, or from nothing, is the store's data).
 * Bulk loads (which append a snapshot entry) are killed the same way, in fewer trials. The moments are stratified: the
 * length of a full load is cut into as many equal parts as there are trials, and each trial kills at a random moment in
 * its own part, so that a few trials still reach every phase (start, validation, commit, release files).
 */
class CrashSafeLoadIT {
    static final int TRIALS = 10;
    static final AtlasIris IRIS = AtlasIris.DEFAULT;
    static final String RENAMED = "Quixoticallyrenamed";

    @TempDir
    Path dir;

    @Test
    void aKilledLoadLeavesTheStoreBeforeOrAfterNeverBetween() throws Exception {
        Path data = Path.of(System.getProperty("atlas.data.dir"));
        Path changed = changedSources(data);

        // The two states, made in this JVM: A = the sample data; B = A, then the changed sources loaded over it.
        Path storeA = dir.resolve("a");
        try (AtlasStore a = AtlasStore.open(storeA)) {
            assertThat(Loader.into(a).sources(List.of(data)).run().committed()).isTrue();
        }
        Path storeB = trialCopy(storeA, "b");
        try (AtlasStore b = AtlasStore.open(storeB)) {
            assertThat(Loader.into(b).sources(List.of(changed)).run().committed())
                    .isTrue();
        }
        List<String> stateA;
        try (AtlasStore a = AtlasStore.open(storeA)) {
            stateA = a.read(CrashSafeLoadIT::sortedQuads);
        }

        // One load run to the end: how long it takes, and that it ends in state B.
        Path full = trialCopy(storeA, "full");
        long started = System.nanoTime();
        Process run = load(full, changed);
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
        long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(run.exitValue()).isZero();
        assertThat(stateOf(full, stateA, storeB)).isEqualTo("after");

        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            Path trial = trialCopy(storeA, "trial-" + i);
            long delay = (long) ((i + random.nextDouble()) * duration / TRIALS);
            Process p = load(trial, changed);
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(30, TimeUnit.SECONDS);
            }
            String state = stateOf(trial, stateA, storeB);
            outcomes.merge(state, 1, Integer::sum);
            trials.add(delay + " ms: " + (finished ? "finished, " : "killed, ") + state);
            FileUtils.deleteDirectory(trial.toFile());
            FileUtils.deleteDirectory(AtlasStore.textDirectory(trial).toFile());
            FileUtils.deleteDirectory(ChangeLog.directoryOf(trial).toFile());
        }
        System.out.printf(
                "Crash test (seed %d, full load %d ms): %s%n  %s%n",
                seed, duration, outcomes, String.join("\n  ", trials));
        assertThat(outcomes.keySet()).isSubsetOf("before", "after");
    }

    /** Bulk loads killed: fewer trials, as each runs longer. */
    static final int BULK_TRIALS = 3;

    /**
     * {@code atlas load --loader parallel} killed at random moments: the store is before or after, and the change log
     * agrees with it (the snapshot entry is there exactly when the new store was swapped in, and its release plus the
     * patches after it give the store).
     */
    @Test
    void aKilledBulkLoadLeavesTheStoreAndTheLogAgreeing() throws Exception {
        Path data = Path.of(System.getProperty("atlas.data.dir"));
        Path changed = changedSources(data);
        Path storeA = dir.resolve("a");
        try (AtlasStore a = AtlasStore.open(storeA)) {
            assertThat(Loader.into(a).sources(List.of(data)).run().committed()).isTrue();
        }
        List<String> stateA;
        try (AtlasStore a = AtlasStore.open(storeA)) {
            stateA = a.read(CrashSafeLoadIT::sortedQuads);
        }
        Path full = trialCopy(storeA, "full");
        long started = System.nanoTime();
        Process run = load(full, changed, "--loader", "parallel");
        assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
        long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(run.exitValue()).isZero();
        try (AtlasStore store = AtlasStore.open(full)) {
            assertThat(store.changeLog().last().orElseThrow().snapshot()).isPresent();
            assertThat(logDisagreement(store)).isEmpty();
        }

        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> trials = new ArrayList<>();
        for (int i = 0; i < BULK_TRIALS; i++) {
            Path trial = trialCopy(storeA, "bulk-" + i);
            long delay = (long) ((i + random.nextDouble()) * duration / BULK_TRIALS);
            Process p = load(trial, changed, "--loader", "parallel");
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(30, TimeUnit.SECONDS);
            }
            String state = stateOf(trial, stateA, full);
            outcomes.merge(state, 1, Integer::sum);
            trials.add(delay + " ms: " + (finished ? "finished, " : "killed, ") + state);
            FileUtils.deleteDirectory(trial.toFile());
            FileUtils.deleteDirectory(AtlasStore.textDirectory(trial).toFile());
            FileUtils.deleteDirectory(ChangeLog.directoryOf(trial).toFile());
        }
        System.out.printf(
                "Bulk crash test (seed %d, full load %d ms): %s%n  %s%n",
                seed, duration, outcomes, String.join("\n  ", trials));
        assertThat(outcomes.keySet()).isSubsetOf("before", "after");
    }

    /** The sample data with organisations and partnerships changed: the change spans several graphs. */
    static Path changedSources(Path data) throws IOException {
        Path changed = Files.createTempDirectory("crash-sources");
        for (String file : List.of("organisations.csv", "partnerships.csv")) {
            CSVFormat format = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get();
            try (var parser = format.parse(Files.newBufferedReader(data.resolve(file), StandardCharsets.UTF_8));
                    var printer = new CSVPrinter(
                            Files.newBufferedWriter(changed.resolve(file), StandardCharsets.UTF_8),
                            CSVFormat.RFC4180
                                    .builder()
                                    .setHeader(parser.getHeaderNames().toArray(String[]::new))
                                    .get())) {
                boolean first = true;
                for (CSVRecord record : parser) {
                    Map<String, String> row = new LinkedHashMap<>(record.toMap());
                    if (first) {
                        row.put("name", RENAMED + " " + file);
                        first = false;
                    }
                    printer.printRecord(
                            parser.getHeaderNames().stream().map(row::get).toList());
                }
            }
        }
        return changed;
    }

    /** A copy of state A for one trial. */
    Path trialCopy(Path storeA, String name) throws IOException, InterruptedException {
        return StoreCopy.of(storeA, dir.resolve(name));
    }

    static Process load(Path store, Path sources, String... options) throws IOException {
        List<String> command = new ArrayList<>(AtlasJar.command("load", "--store", store.toString()));
        command.addAll(List.of(options));
        command.add(sources.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** "before", "after", or a description of what is wrong. */
    static String stateOf(Path trial, List<String> stateA, Path storeB) throws IOException {
        checkRelease(trial.resolveSibling("dumps"));
        try (AtlasStore store = AtlasStore.open(trial);
                AtlasStore b = AtlasStore.open(storeB)) {
            String log = logDisagreement(store);
            if (!log.isEmpty()) {
                return log;
            }
            List<String> quads = store.read(CrashSafeLoadIT::sortedQuads);
            boolean renamedFound = !store.textIndex().search(RENAMED, 5).isEmpty();
            if (quads.equals(stateA)) {
                return renamedFound ? "before, but the text index has the new data" : "before";
            }
            String after = store.read(dsg -> b.read(db -> sameAsAfter(dsg, db)));
            if (after.isEmpty()) {
                return renamedFound ? "after" : "after, but the text index has the old data";
            }
            return "between: " + after;
        }
    }

    /**
     * Empty if the store (as opened, which sets aside entries never committed) and its change log agree: its head is
     * the log's newest entry, and the log replayed (from its newest snapshot) gives exactly its data. An entry whose commit
     * did not happen, or a commit without its entry, would show here.
     */
    static String logDisagreement(AtlasStore store) {
        ChangeLog log = store.changeLog();
        List<ChangeLog.Entry> entries = log.entries();
        String head = store.read(dsg -> {
            var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, Node.ANY, Node.ANY);
            String h = null;
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (o.isURI() && o.getURI().startsWith("urn:uuid:")) {
                    h = o.getURI().substring("urn:uuid:".length());
                }
            }
            return h;
        });
        String newest =
                entries.isEmpty() ? null : entries.get(entries.size() - 1).id();
        if (!java.util.Objects.equals(head, newest)) {
            return "log disagrees: store head " + head + ", newest entry " + newest;
        }
        DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
        // From the newest snapshot entry's release (in the releases folder beside the store), if there is one.
        Replay.rebuild(entries, store.location().resolveSibling("releases"), replayed);
        List<String> differences = Replay.differences(store.datasetGraph(), replayed);
        return differences.isEmpty()
                ? ""
                : "log disagrees: the replayed log differs by " + differences.size() + " quads, "
                        + differences.stream().limit(3).toList();
    }

    /** Empty if {@code dsg} equals state B up to the identifiers and times of the load activities. */
    static String sameAsAfter(DatasetGraph dsg, DatasetGraph b) {
        List<Node> graphs = new ArrayList<>();
        b.listGraphNodes().forEachRemaining(graphs::add);
        List<Node> actual = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(actual::add);
        if (!new java.util.HashSet<>(actual).equals(new java.util.HashSet<>(graphs))) {
            return "graphs " + actual;
        }
        for (Node g : graphs) {
            if (g.equals(AtlasIris.CHANGE_LOG_GRAPH)) {
                // The head names this run's entry (checked against the log by logDisagreement), not B's.
                continue;
            }
            if (g.equals(IRIS.provenanceGraph())) {
                List<String> mine = masked(dsg, g);
                List<String> theirs = masked(b, g);
                if (!mine.equals(theirs)) {
                    List<String> extra = new ArrayList<>(mine);
                    extra.removeAll(theirs);
                    List<String> missing = new ArrayList<>(theirs);
                    missing.removeAll(mine);
                    return "provenance differs: extra "
                            + extra.stream().limit(3).toList() + ", missing "
                            + missing.stream().limit(3).toList();
                }
            } else if (!IsoMatcher.isomorphic(dsg.getGraph(g), b.getGraph(g))) {
                return "graph " + g.getURI() + " differs";
            }
        }
        return "";
    }

    /** A graph's triples with load activity IRIs and times replaced, sorted. */
    static List<String> masked(DatasetGraph dsg, Node g) {
        return dsg.getGraph(g).find().toList().stream()
                .map(t -> FmtUtils.stringForTriple(t)
                        .replaceAll("/id/load/[0-9a-f-]+", "/id/load/X")
                        .replaceAll(
                                "\"[0-9T:.Z-]+\"\\^\\^(xsd:dateTime|<http://www.w3.org/2001/XMLSchema#dateTime>)",
                                "TIME"))
                .sorted()
                .toList();
    }

    static List<String> sortedQuads(DatasetGraph dsg) {
        try (Stream<Quad> s = dsg.stream()) {
            return s.map(FmtUtils::stringForQuad).sorted().toList();
        }
    }

    /** If a release folder exists, every file in its manifest matches its checksum. */
    static void checkRelease(Path dumps) throws IOException {
        var manifest = DumpManifest.read(dumps);
        if (manifest.isEmpty()) {
            return;
        }
        for (DumpFile f : manifest.get().files()) {
            assertThat(Checksums.sha256(dumps.resolve(f.name()))).as(f.name()).isEqualTo(f.sha256());
        }
    }
}
