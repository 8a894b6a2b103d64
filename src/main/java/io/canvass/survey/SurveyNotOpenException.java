package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** The survey exists but does not take responses in its present state. */
public class SurveyNotOpenException extends RequestProblem {

    public SurveyNotOpenException(String surveyId, SurveyStatus status) {
        super(ProblemType.SURVEY_NOT_OPEN, "Survey '" + surveyId + "' is " + status.code() + " and does not take responses.");
    }
}
