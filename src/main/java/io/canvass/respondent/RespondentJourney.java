package io.canvass.respondent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.invitation.InvitationRepository;
import io.canvass.invitation.InvitationService;
import io.canvass.invitation.InvitationState;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.AnswerValidator;
import io.canvass.response.CheckedAnswers;
import io.canvass.response.InvalidAnswersException;
import io.canvass.response.PersonalDataEntry;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.canvass.screening.EligibilityRule;
import io.canvass.screening.QuotaService;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An executive's way through a survey in the browser. Each page's answers are saved as a partial
 * response (status in_progress) when the respondent continues, so nothing typed is lost; the
 * resume token in the page address is the way back in. Screening closes the interview as soon as
 * the page that disqualifies is answered; a quota cell already full closes it at the page that
 * asks the quota question; the final submit takes the quota place atomically, as the API does,
 * so a respondent whose cell filled meanwhile is closed out there. A double submit of the last
 * page finds the response finished and shows the same outcome: one response.
 */
@ApplicationScoped
public class RespondentJourney {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SurveyCatalog catalog;
    private final ResponseRepository responses;
    private final PersonalDataRepository personalData;
    private final RespondentSessionRepository sessions;
    private final InvitationRepository invitationRows;
    private final InvitationService invitations;
    private final AnswerValidator validator;
    private final QuotaService quotas;
    private final String publicUrl;
    private final Event<ResponseRecorded> recorded;

    public RespondentJourney(SurveyCatalog catalog, ResponseRepository responses, PersonalDataRepository personalData,
            RespondentSessionRepository sessions, InvitationRepository invitationRows, InvitationService invitations,
            AnswerValidator validator, QuotaService quotas, io.canvass.CanvassConfig config,
            Event<ResponseRecorded> recorded) {
        this.recorded = recorded;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.catalog = catalog;
        this.responses = responses;
        this.personalData = personalData;
        this.sessions = sessions;
        this.invitationRows = invitationRows;
        this.invitations = invitations;
        this.validator = validator;
        this.quotas = quotas;
    }

    /** The address respondents reach the service at, for resume links. */
    public String publicUrl() {
        return publicUrl;
    }

    /** What the start page needs: the open survey, and whether this visitor may begin. */
    @Transactional
    public PublishedSurvey startPage(String surveyId, String invitationToken) {
        PublishedSurvey survey = catalog.openForResponses(surveyId);
        if (invitationToken != null) {
            Invitation invitation = invitationRows.findById(invitationToken);
            if (invitation == null || !invitation.surveyId.equals(surveyId) || !invitation.state.admitsResponse()) {
                throw new InvitationNotValidException();
            }
        } else if (survey.definition().access() == Access.INVITATION) {
            throw new InvitationNotValidException();
        }
        return survey;
    }

    /** Where an invitation already in progress left off, so its link resumes there. */
    @Transactional
    public Optional<String> resumeOfInvitation(String surveyId, String invitationToken) {
        if (invitationToken == null) {
            return Optional.empty();
        }
        return sessions.ofInvitation(invitationToken).filter(s -> s.surveyId.equals(surveyId))
                .map(s -> location(s, s.pageReached));
    }

