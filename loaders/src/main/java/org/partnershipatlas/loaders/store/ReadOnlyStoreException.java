package org.partnershipatlas.loaders.store;

/** The store lives on a file system that is mounted read-only (or whose files cannot be written), so TDB2 cannot open it. */
public class ReadOnlyStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
