package org.partnershipatlas.loaders.changes;

/** A replay that cannot start or go on: a snapshot entry's release is missing or does not match its checksum. */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
