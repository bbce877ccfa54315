package org.partnershipatlas.loaders.store;

/** The store's files are damaged (truncated or missing) and it cannot be opened; restore it from a backup. */
public class StoreDamagedException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public StoreDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
