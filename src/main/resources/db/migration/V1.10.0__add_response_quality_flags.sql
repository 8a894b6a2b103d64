-- The data-quality flags a complete raised as it completed (README "Data quality"): their codes in a
-- fixed order, comma-separated (e.g. 'speeder,duplicate'); NULL for none, as for every response stored
-- before flags existed. A flag is a suggestion for review: it never changes what a response counts as.
ALTER TABLE response ADD COLUMN flags VARCHAR(100);
