package org.partnershipatlas.queries;

/** Something is wrong with a request to run a named query; the message says what, for the user. */
public class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
