-- Surveys, their immutable published versions, responses with personal data kept apart,
-- quota counters and idempotency keys. Portable SQL: runs on H2 and PostgreSQL.

CREATE TABLE survey (
    id              VARCHAR(100) NOT NULL PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL,
    current_version INTEGER,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE survey_version (
    survey_id       VARCHAR(100) NOT NULL REFERENCES survey (id),
    version         INTEGER      NOT NULL,
    title           VARCHAR(1000) NOT NULL,
    published       BOOLEAN      NOT NULL,
    definition_json VARCHAR(1000000) NOT NULL,
    source_text     VARCHAR(1000000) NOT NULL,
    source_format   VARCHAR(8)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (survey_id, version)
);

CREATE TABLE response (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    survey_id      VARCHAR(100) NOT NULL,
    survey_version INTEGER      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    reason         VARCHAR(250),
    answers        VARCHAR(1000000) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at   TIMESTAMP WITH TIME ZONE,
    FOREIGN KEY (survey_id, survey_version) REFERENCES survey_version (survey_id, version)
);

CREATE INDEX response_by_survey_status ON response (survey_id, status);

-- Personal data (such as an e-mail for a copy of the report) never shares a row with answers.
CREATE TABLE personal_data (
    response_id VARCHAR(36)  NOT NULL REFERENCES response (id),
    question_id VARCHAR(100) NOT NULL,
    content     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (response_id, question_id)
);

CREATE TABLE quota_counter (
    survey_id VARCHAR(100) NOT NULL REFERENCES survey (id),
    quota_id  VARCHAR(100) NOT NULL,
    cell      VARCHAR(100) NOT NULL,
    cap       INTEGER      NOT NULL,
    filled    INTEGER      NOT NULL,
    PRIMARY KEY (survey_id, quota_id, cell)
);

-- Every column of the key is NOT NULL: a nullable column would let NULL <> NULL slip duplicates in.
CREATE TABLE idempotency_key (
    survey_id    VARCHAR(100) NOT NULL,
    idem_key     VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    response_id  VARCHAR(36)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (survey_id, idem_key)
);
