package io.canvass.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A survey's secret key for the pseudonymous response ids of its anonymous exports; never leaves the database. */
@Entity
@Table(name = "pseudonym_key")
public class PseudonymKey {

    @Id
    @Column(name = "survey_id")
    public String surveyId;

    /** 256 random bits, hex. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
