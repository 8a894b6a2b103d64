package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A lifecycle step that does not fit the survey's present state (already exists, nothing to publish, …). */
public class SurveyConflictException extends RequestProblem {

    public SurveyConflictException(ProblemType type, String detail) {
        super(type, detail);
    }
}
