package org.partnershipatlas.gatekeeper;

import java.util.List;
import java.util.stream.Collectors;

/** A proposal cannot be checked as it stands: says which fields and what to fix, every problem at once. */
public class ProposalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /** One problem: the field at fault (null for the proposal as a whole) and what to do. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field == null ? message : field + ": " + message;
        }
    }

    public ProposalException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public ProposalException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** The first field at fault, or null for the proposal as a whole. */
    public String field() {
        return problems.get(0).field();
    }

    /** Every problem found. */
    public List<Problem> problems() {
        return problems;
    }
}
