package io.canvass.audit;

import io.canvass.access.SignInAudit;
import jakarta.enterprise.context.ApplicationScoped;

/** Records dashboard sign-ins and sign-outs in the audit log, each on its own (they concern no survey). */
@ApplicationScoped
public class SignInAuditLog implements SignInAudit {

    private final AuditLog audit;

    public SignInAuditLog(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void signedIn(String subject) {
        audit.recordSeparately(subject, "session.sign-in", null, null, null);
    }

    @Override
    public void signedOut(String subject) {
        audit.recordSeparately(subject, "session.sign-out", null, null, null);
    }
}
