package org.partnershipatlas.replicas;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Read-your-writes for the writer: reads an entry it has just published back from the topic, as a replica would
 * ({@code read_committed}), so that a change counts as done only once the log gives it to readers. Only the record's
 * headers are compared (its id); one consumer serves every entry of a writer.
 */
final class EntryReadBack implements AutoCloseable {
    private final LogTopic topic;
    private final KafkaConsumer<String, byte[]> consumer;

    EntryReadBack(LogTopic topic) {
        this.topic = topic;
        Properties p = topic.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LogTopic.MAX_MESSAGE_BYTES);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(topic.partition()));
    }

    /**
     * Waits until the record at {@code offset} can be read and checks that it is entry {@code id}.
     *
     * @throws PublishException if it is not read back within {@code timeout}, or another entry is there
     */
    void await(String id, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        consumer.seek(topic.partition(), offset);
        while (System.nanoTime() < deadline) {
            long left = Math.max((deadline - System.nanoTime()) / 1_000_000, 1);
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(Math.min(left, 500)))) {
                if (r.offset() < offset) {
                    continue;
                }
                String found = entryId(r);
                if (r.offset() == offset && id.equals(found)) {
                    return;
                }
                throw new PublishException(
                        "change " + id + " was published at offset " + offset + " of " + topic.topic()
                                + ", but reading it back gave "
                                + (found == null ? "a message that is no entry" : "entry " + found)
                                + " at offset " + r.offset(),
                        null);
            }
        }
        throw new PublishException(
                "change " + id + " was published at offset " + offset + " of " + topic.topic()
                        + ", but could not be read back from the topic within " + timeout.toSeconds() + " s",
                null);
    }

    private static String entryId(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(EntryPublisher.ENTRY_HEADER);
        return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
