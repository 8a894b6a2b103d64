package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.interview.QuestionPlan;
import io.canvass.interview.QuotaCell;
import io.canvass.interview.Route;
import io.canvass.interview.SurveyPlan;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.invitation.InvitationService;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.LanguageNames;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.questionnaire.Option;
import io.canvass.response.ResponseLifecycle;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An executive's way through a survey in the browser. Each page's answers are saved as a partial
 * response (status in_progress) when the respondent continues, so nothing typed is lost; the
 * resume token in the page address is the way back in. Screening closes the interview as soon as
 * the page that disqualifies is answered; a quota cell already full closes it at the page that
 * asks the quota question; the final submit takes the quota place atomically, as the API does,
 * so a respondent whose cell filled meanwhile is closed out there. A double submit of the last
 * page finds the response finished and shows the same outcome: one response.
 *
 * <p>An invitation of an identified survey is spent when the response ends, and its link leads back
 * to the response while it is in progress. On an anonymous survey the invitation is spent as its
 * respondent starts and the session keeps no trace of it: the resume link is the only way back.
 */
@ApplicationScoped
public class RespondentJourney {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The action of a language switcher's button: {@code language:ja}. */
    static final String SWITCH_LANGUAGE = "language:";

    private final SurveyCatalog catalog;
    private final RespondentSessionRepository sessions;
    private final SessionSnapshots snapshots;
    private final ResumeLinks resumeLinks;
    private final InvitationService invitations;
    private final ResponseLifecycle lifecycle;
    private final String publicUrl;

