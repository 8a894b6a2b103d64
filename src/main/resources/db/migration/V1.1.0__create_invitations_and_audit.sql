-- Single-use invitations and the audit trail of staff actions.

CREATE TABLE invitation (
    token       VARCHAR(64)  NOT NULL PRIMARY KEY,
    survey_id   VARCHAR(100) NOT NULL REFERENCES survey (id),
    label       VARCHAR(200),
    state       VARCHAR(16)  NOT NULL,
    -- Submissions that claimed the token: a row lock on it serialises racing claims, and more
    -- than one claim means the token was used already.
    claims      INTEGER      NOT NULL,
    response_id VARCHAR(36),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX invitation_by_survey ON invitation (survey_id, created_at);

CREATE TABLE audit_event (
    id        VARCHAR(36)  NOT NULL PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(200) NOT NULL,
    action    VARCHAR(64)  NOT NULL,
    survey_id VARCHAR(100),
    target    VARCHAR(200),
    detail    VARCHAR(1000)
);

CREATE INDEX audit_event_by_time ON audit_event (at);
CREATE INDEX audit_event_by_survey ON audit_event (survey_id, at);
