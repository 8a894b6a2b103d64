-- The language a respondent answered in (a BCP 47 code of the survey's languages). Responses stored
-- before surveys had languages have none: they count as the survey's default language.
ALTER TABLE response ADD COLUMN language VARCHAR(35);
