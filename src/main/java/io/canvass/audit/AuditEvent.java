package io.canvass.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One staff action that read or changed data: who, what, on which survey or object, and when. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    public String id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(name = "survey_id")
    public String surveyId;

    public String target;

    public String detail;
}
