package io.canvass.results;

import io.canvass.response.ResponseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One status change of a response, as logged for every replica's live results. */
@Entity
@Table(name = "response_change")
public class ResponseChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "response_id", nullable = false)
    public String responseId;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status")
    public ResponseStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResponseStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** For a review's rejection: the change that made the response complete, whose row of the index it removes. */
    @Column(name = "reverses_change_id")
    public Long reversesChangeId;
}
