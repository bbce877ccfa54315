package org.partnershipatlas.loaders.store;

/** A write was refused before it started because a file system it would write to has too little free space. */
public class InsufficientSpaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsufficientSpaceException(String message) {
        super(message);
    }
}
