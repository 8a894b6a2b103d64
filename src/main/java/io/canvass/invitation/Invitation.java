package io.canvass.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A single-use invitation to one survey; the token is the whole credential. */
@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    public String token;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    public String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvitationState state;

    @Column(nullable = false)
    public int claims;

    /** The response it led to: identified surveys only. */
    @Column(name = "response_id")
    public String responseId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When it was used: identified surveys only. */
    @Column(name = "used_at")
    public Instant usedAt;

    /** The day (UTC) it was used: all that an anonymous survey keeps of its use. */
    @Column(name = "used_on")
    public LocalDate usedOn;
}
