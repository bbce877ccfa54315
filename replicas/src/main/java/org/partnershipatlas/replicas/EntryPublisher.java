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
 * so nothing changes anywhere. Read-your-writes: {@link #publish} returns only once the entry can be read back from
 * the topic as a replica reads it ({@link EntryReadBack}), so a change the writer reports done is one its replicas
 * can take. An entry the topic holds but the writer did not commit (its commit failed afterwards, or it could not be
 * read back) leaves the writer behind its own log: it refuses every later entry, which would follow the wrong one on
 * the replicas, until it is restarted and takes the entry up ({@link WriterCatchUp}).
 */
public final class EntryPublisher implements ChangeLog.Publisher, AutoCloseable {
    /** The message key of every entry (one partition: the key only documents what the message is). */
    static final String KEY = "atlas-change";

    static final String CONTENT_TYPE = "application/rdf-patch";

    /** The message header that names the entry ({@code id} of its RDF Patch header, without {@code urn:uuid:}). */
    static final String ENTRY_HEADER = "atlas-entry";

    private final LogTopic topic;
    private final Properties settings;
    private final Duration timeout;
    /** Null after a failure: made afresh (which ends the unfinished transaction) on the next publish. */
    private KafkaProducer<String, byte[]> producer;
    /** Another writer took the id: this one never writes again (a producer made afresh would fence that one). */
    private String fenced;
    /** The topic holds an entry this writer's store lacks: no further entry until a restart takes it up. */
    private String behind;
    /** Reads each published entry back; made with the first. */
    private EntryReadBack readBack;

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
        if (behind != null) {
            throw new PublishException(behind, null);
        }
        if (producer == null) {
            producer = connect();
        }
        long start = System.nanoTime();
        long offset;
        try {
            producer.beginTransaction();
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic.topic(), topic.partition().partition(), KEY, entry);
            record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));
            record.headers().add(ENTRY_HEADER, id.getBytes(StandardCharsets.US_ASCII));
            RecordMetadata sent = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producer.commitTransaction();
            offset = sent.offset();
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
        try {
            if (readBack == null) {
                readBack = new EntryReadBack(topic);
            }
            readBack.await(id, offset, timeout.minusNanos(System.nanoTime() - start));
            return offset;
        } catch (PublishException | KafkaException e) {
            notCommitted(id);
            throw e instanceof PublishException p
                    ? p
                    : new PublishException(
                            "change " + id + " was published at offset " + offset + ", but reading it back failed: "
                                    + message(e),
                            e);
        }
    }

    /**
     * The writer's commit of entry {@code id}, which the topic holds, failed: later entries are refused until a
     * restart takes it up from the topic.
     */
    @Override
    public synchronized void notCommitted(String id) {
        behind = "the change log topic " + topic.topic() + " holds change " + id + ", which this writer did not"
                + " commit; restart the writer (it takes the change up from the topic at start) before it writes"
                + " again";
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
        if (readBack != null) {
            readBack.close();
            readBack = null;
        }
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
