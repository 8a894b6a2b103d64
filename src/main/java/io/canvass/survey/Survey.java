package io.canvass.survey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A survey: its state, and which published version new respondents get. */
@Entity
@Table(name = "survey")
public class Survey {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyStatus status;

    /** The published version new respondents answer; null while the survey has only drafts. */
    @Column(name = "current_version")
    public Integer currentVersion;

    /** Who created it over the API (token subject); null for a survey imported from a definition file. */
    public String owner;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
