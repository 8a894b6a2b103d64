package io.canvass.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.QualityFlag;
import io.canvass.interview.QuotaCell;
import io.canvass.questionnaire.SurveyDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A checked submission waiting for the {@link ResponseWriter}: everything the engine decided on the
 * request thread (answers without personal data, who screened the respondent out, the quota cells a
 * complete would take), and what only the database can decide, filled in by the group that writes it.
 * It is either a new response (an API submission) or the end of one the browser opened and answered
 * page by page ({@link #closing}): both are decided and stored by the same statements.
 */
final class PendingResponse {

    /** What becomes of a response in progress when it is closed. */
    enum Closing {
        /** Not closing: a new response, inserted. */
        NONE,
        /** Ends it as the answers decide: screened out, quota full or complete (taking its quota places). */
        FINAL,
        /** Ends it as quota full if one of its cells is full already; otherwise it stays in progress. */
        IF_QUOTA_FULL
    }

    final String responseId;
    final String surveyId;
    final int version;
    final SurveyDefinition definition;
    final ObjectNode answers;
    final String answersJson;
    /** The question that screened the respondent out, or null. */
    final String screenedOutBy;
    final List<QuotaCell> quotaCells;
    final Map<String, String> personalData;
    final String invitation;
    final String idempotencyKey;
    final String requestHash;
    final int recordKey;
    final Instant at;
    /** How long the respondent says they took ({@code durationSeconds}), or null. */
    final Integer durationSeconds;
    /** The complete's own quality flags and fingerprint; null when it is screened out. */
    final QualityCheck.Assessment assessment;
    /** The language the respondent answered in, one of the survey's. */
    final String language;
    final Closing closing;
    final CompletableFuture<Submission> outcome = new CompletableFuture<>();

    // Decided by the group transaction; reset before every attempt.
    ResponseStatus status;
    String reason;
    Submission result;
    RuntimeException refusal;
    boolean keyInserted;
    long changeId;
    /** An earlier complete of the survey holds this complete's fingerprint. */
    boolean duplicate;
    /** A {@link Closing#IF_QUOTA_FULL} member whose cells all had room: nothing is written. */
    boolean stillOpen;

    PendingResponse(String surveyId, int version, SurveyDefinition definition, ObjectNode answers, String screenedOutBy,
            List<QuotaCell> quotaCells, Map<String, String> personalData, String invitation, String idempotencyKey,
            String requestHash, Integer durationSeconds, QualityCheck.Assessment assessment, String language) {
        this(TimeOrderedIds.next(), Closing.NONE, surveyId, version, definition, answers, screenedOutBy, quotaCells,
                personalData, invitation, idempotencyKey, requestHash, RecordKey.draw(), durationSeconds, assessment,
                language);
    }

    private PendingResponse(String responseId, Closing closing, String surveyId, int version, SurveyDefinition definition,
            ObjectNode answers, String screenedOutBy, List<QuotaCell> quotaCells, Map<String, String> personalData,
            String invitation, String idempotencyKey, String requestHash, int recordKey, Integer durationSeconds,
            QualityCheck.Assessment assessment, String language) {
        this.responseId = responseId;
        this.language = language;
        this.closing = closing;
        this.surveyId = surveyId;
        this.version = version;
        this.definition = definition;
        this.answers = answers;
        this.answersJson = answers.toString();
        this.screenedOutBy = screenedOutBy;
        this.quotaCells = quotaCells;
        this.personalData = personalData;
        this.invitation = invitation;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.recordKey = recordKey;
        this.at = Instant.now();
        this.durationSeconds = durationSeconds;
        this.assessment = assessment;
    }

    /**
     * The end of a response the browser opened: {@code how} says whether the answers decide (and a complete
     * takes its quota places) or only a full cell ends it. {@code invitation} is an identified survey's, spent
     * now; an anonymous survey's was spent when the respondent started.
     */
    static PendingResponse closing(Closing how, String responseId, int recordKey, String surveyId, int version,
            SurveyDefinition definition, ObjectNode answers, String screenedOutBy, List<QuotaCell> quotaCells,
            Map<String, String> personalData, String invitation, Integer durationSeconds,
            QualityCheck.Assessment assessment, String language) {
        return new PendingResponse(responseId, how, surveyId, version, definition, answers, screenedOutBy, quotaCells,
                personalData, invitation, null, null, recordKey, durationSeconds, assessment, language);
    }

    /** The status a response had before this write: a closing one was in progress, a new one had none. */
    ResponseStatus previousStatus() {
        return closing == Closing.NONE ? null : ResponseStatus.IN_PROGRESS;
    }

    void reset() {
        status = null;
        reason = null;
        result = null;
        refusal = null;
        keyInserted = false;
        changeId = 0;
        duplicate = false;
        stillOpen = false;
    }

    /** The fingerprint a complete claims; null for anything else, and for answers without a coded one. */
    String fingerprintToClaim() {
        return status == ResponseStatus.COMPLETE && assessment != null ? assessment.fingerprint() : null;
    }

    /** The duration stored with it: a complete's, as the submission gave it; none for anything else. */
    Integer storedDuration() {
        return status == ResponseStatus.COMPLETE ? durationSeconds : null;
    }

    /** The quality flags stored with it: a complete's; none for anything else. */
    Set<QualityFlag> flags() {
        return status == ResponseStatus.COMPLETE && assessment != null ? assessment.flags(duplicate) : Set.of();
    }

    /** Whether this member is still to be stored in the attempt under way. */
    boolean live() {
        return result == null && refusal == null && !stillOpen;
    }

    void refuse(RuntimeException why) {
        refusal = why;
    }

    /** The receipt a stored member gets. */
    SubmissionReceipt receipt() {
        return SubmissionReceipt.of(responseId, status, reason);
    }
}
