package io.canvass.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit trail of staff actions and reads. A change's entry is written in the transaction
 * of the change, so there is never a change without its entry nor an entry for a change undone.
 * Reads change nothing, so theirs is written on its own ({@link #recordSeparately}). Entries name
 * people by their token subject and never carry respondents' personal data or answers.
 */
@ApplicationScoped
public class AuditLog {

    /** The column's size: a long filter list is cut rather than failing the read it describes. */
    static final int MAX_DETAIL = 1000;

    private final AuditEventRepository events;

    public AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    /** In the caller's transaction: the entry stands or falls with the change it records. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String surveyId, String target, String detail) {
        persist(actor, action, surveyId, target, detail);
    }

    /**
     * In a transaction of its own, for what happens outside one (a read, a sign-in, the end of an
     * export): the connection is held for this one insert.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(String actor, String action, String surveyId, String target, String detail) {
        persist(actor, action, surveyId, target, detail);
    }

    private void persist(String actor, String action, String surveyId, String target, String detail) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID().toString();
        event.at = Instant.now();
        event.actor = actor;
        event.action = action;
        event.surveyId = surveyId;
        event.target = target;
        event.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        events.persist(event);
    }

    /** The newest entries the scope lets its reader see, optionally of one survey only. */
    @Transactional
    public List<AuditEntry> newest(AuditReadScope.Readable scope, String surveyId, int limit) {
        List<AuditEvent> newest;
        if (scope.everything()) {
            newest = events.newest(surveyId, limit);
        } else if (surveyId == null) {
            newest = events.newestOf(scope, limit);
        } else {
            // A survey the reader may not see has no entries for them, exactly like an unknown one.
            newest = scope.surveys().contains(surveyId) ? events.newest(surveyId, limit) : List.of();
        }
        return newest.stream()
                .map(e -> new AuditEntry(e.id, e.at, e.actor, e.action, e.surveyId, e.target, e.detail))
                .toList();
    }

    /** An audit entry as the API shows it. */
    public record AuditEntry(String id, Instant at, String actor, String action, String surveyId, String target,
            String detail) {
    }
}
