package org.partnershipatlas.loaders.linkhealth;

/** Link checking cannot start or its results cannot be used; the message says which setting or URL. */
public final class LinkCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkCheckException(String message) {
        super(message);
    }
}
