package org.partnershipatlas.loaders.links;

/** A link spec or target that cannot be used; the message names the file, field or host. */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
