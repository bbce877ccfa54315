package org.partnershipatlas.replicas;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesApply;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.ontology.AtlasIris;
import org.partnershipatlas.ontology.Vocab.AS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's side: reads the topic from just after the last message it has taken (no consumer group: {@code assign}
 * and {@code seek}, the position kept in the store) and applies each entry exactly once, in a TDB2 write transaction
 * that also records the entry's offset and id. A crash before the commit loses the whole batch, offsets included, so
 * the entries are read again; after it, the store says they are done.
 *
 * <ul>
 *   <li>A duplicate (its offset, or its id, already taken) is skipped.
 *   <li>An entry whose {@code prev} is not the replica's newest entry is refused: skipped, the same way on every
 *       replica (each decides from the same ordered topic), so replicas never fork.
 *   <li>A malformed entry stops the replica (it is not skipped: later deletes may depend on it); {@link #stopped()}
 *       says why, and nothing after it is applied.
 * </ul>
 * Catching up, entries are applied in batches of at most {@link Batch#entries()} entries and
 * {@link Batch#bytes()} bytes per transaction.
 */
public final class ReplicaApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaApplier.class);
    private static final String URN_UUID = "urn:uuid:";

    /** The limits of one write transaction while catching up. */
    public record Batch(int entries, long bytes) {
        public static final Batch DEFAULT = new Batch(500, 64L * 1024 * 1024);
    }

    /** What the replica has done: its newest entry and offset, and what it skipped or refused. */
    public record Progress(String lastId, long lastOffset, long applied, long quads, long duplicates, long refused) {}

    private final AtlasStore atlas;
    private final DatasetGraph store;
    private final LogTopic topic;
    private final Batch batch;
    private final KafkaConsumer<String, byte[]> consumer;
    private long applied;
    /** Quads added and deleted by the entries applied. */
    private long quads;

    private long duplicates;
    private long refused;
    private volatile String stopped;
    /** Fetches and installs releases (snapshot entries, bootstrap); null if the replica was given no place to. */
    private final SnapshotInstaller installer;
    /** A snapshot entry met in a batch: installed after the entries before it commit. */
    private ConsumerRecord<String, byte[]> pendingSnapshot;
    /** The release the replica's data last came from whole (bootstrap or snapshot entry), or null. */
    private volatile String release;
    /** Something the replica had to do that its operators should know (its offset fell out of retention), or null. */
    private volatile String notice;

    /**
     * @param atlas the replica's store; its change-log graph keeps the replica's position, and its text index is
     *     rebuilt after changes that change the data's version (as a load rebuilds it)
     */
    public ReplicaApplier(AtlasStore atlas, LogTopic topic, Batch batch) {
        this(atlas, topic, batch, null);
    }

    /**
     * @param releases where the writer's releases are fetched from (for snapshot entries, bootstrap and re-bootstrap);
     *     null: a snapshot entry, or an offset out of the topic's retention, stops the replica
     */
    public ReplicaApplier(AtlasStore atlas, LogTopic topic, Batch batch, ReleaseSource releases) {
        this.installer = releases == null ? null : new SnapshotInstaller(releases);
        this.atlas = atlas;
        this.store = atlas.datasetGraph();
        this.topic = topic;
        this.batch = batch;
        Properties p = topic.clientProperties();
        // Only committed Kafka transactions: an entry whose writer aborted is never seen.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch.entries());
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, batch.bytes()));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LogTopic.MAX_MESSAGE_BYTES);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(topic.partition()));
        long next = Txn.calculateRead(store, () -> offsetOf(store)) + 1;
        consumer.seek(topic.partition(), next);
    }

    /**
     * How many messages the topic holds that this replica has not yet read past (only committed Kafka transactions
     * count; their markers are read past with the next poll): 0 when caught up.
     */
    public long lag(Duration timeout) {
        long end = consumer.endOffsets(List.of(topic.partition()), timeout).get(topic.partition());
        return Math.max(0, end - consumer.position(topic.partition(), timeout));
    }

    /** Why the replica stopped applying (a malformed entry), or null while it runs. */
    public String stopped() {
        return stopped;
    }

    /** The release the replica's data last came from whole, or null. */
    public String release() {
        return release;
    }

    /** What the replica had to do that its operators should know (a re-bootstrap after retention), or null. */
    public String notice() {
        return notice;
    }

    /**
     * A new replica (a store that has taken nothing yet) starts from the writer's newest release rather than from the
     * whole topic: downloads, verifies and installs it, then reads the topic from the offset after the one recorded with
     * it. Without a place to fetch releases, or if the writer has published none with an offset, it reads the topic
     * from its start. Returns true if it installed a release.
     */
    public boolean bootstrapIfNew() {
        boolean fresh = Txn.calculateRead(store, () -> offsetOf(store) < 0 && headOf(store) == null);
        if (!fresh || installer == null || stopped != null) {
            return false;
        }
        var latest = installer.source().latest();
        if (latest.isEmpty() || latest.get().offset() < 0) {
            LOG.info(
                    "{} has {}: this new replica reads {} from its start",
                    installer.source().base(),
                    latest.isEmpty() ? "published no release yet" : "no release with a Kafka offset yet",
                    topic.topic());
            return false;
        }
        return install(latest.get(), null, "the newest release's manifest");
    }

    /** Installs a release (stopping the replica with the reason if that fails); true if installed. */
    private boolean install(ReleaseSource.Point point, byte[] entry, String why) {
        try {
            installer.install(atlas, point, entry, why);
            release = point.version();
            consumer.seek(topic.partition(), point.offset() + 1);
            return true;
        } catch (SnapshotException e) {
            stopped = e.getMessage() + "; stopped (the store is as it was)";
            LOG.error("Replica stopped: {}", stopped, e);
            return false;
        }
    }

    /**
     * The replica's next offset is no longer in the topic (retention deleted it): it says so, and installs the writer's
     * newest release if it has a place to fetch it from, else stops.
     */
    private void outOfRetention() {
        long next = Txn.calculateRead(store, () -> offsetOf(store)) + 1;
        long start = consumer.beginningOffsets(List.of(topic.partition())).get(topic.partition());
        String why = "this replica's next offset " + next + " is below the log start offset " + start + " of "
                + topic.topic() + ": retention deleted entries it has not applied";
        LOG.warn("{}", why);
        if (installer == null) {
            stopped = why + "; give --releases-from URL (the writer's public URL) to bootstrap again from its newest"
                    + " release";
            return;
        }
        java.util.Optional<ReleaseSource.Point> latest;
        try {
            latest = installer.source().latest();
        } catch (SnapshotException e) {
            stopped = why + "; and the writer's newest release could not be fetched: " + e.getMessage();
            LOG.error("Replica stopped: {}", stopped);
            return;
        }
        if (latest.isEmpty() || latest.get().offset() < 0 || latest.get().offset() + 1 < start) {
            stopped = why + "; and the writer's newest release at "
                    + installer.source().base()
                    + latest.map(p -> " (" + p.version() + ", offset " + p.offset() + ")")
                            .orElse(" (none)")
                    + " does not reach the log start either: make a release on the writer ('atlas release') and"
                    + " restart this replica";
            LOG.error("Replica stopped: {}", stopped);
            return;
        }
        notice = why + "; bootstrapped again from release " + latest.get().version() + " at offset "
                + latest.get().offset();
        install(latest.get(), null, "the newest release's manifest");
    }

    /** The replica's position and counts. */
    public Progress progress() {
        return Txn.calculateRead(
                store, () -> new Progress(headOf(store), offsetOf(store), applied, quads, duplicates, refused));
    }

    /**
     * Polls once (waiting up to {@code wait}) and applies what came, batch by batch; returns the number of messages
     * taken (applied, skipped or refused). Nothing happens once the replica has stopped.
     */
    public int poll(Duration wait) {
        if (stopped != null) {
            return 0;
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try {
            consumer.poll(wait).forEach(records::add);
        } catch (OffsetOutOfRangeException e) {
            outOfRetention();
            return 0;
        }
        int taken = 0;
        int i = 0;
        long started = System.nanoTime();
        while (i < records.size() && stopped == null) {
            int end = i;
            long bytes = 0;
            while (end < records.size() && end - i < batch.entries() && (end == i || bytes < batch.bytes())) {
                bytes += records.get(end).value() == null ? 0 : records.get(end).value().length;
                end++;
            }
            List<ConsumerRecord<String, byte[]>> chunk = records.subList(i, end);
            taken += Txn.calculateWrite(store, () -> applyAll(chunk));
            i = end;
            if (pendingSnapshot != null) {
                ConsumerRecord<String, byte[]> snapshot = pendingSnapshot;
                pendingSnapshot = null;
                if (applySnapshot(snapshot)) {
                    taken++;
                }
                // The records after it are read again from the new position.
                break;
            }
        }
        if (taken > 0) {
            long applyingMs = (System.nanoTime() - started) / 1_000_000;
            // Search, the catalogue and the type listings read the text index, which the entries do not carry.
            atlas.ensureTextIndexCurrent();
            LOG.info(
                    "Took {} messages up to offset {} in {} ms, then the text index in {} ms",
                    taken,
                    records.get(records.size() - 1).offset(),
                    applyingMs,
                    (System.nanoTime() - started) / 1_000_000 - applyingMs);
        }
        if (stopped != null) {
            // Read the bad entry again after a restart, never past it.
            consumer.seek(topic.partition(), Txn.calculateRead(store, () -> offsetOf(store)) + 1);
        }
        return taken;
    }

    /** Applies a batch inside one write transaction; stops at a malformed entry (the ones before it commit). */
    private int applyAll(List<ConsumerRecord<String, byte[]>> records) {
        int taken = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.offset() <= offsetOf(store)) {
                duplicates++;
                continue;
            }
            RDFPatch patch;
            try {
                patch = RDFPatchOps.read(new ByteArrayInputStream(r.value() == null ? new byte[0] : r.value()));
                if (patch.getId() == null || !patch.getId().isURI()) {
                    throw new IllegalArgumentException("it has no id header");
                }
            } catch (RuntimeException e) {
                stopped = "the entry at offset " + r.offset() + " of " + topic.topic()
                        + " is not an RDF Patch change-log entry (" + e.getMessage() + "); stopped before it";
                LOG.error("Replica stopped: {}", stopped);
                return taken;
            }
            String id = patch.getId().getURI();
            Node prev = patch.getPrevious();
            String head = headOf(store);
            if (store.contains(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.items.asNode(), patch.getId())) {
                duplicates++;
            } else if (!java.util.Objects.equals(prev == null ? null : prev.getURI(), head)) {
                refused++;
                LOG.warn(
                        "Refused the entry {} at offset {}: it follows {}, but this replica's newest entry is {}",
                        id,
                        r.offset(),
                        prev == null ? "nothing" : prev.getURI(),
                        head == null ? "nothing" : head);
            } else if (patch.header().get(ChangeLog.SNAPSHOT) != null) {
                // A whole new store: installed outside this transaction, once the entries before it have committed.
                pendingSnapshot = r;
                return taken;
            } else {
                DataOnly data = new DataOnly(store);
                patch.apply(data);
                quads += data.quads;
                if (atlas.changeLog() != null && id.startsWith(URN_UUID)) {
                    // The local log holds what the store applied, as on the writer (for 'atlas log', the feeds);
                    // written before the batch commits, set aside on the next open if that commit fails.
                    atlas.changeLog().adopt(id.substring(URN_UUID.length()), r.value());
                }
                store.deleteAny(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), Node.ANY);
                store.add(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), patch.getId());
                store.add(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.items.asNode(), patch.getId());
                store.add(
                        AtlasIris.CHANGE_LOG_GRAPH,
                        AtlasIris.CHANGE_LOG,
                        RDF.type.asNode(),
                        AS.OrderedCollection.asNode());
                applied++;
            }
            ChangeLog.markOffset(store, r.offset());
            taken++;
        }
        return taken;
    }

    /** Installs the release a snapshot entry names; false (the replica stopped, the store as it was) if it cannot. */
    private boolean applySnapshot(ConsumerRecord<String, byte[]> r) {
        var h = RDFPatchOps.readHeader(new ByteArrayInputStream(r.value()));
        String version = literal(h.get(ChangeLog.VERSION));
        String where =
                "the snapshot entry at offset " + r.offset() + " of " + topic.topic() + " (release " + version + ")";
        if (installer == null) {
            stopped = where + " needs the writer's release, and this replica has no --releases-from URL to fetch it;"
                    + " stopped before it";
            LOG.error("Replica stopped: {}", stopped);
            return false;
        }
        ReleaseSource.Point point = new ReleaseSource.Point(
                version, literal(h.get(ChangeLog.SHA256)), h.getId().getURI(), r.offset());
        if (!install(point, r.value(), where)) {
            consumer.seek(topic.partition(), Txn.calculateRead(store, () -> offsetOf(store)) + 1);
            return false;
        }
        applied++;
        return true;
    }

    private static String literal(Node n) {
        return n == null ? "" : n.getLiteralLexicalForm();
    }

    /** The offset of the newest message taken, -1 if none; inside a transaction. */
    static long offsetOf(DatasetGraph dsg) {
        var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AtlasIris.KAFKA_OFFSET, Node.ANY);
        return it.hasNext() ? Long.parseLong(it.next().getObject().getLiteralLexicalForm()) : -1;
    }

    /** The IRI of the newest entry applied (as the writer records it), or null; inside a transaction. */
    static String headOf(DatasetGraph dsg) {
        var it = dsg.find(AtlasIris.CHANGE_LOG_GRAPH, AtlasIris.CHANGE_LOG, AS.last.asNode(), Node.ANY);
        return it.hasNext() ? it.next().getObject().getURI() : null;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** Applies the data of a patch inside the caller's transaction: the patch's own TX/TC are ignored. */
    private static final class DataOnly extends RDFChangesApply {
        long quads;

        DataOnly(DatasetGraph dsg) {
            super(dsg);
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            super.add(g, s, p, o);
            quads++;
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            super.delete(g, s, p, o);
            quads++;
        }

        @Override
        public void txnBegin() {}

        @Override
        public void txnCommit() {}

        @Override
        public void txnAbort() {
            throw new IllegalStateException("the entry aborts its own change");
        }
    }
}
