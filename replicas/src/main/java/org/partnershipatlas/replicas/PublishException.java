package org.partnershipatlas.replicas;

/** An entry could not be published to Kafka; the commit it belongs to does not happen. */
public final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
