package org.partnershipatlas.loaders.store;

/** The store cannot be opened: most often another process (such as a running server) holds its lock. */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
