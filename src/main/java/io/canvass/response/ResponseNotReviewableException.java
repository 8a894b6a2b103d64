package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A review of a response that is not a complete (nor a rejected one): screened out, quota full or in progress. */
public class ResponseNotReviewableException extends RequestProblem {

    public ResponseNotReviewableException(ResponseStatus status) {
        super(ProblemType.RESPONSE_NOT_REVIEWABLE, "Only completes are reviewed; this response is " + status.code() + ".");
    }
}
