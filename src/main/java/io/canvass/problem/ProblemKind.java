package io.canvass.problem;

/**
 * What kind of mistake a {@link RequestProblem} is, and the one place that decides its HTTP status,
 * so that services speak of the domain and never of HTTP.
 */
public enum ProblemKind {
    MALFORMED(400),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    INVALID(422),
    UNAVAILABLE(503);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
