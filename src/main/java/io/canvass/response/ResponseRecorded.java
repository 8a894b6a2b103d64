package io.canvass.response;

import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.Set;

/**
 * A response changed status in a transaction: fired inside it, observed after it commits (live
 * results count only what is stored). {@code previous} is null for a new response; {@code answers}
 * is the stored answers JSON and {@code definition} the version it was answered on; {@code recordKey}
 * the response's {@link RecordKey}, which live results need and nothing shows. {@code flags} and
 * {@code durationSeconds} are the complete's quality flags and duration (none, and null, otherwise);
 * {@code reversesChange} is, for a review's rejection, the change-log id of the change that made the
 * response complete (null for any other change); {@code language} is the one the respondent answered in.
 */
public record ResponseRecorded(String responseId, String surveyId, SurveyDefinition definition, ResponseStatus previous,
        ResponseStatus status, String answers, int recordKey, Set<QualityFlag> flags, Integer durationSeconds,
        Long reversesChange, String language) {

    /** A change with nothing to say about quality: opening a response, or ending it other than complete. */
    public ResponseRecorded(String responseId, String surveyId, SurveyDefinition definition, ResponseStatus previous,
            ResponseStatus status, String answers, int recordKey, String language) {
        this(responseId, surveyId, definition, previous, status, answers, recordKey, Set.of(), null, null, language);
    }
}
