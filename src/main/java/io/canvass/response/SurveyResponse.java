package io.canvass.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One respondent's response: the answers exactly as given (personal data kept apart), and its fate. */
@Entity
@Table(name = "response")
public class SurveyResponse {

    @Id
    public String id;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    @Column(name = "survey_version", nullable = false)
    public int surveyVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResponseStatus status;

    /** The question that screened the respondent out, or the full quota cell ({@code quota:code}). */
    public String reason;

    /** The answers as a JSON object, as submitted, without personal data. */
    @Column(nullable = false)
    public String answers;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** The cell-key method's random key ({@link RecordKey}): set when the row is created, never shown. */
    @Column(name = "record_key", nullable = false)
    public int recordKey;

    /**
     * The quality flags a complete raised ({@link io.canvass.interview.QualityFlag#encode}), null for none;
     * while in progress only {@code bot}, once the browser form's honeypot was filled in.
     */
    public String flags;

    /** How long the respondent took, in seconds; null when not known. */
    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    /** The language the respondent answered in; null for responses stored before surveys had languages (the default). */
    public String language;

    /** Why a researcher rejected the complete; null unless it is rejected. */
    @Column(name = "review_reason")
    public String reviewReason;
}
