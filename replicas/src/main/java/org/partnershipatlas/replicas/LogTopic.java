package org.partnershipatlas.replicas;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an Atlas's change log travels: the Kafka cluster ({@code host:port,...}) and the topic. One partition only:
 * entries must be applied in order (a delete depends on the add before it), and Kafka orders a partition, not a topic.
 */
public record LogTopic(String bootstrapServers, String topic) {
    /** The largest entry sent as one message (Kafka's own default limit is 1 MiB); bigger changes travel as snapshots. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    public LogTopic {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the Kafka bootstrap servers (HOST:PORT) are missing");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the Kafka topic is missing");
        }
    }

    /** The topic's one partition. */
    public TopicPartition partition() {
        return new TopicPartition(topic, 0);
    }

    Properties clientProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }
}
