-- Personal data of finished responses to anonymous surveys (such as the e-mail for a copy of the
-- report): a list per survey with no link to any response. The id is random so that not even the
-- order of the rows follows the order of the responses; the date is the day it was recorded.
CREATE TABLE unlinked_personal_data (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    survey_id   VARCHAR(100)   NOT NULL REFERENCES survey (id),
    question_id VARCHAR(100)   NOT NULL,
    content     VARCHAR(20000) NOT NULL,
    recorded_on DATE           NOT NULL
);

CREATE INDEX unlinked_personal_data_by_survey ON unlinked_personal_data (survey_id, question_id);
