-- Why a researcher rejected a complete on review (up to 500 characters; room for any of them in UTF-16);
-- NULL unless the response is rejected. Who reviewed it, and when, is in the audit log.
ALTER TABLE response ADD COLUMN review_reason VARCHAR(1000);
