package org.partnershipatlas.replicas;

/** A release could not be fetched, verified or installed on a replica; the replica keeps the store it had. */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
