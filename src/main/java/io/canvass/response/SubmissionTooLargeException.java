package io.canvass.response;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A submission larger than any honest questionnaire needs. */
public class SubmissionTooLargeException extends RequestProblem {

    public SubmissionTooLargeException(int limitBytes) {
        super(ProblemKind.TOO_LARGE, "submission-too-large", "Submission too large",
                "A submission may be at most " + limitBytes + " bytes.");
    }
}
