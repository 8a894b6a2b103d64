package io.canvass.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.AnswerCheck;
import io.canvass.interview.Interview;
import io.canvass.interview.QualityFlag;
import io.canvass.interview.QualitySignals;
import io.canvass.interview.QuestionPlan;
import io.canvass.interview.QuotaCell;
import io.canvass.interview.SplitAnswers;
import io.canvass.interview.SurveyPlan;
import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.invitation.InvitationService;
import io.canvass.invitation.InvitationState;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.Anonymity;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.survey.PublishedSurvey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A response answered page by page (the browser): opened in progress, saved page by page with its
 * personal data kept apart, and closed as screened out, quota full or complete, all in the caller's
 * transaction. Opening and saving are the browser's own (the {@link ResponseRecorded} event logs the
 * opening); closing is not: the end of a response is stored by the {@link ResponseWriter}'s statements
 * ({@link GroupTransaction}), exactly as an API submission is, on this transaction's connection. What the
 * interview decides (which page, who is screened out, which quota cells) is the engine's ({@link Interview}).
 */
@ApplicationScoped
public class ResponseLifecycle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseRepository responses;
    private final PersonalDataRepository personalData;
    private final InvitationService invitations;
    private final QualityCheck quality;
    private final ResponseWriter writer;
    private final Event<ResponseRecorded> recorded;

    public ResponseLifecycle(ResponseRepository responses, PersonalDataRepository personalData,
            InvitationService invitations, QualityCheck quality, ResponseWriter writer, Event<ResponseRecorded> recorded) {
        this.responses = responses;
        this.personalData = personalData;
        this.invitations = invitations;
        this.quality = quality;
        this.writer = writer;
        this.recorded = recorded;
    }

    /**
     * Opens a response in progress for a respondent starting in the browser. On an anonymous survey
     * the invitation is spent now and nothing links it to the response; on an identified one it is
     * locked, and an invitation already in progress resumes its response instead of opening another.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Opened open(PublishedSurvey survey, String invitationToken, String language) {
        boolean anonymous = survey.definition().anonymity() == Anonymity.ANONYMOUS;
        Invitation identified = null;
        if (invitationToken == null) {
            if (survey.definition().access() == Access.INVITATION) {
                throw new InvitationNotValidException();
            }
        } else if (anonymous) {
            invitations.spendOnStart(survey.id(), invitationToken);
        } else {
            identified = invitations.lockForStart(survey.id(), invitationToken);
            if (identified.state == InvitationState.IN_PROGRESS && identified.responseId != null) {
                return new Opened(identified.responseId, invitationToken, true);
            }
        }
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID().toString();
        response.recordKey = RecordKey.draw();
        response.surveyId = survey.id();
        response.surveyVersion = survey.version();
        response.status = ResponseStatus.IN_PROGRESS;
        response.answers = "{}";
        response.startedAt = Instant.now();
        response.language = language;
        responses.persist(response);
        recorded.fire(new ResponseRecorded(response.id, survey.id(), survey.definition(), null, response.status,
                response.answers, response.recordKey, language));
        if (identified != null) {
            invitations.begin(identified, response.id);
        }
        return new Opened(response.id, identified == null ? null : invitationToken, false);
    }

    /** The respondent chose another of the survey's languages: the response is answered in it from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeLanguage(String responseId, String language) {
        SurveyResponse response = responses.findById(responseId);
        if (response != null) {
            response.language = language;
        }
    }

    /** The language a stored response was answered in. */
    public static String languageOf(SurveyResponse response, SurveyDefinition definition) {
        return definition.languageOr(response.language);
    }

    /**
     * A response locked until the caller's transaction ends (so a double submit of the last page
     * waits, then finds it finished), with its answers and the personal data kept apart put back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Draft lock(String responseId) {
        SurveyResponse response = responses.findById(responseId, LockModeType.PESSIMISTIC_WRITE);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        ObjectNode answers = parse(response.answers);
        for (PersonalDataEntry entry : personalData.ofResponse(responseId)) {
            answers.put(entry.questionId, entry.value);
        }
        return new Draft(response.id, response.surveyVersion, response.status, answers, response.language);
    }

    /**
     * Saves a page's answers: the answers apart from personal data, which goes with the response until it
     * ends. A page whose honeypot field was filled in ({@code honeypotFilled}: no person sees it) marks the
     * response {@code bot}, and the mark stays to its end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(String responseId, SurveyPlan plan, ObjectNode answers, boolean honeypotFilled) {
        SurveyResponse response = responses.findById(responseId);
        if (honeypotFilled) {
            EnumSet<QualityFlag> flags = EnumSet.of(QualityFlag.BOT);
            flags.addAll(QualityFlag.decode(response.flags));
            response.flags = QualityFlag.encode(flags);
        }
        SplitAnswers split = Interview.split(plan, answers);
        for (QuestionPlan question : plan.personalData()) {
            PersonalDataEntry stored = personalData.findById(new PersonalDataEntry.Key(responseId, question.id()));
            String value = split.personalData().get(question.id());
            if (value == null) {
                if (stored != null) {
                    personalData.delete(stored);
                }
            } else if (stored == null) {
                PersonalDataEntry entry = new PersonalDataEntry();
                entry.responseId = responseId;
                entry.questionId = question.id();
                entry.value = value;
                personalData.persist(entry);
            } else {
                stored.value = value;
            }
        }
        response.answers = split.answers().toString();
    }

    /** Ends the response as screened out by this question; {@code answers} as the page left them (personal data in). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ResponseStatus screenOut(String responseId, SurveyPlan plan, Question question, ObjectNode answers,
            String invitationToken) {
        return close(PendingResponse.Closing.FINAL, responseId, plan, answers, question.id(), List.of(), invitationToken)
                .status;
    }

    /**
     * Ends the response as quota full when one of these cells (those the page just answered put the
     * respondent in) is full already; returns the status then, nothing otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ResponseStatus> closeIfQuotaFull(String responseId, SurveyPlan plan, List<QuotaCell> cells,
            ObjectNode answers, String invitationToken) {
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        PendingResponse closed = close(PendingResponse.Closing.IF_QUOTA_FULL, responseId, plan, answers, null, cells,
                invitationToken);
        return closed.stillOpen ? Optional.empty() : Optional.of(closed.status);
    }

    /**
     * The final submit: every answer is checked as the API checks a submission; answers that pass
     * take their quota places atomically (exact caps, as for the API) and the response ends complete,
     * quota full or screened out. Answers that do not pass end nothing: the result names the first
     * page with a problem.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completion complete(String responseId, SurveyPlan plan, ObjectNode answers, String invitationToken) {
        AnswerCheck check = Interview.checkAll(plan, answers);
        if (!check.valid()) {
            int page = check.violations().stream().mapToInt(v -> plan.pageIndexOf(v.question()))
                    .filter(p -> p >= 0).min().orElse(0);
            return new Completion.Incomplete(page);
        }
        String screenedOutBy = check.screenedOutBy().map(Question::id).orElse(null);
        List<QuotaCell> cells = screenedOutBy != null ? List.of()
                : Interview.quotaCells(plan, Interview.split(plan, answers).answers());
        return new Completion.Closed(close(PendingResponse.Closing.FINAL, responseId, plan, answers, screenedOutBy, cells,
                invitationToken).status);
    }

    /**
     * Ends the response through the {@link ResponseWriter}'s statements, in this transaction: the same
     * survey check, invitation claim, quota places, quality flags and fingerprint, personal data and change
     * log as an API submission. What the browser measured is added: how long the respondent took (start to
     * this submit) and whether any page's honeypot was filled.
     */
    private PendingResponse close(PendingResponse.Closing how, String responseId, SurveyPlan plan, ObjectNode answers,
            String screenedOutBy, List<QuotaCell> cells, String invitationToken) {
        SurveyResponse response = responses.findById(responseId);
        // The page's own save goes first; the row is then the writer's to change, not the session's.
        responses.getEntityManager().flush();
        responses.getEntityManager().detach(response);
        SplitAnswers split = Interview.split(plan, answers);
        Integer duration = null;
        QualityCheck.Assessment assessment = null;
        if (screenedOutBy == null && how == PendingResponse.Closing.FINAL) {
            long seconds = Math.max(0, Duration.between(response.startedAt, Instant.now()).toSeconds());
            duration = (int) Math.min(seconds, QualitySignals.MAX_DURATION_SECONDS);
            assessment = quality.assess(plan, split.answers(), duration,
                    QualityFlag.decode(response.flags).contains(QualityFlag.BOT));
        }
        return writer.writeWithin(PendingResponse.closing(how, response.id, response.recordKey, response.surveyId,
                response.surveyVersion, plan.definition(), split.answers(), screenedOutBy, cells, split.personalData(),
                invitationToken, duration, assessment, languageOf(response, plan.definition())));
    }

    /** Stored answers, parsed: a JSON object. */
    public static ObjectNode parse(String answers) {
        try {
            return (ObjectNode) JSON.readTree(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not JSON", e);
        }
    }

    /**
     * A response opened for a respondent: its id, the invitation the respondent's session may keep
     * (an identified survey's, null otherwise) and whether it was opened before (an invitation in progress).
     */
    public record Opened(String responseId, String sessionInvitation, boolean resumed) {
    }

    /**
     * A response in progress as the last page left it: its version, status, answers (personal data included)
     * and language (null for one opened before surveys had languages).
     */
    public record Draft(String id, int surveyVersion, ResponseStatus status, ObjectNode answers, String language) {
    }

    /** What a final submit ended in. */
    public sealed interface Completion {

        /** The response ended with this status. */
        record Closed(ResponseStatus status) implements Completion {
        }

        /** An answer is missing or wrong: nothing ended; this page (from 0) is the first to fix. */
        record Incomplete(int pageIndex) implements Completion {
        }
    }
}
