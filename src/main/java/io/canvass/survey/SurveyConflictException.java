package io.canvass.survey;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A lifecycle step that does not fit the survey's present state (already exists, nothing to publish, …). */
public class SurveyConflictException extends RequestProblem {

    public SurveyConflictException(String type, String title, String detail) {
        super(ProblemKind.CONFLICT, type, title, detail);
    }
}
