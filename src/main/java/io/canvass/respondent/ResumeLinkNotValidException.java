package io.canvass.respondent;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A resume link that leads nowhere: mistyped, or for another survey. */
public class ResumeLinkNotValidException extends RequestProblem {

    public ResumeLinkNotValidException() {
        super(ProblemKind.NOT_FOUND, "resume-link-not-valid", "Link not valid",
                "This link does not lead to a survey in progress. Check that it was copied in full.");
    }
}
