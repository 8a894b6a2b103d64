package io.canvass.respondent;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/**
 * A resume link that leads nowhere: mistyped, for another survey, or expired after the survey
 * closed. One answer for all, so that probing tells nothing.
 */
public class ResumeLinkNotValidException extends RequestProblem {

    public ResumeLinkNotValidException() {
        super(ProblemType.RESUME_LINK_NOT_VALID, "This link does not lead to a survey in progress. Check that it was copied in full; links stop "
                        + "working some weeks after a survey closes.");
    }
}
