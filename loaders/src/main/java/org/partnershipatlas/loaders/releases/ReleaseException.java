package org.partnershipatlas.loaders.releases;

/** A release that cannot be written, withdrawn or found: the version and what was expected, in words. */
public final class ReleaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReleaseException(String message) {
        super(message);
    }
}
