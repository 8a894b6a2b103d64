package io.canvass.invitation;

import io.canvass.audit.AuditLog;
import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Single-use invitations. A token is 192 random bits; it admits at most one response, which is
 * decided inside the transaction that stores the response, so racing submissions with one token
 * store one response.
 */
@ApplicationScoped
public class InvitationService {

    public static final int MAX_BATCH = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationRepository invitations;
    private final SurveyRepository surveys;
    private final AuditLog audit;
    private final String publicUrl;

    public InvitationService(InvitationRepository invitations, SurveyRepository surveys, AuditLog audit,
            io.canvass.CanvassConfig config) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.audit = audit;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
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
     * Claims the token for a response being stored in the caller's transaction; throws, rolling
     * that transaction back, when the token is unknown, spent, revoked, or claimed concurrently.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Invitation claim(String surveyId, String token) {
        if (!invitations.addClaim(surveyId, token)) {
            throw new InvitationNotValidException();
        }
        Invitation invitation = invitations.reload(token);
        if (invitation.claims > 1 || !invitation.state.admitsResponse()) {
            throw new InvitationNotValidException();
        }
        return invitation;
    }

    /** Records what the claimed invitation's response became. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(Invitation invitation, String responseId, ResponseStatus outcome) {
        invitation.state = switch (outcome) {
            case SCREENED_OUT -> InvitationState.SCREENED_OUT;
            case QUOTA_FULL -> InvitationState.QUOTA_FULL;
            case IN_PROGRESS -> InvitationState.IN_PROGRESS;
            case COMPLETE -> InvitationState.COMPLETED;
        };
        invitation.responseId = responseId;
        invitation.usedAt = Instant.now();
    }

    /** Whether the token could still be spent on this survey; a cheap check before answers are stored. */
    @Transactional
    public boolean admits(String surveyId, String token) {
        Invitation invitation = invitations.findById(token);
        return invitation != null && invitation.surveyId.equals(surveyId) && invitation.state.admitsResponse();
    }

    private void requireSurvey(String surveyId) {
        if (surveys.findById(surveyId) == null) {
            throw new SurveyNotFoundException(surveyId);
        }
    }

    private InvitationView view(Invitation invitation) {
        return new InvitationView(invitation.token, publicUrl + "/s/" + invitation.surveyId + "?t=" + invitation.token,
                invitation.label, invitation.state, invitation.createdAt, invitation.usedAt);
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
            super(ProblemKind.INVALID, "invalid-request", "The request is not valid", "Give either count or labels.");
        }

        @Override
        public List<Violation> violations() {
            return violations;
        }
    }

    /** No invitation with that token on that survey. */
    static class InvitationNotFoundException extends RequestProblem {
        InvitationNotFoundException() {
            super(ProblemKind.NOT_FOUND, "invitation-not-found", "Invitation not found",
                    "This survey has no such invitation.");
        }
    }

    /** A spent invitation stays on record with its outcome. */
    static class InvitationUsedException extends RequestProblem {
        InvitationUsedException() {
            super(ProblemKind.CONFLICT, "invitation-used", "Invitation already used",
                    "This invitation was already used and can no longer be revoked.");
        }
    }
}
