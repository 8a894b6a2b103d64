package io.canvass.survey;

import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.SurveyDefinition;

/**
 * A survey's state together with the published definition new respondents answer, and that
 * definition compiled for interviewing.
 */
public record PublishedSurvey(String id, int version, SurveyStatus status, SurveyDefinition definition,
        SurveyPlan plan) {

    public PublishedSurvey(String id, int version, SurveyStatus status, SurveyDefinition definition) {
        this(id, version, status, definition, SurveyPlan.of(definition));
    }
}
