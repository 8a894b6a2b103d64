package io.canvass.survey;

import io.canvass.questionnaire.SurveyDefinition;

/** A survey's state together with the published definition new respondents answer. */
public record PublishedSurvey(String id, int version, SurveyStatus status, SurveyDefinition definition) {
}
