package org.partnershipatlas.loaders.store;

/**
 * A write failed because the storage under it failed: the disk filled up, the file system turned read-only, or a
 * file could not be written. The message says which, and where, in words.
 */
public class StorageFaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean diskFull;

    public StorageFaultException(String message, boolean diskFull, Throwable cause) {
        super(message, cause);
        this.diskFull = diskFull;
    }

    /** True if the fault was a full disk (rather than, say, a read-only file system). */
    public boolean diskFull() {
        return diskFull;
    }
}
