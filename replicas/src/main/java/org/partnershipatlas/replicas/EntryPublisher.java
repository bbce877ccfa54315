package org.partnershipatlas.replicas;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.partnershipatlas.loaders.changes.ChangeLog;

/**
 * The writer's side: sends each change-log entry to the topic, in a Kafka transaction of its own, and returns only
 * once the broker has it on every in-sync replica ({@code acks=all}). The producer's fixed {@code transactional.id}
 * fences any other writer using the same id: the first to send after a second one started gets
 * {@link ProducerFencedException}, so two writers never interleave entries.
 *
 * <p>Used as the change log's {@link ChangeLog.Publisher}: an entry that cannot be published makes the commit fail,
 * so nothing changes anywhere.
 */
public final class EntryPublisher implements ChangeLog.Publisher, AutoCloseable {
    /** The message key of every entry (one partition: the key only documents what the message is). */
    static final String KEY = "atlas-change";

    static final String CONTENT_TYPE = "application/rdf-patch";

    private final LogTopic topic;
    private final Properties settings;
    private final Duration timeout;
    /** Null after a failure: made afresh (which ends the unfinished transaction) on the next publish. */
    private KafkaProducer<String, byte[]> producer;
    /** Another writer took the id: this one never writes again (a producer made afresh would fence that one). */
    private String fenced;

    /**
     * Connects and claims the writer's transactional id (fencing an older writer with the same id).
     *
     * @throws PublishException if the broker cannot be reached within {@code timeout}
     */
    public EntryPublisher(LogTopic topic, String transactionalId, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        Properties p = topic.clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LogTopic.MAX_MESSAGE_BYTES);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.settings = p;
        this.producer = connect();
    }

    /** A producer that has claimed the transactional id, which also ends any transaction an earlier one left open. */
    private KafkaProducer<String, byte[]> connect() {
        KafkaProducer<String, byte[]> made =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        try {
            made.initTransactions();
            return made;
        } catch (KafkaException e) {
            made.close(Duration.ZERO);
            throw new PublishException(
                    "cannot reach Kafka at " + topic.bootstrapServers() + " to publish the change log: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Publishes one entry; returns its offset in the topic.
     *
     * @throws PublishException if the broker did not take it (unreachable, fenced by another writer, too large)
     */
    @Override
    public synchronized long publish(String id, byte[] entry) {
        if (fenced != null) {
            throw new PublishException(fenced, null);
        }
        if (producer == null) {
            producer = connect();
        }
        try {
            producer.beginTransaction();
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic.topic(), topic.partition().partition(), KEY, entry);
            record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));
            record.headers().add("atlas-entry", id.getBytes(StandardCharsets.US_ASCII));
            RecordMetadata sent = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producer.commitTransaction();
            return sent.offset();
        } catch (ProducerFencedException e) {
            throw fenced(e);
        } catch (ExecutionException | TimeoutException | KafkaException | IllegalStateException e) {
            if (e.getCause() instanceof ProducerFencedException
                    || e.getCause() instanceof InvalidProducerEpochException
                    || e instanceof InvalidProducerEpochException) {
                // Kafka 4's transactions say "fenced" this way when a newer producer took the id mid-transaction.
                throw fenced(e);
            }
            discard();
            throw new PublishException(
                    "Kafka at " + topic.bootstrapServers() + " did not take change " + id + ": " + message(e), e);
        } catch (InterruptedException e) {
            discard();
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing change " + id, e);
        }
    }

    private PublishException fenced(Exception e) {
        fenced = "another writer has taken over the change log topic " + topic.topic()
                + " (same transactional id): this one may no longer write";
        discard();
        return new PublishException(fenced, e);
    }

    /**
     * Drops the producer after a failure. Its open transaction, if any, is never committed: the next producer's
     * {@code initTransactions} aborts it (or the broker's transaction timeout does), so read_committed consumers never
     * see it. Aborting here instead can time out with the broker down and leave the producer unusable.
     */
    private void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private static String message(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
