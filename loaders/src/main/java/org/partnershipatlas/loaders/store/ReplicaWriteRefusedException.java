package org.partnershipatlas.loaders.store;

/**
 * A write was refused because the store is a read replica: it takes changes only from the change log's Kafka topic,
 * which the writer feeds. Loads, reloads and decisions go to the writer.
 */
public class ReplicaWriteRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplicaWriteRefusedException(String message) {
        super(message);
    }
}
