-- A respondent's way back into an unfinished response: the resume token (the capability in the
-- resume link) and the furthest page reached. One per response; never reused.
CREATE TABLE respondent_session (
    token            VARCHAR(64)  NOT NULL PRIMARY KEY,
    response_id      VARCHAR(36)  NOT NULL UNIQUE REFERENCES response (id),
    survey_id        VARCHAR(100) NOT NULL,
    invitation_token VARCHAR(64),
    page_reached     INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX respondent_session_by_invitation ON respondent_session (invitation_token);
