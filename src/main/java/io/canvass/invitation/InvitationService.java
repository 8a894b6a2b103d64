package io.canvass.invitation;

import io.canvass.audit.AuditLog;
import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import io.canvass.survey.InvitationGate;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Single-use invitations. A token is 192 random bits; it admits at most one response, which is
 * decided inside the transaction that stores the response (or, in the browser on an anonymous
 * survey, that starts it), so racing submissions with one token store one response. On an
 * anonymous survey a spent invitation keeps only that it was used and the day: no response id,
 * no time, no outcome.
 */
@ApplicationScoped
public class InvitationService implements InvitationGate {

    public static final int MAX_BATCH = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final SurveyRepository surveys;
    private final AuditLog audit;
    private final String publicUrl;
    private final int maxPerSurvey;

    public InvitationService(InvitationRepository invitations, SurveyRepository surveys, AuditLog audit,
            io.canvass.CanvassConfig config) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.audit = audit;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.maxPerSurvey = config.maxInvitationsPerSurvey();
    }

    @Transactional
    public List<InvitationView> create(String surveyId, CreateInvitationsRequest request, String actor) {
        boolean byCount = request.count() != null;
        boolean byLabels = request.labels() != null;
        if (byCount == byLabels) {
            throw new BadInvitationRequest();
        }
        requireSurvey(surveyId);
        List<String> labels = byLabels ? request.labels() : null;
        int count = byLabels ? labels.size() : request.count();
        long existing = invitations.count("surveyId", surveyId);
        if (existing + count > maxPerSurvey) {
            throw new TooManyInvitationsException(surveyId, existing, maxPerSurvey);
        }
        Instant now = Instant.now();
        List<InvitationView> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Invitation invitation = new Invitation();
            invitation.token = newToken();
            invitation.surveyId = surveyId;
            invitation.label = byLabels ? labels.get(i).strip() : null;
            invitation.state = InvitationState.UNUSED;
            invitation.createdAt = now;
            invitations.persist(invitation);
            created.add(view(invitation));
        }
        audit.record(actor, "invitation.create", surveyId, null, count + " invitation(s)");
        return created;
    }

    @Transactional
    public List<InvitationView> list(String surveyId, String actor) {
        requireSurvey(surveyId);
        audit.record(actor, "invitation.list", surveyId, null, null);
        return invitations.ofSurvey(surveyId).stream().map(this::view).toList();
    }

    @Transactional
    public void revoke(String surveyId, String token, String actor) {
        Invitation invitation = invitations.findById(token);
        if (invitation == null || !invitation.surveyId.equals(surveyId)) {
            throw new InvitationNotFoundException();
        }
        if (!invitation.state.admitsResponse() && invitation.state != InvitationState.REVOKED) {
            throw new InvitationUsedException();
        }
        invitation.state = InvitationState.REVOKED;
        audit.record(actor, "invitation.revoke", surveyId, invitation.label, null);
    }

    /**
     * Spends an anonymous survey's invitation as its respondent starts in the browser, with the
     * same row-locked claim as a submission: of racing starts with one token, one begins.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spendOnStart(String surveyId, String token) {
        if (!invitations.addClaim(surveyId, token)) {
            throw new InvitationNotValidException();
        }
        Invitation invitation = invitations.reload(token);
        if (invitation.claims > 1 || !invitation.state.admitsResponse()) {
            throw refusal(invitation);
        }
        markUsed(invitation, today());
    }

    /**
     * An identified survey's invitation as its respondent starts in the browser, locked until the
     * transaction ends: unused, or in progress (then its respondent resumes instead of starting).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Invitation lockForStart(String surveyId, String token) {
        Invitation invitation = invitations.findById(token, LockModeType.PESSIMISTIC_WRITE);
        if (invitation == null || !invitation.surveyId.equals(surveyId)) {
            throw new InvitationNotValidException();
        }
        if (!invitation.state.admitsResponse()) {
            throw refusal(invitation);
        }
        return invitation;
    }

    /** An identified survey's invitation now leads to a response begun in the browser. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void begin(Invitation invitation, String responseId) {
        invitation.state = InvitationState.IN_PROGRESS;
        invitation.responseId = responseId;
    }

    /** Throws unless the token may start this survey; a spent one is told apart for the respondent pages. */
    @Transactional
    @Override
    public void requireUsable(String surveyId, String token) {
        if (token == null || token.isBlank()) {
            throw new InvitationNotValidException();
        }
        Invitation invitation = invitations.findById(token);
        if (invitation == null || !invitation.surveyId.equals(surveyId)) {
            throw new InvitationNotValidException();
        }
        if (!invitation.state.admitsResponse()) {
            throw refusal(invitation);
        }
    }

    /**
     * Whether the token is this survey's invitation in progress in the browser, so that its link
     * resumes the response (identified surveys only; a revoked invitation reopens nothing).
     */
    @Transactional
    public boolean inProgress(String surveyId, String token) {
        Invitation invitation = invitations.findById(token);
        return invitation != null && invitation.surveyId.equals(surveyId) && invitation.state == InvitationState.IN_PROGRESS;
    }

    /**
     * Drops what an invitation of an anonymous survey still knows of its response, from data stored
     * before anonymous surveys kept no links: the response id, the time and the outcome. A spent one
     * stays used, on the day it was used (or else the day its response began). Returns whether
     * anything changed, so that running it again changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean forgetResponse(Invitation invitation, LocalDate responseStartedOn) {
        boolean linked = invitation.responseId != null || invitation.usedAt != null;
        boolean showsOutcome = invitation.state.spent() && invitation.state != InvitationState.USED;
        if (!linked && !showsOutcome) {
            return false;
        }
        if (invitation.state == InvitationState.REVOKED) {
            invitation.responseId = null;
            invitation.usedAt = null;
            return true;
        }
        LocalDate day = invitation.usedAt != null ? invitation.usedAt.atOffset(ZoneOffset.UTC).toLocalDate()
                : invitation.usedOn != null ? invitation.usedOn : responseStartedOn;
        markUsed(invitation, day);
        return true;
    }

    private static void markUsed(Invitation invitation, LocalDate day) {
        invitation.state = InvitationState.USED;
        invitation.responseId = null;
        invitation.usedAt = null;
        invitation.usedOn = day;
    }

    /** Days are UTC days, everywhere: in invitations, exports and the unlinked personal data. */
    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static InvitationNotValidException refusal(Invitation invitation) {
        return invitation.state.spent() ? new InvitationAlreadyUsedException() : new InvitationNotValidException();
    }

    private void requireSurvey(String surveyId) {
        if (surveys.findById(surveyId) == null) {
            throw new SurveyNotFoundException(surveyId);
        }
    }

    private InvitationView view(Invitation invitation) {
        // Invitations used before used_on existed have their day in used_at (identified surveys only).
        LocalDate usedOn = invitation.usedOn != null || invitation.usedAt == null ? invitation.usedOn
                : invitation.usedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        return new InvitationView(invitation.token, publicUrl + "/s/" + invitation.surveyId + "?t=" + invitation.token,
                invitation.label, invitation.state, invitation.createdAt, usedOn, invitation.usedAt);
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Neither or both of count and labels. */
    static class BadInvitationRequest extends RequestProblem {
        private final List<Violation> violations = List.of(Violation.ofField("count", "/count", "one_of",
                "Give either 'count' or 'labels', not both and not neither."));

        BadInvitationRequest() {
            super(ProblemType.INVALID_REQUEST, "Give either count or labels.");
        }

        @Override
        public List<Violation> violations() {
            return violations;
        }
    }

    /** No invitation with that token on that survey. */
    static class InvitationNotFoundException extends RequestProblem {
        InvitationNotFoundException() {
            super(ProblemType.INVITATION_NOT_FOUND, "This survey has no such invitation.");
        }
    }

    /** The survey would have more invitations than one survey may have. */
    static class TooManyInvitationsException extends RequestProblem {
        private final List<Violation> violations = List.of(Violation.ofField("count", "/count", "too_many_invitations",
                "At most the survey's remaining allowance can be created."));

        TooManyInvitationsException(String surveyId, long existing, int max) {
            super(ProblemType.TOO_MANY_INVITATIONS, "Survey '" + surveyId + "' has "
                    + existing + " invitation(s); a survey may have at most " + max + ".");
        }

        @Override
        public List<Violation> violations() {
            return violations;
        }
    }

    /** A spent invitation stays on record with its outcome. */
    static class InvitationUsedException extends RequestProblem {
        InvitationUsedException() {
            super(ProblemType.INVITATION_USED, "This invitation was already used and can no longer be revoked.");
        }
    }
}