    /** Begins a partial response; returns the address of its first page. */
    @Transactional
    public String start(String surveyId, String invitationToken) {
        PublishedSurvey survey = catalog.openForResponses(surveyId);
        Invitation invitation = null;
        if (invitationToken != null) {
            invitation = invitationRows.findById(invitationToken, LockModeType.PESSIMISTIC_WRITE);
            if (invitation == null || !invitation.surveyId.equals(surveyId) || !invitation.state.admitsResponse()) {
                throw new InvitationNotValidException();
            }
            if (invitation.state == InvitationState.IN_PROGRESS) {
                Optional<RespondentSession> existing = sessions.ofInvitation(invitationToken);
                if (existing.isPresent()) {
                    return location(existing.get(), existing.get().pageReached);
                }
            }
        } else if (survey.definition().access() == Access.INVITATION) {
            throw new InvitationNotValidException();
        }
        Instant now = Instant.now();
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID().toString();
        response.surveyId = survey.id();
        response.surveyVersion = survey.version();
        response.status = ResponseStatus.IN_PROGRESS;
        response.answers = "{}";
        response.startedAt = now;
        responses.persist(response);
        recorded.fire(new ResponseRecorded(response.id, survey.id(), survey.definition(), null, response.status, response.answers));
        RespondentSession session = new RespondentSession();
        session.token = newToken();
        session.responseId = response.id;
        session.surveyId = survey.id();
        session.invitationToken = invitationToken;
        session.pageReached = 1;
        session.createdAt = now;
        session.updatedAt = now;
        sessions.persist(session);
        if (invitation != null) {
            invitation.state = InvitationState.IN_PROGRESS;
            invitation.responseId = response.id;
        }
        return location(session, 1);
    }

    /** The page to show, or where to go instead (a finished response, a page not reached yet). */
    @Transactional
    public PageResult show(String surveyId, String token, int pageNumber) {
        Context context = load(surveyId, token, false);
        if (context.response.status != ResponseStatus.IN_PROGRESS) {
            return new PageResult.Redirect(outcomeLocation(context));
        }
        if (pageNumber < 1 || pageNumber > context.session.pageReached || pageNumber > context.survey.pages().size()) {
            return new PageResult.Redirect(location(context.session, context.session.pageReached));
        }
        ObjectNode answers = context.answers();
        List<Question> shown = shownOnPage(context.survey, pageNumber, answers);
        return new PageResult.Show(PageViews.build(context.survey, token, pageNumber, shown, answers, List.of(),
                nextPage(context.survey, pageNumber, answers) == 0));
    }

    /**
     * Takes a page's form. {@code continue} checks the page and moves on; {@code back} and
     * {@code save} keep what is valid without insisting on the rest.
     */
    @Transactional
    public PageResult submit(String surveyId, String token, int pageNumber, Map<String, List<String>> form,
            String action) {
        Context context = load(surveyId, token, true);
        if (context.response.status != ResponseStatus.IN_PROGRESS) {
            return new PageResult.Redirect(outcomeLocation(context));
        }
        SurveyDefinition survey = context.survey;
        if (pageNumber < 1 || pageNumber > context.session.pageReached || pageNumber > survey.pages().size()) {
            return new PageResult.Redirect(location(context.session, context.session.pageReached));
        }
        Page page = survey.pages().get(pageNumber - 1);
        ObjectNode answers = context.answers();
        for (Question q : page.questions()) {
            answers.remove(q.id());
            if (q.options() != null) {
                q.options().stream().filter(Option::takesSpecifyText).forEach(o -> answers.remove(q.id() + "." + o.code()));
            }
        }
        answers.setAll(FormAnswers.read(page, form));
        List<Question> shown = shownOnPage(survey, pageNumber, answers);
        for (Question q : page.questions()) {
            if (!shown.contains(q) || !SkipLogic.isShown(q, Answers.of(answers), survey.questionsById())) {
                answers.remove(q.id());
            }
        }
        List<Violation> problems = pageProblems(survey, answers, page);
        boolean moveOn = "continue".equals(action);
        if (moveOn && !problems.isEmpty()) {
            return new PageResult.Show(PageViews.build(survey, token, pageNumber, shown, answers, problems,
                    nextPage(survey, pageNumber, answers) == 0));
        }
        for (Violation problem : problems) {
            answers.remove(problem.field());
        }
        save(context, answers);
        if ("back".equals(action)) {
            return new PageResult.Redirect(location(context.session, previousPage(survey, pageNumber, answers)));
        }
        if ("save".equals(action)) {
            return new PageResult.Redirect("/s/" + surveyId + "/r/" + token + "/saved");
        }
        Optional<Question> screenedOutBy = EligibilityRule.screeningQuestion(survey, Answers.of(answers));
        if (screenedOutBy.isPresent()) {
            finish(context, ResponseStatus.SCREENED_OUT, screenedOutBy.get().id());
            return new PageResult.Redirect(outcomeLocation(context));
        }
        Optional<QuotaService.QuotaCell> full = quotas.fullCell(survey, page, Answers.of(answers));
        if (full.isPresent()) {
            finish(context, ResponseStatus.QUOTA_FULL, full.get().reason());
            return new PageResult.Redirect(outcomeLocation(context));
        }
        int next = nextPage(survey, pageNumber, answers);
        if (next == 0) {
            return complete(context, answers);
        }
        context.session.pageReached = Math.max(context.session.pageReached, next);
        context.session.updatedAt = Instant.now();
        return new PageResult.Redirect(location(context.session, next));
    }

