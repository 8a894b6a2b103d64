package io.canvass.problem;

import java.util.List;

/**
 * Base of the exceptions that describe a client's mistake in the domain's own words: a registered
 * type (which decides the status and title, so services speak of the domain and never of HTTP), a
 * detail and, where a request has several faults, one violation per field.
 */
public abstract class RequestProblem extends RuntimeException {

    private final ProblemType type;

    protected RequestProblem(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    public String title() {
        return type.title();
    }

    /** What the problem document says in {@code detail}: the message, unless a subclass words it for clients. */
    public String detail() {
        return getMessage();
    }

    /** The per-field problems, when the request has several. */
    public List<Violation> violations() {
        return List.of();
    }

    /** For a refusal that passes with time (429, 503): when to try again, sent as Retry-After; 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }
}
