package org.partnershipatlas.replicas;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.partnershipatlas.loaders.store.AtlasStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read replica at work: one background thread that applies the topic's entries to the store ({@link
 * ReplicaApplier}, which is not thread-safe and stays on that thread) and, after each poll, asks Kafka how far behind
 * it is. {@link #status()} answers from what the thread last saw, without waiting on Kafka, so that a load balancer's
 * health checks cost nothing.
 *
 * <p>Ready means: the applier runs (no malformed entry stopped it, applying did not fail), Kafka answered within
 * {@link Settings#unreachable()}, and the replica is at most {@link Settings#maxLag()} messages behind.
 */
public final class ReplicaRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRunner.class);

    /**
     * @param maxLag the most messages behind the topic's end a ready replica may be
     * @param unreachable how long Kafka may not answer before the replica says it is not ready
     * @param poll how long one poll waits for new entries
     */
    public record Settings(long maxLag, Duration unreachable, Duration poll, ReplicaApplier.Batch batch) {
        public static final Settings DEFAULT =
                new Settings(10, Duration.ofSeconds(30), Duration.ofMillis(200), ReplicaApplier.Batch.DEFAULT);
    }

    /**
     * What the replica's thread last saw.
     *
     * @param reason why it is not ready (null when ready)
     * @param lag messages behind the topic's end when Kafka last answered (-1 before it ever did)
     */
    public record Status(
            boolean ready,
            String reason,
            long lag,
            long lastOffset,
            String lastEntry,
            long applied,
            long quads,
            long duplicates,
            long refused,
            Instant lastContact,
            String release,
            String notice) {}

    private final AtlasStore store;
    private final LogTopic topic;
    private final Settings settings;
    private final ReleaseSource releases;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Seen seen;
    private volatile String release;
    private volatile String notice;

    /** What one round of the thread saw. */
    private record Seen(
            ReplicaApplier.Progress progress, long lag, Instant lastContact, String kafkaError, String stopped) {}

    private ReplicaRunner(AtlasStore store, LogTopic topic, Settings settings, ReleaseSource releases) {
        this.releases = releases;
        this.store = store;
        this.topic = topic;
        this.settings = settings;
        this.seen = new Seen(null, -1, null, null, null);
        this.thread = new Thread(this::run, "atlas-replica");
        this.thread.setDaemon(true);
    }

    /** Starts applying the topic's entries to {@code store}, from the offset the store records. */
    public static ReplicaRunner start(AtlasStore store, LogTopic topic, Settings settings) {
        return start(store, topic, settings, null);
    }

    /**
     * Starts applying the topic's entries to {@code store}; a new store first takes the writer's newest release from
     * {@code releases} (null: none, the topic is read from its start), which also serves snapshot entries and a
     * re-bootstrap after retention ({@link ReplicaApplier}).
     */
    public static ReplicaRunner start(AtlasStore store, LogTopic topic, Settings settings, ReleaseSource releases) {
        ReplicaRunner runner = new ReplicaRunner(store, topic, settings, releases);
        runner.thread.start();
        return runner;
    }

    private void run() {
        try (ReplicaApplier applier = new ReplicaApplier(store, topic, settings.batch(), releases)) {
            Instant lastContact = null;
            String kafkaError = null;
            String stopped = null;
            long started = System.nanoTime();
            boolean caughtUp = false;
            boolean bootstrapped = false;
            while (running && stopped == null) {
                if (!bootstrapped) {
                    try {
                        applier.bootstrapIfNew();
                        bootstrapped = true;
                    } catch (SnapshotException e) {
                        // The writer is not reachable yet: tried again after a pause, and /ready says why meanwhile.
                        kafkaError = "cannot fetch the writer's newest release: " + e.getMessage();
                        seen = new Seen(applier.progress(), seen.lag(), lastContact, kafkaError, null);
                        pause(settings.poll());
                        continue;
                    }
                    stopped = applier.stopped();
                    if (stopped != null) {
                        seen = new Seen(applier.progress(), seen.lag(), lastContact, null, stopped);
                        break;
                    }
                }
                try {
                    applier.poll(settings.poll());
                    long lag = applier.lag(settings.poll().plus(Duration.ofSeconds(2)));
                    lastContact = Instant.now();
                    kafkaError = null;
                    stopped = applier.stopped();
                    seen = new Seen(applier.progress(), lag, lastContact, null, stopped);
                    release = applier.release();
                    notice = applier.notice();
                    if (!caughtUp && lag == 0) {
                        caughtUp = true;
                        ReplicaApplier.Progress p = seen.progress();
                        LOG.info(
                                "Caught up with {} at offset {}: {} entries ({} quads) applied in {} ms since start",
                                topic.topic(),
                                p.lastOffset(),
                                p.applied(),
                                p.quads(),
                                (System.nanoTime() - started) / 1_000_000);
                    }
                } catch (KafkaException e) {
                    // The broker is down or unreachable: the poll returned nothing, asking for the end timed out.
                    if (kafkaError == null) {
                        LOG.warn("The replica cannot reach Kafka at {}: {}", topic.bootstrapServers(), e.toString());
                    }
                    kafkaError = e.getMessage();
                    seen = new Seen(applier.progress(), seen.lag(), lastContact, kafkaError, null);
                }
            }
        } catch (RuntimeException | Error e) {
            // Applying failed (a storage fault, a bug): the replica must not go on as if it had the entry.
            LOG.error("The replica stopped applying entries", e);
            Seen last = seen;
            seen = new Seen(
                    last.progress(),
                    last.lag(),
                    last.lastContact(),
                    null,
                    "applying the change log failed: " + e.getMessage());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replica's state as the thread last saw it. */
    public Status status() {
        Seen s = seen;
        String reason = null;
        if (s.stopped() != null) {
            reason = "stopped: " + s.stopped();
        } else if (s.lastContact() == null) {
            reason = "has not reached Kafka at " + topic.bootstrapServers() + " yet"
                    + (s.kafkaError() == null ? "" : " (" + s.kafkaError() + ")");
        } else if (s.kafkaError() != null
                && Duration.between(s.lastContact(), Instant.now()).compareTo(settings.unreachable()) > 0) {
            reason = "Kafka at " + topic.bootstrapServers() + " has not answered since " + s.lastContact() + " ("
                    + s.kafkaError() + ")";
        } else if (s.lag() > settings.maxLag()) {
            reason = s.lag() + " messages behind the topic " + topic.topic() + " (at most " + settings.maxLag()
                    + " allowed)";
        }
        ReplicaApplier.Progress p = s.progress();
        return new Status(
                reason == null,
                reason,
                s.lag(),
                p == null ? -1 : p.lastOffset(),
                p == null ? null : p.lastId(),
                p == null ? 0 : p.applied(),
                p == null ? 0 : p.quads(),
                p == null ? 0 : p.duplicates(),
                p == null ? 0 : p.refused(),
                s.lastContact(),
                release,
                notice);
    }

    /** Stops the thread after its current poll and batch; the store's position is as the last batch left it. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
