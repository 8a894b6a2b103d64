-- Access to one survey granted to one staff member (by token subject) by its owner or an admin.
-- Granting again replaces the role: one row per survey and subject.
CREATE TABLE survey_grant (
    survey_id  VARCHAR(100) NOT NULL REFERENCES survey (id),
    subject    VARCHAR(200) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    granted_by VARCHAR(200) NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (survey_id, subject)
);

-- A survey list shows the surveys granted to the caller.
CREATE INDEX survey_grant_by_subject ON survey_grant (subject);
