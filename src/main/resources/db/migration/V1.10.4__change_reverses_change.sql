-- A review's rejection takes a complete out of every result: its change-log row names the change that
-- made the response complete, so that every replica's results index removes exactly the row that change
-- added, whatever order the two reach it in. NULL for every other change.
ALTER TABLE response_change ADD COLUMN reverses_change_id BIGINT;