    /** The finished response's status, for the outcome pages. */
    @Transactional
    public FinishedView outcome(String surveyId, String token) {
        Context context = load(surveyId, token, false);
        return new FinishedView(context.survey.id(), context.survey.title(), context.response.status,
                "/s/" + surveyId + "/r/" + token, context.session.pageReached);
    }

    private PageResult complete(Context context, ObjectNode answers) {
        CheckedAnswers checked;
        try {
            checked = validator.check(context.survey, answers.deepCopy());
        } catch (InvalidAnswersException incomplete) {
            // An earlier page lacks an answer (e.g. the definition changed meaning of a skip): go back to it.
            int page = incomplete.violations().stream()
                    .map(v -> context.survey.pageIndexOf(v.question()) + 1)
                    .filter(p -> p > 0).min(Integer::compare).orElse(1);
            return new PageResult.Redirect(location(context.session, page));
        }
        Optional<QuotaService.QuotaCell> full = quotas.reserve(context.survey, checked.answers());
        if (full.isPresent()) {
            finish(context, ResponseStatus.QUOTA_FULL, full.get().reason());
        } else {
            finish(context, ResponseStatus.COMPLETE, null);
        }
        return new PageResult.Redirect(outcomeLocation(context));
    }

    private void finish(Context context, ResponseStatus status, String reason) {
        context.response.status = status;
        context.response.reason = reason;
        context.response.submittedAt = Instant.now();
        recorded.fire(new ResponseRecorded(context.response.id, context.survey.id(), context.survey, ResponseStatus.IN_PROGRESS, status,
                context.response.answers));
        if (context.session.invitationToken != null) {
            Invitation invitation = invitations.claim(context.survey.id(), context.session.invitationToken);
            invitations.settle(invitation, context.response.id, status);
        }
    }

    private void save(Context context, ObjectNode answers) {
        Set<String> personal = new HashSet<>();
        for (Question q : context.survey.questions()) {
            if (q.holdsPersonalData()) {
                personal.add(q.id());
                PersonalDataEntry stored = personalData.findById(new PersonalDataEntry.Key(context.response.id, q.id()));
                JsonNode value = answers.get(q.id());
                if (value == null || value.isNull()) {
                    if (stored != null) {
                        personalData.delete(stored);
                    }
                } else if (stored == null) {
                    PersonalDataEntry entry = new PersonalDataEntry();
                    entry.responseId = context.response.id;
                    entry.questionId = q.id();
                    entry.value = value.asText();
                    personalData.persist(entry);
                } else {
                    stored.value = value.asText();
                }
            }
        }
        context.response.answers = Answers.of(answers).without(personal).json().toString();
    }

    private List<Violation> pageProblems(SurveyDefinition survey, ObjectNode answers, Page page) {
        Set<String> onPage = new HashSet<>();
        page.questions().forEach(q -> onPage.add(q.id()));
        try {
            validator.check(survey, answers.deepCopy());
            return List.of();
        } catch (InvalidAnswersException invalid) {
            return invalid.violations().stream().filter(v -> onPage.contains(v.question())).toList();
        }
    }

