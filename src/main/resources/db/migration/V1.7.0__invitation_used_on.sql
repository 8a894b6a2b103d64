-- The day an invitation was used. On an anonymous survey it is all an invitation keeps of its use:
-- no response id, no time of day, no outcome (state 'USED'). Identified surveys keep used_at and
-- response_id as before and set this too.
ALTER TABLE invitation ADD COLUMN used_on DATE;
