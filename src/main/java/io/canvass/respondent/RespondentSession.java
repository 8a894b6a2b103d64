package io.canvass.respondent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A respondent's way back into an unfinished response: the resume token and the furthest page reached. */
@Entity
@Table(name = "respondent_session")
public class RespondentSession {

    @Id
    public String token;

    @Column(name = "response_id", nullable = false)
    public String responseId;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    @Column(name = "invitation_token")
    public String invitationToken;

    /** 1-based number of the furthest page the respondent may open. */
    @Column(name = "page_reached", nullable = false)
    public int pageReached;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
