package org.partnershipatlas.gatekeeper;

/** A proposal cannot be checked as it stands: says which field and what to fix. */
public class ProposalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ProposalException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** The field at fault, or null for the proposal as a whole. */
    public String field() {
        return field;
    }
}
