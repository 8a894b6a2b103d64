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
}
