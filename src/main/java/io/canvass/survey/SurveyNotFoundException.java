package io.canvass.survey;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** No survey by that id (or none published, where a published one is needed). */
public class SurveyNotFoundException extends RequestProblem {

    public SurveyNotFoundException(String surveyId) {
        super(ProblemKind.NOT_FOUND, "survey-not-found", "Survey not found",
                "There is no survey '" + surveyId + "'.");
    }
}
