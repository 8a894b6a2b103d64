package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** Every place in the writer's queue is taken: nothing was stored, and a retry after a moment will do. */
public class WriterBusyException extends RequestProblem {

    private final long retryAfterSeconds;

    public WriterBusyException(long retryAfterSeconds) {
        super(ProblemType.SERVICE_UNAVAILABLE, "Too many submissions are waiting to be stored. Nothing was stored; try again in a moment.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
