package org.partnershipatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.endpoint.admin.AdminCredentials;
import org.partnershipatlas.loaders.Checksums;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.releases.Release;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.releases.ReleaseOffset;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.replicas.EntryPublisher;
import org.partnershipatlas.replicas.KafkaBroker;
import org.partnershipatlas.replicas.LogTopic;
import org.partnershipatlas.replicas.SampleChanges;

/**
 * A writer ({@code atlas load --kafka}, in this JVM) and a read replica ({@code atlas serve --replica}, a child JVM
 * from the shaded jar) on one real single-node Kafka broker: the replica is not ready before it reaches Kafka and is
 * once it has caught up, answers the writer's data over SPARQL, refuses writes; killed with SIGKILL while catching
 * up it restarts and converges quad for quad, each entry applied once; a writer whose local commit failed after
 * Kafka took its entry takes that entry back at its next start; a bulk load reaches the replica as a snapshot entry
 * (a release whose checksum differs stops it with 503); a new replica bootstraps from the writer's newest release,
 * and bootstraps again when retention deleted the entries it lacks. The tests run in order on one broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaServeIT {
    static final String TOPIC = "atlas-changes";
    static final String USER = "admin";
    static final String PASSWORD = "replica-test-password";
    /** The subject of the counter entries: entry i deletes value i-1 and adds i, so one applied twice shows. */
    static final Node COUNTER = NodeFactory.createURI("https://example.org/replica-test/counter");

    static final Node COUNTER_GRAPH = NodeFactory.createURI("https://example.org/replica-test/graph");
    static final Node VALUE = NodeFactory.createURI("https://example.org/replica-test/value");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    static KafkaBroker broker;
    static Path writer;
    static Path replica;
    static Process replicaProcess;
    static int port;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("kafka"));
        // Started by the first test, after the replica: the replica meets a broker that is not there yet.
        broker = KafkaBroker.prepare(dir.resolve("kafka"));
        writer = dir.resolve("writer/tdb2");
        replica = dir.resolve("replica/tdb2");
        Files.writeString(dir.resolve("admins"), AdminCredentials.hash(USER, PASSWORD.toCharArray()) + "\n");
    }

    @AfterAll
    static void stop() {
        if (replicaProcess != null) {
            replicaProcess.destroyForcibly();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aReplicaIsReadyOnceCaughtUpAnswersTheWritersDataAndRefusesWrites() throws Exception {
        startReplica();
        JsonObject waiting = waitForReady(r -> r.statusCode() == 503, "503 while Kafka is not there");
        assertThat(waiting.getString("reason")).contains("has not reached Kafka");
        assertThat(waiting.getString("role")).isEqualTo("replica");

        broker.start();
        broker.createTopic(TOPIC);
        CliResult load = publishedLoad(Path.of(System.getProperty("atlas.data.dir")));
        assertThat(load.exit()).as(load.err()).isZero();
        JsonObject ready = waitForReady(ReplicaServeIT::readyWithEntries, "200 once caught up with the load");
        assertThat(ready.get("lag").getAsNumber().value().longValue()).isZero();

        assertThat(
                        sparqlCount(
                                "SELECT (COUNT(*) AS ?n) { ?p ?label ?name FILTER(STR(?name) = \"Hackney Local Strategic Partnership\") }"))
                .isPositive();
        HttpResponse<String> reload = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "admin/reload"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(409);
        assertThat(reload.body()).contains("read replica");

        // A second replica, a process of its own on its own store, takes the same load and equals the writer too.
        String allData = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(?g != <"
                + AtlasIris.CHANGE_LOG_GRAPH.getURI() + ">) }";
        long onFirst = sparqlCount(allData);
        Process first = replicaProcess;
        int firstPort = port;
        Path second = dir.resolve("second-replica/tdb2");
        startReplicaOn(second);
        try {
            waitForReady(ReplicaServeIT::readyWithEntries, "the second replica 200 once caught up");
            assertThat(sparqlCount(allData)).isEqualTo(onFirst);
        } finally {
            replicaProcess.destroy();
            assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();
            replicaProcess = first;
            port = firstPort;
        }
        try (AtlasStore w = AtlasStore.open(writer);
                AtlasStore r = AtlasStore.open(second)) {
            assertThat(Replay.differences(w.datasetGraph(), r.datasetGraph())).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aReplicaKilledWhileCatchingUpRestartsAndConvergesEachEntryAppliedOnce() throws Exception {
        replicaProcess.destroyForcibly().waitFor();
        int entries = 60;
        try (AtlasStore store = AtlasStore.open(writer);
                EntryPublisher publisher = new EntryPublisher(
                        new LogTopic(broker.bootstrap(), TOPIC), "atlas-writer", Duration.ofSeconds(30))) {
            store.changeLog().publishTo(publisher);
            for (int i = 1; i <= entries; i++) {
                long value = i;
                Txn.executeWrite(store.logged(), () -> {
                    store.logged().delete(COUNTER_GRAPH, COUNTER, VALUE, literal(value - 1));
                    store.logged().add(COUNTER_GRAPH, COUNTER, VALUE, literal(value));
                });
            }
        }
        // Small batches, so that the kill comes between some and during another.
        startReplica("--batch-entries", "5");
        waitForHealth(h -> h.get("applied").getAsNumber().value().longValue() >= 15, "15 entries applied");
        replicaProcess.destroyForcibly().waitFor();

        startReplica();
        JsonObject ready = waitForReady(r -> r.statusCode() == 200, "200 once caught up again");
        assertThat(ready.get("refused").getAsNumber().value().longValue()).isZero();
        assertThat(sparqlCount("SELECT (COUNT(*) AS ?n) { GRAPH ?g { <" + COUNTER.getURI() + "> <" + VALUE.getURI()
                        + "> ?v } }"))
                .isEqualTo(1);
        replicaProcess.destroy();
        assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (AtlasStore w = AtlasStore.open(writer);
                AtlasStore r = AtlasStore.open(replica)) {
            assertThat(Replay.differences(w.datasetGraph(), r.datasetGraph())).isEmpty();
            assertThat((boolean) r.read(dsg -> dsg.contains(COUNTER_GRAPH, COUNTER, VALUE, literal(entries))))
                    .isTrue();
            // Each entry once in the replica's own log, in the writer's order.
            assertThat(ids(r.changeLog())).isEqualTo(ids(w.changeLog()));
        }
        CliResult load = CliResult.atlas(
                "load", "--store", replica.toString(), "--no-dumps", System.getProperty("atlas.data.dir"));
        assertThat(load.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(load.err()).contains("is a read replica of kafka://");
    }

    @Test
    @Order(3)
    void aWriterTakesBackTheEntryKafkaHasButItsOwnCommitLost() throws Exception {
        Node lost = NodeFactory.createURI("https://example.org/replica-test/published-not-committed");
        try (AtlasStore store = AtlasStore.open(writer);
                EntryPublisher publisher = new EntryPublisher(
                        new LogTopic(broker.bootstrap(), TOPIC), "atlas-writer", Duration.ofSeconds(30))) {
            // The window: Kafka has taken the entry, then the local commit fails (here, the step just after).
            store.changeLog().publishTo((id, entry) -> {
                publisher.publish(id, entry);
                throw new IllegalStateException("the local commit fails after Kafka took the entry");
            });
            assertThatThrownBy(() -> Txn.executeWrite(
                            store.logged(), () -> store.logged().add(COUNTER_GRAPH, lost, VALUE, literal(1))))
                    .hasMessageContaining("the local commit fails");
            assertThat((boolean) store.read(dsg -> dsg.contains(COUNTER_GRAPH, lost, VALUE, literal(1))))
                    .isFalse();
        }
        // Restarted, the writer reads its topic back first, then loads on top of the entry it had lost.
        CliResult load = publishedLoad(renamed("Hackney Local Strategic Partnership", "Hackney After Recovery"));
        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out()).contains("Applied 1 change(s)");

        startReplica();
        JsonObject ready = waitForReady(r -> r.statusCode() == 200, "200 once caught up");
        assertThat(ready.get("refused").getAsNumber().value().longValue())
                .as("the load after the recovered entry follows it")
                .isZero();
        assertThat(sparqlCount(
                        "SELECT (COUNT(*) AS ?n) { ?p ?label ?name FILTER(STR(?name) = \"Hackney After Recovery\") }"))
                .isPositive();
        replicaProcess.destroy();
        assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (AtlasStore w = AtlasStore.open(writer);
                AtlasStore r = AtlasStore.open(replica)) {
            assertThat((boolean) w.read(dsg -> dsg.contains(COUNTER_GRAPH, lost, VALUE, literal(1))))
                    .isTrue();
            assertThat(Replay.differences(w.datasetGraph(), r.datasetGraph())).isEmpty();
            assertThat(ids(r.changeLog())).isEqualTo(ids(w.changeLog()));
        }
    }

    @Test
    @Order(4)
    void aBulkLoadReachesTheReplicaAsASnapshotAndAWrongChecksumStopsIt() throws Exception {
        CliResult bulk = CliResult.atlas(
                "load",
                "--store",
                writer.toString(),
                "--no-dumps",
                "--loader",
                "phased",
                "--kafka",
                broker.bootstrap(),
                "--topic",
                TOPIC,
                wholeSampleRenamed("Hackney Local Strategic Partnership", "Hackney After Bulk Load")
                        .toString());
        assertThat(bulk.exit()).as(bulk.err()).isZero();
        assertThat(bulk.out()).contains("published to kafka://");
        Release release = new ReleaseArchive(writerReleases()).latest().orElseThrow();
        assertThat(ReleaseOffset.of(release))
                .as("the snapshot entry's offset is recorded with the release")
                .isPresent();
        try (AtlasStore w = AtlasStore.open(writer)) {
            assertThat(w.read(ChangeLog::offsetOf))
                    .isEqualTo(ReleaseOffset.of(release).orElseThrow());
        }

        // The release the replica fetches is not the one the entry names: it stops before it, the store as it was.
        Path nquads = release.file("atlas.nq.gz");
        byte[] good = Files.readAllBytes(nquads);
        String goodSha = Checksums.sha256(nquads);
        Files.write(nquads, java.util.Arrays.copyOf(good, good.length - 1));
        try (ServedAtlas front = servedReleases()) {
            startReplica("--releases-from", front.server().url());
            JsonObject stopped = waitForReady(
                    r -> r.statusCode() == 503 && r.body().contains("SHA-256"), "503 naming the checksums");
            assertThat(stopped.getString("reason"))
                    .contains("release " + release.version())
                    .contains(Checksums.sha256(nquads))
                    .contains(goodSha);
            assertThat(
                            sparqlCount(
                                    "SELECT (COUNT(*) AS ?n) { ?p ?label ?name FILTER(STR(?name) = \"Hackney After Recovery\") }"))
                    .as("the old data is still served")
                    .isPositive();
            replicaProcess.destroyForcibly().waitFor();

            Files.write(nquads, good);
            startReplica("--releases-from", front.server().url());
            JsonObject ready = waitForReady(r -> r.statusCode() == 200, "200 once the snapshot is installed");
            assertThat(ready.getString("release")).isEqualTo(release.version());
            assertThat(
                            sparqlCount(
                                    "SELECT (COUNT(*) AS ?n) { ?p ?label ?name FILTER(STR(?name) = \"Hackney After Bulk Load\") }"))
                    .isPositive();
            replicaProcess.destroy();
            assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (AtlasStore w = AtlasStore.open(writer);
                AtlasStore r = AtlasStore.open(replica)) {
            assertThat(Replay.differences(w.datasetGraph(), r.datasetGraph())).isEmpty();
            assertThat(r.read(ChangeLog::headOf)).isEqualTo(w.read(ChangeLog::headOf));
        }
    }

    @Test
    @Order(5)
    void aNewReplicaBootstrapsFromTheWritersReleaseThenTakesALaterLoadAndAgainAfterRetention() throws Exception {
        Path fresh = dir.resolve("replica2/tdb2");
        try (ServedAtlas front = servedReleases()) {
            String newest =
                    new ReleaseArchive(writerReleases()).latest().orElseThrow().version();
            startReplicaOn(fresh, "--releases-from", front.server().url());
            JsonObject ready = waitForReady(r -> r.statusCode() == 200, "200 once bootstrapped");
            assertThat(ready.getString("release")).isEqualTo(newest);
            assertThat(ready.get("applied").getAsNumber().value().longValue())
                    .as("nothing read from the topic before the release's offset")
                    .isZero();

            CliResult load = publishedLoad(renamed("Hackney Local Strategic Partnership", "Hackney After Bootstrap"));
            assertThat(load.exit()).as(load.err()).isZero();
            waitForHealth(h -> h.get("applied").getAsNumber().value().longValue() == 1, "the later load applied");
            assertThat(
                            sparqlCount(
                                    "SELECT (COUNT(*) AS ?n) { ?p ?label ?name FILTER(STR(?name) = \"Hackney After Bootstrap\") }"))
                    .isPositive();
            replicaProcess.destroy();
            assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();

            // While it is stopped: more changes, a release, and retention deletes every message up to the release.
            try (AtlasStore store = AtlasStore.open(writer);
                    EntryPublisher publisher = new EntryPublisher(
                            new LogTopic(broker.bootstrap(), TOPIC), "atlas-writer", Duration.ofSeconds(30))) {
                store.changeLog().publishTo(publisher);
                for (int i = 1; i <= 3; i++) {
                    long value = i;
                    Txn.executeWrite(
                            store.logged(), () -> store.logged().add(COUNTER_GRAPH, COUNTER, VALUE, literal(value)));
                }
            }
            CliResult released = CliResult.atlas("release", "--store", writer.toString());
            assertThat(released.exit()).as(released.err()).isZero();
            Release afterChanges = new ReleaseArchive(writerReleases()).latest().orElseThrow();
            long offset = ReleaseOffset.of(afterChanges).orElseThrow();
            broker.deleteRecordsBefore(TOPIC, offset + 1);

            startReplicaOn(fresh, "--releases-from", front.server().url());
            JsonObject again = waitForReady(
                    r -> r.statusCode() == 200 && r.body().contains(afterChanges.version()), "200 after re-bootstrap");
            assertThat(again.getString("notice")).contains("below the log start offset " + (offset + 1));
            replicaProcess.destroy();
            assertThat(replicaProcess.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (AtlasStore w = AtlasStore.open(writer);
                AtlasStore r = AtlasStore.open(fresh)) {
            assertThat(Replay.differences(w.datasetGraph(), r.datasetGraph())).isEmpty();
            assertThat(r.read(ChangeLog::offsetOf)).isEqualTo(w.read(ChangeLog::offsetOf));
        }
    }

    /** The writer's releases folder (the default, beside its store). */
    private static Path writerReleases() {
        return writer.getParent().resolve("releases");
    }

    /**
     * The writer's releases served over HTTP as the writer serves them ({@code /releases/}, the endpoint's own servlet)
     * by an Atlas on a store of its own, since the writer's store is used by the loads of this test.
     */
    private static ServedAtlas servedReleases() {
        return ServedAtlas.open(dir.resolve("front/tdb2"), b -> b.releases(writerReleases()));
    }

    /** The whole sample, with one partnership renamed (a bulk load replaces every graph). */
    private static Path wholeSampleRenamed(String from, String to) throws IOException {
        Path changed = renamed(from, to);
        Path whole = Files.createTempDirectory(dir, "whole");
        org.apache.commons.io.FileUtils.copyDirectory(
                Path.of(System.getProperty("atlas.data.dir")).toFile(), whole.toFile());
        Files.copy(
                changed.resolve("partnerships.csv"),
                whole.resolve("partnerships.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return whole;
    }

    private static Node literal(long value) {
        return NodeFactory.createLiteralDT(Long.toString(value), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
    }

    private static List<String> ids(ChangeLog log) {
        return log.entries().stream().map(ChangeLog.Entry::id).toList();
    }

    @Test
    @Order(6)
    void aWriterStoreTakesNoChangeThatWouldMissItsTopic() throws Exception {
        List<String> before;
        try (AtlasStore w = AtlasStore.open(writer)) {
            before = ids(w.changeLog());
        }
        Path changed = renamed("Hackney Local Strategic Partnership", "Hackney Unpublished");
        CliResult load = CliResult.atlas("load", "--store", writer.toString(), "--no-dumps", changed.toString());
        assertThat(load.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(load.err())
                .contains("is the writer of a change log topic (it records Kafka offset")
                .contains("give --kafka HOST:PORT --topic TOPIC");
        CliResult serve = CliResult.atlas("serve", "--store", writer.toString(), "--port", "0");
        assertThat(serve.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(serve.err()).contains("its admin writes and gatekeeper decisions must reach its replicas");
        try (AtlasStore w = AtlasStore.open(writer)) {
            assertThat(ids(w.changeLog())).isEqualTo(before);
            long unpublished = w.read(dsg -> Iter.count(Iter.filter(
                    dsg.find(),
                    q -> q.getObject().isLiteral()
                            && q.getObject().getLiteralLexicalForm().equals("Hackney Unpublished"))));
            assertThat(unpublished).isZero();
        }
        // With the topic given, the same load goes ahead.
        assertThat(publishedLoad(changed).exit()).isZero();
    }

    /** Starts {@code atlas serve --replica} from the shaded jar on a free port. */
    private static void startReplica(String... options) throws IOException {
        startReplicaOn(replica, options);
    }

    /** Starts {@code atlas serve --replica} on a store of its own. */
    private static void startReplicaOn(Path store, String... options) throws IOException {
        port = freePort();
        List<String> command = new ArrayList<>(AtlasJar.command(
                List.of("-Xmx512m"),
                "serve",
                "--replica",
                "--kafka",
                broker.bootstrap(),
                "--topic",
                TOPIC,
                "--store",
                store.toString(),
                "--port",
                Integer.toString(port),
                "--max-lag",
                "0",
                "--admin-credentials",
                dir.resolve("admins").toString()));
        command.addAll(List.of(options));
        replicaProcess = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("replica.log").toFile()))
                .start();
    }

    private static String base() {
        return "http://localhost:" + port + "/";
    }

    /** Polls /ready until its answer passes {@code until} (60 s at most); returns its JSON. */
    /** Ready, and has applied entries: caught up with a load. */
    private static boolean readyWithEntries(HttpResponse<String> r) {
        return r.statusCode() == 200
                && JSON.parse(r.body()).get("applied").getAsNumber().value().longValue() > 0;
    }

    private static JsonObject waitForReady(Predicate<HttpResponse<String>> until, String what) throws Exception {
        return poll("ready", until, what);
    }

    private static JsonObject waitForHealth(Predicate<JsonObject> until, String what) throws Exception {
        return poll("health", r -> r.statusCode() == 200 && until.test(JSON.parse(r.body())), what);
    }

    private static JsonObject poll(String path, Predicate<HttpResponse<String>> until, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            assertThat(replicaProcess.isAlive())
                    .as("the replica runs: %s", log())
                    .isTrue();
            try {
                last = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (until.test(last)) {
                    return JSON.parse(last.body());
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/" + path + " never answered " + what + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()) + "\n" + log());
    }

    private static long sparqlCount(String query) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                base() + "atlas/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .header("Accept", "application/sparql-results+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject results = JSON.parse(r.body());
        return Long.parseLong(results.getObj("results")
                .get("bindings")
                .getAsArray()
                .get(0)
                .getAsObject()
                .getObj("n")
                .getString("value"));
    }

    private static String log() {
        try {
            String log = Files.readString(dir.resolve("replica.log"));
            return log.substring(Math.max(0, log.length() - 3000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code atlas load} on the writer's store, publishing to the topic. */
    private static CliResult publishedLoad(Path sources) {
        return CliResult.atlas(
                "load",
                "--store",
                writer.toString(),
                "--no-dumps",
                "--kafka",
                broker.bootstrap(),
                "--topic",
                TOPIC,
                sources.toString());
    }

    /** The sample's partnerships.csv with a partnership renamed, in a folder of its own. */
    private static Path renamed(String from, String to) throws IOException {
        return SampleChanges.renamed(dir, from, to);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
