package org.partnershipatlas.queries;

/** A parameter is missing, unknown, or has a value of the wrong kind; names the parameter. */
public class BadParameterException extends QueryException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super("parameter '" + parameter + "': " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
