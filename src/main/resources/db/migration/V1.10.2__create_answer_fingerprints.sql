-- One row per distinct set of coded answers a complete of the survey gave (SHA-256 of their canonical
-- form; free text and personal data are not part of it), naming the first complete that gave it. It is
-- claimed with an insert that does nothing on conflict, in the transaction that stores the complete: the
-- first to commit is the original, every later complete with the same fingerprint is flagged duplicate,
-- whichever replica stores it. Both key columns are NOT NULL (a nullable one would let duplicates in).
-- No reference to the response: the API's writer claims fingerprints before it inserts its responses.
CREATE TABLE answer_fingerprint (
    survey_id   VARCHAR(100) NOT NULL REFERENCES survey (id),
    fingerprint VARCHAR(64)  NOT NULL,
    response_id VARCHAR(36)  NOT NULL,
    PRIMARY KEY (survey_id, fingerprint)
);
