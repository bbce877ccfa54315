package org.partnershipatlas.queries;

/** There is no named query of that name. */
public class UnknownQueryException extends QueryException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public UnknownQueryException(String name) {
        super("no named query '" + name + "'");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
