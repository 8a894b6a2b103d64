package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** No response with that id. */
public class ResponseNotFoundException extends RequestProblem {

    public ResponseNotFoundException() {
        super(ProblemType.RESPONSE_NOT_FOUND, "There is no such response.");
    }
}
