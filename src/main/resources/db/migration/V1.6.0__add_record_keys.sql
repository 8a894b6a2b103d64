-- The record key of each response, for the cell-key method that perturbs the counts analysts see
-- (README "Disclosure control"): uniformly random in 0..255, drawn when the response is stored,
-- never exported or shown.
ALTER TABLE response ADD COLUMN record_key INTEGER;

-- Responses stored before keys existed get one from their id: a random UUID (version 4) whose first
-- two hex digits are random, so the keys are uniform, and every replica reads the same ones.
-- Portable SQL (H2 and PostgreSQL); a character outside 0-9a-f counts as -1, kept in 0..255 by MOD.
UPDATE response SET record_key = MOD(256
    + 16 * (POSITION(SUBSTRING(LOWER(id) FROM 1 FOR 1) IN '0123456789abcdef') - 1)
    + (POSITION(SUBSTRING(LOWER(id) FROM 2 FOR 1) IN '0123456789abcdef') - 1), 256);

ALTER TABLE response ALTER COLUMN record_key SET NOT NULL;
