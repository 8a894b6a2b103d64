package io.canvass.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit trail of staff actions. An entry is written in the transaction of the action
 * it records, so there is never an action without its entry nor an entry for an action undone.
 * Entries name people by their token subject and never carry respondents' personal data.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditEventRepository events;

    public AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String surveyId, String target, String detail) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID().toString();
        event.at = Instant.now();
        event.actor = actor;
        event.action = action;
        event.surveyId = surveyId;
        event.target = target;
        event.detail = detail;
        events.persist(event);
    }

    @Transactional
    public List<AuditEntry> newest(String surveyId, int limit) {
        return events.newest(surveyId, limit).stream()
                .map(e -> new AuditEntry(e.id, e.at, e.actor, e.action, e.surveyId, e.target, e.detail))
                .toList();
    }

    /** An audit entry as the API shows it. */
    public record AuditEntry(String id, Instant at, String actor, String action, String surveyId, String target,
            String detail) {
    }
}
