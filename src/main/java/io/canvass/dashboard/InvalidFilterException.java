package io.canvass.dashboard;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A dashboard filter that names a question or answer the survey does not have, or cannot be filtered on. */
public class InvalidFilterException extends RequestProblem {

    InvalidFilterException(String detail) {
        super(ProblemType.INVALID_FILTER, detail);
    }
}