    /**
     * The questions a page shows: those whose condition holds, plus those that depend on an
     * earlier question of the same page (revealed as the respondent answers, with or without script).
     */
    static List<Question> shownOnPage(SurveyDefinition survey, int pageNumber, ObjectNode answers) {
        Page page = survey.pages().get(pageNumber - 1);
        Set<String> onPage = new HashSet<>();
        List<Question> shown = new ArrayList<>();
        Answers view = Answers.of(answers);
        for (Question q : page.questions()) {
            boolean dependsOnThisPage = q.condition() != null && q.condition().question() != null
                    && onPage.contains(q.condition().question());
            if (dependsOnThisPage || SkipLogic.isShown(q, view, survey.questionsById())) {
                shown.add(q);
            }
            onPage.add(q.id());
        }
        return shown;
    }

    /** The next page that shows anything, or 0 after the last. */
    static int nextPage(SurveyDefinition survey, int pageNumber, ObjectNode answers) {
        for (int p = pageNumber + 1; p <= survey.pages().size(); p++) {
            if (!shownOnPage(survey, p, answers).isEmpty()) {
                return p;
            }
        }
        return 0;
    }

    private static int previousPage(SurveyDefinition survey, int pageNumber, ObjectNode answers) {
        for (int p = pageNumber - 1; p >= 1; p--) {
            if (!shownOnPage(survey, p, answers).isEmpty()) {
                return p;
            }
        }
        return pageNumber;
    }

    private Context load(String surveyId, String token, boolean forUpdate) {
        RespondentSession session = token == null ? null : sessions.findById(token);
        if (session == null || !session.surveyId.equals(surveyId)) {
            throw new ResumeLinkNotValidException();
        }
        SurveyResponse response = forUpdate
                ? responses.findById(session.responseId, LockModeType.PESSIMISTIC_WRITE)
                : responses.findById(session.responseId);
        SurveyDefinition survey = catalog.publishedDefinition(surveyId, response.surveyVersion);
        return new Context(session, response, survey, personalData.ofResponse(response.id));
    }

    private static String outcomeLocation(Context context) {
        return "/s/" + context.session.surveyId + "/r/" + context.session.token + "/" + switch (context.response.status) {
            case COMPLETE -> "thank-you";
            case SCREENED_OUT -> "not-eligible";
            case QUOTA_FULL -> "quota-full";
            case IN_PROGRESS -> Integer.toString(context.session.pageReached);
        };
    }

    private static String location(RespondentSession session, int page) {
        return "/s/" + session.surveyId + "/r/" + session.token + "/" + page;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Context(RespondentSession session, SurveyResponse response, SurveyDefinition survey,
            List<PersonalDataEntry> personal) {

        ObjectNode answers() {
            try {
                ObjectNode answers = (ObjectNode) JSON.readTree(response.answers);
                personal.forEach(p -> answers.put(p.questionId, p.value));
                return answers;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored answers are not JSON", e);
            }
        }
    }

    /** What a page request ends in: a page to render, or an address to go to (Post/Redirect/Get). */
    public sealed interface PageResult {
        record Show(PageView view) implements PageResult {
        }

        record Redirect(String location) implements PageResult {
        }
    }

    /** A response at its end, for the thank-you, not-eligible and quota-full pages. */
    public record FinishedView(String surveyId, String surveyTitle, ResponseStatus status, String resumeLink,
            int pageReached) {

        public boolean complete() {
            return status == ResponseStatus.COMPLETE;
        }

        public boolean screenedOut() {
            return status == ResponseStatus.SCREENED_OUT;
        }

        public String heading() {
            return switch (status) {
                case COMPLETE -> "Thank you";
                case SCREENED_OUT -> "Thank you for your interest";
                case QUOTA_FULL -> "This group of respondents is complete";
                case IN_PROGRESS -> "Your answers are saved";
            };
        }
    }
}
