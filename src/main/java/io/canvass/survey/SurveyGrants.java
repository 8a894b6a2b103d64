package io.canvass.survey;

import io.canvass.audit.AuditLog;
import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Access to a survey granted to staff members by subject. Who may manage grants is decided by
 * {@link SurveyAccess#requireGrantManager}; these methods take the manager's subject for the audit log.
 */
@ApplicationScoped
public class SurveyGrants {

    private final StaffGrantRepository grants;
    private final AuditLog audit;

    public SurveyGrants(StaffGrantRepository grants, AuditLog audit) {
        this.grants = grants;
        this.audit = audit;
    }

    /** What granting did: whether the subject had no grant before. */
    public record Granted(GrantView grant, boolean created) {
    }

    /** Grants the role, replacing the subject's earlier role on the survey. */
    @Transactional
    public Granted grant(String surveyId, GrantRequest request, String manager) {
        String subject = request.subject().strip();
        SurveyRole role = SurveyRole.ofCode(request.role());
        StaffGrant grant = grants.find(surveyId, subject).orElse(null);
        boolean created = grant == null;
        String detail = created ? role.code() : grant.role.code() + " → " + role.code();
        if (created) {
            grant = new StaffGrant();
            grant.surveyId = surveyId;
            grant.subject = subject;
        }
        grant.role = role;
        grant.grantedBy = manager;
        grant.grantedAt = Instant.now();
        if (created) {
            grants.persist(grant);
        }
        audit.record(manager, "grant.set", surveyId, subject, detail);
        return new Granted(GrantView.of(grant), created);
    }

    @Transactional
    public List<GrantView> list(String surveyId, String manager) {
        audit.record(manager, "grant.list", surveyId, null, null);
        return grants.ofSurvey(surveyId).stream().map(GrantView::of).toList();
    }

    @Transactional
    public GrantView get(String surveyId, String subject) {
        return grants.find(surveyId, subject).map(GrantView::of).orElseThrow(GrantNotFoundException::new);
    }

    @Transactional
    public void revoke(String surveyId, String subject, String manager) {
        StaffGrant grant = grants.find(surveyId, subject).orElseThrow(GrantNotFoundException::new);
        grants.delete(grant);
        audit.record(manager, "grant.revoke", surveyId, subject, grant.role.code());
    }

    /** The subject has no grant on this survey (their access may still come from ownership or the definition). */
    static class GrantNotFoundException extends RequestProblem {
        GrantNotFoundException() {
            super(ProblemType.GRANT_NOT_FOUND, "This survey has no grant for that subject.");
        }
    }
}
