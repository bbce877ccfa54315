package org.partnershipatlas.replicas;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.partnershipatlas.loaders.store.AtlasStore;

/**
 * Read-your-writes for the writer at start: reads the topic from the offset of the writer's newest published entry
 * (which its store records with the entry) to the end, and applies what the store lacks. This closes the window of
 * {@link EntryPublisher}: an entry is published before the local commit, so if that commit then fails (the process
 * dies, the disk fills) Kafka holds a change the writer does not, and the replicas apply it. Applied here too, the
 * writer agrees with its replicas again before it writes anything new; entries of another history (another writer's
 * after a failover) are taken the same way, under the replicas' rule that each must follow the store's newest one.
 */
public final class WriterCatchUp {
    private WriterCatchUp() {}

    /**
     * Applies the entries after the store's recorded offset; returns what was done. A snapshot entry among them (a
     * bulk load or restore of this writer's, killed between publishing it and swapping its store in) is installed
     * from the writer's own releases folder, where the release was written and synced before the entry was published.
     *
     * @param releases the writer's releases folder ({@code atlas release}'s {@code --releases})
     * @throws PublishException if Kafka cannot be reached within {@code timeout}, or the topic holds an entry that
     *     cannot be read (the writer must not write past it: its replicas are stopped there)
     */
    public static ReplicaApplier.Progress run(AtlasStore store, LogTopic topic, Path releases, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ReplicaApplier applier =
                new ReplicaApplier(store, topic, ReplicaApplier.Batch.DEFAULT, ReleaseSource.folder(releases))) {
            while (true) {
                applier.poll(Duration.ofMillis(200));
                if (applier.stopped() != null) {
                    throw new PublishException(
                            "the writer cannot take up its change log topic: " + applier.stopped(), null);
                }
                Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
                if (applier.lag(left) == 0) {
                    return applier.progress();
                }
                if (System.nanoTime() > deadline) {
                    throw new PublishException(
                            "the writer did not read its change log topic " + topic.topic() + " to the end in "
                                    + timeout.toSeconds() + " s",
                            null);
                }
            }
        } catch (KafkaException e) {
            throw new PublishException(
                    "cannot reach Kafka at " + topic.bootstrapServers() + " to read the writer's own entries back: "
                            + e.getMessage(),
                    e);
        }
    }
}
