package org.partnershipatlas.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.BulkLoader;
import org.partnershipatlas.loaders.Loader;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.changes.Replay;
import org.partnershipatlas.loaders.releases.ReleaseArchive;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.text.AtlasTextIndex;

/**
 * A writer and two replicas (stores in this JVM) kept in step through a real single-node Kafka broker: every load
 * on the writer reaches both replicas, quad for quad; duplicated, out-of-order and malformed entries on the topic are
 * handled as issue 20 says; a broker that is down fails the load and changes nothing; a second writer fences the first.
 * The tests run in order, each on the state the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationIT {
    static final String TOPIC = "atlas-changes";

    @TempDir
    static Path dir;

    static KafkaBroker broker;
    static AtlasStore writer;
    static EntryPublisher publisher;
    static AtlasStore[] replicas = new AtlasStore[2];
    static ReplicaApplier[] appliers = new ReplicaApplier[2];

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("kafka"));
        broker = KafkaBroker.start(dir.resolve("kafka"));
        broker.createTopic(TOPIC);
        writer = AtlasStore.open(dir.resolve("writer/tdb2"));
        publisher = new EntryPublisher(topic(), "atlas-writer", Duration.ofSeconds(10));
        writer.changeLog().publishTo(publisher);
        for (int i = 0; i < 2; i++) {
            replicas[i] = AtlasStore.open(dir.resolve("replica-" + i + "/tdb2"));
            appliers[i] = new ReplicaApplier(replicas[i], topic(), new ReplicaApplier.Batch(3, 1 << 20));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = 0; i < 2; i++) {
            if (appliers[i] != null) {
                appliers[i].close();
            }
            if (replicas[i] != null) {
                replicas[i].close();
            }
        }
        if (publisher != null) {
            publisher.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static LogTopic topic() {
        return new LogTopic(broker.bootstrap(), TOPIC);
    }

    @Test
    @Order(1)
    void aLoadOnTheWriterReachesBothReplicasQuadForQuad() throws Exception {
        load(Path.of(System.getProperty("atlas.data.dir")));
        load(renamed("Hackney Local Strategic Partnership", "Hackney Partnership Board"));
        assertThat(writer.changeLog().entries()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            catchUp(appliers[i]);
            assertThat(Replay.differences(writer.datasetGraph(), replicas[i].datasetGraph()))
                    .as("replica %d", i)
                    .isEmpty();
            assertThat(appliers[i].progress().applied()).isEqualTo(2);
            assertThat(appliers[i].progress().lastId())
                    .isEqualTo("urn:uuid:"
                            + writer.changeLog().last().orElseThrow().id());
        }
    }

    @Test
    @Order(2)
    void aDuplicatedEntryIsSkippedEvenWhereApplyingItAgainWouldShow() throws Exception {
        // The first entry added the old name, which the second deleted: applied again, the old name would be back.
        byte[] first = Files.readAllBytes(writer.changeLog().entries().get(0).file());
        send(first);
        for (int i = 0; i < 2; i++) {
            catchUp(appliers[i]);
            assertThat(appliers[i].progress().duplicates()).isEqualTo(1);
            assertThat(Replay.differences(writer.datasetGraph(), replicas[i].datasetGraph()))
                    .isEmpty();
        }
        assertThat(count(replicas[0].datasetGraph(), "Hackney Local Strategic Partnership"))
                .isZero();
    }

    @Test
    @Order(3)
    void anEntryOutOfOrderIsRefusedOnEveryReplicaAndLaterEntriesStillApply() throws Exception {
        String entry = "H id <urn:uuid:" + UUID.randomUUID() + "> .\nH prev <urn:uuid:" + UUID.randomUUID()
                + "> .\nTX .\nA <https://example.org/s> <https://example.org/p> \"forked\" .\nTC .\n";
        send(entry.getBytes(StandardCharsets.UTF_8));
        load(renamed("Hackney Local Strategic Partnership", "Hackney Together"));
        for (int i = 0; i < 2; i++) {
            catchUp(appliers[i]);
            assertThat(appliers[i].progress().refused()).isEqualTo(1);
            assertThat(appliers[i].progress().applied()).isEqualTo(3);
            assertThat(Replay.differences(writer.datasetGraph(), replicas[i].datasetGraph()))
                    .isEmpty();
        }
        assertThat(count(replicas[1].datasetGraph(), "forked")).isZero();
    }

    @Test
    @Order(4)
    void theBrokerDownFailsTheLoadAndChangesNothingAnywhere() throws Exception {
        List<String> before = Replay.differences(writer.datasetGraph(), replicas[0].datasetGraph());
        assertThat(before).isEmpty();
        int entries = writer.changeLog().entries().size();
        broker.stop();
        try {
            assertThatThrownBy(() -> load(renamed("Hackney Local Strategic Partnership", "Never Published")))
                    .hasStackTraceContaining("did not take change");
            assertThat(count(writer.datasetGraph(), "Never Published")).isZero();
            assertThat(writer.changeLog().entries()).hasSize(entries);
        } finally {
            broker.restart();
        }
        // The broker back: the same writer goes on.
        load(renamed("Hackney Local Strategic Partnership", "Hackney After The Outage"));
        for (int i = 0; i < 2; i++) {
            catchUp(appliers[i]);
            assertThat(Replay.differences(writer.datasetGraph(), replicas[i].datasetGraph()))
                    .isEmpty();
            assertThat(count(replicas[i].datasetGraph(), "Hackney After The Outage"))
                    .isPositive();
            // The text index follows the data, as after a load.
            assertThat(replicas[i].textIndex().search("Outage", 5))
                    .extracting(AtlasTextIndex.Hit::resource)
                    .contains("https://w3id.org/partnership-atlas/id/partnership/hackney-lsp");
        }
    }

    @Test
    @Order(5)
    void readersOnAReplicaNeverSeeHalfAnEntryWhileItCatchesUp() throws Exception {
        Node lsp = NodeFactory.createURI("https://w3id.org/partnership-atlas/id/partnership/hackney-lsp");
        List<String> names = new ArrayList<>(List.of("Hackney After The Outage"));
        // Each rename is one entry that deletes the old name and adds the new one, in several graphs.
        for (int i = 1; i <= 4; i++) {
            names.add("Hackney Renamed " + i);
            load(renamed("Hackney Local Strategic Partnership", names.get(i)));
        }
        DatasetGraph replica = replicas[0].datasetGraph();
        long[] before = nameCounts(replica, lsp, names);
        assertThat(before[0]).as("the name before the renames").isPositive();
        long perName = before[0];
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> torn = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < 2; r++) {
                readers.submit(() -> {
                    while (!done.get()) {
                        long[] counts = nameCounts(replica, lsp, names);
                        List<String> present = new ArrayList<>();
                        for (int i = 0; i < counts.length; i++) {
                            if (counts[i] > 0) {
                                present.add(names.get(i) + " x" + counts[i]);
                            }
                        }
                        // A whole entry has exactly one name, in as many quads as before.
                        if (present.size() == 1 && present.get(0).endsWith(" x" + perName)) {
                            seen.add(present.get(0));
                        } else {
                            torn.add(present.toString());
                        }
                        reads.incrementAndGet();
                    }
                    return null;
                });
            }
            catchUp(appliers[0]);
            long readsAtEnd = reads.get() + 20;
            while (reads.get() < readsAtEnd) {
                Thread.sleep(5);
            }
        } finally {
            done.set(true);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(torn).as("states no whole entry gives").isEmpty();
        assertThat(seen).contains("Hackney Renamed 4 x" + perName);
        assertThat(nameCounts(replica, lsp, names)[4]).isEqualTo(perName);
        assertThat(Replay.differences(writer.datasetGraph(), replica)).isEmpty();
        catchUp(appliers[1]);
    }

    /** How many quads about {@code subject} have each of {@code names} as their object, in one read transaction. */
    private static long[] nameCounts(DatasetGraph dsg, Node subject, List<String> names) {
        return Txn.calculateRead(dsg, () -> {
            long[] counts = new long[names.size()];
            dsg.find(Node.ANY, subject, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (q.getObject().isLiteral()) {
                    int i = names.indexOf(q.getObject().getLiteralLexicalForm());
                    if (i >= 0) {
                        counts[i]++;
                    }
                }
            });
            return counts;
        });
    }

    @Test
    @Order(6)
    void aWriterWhoseCommitFailedAfterPublishingWritesNoMoreUntilRestarted() throws Exception {
        // What the change log tells the publisher when a commit fails once Kafka has the entry (ChangeLogTest).
        publisher.notCommitted("an-entry-the-store-lacks");
        int entries = writer.changeLog().entries().size();
        assertThatThrownBy(() -> load(renamed("Hackney Local Strategic Partnership", "Behind Its Own Log")))
                .hasStackTraceContaining("holds change an-entry-the-store-lacks, which this writer did not commit")
                .hasStackTraceContaining("restart the writer");
        assertThat(count(writer.datasetGraph(), "Behind Its Own Log")).isZero();
        assertThat(writer.changeLog().entries()).hasSize(entries);

        // Restarted (a new publisher, after reading the topic back from the store's offset): it writes again, and the
        // offset it records holds its newest entry, which a reader of committed transactions gets at once.
        publisher.close();
        publisher = new EntryPublisher(topic(), "atlas-writer", Duration.ofSeconds(10));
        assertThat(WriterCatchUp.run(writer, topic(), dir.resolve("writer/releases"), Duration.ofSeconds(10))
                        .applied())
                .isZero();
        writer.changeLog().publishTo(publisher);
        load(renamed("Hackney Local Strategic Partnership", "Back In Step"));
        long offset = writer.read(ChangeLog::offsetOf);
        String newest = writer.changeLog().last().orElseThrow().id();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(List.of(topic().partition()));
            reader.seek(topic().partition(), offset);
            var record = reader.poll(Duration.ofSeconds(10)).iterator().next();
            assertThat(record.offset()).isEqualTo(offset);
            assertThat(new String(
                            record.headers()
                                    .lastHeader(EntryPublisher.ENTRY_HEADER)
                                    .value(),
                            StandardCharsets.US_ASCII))
                    .isEqualTo(newest);
        }
        for (int i = 0; i < 2; i++) {
            catchUp(appliers[i]);
            assertThat(Replay.differences(writer.datasetGraph(), replicas[i].datasetGraph()))
                    .isEmpty();
        }
    }

    @Test
    @Order(7)
    void aMalformedEntryStopsTheReplicaBeforeIt() throws Exception {
        send("this is not an RDF patch".getBytes(StandardCharsets.UTF_8));
        load(renamed("Hackney Local Strategic Partnership", "After The Bad Entry"));
        catchUp(appliers[0]);
        assertThat(appliers[0].stopped()).contains("is not an RDF Patch change-log entry");
        assertThat(count(replicas[0].datasetGraph(), "After The Bad Entry")).isZero();
        long offset = appliers[0].progress().lastOffset();
        assertThat(appliers[0].poll(Duration.ofMillis(200))).isZero();
        assertThat(appliers[0].progress().lastOffset()).isEqualTo(offset);
        // A replica restarted at the same place stops at the same entry: it is never skipped.
        appliers[1].close();
        appliers[1] = new ReplicaApplier(replicas[1], topic(), ReplicaApplier.Batch.DEFAULT);
        catchUp(appliers[1]);
        assertThat(appliers[1].stopped()).isEqualTo(appliers[0].stopped());
    }

    @Test
    @Order(8)
    void aSecondWriterWithTheSameIdFencesTheFirst() throws Exception {
        // Starting claims the id, which fences every older producer that used it.
        try (EntryPublisher second = new EntryPublisher(topic(), "atlas-writer", Duration.ofSeconds(10))) {
            assertThat(second).isNotNull();
            int entries = writer.changeLog().entries().size();
            assertThatThrownBy(() -> load(renamed("Hackney Local Strategic Partnership", "Fenced Out")))
                    .hasStackTraceContaining("another writer has taken over");
            assertThat(count(writer.datasetGraph(), "Fenced Out")).isZero();
            assertThat(writer.changeLog().entries()).hasSize(entries);
        }
    }

    @Test
    @Order(9)
    void aWriterKilledBetweenPublishingItsSnapshotAndTheSwapInstallsItsOwnReleaseAtStart() throws Exception {
        broker.createTopic("atlas-snapshots");
        LogTopic snapshots = new LogTopic(broker.bootstrap(), "atlas-snapshots");
        Path store = dir.resolve("bulk-writer/tdb2");
        Path releases = dir.resolve("bulk-writer/releases");
        try (EntryPublisher first = new EntryPublisher(snapshots, "bulk-writer", Duration.ofSeconds(10))) {
            bulkLoad(store, releases, Path.of(System.getProperty("atlas.data.dir")), first);
            // Killed after Kafka took the second load's snapshot entry, before its store was swapped in.
            ChangeLog.Publisher killedAfterPublishing = (id, entry) -> {
                first.publish(id, entry);
                throw new IllegalStateException("killed (simulated) after publishing " + id);
            };
            Path changed = renamed("Hackney Local Strategic Partnership", "Hackney Bulk Renamed");
            assertThatThrownBy(() -> bulkLoad(store, releases, changed, killedAfterPublishing))
                    .hasStackTraceContaining("killed (simulated)");
        }
        // What an install killed midway leaves beside a store: removed by the next install.
        Path leftStore = Files.createDirectories(store.resolveSibling("tdb2.bootstrapping-20260101T000000.000Z"));
        Files.writeString(leftStore.resolve("Data-0001"), "half a store");
        Path leftDownload = Files.writeString(store.resolveSibling("tdb2.release-0.nq.gz"), "half a download");
        String published;
        try (AtlasStore restarted = AtlasStore.open(store)) {
            assertThat(count(restarted.datasetGraph(), "Hackney Bulk Renamed")).isZero();
            assertThat(restarted.changeLog().entries()).hasSize(1);
            try (EntryPublisher again = new EntryPublisher(snapshots, "bulk-writer", Duration.ofSeconds(10))) {
                // At start the writer takes up its topic: the snapshot entry, from its own releases folder.
                ReplicaApplier.Progress caughtUp =
                        WriterCatchUp.run(restarted, snapshots, releases, Duration.ofSeconds(60));
                assertThat(caughtUp.applied()).isEqualTo(1);
                assertThat(leftStore).doesNotExist();
                assertThat(leftDownload).doesNotExist();
                assertThat(count(restarted.datasetGraph(), "Hackney Bulk Renamed"))
                        .isPositive();
                published = restarted.changeLog().last().orElseThrow().id();
                assertThat(restarted.changeLog().entries()).hasSize(2);
                assertThat(restarted.changeLog().last().orElseThrow().snapshot())
                        .isPresent();
                assertThat(restarted.read(ChangeLog::headOf)).isEqualTo(published);
                // Its next change follows that entry, as its replicas expect.
                restarted.changeLog().publishTo(again);
                var report = Loader.into(restarted)
                        .sources(List.of(renamed("Hackney Local Strategic Partnership", "Hackney After Restart")))
                        .run();
                assertThat(report.committed()).isTrue();
                assertThat(restarted.changeLog().last().orElseThrow().prev()).isEqualTo(published);
            }
        }
    }

    private static void bulkLoad(Path store, Path releases, Path sources, ChangeLog.Publisher publisher) {
        var report = BulkLoader.into(store)
                .releases(new ReleaseArchive(releases), "http://localhost:3030/")
                .sources(List.of(sources))
                .strategy(BulkLoader.Strategy.BASIC)
                .publishTo(publisher)
                .run();
        assertThat(report.committed()).as(report.toString()).isTrue();
    }

    private static void load(Path sources) {
        var report = Loader.into(writer).sources(List.of(sources)).run();
        assertThat(report.committed()).as(report.toString()).isTrue();
    }

    /** The sample's partnerships.csv with a partnership renamed, in a folder of its own. */
    private static Path renamed(String from, String to) throws IOException {
        return SampleChanges.renamed(dir, from, to);
    }

    /** Takes every message the topic has now (or stops at a malformed one). */
    private static void catchUp(ReplicaApplier applier) {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            applier.poll(Duration.ofMillis(300));
        } while (applier.stopped() == null && applier.lag(Duration.ofSeconds(10)) > 0 && System.nanoTime() < end);
        assertThat(applier.stopped() != null || applier.lag(Duration.ofSeconds(10)) == 0)
                .as("caught up in 120 s")
                .isTrue();
    }

    /** Sends raw bytes to the topic, as a faulty or hostile writer could (no transaction). */
    private static void send(byte[] message) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LogTopic.MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, EntryPublisher.KEY, message))
                    .get();
        }
    }

    private static long count(DatasetGraph dsg, String text) {
        return Txn.calculateRead(
                dsg,
                () -> dsg.stream()
                        .filter(q -> q.getObject().isLiteral()
                                && q.getObject().getLiteralLexicalForm().contains(text))
                        .count());
    }
}
