-- One secret key per survey for the pseudonymous response ids of anonymous exports (HMAC-SHA-256):
-- created on the first export, never shown by any API, so a researcher cannot turn a pseudonym back
-- into the stored id.
CREATE TABLE pseudonym_key (
    survey_id  VARCHAR(100) NOT NULL PRIMARY KEY REFERENCES survey (id),
    secret     VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