    public RespondentJourney(SurveyCatalog catalog, RespondentSessionRepository sessions, SessionSnapshots snapshots,
            ResumeLinks resumeLinks, InvitationService invitations, ResponseLifecycle lifecycle,
            io.canvass.CanvassConfig config) {
        this.catalog = catalog;
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.resumeLinks = resumeLinks;
        this.invitations = invitations;
        this.lifecycle = lifecycle;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** The address respondents reach the service at, for resume links. */
    public String publicUrl() {
        return publicUrl;
    }

    /**
     * What the start page needs: the open survey in the visitor's language ({@code ?lang=}, then the
     * browser's {@code Accept-Language}, then the survey's default), once this visitor may begin.
     */
    @Transactional
    public StartView startPage(String surveyId, String invitationToken, String requestedLanguage, String acceptLanguage) {
        PublishedSurvey survey = catalog.openForResponses(surveyId);
        if (invitationToken != null) {
            invitations.requireUsable(surveyId, invitationToken);
        } else if (survey.definition().access() == Access.INVITATION) {
            throw new InvitationNotValidException();
        }
        SurveyDefinition definition = survey.definition();
        String language = RespondentLanguage.choose(definition, requestedLanguage, acceptLanguage);
        return new StartView(survey.id(), definition.title().in(language), LocalizedText.in(definition.description(), language),
                definition.estimatedMinutes(), LocalizedText.in(definition.privacyNotice(), language), invitationToken,
                language, RespondentLanguage.switcher(definition, language));
    }

    /**
     * Where an identified survey's invitation in progress left off, so its link resumes there; not
     * once it is revoked or spent (anonymous surveys' sessions know no invitation at all).
     */
    @Transactional
    public Optional<String> resumeOfInvitation(String surveyId, String invitationToken) {
        if (invitationToken == null || !invitations.inProgress(surveyId, invitationToken)) {
            return Optional.empty();
        }
        return sessions.ofInvitation(invitationToken).filter(s -> s.surveyId.equals(surveyId))
                .map(s -> location(surveyId, s.token, s.pageReached));
    }

    /**
     * Begins a partial response in {@code language} (the start page's; the default if the survey has no such
     * language), or finds the one an invitation in progress began, in its own; returns the address of its page.
     */
    @Transactional
    public String start(String surveyId, String invitationToken, String language) {
        PublishedSurvey survey = catalog.openForResponses(surveyId);
        ResponseLifecycle.Opened opened = lifecycle.open(survey, invitationToken, survey.definition().languageOr(language));
        if (opened.resumed()) {
            Optional<RespondentSession> existing = sessions.ofInvitation(invitationToken);
            if (existing.isPresent()) {
                return location(surveyId, existing.get().token, existing.get().pageReached);
            }
        }
        Instant now = Instant.now();
        RespondentSession session = new RespondentSession();
        session.token = newToken();
        session.responseId = opened.responseId();
        session.surveyId = survey.id();
        session.invitationToken = opened.sessionInvitation();
        session.pageReached = 1;
        session.createdAt = now;
        session.updatedAt = now;
        sessions.persist(session);
        return location(surveyId, session.token, 1);
    }

    /**
     * The page to show, or where to go instead (a finished response, a page not reached yet). One
     * read and the compiled plan: a page view stores nothing.
     */
    public PageResult show(String surveyId, String token, int pageNumber) {
        SessionSnapshots.Snapshot session = snapshot(surveyId, token);
        if (session.status() != ResponseStatus.IN_PROGRESS) {
            return new PageResult.Redirect(outcomeLocation(surveyId, token, session.status(), session.pageReached()));
        }
        resumeLinks.require(surveyId, session.surveyStatus(), session.surveyChangedAt(), true);
        SurveyPlan plan = catalog.publishedPlan(surveyId, session.surveyVersion());
        if (pageNumber < 1 || pageNumber > session.pageReached() || pageNumber > plan.pageCount()) {
            return new PageResult.Redirect(location(surveyId, token, session.pageReached()));
        }
        ObjectNode answers = session.answers();
        int page = pageNumber - 1;
        return new PageResult.Show(new ShownPage(plan, session.surveyVersion(), token, pageNumber,
                Interview.shownOnPage(plan, page, answers), answers, List.of(), Interview.nextPage(plan, page, answers) < 0,
                languageOf(plan, session.language())));
    }

    /**
     * Takes a page's form. {@code continue} checks the page and moves on where the interview
     * routes; {@code back} and {@code save} keep what is valid without insisting on the rest, and so does
     * {@code language:<code>}, which then shows the same page in that language (the switcher's buttons are
     * part of the page's form, so what was typed on it is kept too).
     */
    @Transactional
    public PageResult submit(String surveyId, String token, int pageNumber, Map<String, List<String>> form,
            String action) {
        RespondentSession session = token == null ? null : sessions.findById(token);
        if (session == null || !session.surveyId.equals(surveyId)) {
            throw new ResumeLinkNotValidException();
        }
        resumeLinks.require(surveyId, false);
        ResponseLifecycle.Draft draft = lifecycle.lock(session.responseId);
        if (draft.status() != ResponseStatus.IN_PROGRESS) {
            return new PageResult.Redirect(outcomeLocation(surveyId, token, draft.status(), session.pageReached));
        }
        resumeLinks.require(surveyId, true);
        SurveyPlan plan = catalog.publishedPlan(surveyId, draft.surveyVersion());
        if (pageNumber < 1 || pageNumber > session.pageReached || pageNumber > plan.pageCount()) {
            return new PageResult.Redirect(location(surveyId, token, session.pageReached));
        }
        int page = pageNumber - 1;
        ObjectNode answers = withPageFrom(plan, page, draft.answers(), form);
        List<Violation> problems = Interview.checkPage(plan, page, answers).violations();
        if ("continue".equals(action) && !problems.isEmpty()) {
            return new PageResult.Show(new ShownPage(plan, draft.surveyVersion(), token, pageNumber,
                    Interview.shownOnPage(plan, page, answers), answers, problems, Interview.nextPage(plan, page, answers) < 0,
                    languageOf(plan, draft.language())));
        }
        for (Violation problem : problems) {
            answers.remove(problem.field());
        }
        lifecycle.save(draft.id(), plan, answers, Honeypot.filled(form));
        if (action.startsWith(SWITCH_LANGUAGE)) {
            String language = action.substring(SWITCH_LANGUAGE.length());
            if (plan.definition().offers(language)) {
                lifecycle.changeLanguage(draft.id(), language);
            }
            return new PageResult.Redirect(location(surveyId, token, pageNumber));
        }
        if ("back".equals(action)) {
            return new PageResult.Redirect(location(surveyId, token, Interview.previousPage(plan, page, answers) + 1));
        }
        if ("save".equals(action)) {
            return new PageResult.Redirect("/s/" + surveyId + "/r/" + token + "/saved");
        }
        String invitation = session.invitationToken;
        Route route = Interview.route(plan, page, answers);
        if (route instanceof Route.ScreenedOut screenedOut) {
            return outcome(session, lifecycle.screenOut(draft.id(), plan, screenedOut.question(), answers, invitation));
        }
        List<QuotaCell> cells = route instanceof Route.NextPage next ? next.cellsToCheck()
                : ((Route.Complete) route).cellsToCheck();
        Optional<ResponseStatus> quotaFull = lifecycle.closeIfQuotaFull(draft.id(), plan, cells, answers, invitation);
        if (quotaFull.isPresent()) {
            return outcome(session, quotaFull.get());
        }
        if (route instanceof Route.NextPage next) {
            session.pageReached = Math.max(session.pageReached, next.pageIndex() + 1);
            session.updatedAt = Instant.now();
            return new PageResult.Redirect(location(surveyId, token, next.pageIndex() + 1));
        }
        ResponseLifecycle.Completion completion = lifecycle.complete(draft.id(), plan, answers, invitation);
        if (completion instanceof ResponseLifecycle.Completion.Incomplete incomplete) {
            // An earlier page lacks an answer (e.g. the definition changed meaning of a skip): go back to it.
            return new PageResult.Redirect(location(surveyId, token, incomplete.pageIndex() + 1));
        }
        return outcome(session, ((ResponseLifecycle.Completion.Closed) completion).status());
    }

    /** The finished response's status, for the outcome pages. */
    public FinishedView outcome(String surveyId, String token) {
        SessionSnapshots.Snapshot session = snapshot(surveyId, token);
        SurveyPlan plan = catalog.publishedPlan(surveyId, session.surveyVersion());
        String language = languageOf(plan, session.language());
        return new FinishedView(surveyId, plan.definition().title().in(language), session.status(),
                "/s/" + surveyId + "/r/" + token, session.pageReached(), language);
    }

    /**
     * The answers with this page's form in place of what the page held, less the answers to
     * questions the page no longer shows (a reveal whose condition was undone on the same page).
     */
    private static ObjectNode withPageFrom(SurveyPlan plan, int page, ObjectNode answers, Map<String, List<String>> form) {
        SurveyPlan.PagePlan onPage = plan.page(page);
        for (QuestionPlan q : onPage.questions()) {
            answers.remove(q.id());
            if (q.question().options() != null) {
                for (Option o : q.question().options()) {
                    if (o.takesSpecifyText()) {
                        answers.remove(q.id() + "." + o.code());
                    }
                }
            }
        }
        answers.setAll(FormAnswers.read(onPage.page(), form));
        for (QuestionPlan q : onPage.questions()) {
            if (!plan.isShown(q, answers)) {
                answers.remove(q.id());
            }
        }
        return answers;
    }

    private SessionSnapshots.Snapshot snapshot(String surveyId, String token) {
        SessionSnapshots.Snapshot session = token == null ? null : snapshots.read(token).orElse(null);
        if (session == null || !session.surveyId().equals(surveyId)) {
            throw new ResumeLinkNotValidException();
        }
        resumeLinks.require(surveyId, session.surveyStatus(), session.surveyChangedAt(), false);
        return session;
    }

    /** A response's stored language, or the survey's default for one stored before surveys had languages. */
    private static String languageOf(SurveyPlan plan, String stored) {
        return plan.definition().languageOr(stored);
    }

    private static PageResult outcome(RespondentSession session, ResponseStatus status) {
        return new PageResult.Redirect(outcomeLocation(session.surveyId, session.token, status, session.pageReached));
    }

    private static String outcomeLocation(String surveyId, String token, ResponseStatus status, int pageReached) {
        return "/s/" + surveyId + "/r/" + token + "/" + switch (status) {
            // A respondent never learns of a review: a rejected complete still shows the thanks.
            case COMPLETE, REJECTED -> "thank-you";
            case SCREENED_OUT -> "not-eligible";
            case QUOTA_FULL -> "quota-full";
            case IN_PROGRESS -> Integer.toString(pageReached);
        };
    }

    private static String location(String surveyId, String token, int page) {
        return "/s/" + surveyId + "/r/" + token + "/" + page;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What a page request ends in: a page to render, or an address to go to (Post/Redirect/Get). */
    public sealed interface PageResult {
        record Show(ShownPage page) implements PageResult {
        }

        record Redirect(String location) implements PageResult {
        }
    }

    /** What the start page shows, in the visitor's language, with the switcher to the survey's others. */
    public record StartView(String surveyId, String title, String description, Integer estimatedMinutes,
            String privacyNotice, String invitation, String language, List<RespondentLanguage.Choice> languages) {

        public String direction() {
            return LanguageNames.direction(language);
        }

        /** The start page in another language, keeping the invitation. */
        public String linkIn(String code) {
            return "/s/" + surveyId + "?lang=" + code + (invitation == null ? ""
                    : "&t=" + java.net.URLEncoder.encode(invitation, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A response at its end, for the thank-you, not-eligible and quota-full pages, in its language. */
    public record FinishedView(String surveyId, String surveyTitle, ResponseStatus status, String resumeLink,
            int pageReached, String language) {

        public String direction() {
            return LanguageNames.direction(language);
        }

        public boolean complete() {
            return status.completedTheSurvey();
        }

        public boolean screenedOut() {
            return status == ResponseStatus.SCREENED_OUT;
        }

        public String heading() {
            RespondentMessages texts = RespondentLanguage.texts(language);
            return switch (status) {
                case COMPLETE, REJECTED -> texts.complete_title();
                case SCREENED_OUT -> texts.screened_out_title();
                case QUOTA_FULL -> texts.quota_full_title();
                case IN_PROGRESS -> texts.saved_title();
            };
        }
    }
}
