package io.canvass.response;

import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.screening.QuotaService;
import io.canvass.survey.SurveyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;

/**
 * The writes of a researcher's review of a complete, in the caller's transaction. Rejecting takes the
 * complete out of every result (a status change to {@code rejected} in the change log, naming the change
 * that made it complete, so every replica's index removes exactly that row) and gives its quota places
 * back at once; accepting a rejected complete takes its places again, if its cells have room, and brings
 * it back. A decision that matches the response's state changes nothing (a second rejection only
 * replaces the reason).
 */
@ApplicationScoped
public class ResponseReview {

    private final ResponseRepository responses;
    private final QuotaService quotas;
    private final SurveyCatalog catalog;
    private final Event<ResponseRecorded> recorded;

    public ResponseReview(ResponseRepository responses, QuotaService quotas, SurveyCatalog catalog,
            Event<ResponseRecorded> recorded) {
        this.responses = responses;
        this.quotas = quotas;
        this.catalog = catalog;
        this.recorded = recorded;
    }

    /** Takes a complete out; whether it changed (false: it was rejected already, and only the reason is new). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reviewed reject(String responseId, String reason) {
        SurveyResponse response = lockReviewable(responseId);
        if (response.status == ResponseStatus.REJECTED) {
            response.reviewReason = reason;
            return Reviewed.of(response, false);
        }
        SurveyDefinition answered = catalog.publishedDefinition(response.surveyId, response.surveyVersion);
        Answers answers = Answers.of(ResponseLifecycle.parse(response.answers));
        long completedBy = completingChange(responseId);
        quotas.release(answered, answers);
        response.status = ResponseStatus.REJECTED;
        response.reviewReason = reason;
        recorded.fire(new ResponseRecorded(response.id, response.surveyId, answered, ResponseStatus.COMPLETE,
                ResponseStatus.REJECTED, response.answers, response.recordKey, QualityFlag.decode(response.flags),
                response.durationSeconds, completedBy, ResponseLifecycle.languageOf(response, answered)));
        return Reviewed.of(response, true);
    }

    /**
     * Brings a rejected complete back, with its quota places; {@link QuotaCellFullException} when one of its
     * cells has filled meanwhile. A complete that was never rejected stays as it is (false).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reviewed accept(String responseId) {
        SurveyResponse response = lockReviewable(responseId);
        if (response.status == ResponseStatus.COMPLETE) {
            return Reviewed.of(response, false);
        }
        SurveyDefinition answered = catalog.publishedDefinition(response.surveyId, response.surveyVersion);
        Optional<QuotaService.QuotaCell> full = quotas.reserve(answered, Answers.of(ResponseLifecycle.parse(response.answers)));
        if (full.isPresent()) {
            throw new QuotaCellFullException(full.get().reason());
        }
        response.status = ResponseStatus.COMPLETE;
        response.reviewReason = null;
        recorded.fire(new ResponseRecorded(response.id, response.surveyId, answered, ResponseStatus.REJECTED,
                ResponseStatus.COMPLETE, response.answers, response.recordKey, QualityFlag.decode(response.flags),
                response.durationSeconds, null, ResponseLifecycle.languageOf(response, answered)));
        return Reviewed.of(response, true);
    }

    /**
     * The response locked until the transaction ends, as stored once the lock is held (two reviews racing take
     * turns, and the second sees what the first did): read again under the lock even if this transaction read
     * it before.
     */
    private SurveyResponse lockReviewable(String responseId) {
        SurveyResponse response = responses.findById(responseId);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        responses.getEntityManager().refresh(response, LockModeType.PESSIMISTIC_WRITE);
        if (!response.status.completedTheSurvey()) {
            throw new ResponseNotReviewableException(response.status);
        }
        return response;
    }

    /** The change-log id of the change that last made the response complete: the row of the index to take out. */
    private long completingChange(String responseId) {
        Object id = responses.getEntityManager()
                .createNativeQuery("SELECT MAX(id) FROM response_change WHERE response_id = ?1 AND status = 'COMPLETE'")
                .setParameter(1, responseId).getSingleResult();
        if (id == null) {
            throw new IllegalStateException("A complete without the change that made it complete");
        }
        return ((Number) id).longValue();
    }

    /** A response after a review: its status, flags and reason, and whether the review changed its status. */
    public record Reviewed(String surveyId, ResponseStatus status, Set<QualityFlag> flags, String reviewReason,
            boolean changed) {

        static Reviewed of(SurveyResponse response, boolean changed) {
            return new Reviewed(response.surveyId, response.status, QualityFlag.decode(response.flags),
                    response.reviewReason, changed);
        }
    }
}
