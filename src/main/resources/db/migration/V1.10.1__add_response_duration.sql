-- How long the respondent took, in whole seconds: measured by the server in the browser (start to final
-- submit), sent by the client over the API ("durationSeconds"), NULL when not known. The speeder rule
-- compares it with the median duration of the survey's completes.
ALTER TABLE response ADD COLUMN duration_seconds INTEGER;
