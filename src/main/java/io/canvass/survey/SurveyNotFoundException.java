package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** No survey by that id (or none published, where a published one is needed). */
public class SurveyNotFoundException extends RequestProblem {

    public SurveyNotFoundException(String surveyId) {
        super(ProblemType.SURVEY_NOT_FOUND, "There is no survey '" + surveyId + "'.");
    }
}
