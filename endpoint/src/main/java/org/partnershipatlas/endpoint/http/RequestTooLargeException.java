package org.partnershipatlas.endpoint.http;

/** A request body over a limit; {@link RequestGuardFilter} answers 413 with this message. */
public final class RequestTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RequestTooLargeException(String message) {
        super(message);
    }
}
