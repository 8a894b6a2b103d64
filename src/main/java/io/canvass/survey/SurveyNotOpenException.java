package io.canvass.survey;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** The survey exists but does not take responses in its present state. */
public class SurveyNotOpenException extends RequestProblem {

    public SurveyNotOpenException(String surveyId, SurveyStatus status) {
        super(ProblemKind.CONFLICT, "survey-not-open", "Survey not open",
                "Survey '" + surveyId + "' is " + status.code() + " and does not take responses.");
    }
}
