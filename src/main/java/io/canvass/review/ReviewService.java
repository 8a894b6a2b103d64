package io.canvass.review;

import io.canvass.audit.AuditLog;
import io.canvass.export.ResponseExport;
import io.canvass.export.ResponsePseudonyms;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Anonymity;
import io.canvass.response.ResponseNotFoundException;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseReview;
import io.canvass.response.SurveyResponse;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveyViewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A researcher's review of a complete (README "Review"): the response found by the id the export showed
 * them, their access checked, the decision checked and carried out ({@link ResponseReview}) and written
 * to the audit log, all in one transaction.
 *
 * <p>Ids: an identified survey's exports show stored ids; an anonymous survey's show pseudonyms, and only
 * pseudonyms reach its responses here. A stored id of an anonymous survey's response is not found: a
 * researcher holding one (from a respondent's receipt, say) could otherwise reject it and see which row
 * of the export it is. A pseudonym is resolved by computing the pseudonyms of the responses of the
 * anonymous surveys the caller is a researcher of (a keyed hash cannot be turned back), about a second
 * per million responses.
 */
@ApplicationScoped
public class ReviewService {

    /** The longest reason, in characters. */
    static final int MAX_REASON = 500;
    private static final int FETCH_SIZE = 1000;

    private final SurveyAccess access;
    private final ResponseRepository responses;
    private final ResponseReview review;
    private final ResponseExport exports;
    private final ResponsePseudonyms pseudonyms;
    private final AuditLog audit;

    public ReviewService(SurveyAccess access, ResponseRepository responses, ResponseReview review, ResponseExport exports,
            ResponsePseudonyms pseudonyms, AuditLog audit) {
        this.access = access;
        this.responses = responses;
        this.review = review;
        this.exports = exports;
        this.pseudonyms = pseudonyms;
        this.audit = audit;
    }

    /**
     * Carries out a decision on the response the export calls {@code exportedId}: 404 when the caller is not
     * a researcher of its survey (or it does not exist), 422 for a decision or reason that breaks a rule, 409
     * for a response that is no complete or, to accept, whose quota cell is full.
     */
    @Transactional
    public ReviewOutcome review(String exportedId, ReviewRequest request) {
        Located located = locate(exportedId);
        Decision decision = check(request);
        ResponseReview.Reviewed reviewed = decision.reject()
                ? review.reject(located.responseId(), decision.reason())
                : review.accept(located.responseId());
        audit.record(located.viewer().subject(), "response.review", reviewed.surveyId(), exportedId,
                (decision.reject() ? "reject" : "accept") + (reviewed.changed() ? "" : " (no change: already "
                        + reviewed.status().code() + ")") + (decision.reason() == null ? "" : "; reason: " + decision.reason()));
        return new ReviewOutcome(exportedId, reviewed.status(), reviewed.changed(), reviewed.flags(), reviewed.reviewReason());
    }

    private record Located(String responseId, SurveyViewer viewer) {
    }

    private record Decision(boolean reject, String reason) {
    }

    private Located locate(String exportedId) {
        if (ResponsePseudonyms.looksLikePseudonym(exportedId)) {
            return byPseudonym(exportedId).orElseThrow(ResponseNotFoundException::new);
        }
        SurveyResponse response = exportedId == null || exportedId.length() > 36 ? null : responses.findById(exportedId);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        SurveyViewer viewer;
        try {
            viewer = access.require(response.surveyId, SurveyRole.RESEARCHER);
        } catch (SurveyNotFoundException hidden) {
            // The same answer as for an unknown response: its id must not reveal that it exists.
            throw new ResponseNotFoundException();
        }
        if (exports.anonymityOf(response.surveyId) == Anonymity.ANONYMOUS) {
            throw new ResponseNotFoundException();
        }
        return new Located(response.id, viewer);
    }

    /** The response of an anonymous survey, among those the caller is a researcher of, that has this pseudonym. */
    private Optional<Located> byPseudonym(String pseudonym) {
        for (String surveyId : access.surveysWith(SurveyRole.RESEARCHER)) {
            if (exports.anonymityOf(surveyId) != Anonymity.ANONYMOUS) {
                continue;
            }
            Optional<UnaryOperator<String>> naming = pseudonyms.ifExported(surveyId);
            if (naming.isEmpty()) {
                continue;
            }
            Optional<String> found;
            try (Stream<?> ids = responses.getEntityManager()
                    .createNativeQuery("SELECT id FROM response WHERE survey_id = ?1")
                    .setParameter(1, surveyId).setHint("org.hibernate.fetchSize", FETCH_SIZE)
                    .getResultStream()) {
                found = ids.map(Object::toString).filter(id -> pseudonym.equals(naming.get().apply(id))).findFirst();
            }
            if (found.isPresent()) {
                return Optional.of(new Located(found.get(), access.require(surveyId, SurveyRole.RESEARCHER)));
            }
        }
        return Optional.empty();
    }

    /** The decision, or a 422 naming each field that breaks a rule. */
    private static Decision check(ReviewRequest request) {
        List<Violation> problems = new ArrayList<>();
        String decision = request == null ? null : request.decision();
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        if (decision == null) {
            problems.add(Violation.ofField("decision", "/decision", "required", "Give a decision: reject or accept."));
        } else if (!decision.equals("reject") && !decision.equals("accept")) {
            problems.add(Violation.ofField("decision", "/decision", "unknown_decision",
                    "The decision is reject or accept."));
        }
        if ("reject".equals(decision) && reason == null) {
            problems.add(Violation.ofField("reason", "/reason", "required",
                    "Say why the complete is rejected: the reason is kept with it and in the audit log."));
        }
        if (reason != null && reason.codePointCount(0, reason.length()) > MAX_REASON) {
            problems.add(Violation.ofField("reason", "/reason", "too_long",
                    "A reason is at most " + MAX_REASON + " characters."));
        } else if (reason != null && reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            problems.add(Violation.ofField("reason", "/reason", "invalid",
                    "A reason may hold line breaks and tabs, but no other control characters."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReviewException(problems);
        }
        return new Decision("reject".equals(decision), reason);
    }
}
