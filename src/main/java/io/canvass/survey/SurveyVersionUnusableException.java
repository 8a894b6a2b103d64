package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/**
 * A published version that an earlier release stored and this one's definition rules refuse: it is
 * never compiled, takes no responses, and its responses count in no results (logged once at start-up).
 */
public class SurveyVersionUnusableException extends RequestProblem {

    public SurveyVersionUnusableException(String surveyId, int version) {
        super(ProblemType.SURVEY_VERSION_UNUSABLE, "Survey '" + surveyId + "' version " + version
                + " was published by an earlier release and breaks a definition rule of this one, so it takes no "
                + "responses and its results cannot be read. Publish a corrected version (PUT /api/surveys/" + surveyId
                + "/draft, then POST …/publish); the service log names the problems.");
    }
}
