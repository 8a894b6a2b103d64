package io.canvass.dashboard;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A dashboard filter that names a question or answer the survey does not have, or cannot be filtered on. */
public class InvalidFilterException extends RequestProblem {

    InvalidFilterException(String detail) {
        super(ProblemKind.MALFORMED, "invalid-filter", "Filter not valid", detail);
    }
}
