package org.partnershipatlas.loaders;

import java.util.List;

/**
 * A source could not be read or mapped: an unreadable file, a malformed CSV record or RDF syntax, a bad value.
 * Thrown before the load commits, so the store is left as it was.
 */
public class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient LoadProblem problem;

    public LoadException(LoadProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public LoadException(LoadProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    /** What went wrong, and where. */
    public LoadProblem problem() {
        return problem;
    }

    /** The problems, as a list (one for an input error). */
    public List<LoadProblem> problems() {
        return List.of(problem);
    }
}
