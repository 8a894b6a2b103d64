-- Published versions as an earlier release stored them, before scale ranges were checked without overflow
-- (min -2e9, max 2e9 passed as a negative difference): for UnusableStoredVersionTest only, whose test profile adds
-- this folder to Flyway's locations. Straight into the tables, as no API of this release would store them.

-- A survey whose only version is unusable, with one complete response of it.
INSERT INTO survey (id, status, current_version, created_at, updated_at, owner)
VALUES ('test-unusable', 'OPEN', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL);
INSERT INTO survey_version (survey_id, version, title, published, definition_json, source_text, source_format, created_at, published_at)
VALUES ('test-unusable', 1, 'Unusable', TRUE,
        '{"id":"test-unusable","version":1,"title":"Unusable","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":-2000000000,"max":2000000000}]}]}',
        '{"id":"test-unusable","title":"Unusable","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":-2000000000,"max":2000000000}]}]}',
        'JSON', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key)
VALUES ('00000000-0000-4000-8000-000000000001', 'test-unusable', 1, 'COMPLETE', NULL, '{"s":1}',
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 17);
INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'test-unusable', NULL, 'COMPLETE', CURRENT_TIMESTAMP);

-- A survey whose first version is unusable and whose second, current one is fine: one complete of each.
INSERT INTO survey (id, status, current_version, created_at, updated_at, owner)
VALUES ('test-unusable-old', 'OPEN', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL);
INSERT INTO survey_version (survey_id, version, title, published, definition_json, source_text, source_format, created_at, published_at)
VALUES ('test-unusable-old', 1, 'Mixed versions', TRUE,
        '{"id":"test-unusable-old","version":1,"title":"Mixed versions","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":-2000000000,"max":2000000000}]}]}',
        '{"id":"test-unusable-old","title":"Mixed versions","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":-2000000000,"max":2000000000}]}]}',
        'JSON', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO survey_version (survey_id, version, title, published, definition_json, source_text, source_format, created_at, published_at)
VALUES ('test-unusable-old', 2, 'Mixed versions', TRUE,
        '{"id":"test-unusable-old","version":2,"title":"Mixed versions","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":1,"max":5}]}]}',
        '{"id":"test-unusable-old","title":"Mixed versions","pages":[{"id":"p1","title":"P1","questions":[{"id":"s","type":"scale","text":"Rate","min":1,"max":5}]}]}',
        'JSON', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key)
VALUES ('00000000-0000-4000-8000-000000000002', 'test-unusable-old', 1, 'COMPLETE', NULL, '{"s":1}',
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 42);
INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)
VALUES ('00000000-0000-4000-8000-000000000002', 'test-unusable-old', NULL, 'COMPLETE', CURRENT_TIMESTAMP);
INSERT INTO response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key)
VALUES ('00000000-0000-4000-8000-000000000003', 'test-unusable-old', 2, 'COMPLETE', NULL, '{"s":3}',
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 99);
INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)
VALUES ('00000000-0000-4000-8000-000000000003', 'test-unusable-old', NULL, 'COMPLETE', CURRENT_TIMESTAMP);
