package org.partnershipatlas.loaders.store;

/**
 * A write was refused because an earlier write in this process had a storage fault: TDB2 must not be written to
 * again until the store is reopened (or the process restarted), or the store on disk can be damaged for good.
 */
public class StoreFaultedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFaultedException(String message) {
        super(message);
    }
}
