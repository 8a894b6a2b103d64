package io.canvass.problem;

import java.util.List;

/**
 * Base of the exceptions that describe a client's mistake in the domain's own words: a stable
 * type, a title, a detail and, where a request has several faults, one violation per field.
 */
public abstract class RequestProblem extends RuntimeException {

    private final ProblemKind kind;
    private final String type;
    private final String title;

    protected RequestProblem(ProblemKind kind, String type, String title, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
    }

    public ProblemKind kind() {
        return kind;
    }

    /** The last part of the problem type URI, e.g. {@code invalid-answers}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The per-field problems, when the request has several. */
    public List<Violation> violations() {
        return List.of();
    }
}
