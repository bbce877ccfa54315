package org.partnershipatlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.partnershipatlas.loaders.changes.ChangeLog;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.partnershipatlas.loaders.store.StoreDamagedException;
import org.partnershipatlas.replicas.EntryPublisher;
import org.partnershipatlas.replicas.LogTopic;
import org.partnershipatlas.replicas.ReplicaApplier;
import org.partnershipatlas.replicas.WriterCatchUp;
import picocli.CommandLine.Option;

/** Where the change log travels to the read replicas (Apache Kafka), for the commands that write or replicate. */
public final class KafkaOptions {
    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (HOST:PORT,...) of the replicas' change log topic. A writer"
                    + " publishes each change there before it commits; a replica (serve --replica) applies them.")
    String bootstrap;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "atlas-changes",
            description = "The change log topic, one partition (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--writer-id",
            paramLabel = "ID",
            defaultValue = "atlas-writer",
            description = "The writer's Kafka transactional id: a second writer with the same id fences the first"
                    + " (default: ${DEFAULT-VALUE}).")
    String writerId;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long a writer waits for Kafka to take an entry, or to read its topic back at start,"
                    + " before the write fails (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    boolean given() {
        return bootstrap != null;
    }

    LogTopic logTopic() {
        return new LogTopic(bootstrap, topic);
    }

    /** How a replica names its source in its store and on /health. */
    String source() {
        return "kafka://" + bootstrap + "/" + topic;
    }

    /**
     * Makes {@code store} the writer on the topic: claims the writer id (fencing an older writer, whose unfinished
     * Kafka transaction is aborted), applies the entries the topic holds after the store's own (read-your-writes
     * after a commit that failed once Kafka had the entry), then publishes every later change. Returns the publisher,
     * to close after the writes.
     */
    EntryPublisher writeThrough(AtlasStore store, Path releases, PrintWriter out) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        EntryPublisher publisher = new EntryPublisher(logTopic(), writerId, timeout);
        try {
            ReplicaApplier.Progress caughtUp = WriterCatchUp.run(store, logTopic(), releases, timeout);
            if (caughtUp.applied() > 0) {
                out.println("Applied " + caughtUp.applied() + " change(s) from " + source()
                        + " that this store lacked (published, but not committed here)");
                out.flush();
            }
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        store.changeLog().publishTo(publisher);
        return publisher;
    }

    /**
     * Why a write to {@code store} without {@code --kafka} must be refused, or null if it may go ahead: a store that
     * has published to a change log topic (it records an offset there) is a writer whose replicas take every change
     * from that topic; a change made past it would reach none of them, and the writer's next published entry would
     * follow one they never had, so every replica would refuse it and all after it.
     */
    String unpublishedWriteRefusal(AtlasStore store, String what) {
        if (given()) {
            return null;
        }
        Long offset = store.read(ChangeLog::offsetOf);
        return offset == null
                ? null
                : "the store at " + store.location() + " is the writer of a change log topic (it records Kafka offset "
                        + offset + "): " + what + " must reach its replicas; give --kafka HOST:PORT --topic TOPIC";
    }

    /**
     * {@link #unpublishedWriteRefusal(AtlasStore, String)} for the store of a command that may also create or
     * replace it: a missing store has none, nor a damaged one (a bulk load or a restore replaces it whole; a
     * transaction reports it when it opens the store).
     */
    String unpublishedWriteRefusal(StoreOptions storeOptions, String what) {
        if (!AtlasStore.exists(storeOptions.store)) {
            return null;
        }
        try (AtlasStore store = storeOptions.open()) {
            return unpublishedWriteRefusal(store, what);
        } catch (StoreDamagedException e) {
            return null;
        }
    }

    /** A command's write to the store, which may throw what the command handles. */
    interface Write<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code write} on {@code store}, with every change it commits published to the topic first when
     * {@code --kafka} is given ({@link #writeThrough}; the publisher is detached and closed afterwards), or only
     * locally when it is not.
     */
    <T, E extends Exception> T publishing(AtlasStore store, Path releases, PrintWriter out, Write<T, E> write)
            throws E {
        EntryPublisher publisher = given() ? writeThrough(store, releases, out) : null;
        try {
            return write.run();
        } finally {
            if (publisher != null) {
                store.changeLog().publishTo(null);
                publisher.close();
            }
        }
    }

    /**
     * For a command that replaces the store whole (a bulk load, a restore): makes the store at {@code storeDir} the
     * writer on the topic and takes what it lacks, as {@link #writeThrough}, then closes it again; returns the publisher
     * for the snapshot entry, to close afterwards.
     */
    EntryPublisher writerFor(StoreOptions storeOptions, PrintWriter out) {
        try (AtlasStore store = storeOptions.open()) {
            EntryPublisher publisher = writeThrough(store, storeOptions.releases(), out);
            store.changeLog().publishTo(null);
            return publisher;
        }
    }
}
