package org.partnershipatlas.loaders.backup;

/** A backup that cannot be written, read or trusted, or a restore that cannot go ahead; the message says why. */
public final class BackupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
