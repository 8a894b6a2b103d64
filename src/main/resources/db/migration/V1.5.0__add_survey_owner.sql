-- The staff member who created a survey over the API (their token's subject) owns it: they may work on it and
-- grant others access. Surveys imported from questionnaire/ have no owner; their definition says who has access.
ALTER TABLE survey ADD COLUMN owner VARCHAR(200);
