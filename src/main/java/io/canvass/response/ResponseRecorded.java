package io.canvass.response;

import io.canvass.questionnaire.SurveyDefinition;

/**
 * A response changed status in a transaction: fired inside it, observed after it commits (live
 * results count only what is stored). {@code previous} is null for a new response; {@code answers}
 * is the stored answers JSON and {@code definition} the version it was answered on.
 */
public record ResponseRecorded(String responseId, String surveyId, SurveyDefinition definition, ResponseStatus previous,
        ResponseStatus status, String answers) {
}
