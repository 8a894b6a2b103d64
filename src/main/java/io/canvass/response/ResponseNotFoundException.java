package io.canvass.response;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** No response with that id. */
public class ResponseNotFoundException extends RequestProblem {

    public ResponseNotFoundException() {
        super(ProblemKind.NOT_FOUND, "response-not-found", "Response not found", "There is no such response.");
    }
}
