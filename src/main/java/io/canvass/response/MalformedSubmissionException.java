package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** The request body is not JSON at all, so there is nothing to check answer by answer. */
public class MalformedSubmissionException extends RequestProblem {

    public MalformedSubmissionException(String detail) {
        super(ProblemType.MALFORMED_JSON, detail);
    }
}
