package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A submission larger than any honest questionnaire needs. */
public class SubmissionTooLargeException extends RequestProblem {

    public SubmissionTooLargeException(int limitBytes) {
        super(ProblemType.SUBMISSION_TOO_LARGE, "A submission may be at most " + limitBytes + " bytes.");
    }
}
