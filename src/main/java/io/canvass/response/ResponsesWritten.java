package io.canvass.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.List;
import java.util.Set;

/**
 * A group of new responses, fired after the {@link ResponseWriter}'s transaction ended, before any
 * of their submitters hears back: {@code stored} if it committed, each with the id of its change-log
 * row; {@code discardedChanges}, the change-log ids a rolled-back attempt took, which will never be
 * in the log; {@code uncertainChanges}, those of an attempt whose commit got no answer (the connection
 * broke while it was on its way): the database may have committed them, so they must be looked for.
 */
public record ResponsesWritten(List<StoredResponse> stored, List<Long> discardedChanges, List<Long> uncertainChanges) {

    static ResponsesWritten committed(List<StoredResponse> stored) {
        return new ResponsesWritten(stored, List.of(), List.of());
    }

    static ResponsesWritten rolledBack(List<Long> changeIds) {
        return new ResponsesWritten(List.of(), changeIds, List.of());
    }

    static ResponsesWritten commitUnanswered(List<Long> changeIds) {
        return new ResponsesWritten(List.of(), List.of(), changeIds);
    }

    /**
     * One committed response: {@code answers} are the stored answers (personal data apart), the
     * definition the version they answered, {@code previous} its status before (in progress for one the
     * browser opened, none for a new one); a complete's quality flags and its duration (null when the
     * submission sent none).
     */
    public record StoredResponse(long changeId, String responseId, String surveyId, SurveyDefinition definition,
            ResponseStatus previous, ResponseStatus status, ObjectNode answers, int recordKey, Set<QualityFlag> flags,
            Integer durationSeconds, String language) {
    }
}
