package io.canvass.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Reads what an Idempotency-Key stored, for a retry that cannot reach the writer (the survey has
 * closed or changed since the first request). Storing is the {@link ResponseWriter}'s.
 */
@ApplicationScoped
public class ResponseStore {

    private final ResponseRepository responses;
    private final IdempotencyRepository idempotency;

    public ResponseStore(ResponseRepository responses, IdempotencyRepository idempotency) {
        this.responses = responses;
        this.idempotency = idempotency;
    }

    @Transactional
    public Optional<SurveyResponse> replayOf(String surveyId, String key) {
        return idempotency.find(surveyId, key).map(record -> responses.findById(record.responseId));
    }

    @Transactional
    public Optional<IdempotencyRecord> claimOf(String surveyId, String key) {
        return idempotency.find(surveyId, key);
    }

    /** An Idempotency-Key and the hash of the request it first came with. */
    public record IdempotencyClaim(String key, String requestHash) {
    }
}
