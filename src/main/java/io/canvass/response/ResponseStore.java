package io.canvass.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.questionnaire.Access;
import io.canvass.survey.SurveyCatalog;
import io.canvass.invitation.InvitationService;
import io.canvass.screening.QuotaService;
import io.canvass.survey.PublishedSurvey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks and stores a submission in one short transaction: the survey's state, the answers, the
 * idempotency key (first, so a racing retry waits on it), the invitation claim, the quota places,
 * the response and its personal data. Either all of it is stored or none of it.
 */
@ApplicationScoped
public class ResponseStore {

    private final ResponseRepository responses;
    private final PersonalDataRepository personalData;
    private final IdempotencyRepository idempotency;
    private final QuotaService quotas;
    private final InvitationService invitations;
    private final SurveyCatalog catalog;
    private final AnswerValidator validator;
    private final Event<ResponseRecorded> recorded;

    public ResponseStore(ResponseRepository responses, PersonalDataRepository personalData,
            IdempotencyRepository idempotency, QuotaService quotas, InvitationService invitations,
            SurveyCatalog catalog, AnswerValidator validator, Event<ResponseRecorded> recorded) {
        this.recorded = recorded;
        this.catalog = catalog;
        this.validator = validator;
        this.responses = responses;
        this.personalData = personalData;
        this.idempotency = idempotency;
        this.quotas = quotas;
        this.invitations = invitations;
    }

    @Transactional
    public SurveyResponse store(String surveyId, ObjectNode answers, IdempotencyClaim claim, String invitationToken) {
        PublishedSurvey survey = catalog.openForResponses(surveyId);
        CheckedAnswers checked = validator.check(survey.definition(), answers);
        if (invitationToken == null && survey.definition().access() == Access.INVITATION) {
            throw new InvitationNotValidException();
        }
        Instant now = Instant.now();
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID().toString();
        if (claim != null) {
            IdempotencyRecord record = new IdempotencyRecord();
            record.surveyId = survey.id();
            record.idempotencyKey = claim.key();
            record.requestHash = claim.requestHash();
            record.responseId = response.id;
            record.createdAt = now;
            idempotency.persist(record);
            idempotency.flush();
        }
        Invitation invitation = invitationToken == null ? null : invitations.claim(survey.id(), invitationToken);
        response.surveyId = survey.id();
        response.surveyVersion = survey.version();
        response.answers = checked.answers().json().toString();
        response.startedAt = now;
        response.submittedAt = now;
        if (checked.screenedOutBy().isPresent()) {
            response.status = ResponseStatus.SCREENED_OUT;
            response.reason = checked.screenedOutBy().get().id();
        } else {
            Optional<QuotaService.QuotaCell> full = quotas.reserve(survey.definition(), checked.answers());
            response.status = full.isPresent() ? ResponseStatus.QUOTA_FULL : ResponseStatus.COMPLETE;
            response.reason = full.map(QuotaService.QuotaCell::reason).orElse(null);
        }
        responses.persist(response);
        recorded.fire(new ResponseRecorded(response.id, survey.id(), survey.definition(), null, response.status, response.answers));
        if (invitation != null) {
            invitations.settle(invitation, response.id, response.status);
        }
        for (Map.Entry<String, String> entry : checked.personalData().entrySet()) {
            PersonalDataEntry personal = new PersonalDataEntry();
            personal.responseId = response.id;
            personal.questionId = entry.getKey();
            personal.value = entry.getValue();
            personalData.persist(personal);
        }
        return response;
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
