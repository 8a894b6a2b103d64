-- A personal text answer may be as long as any text answer: room for 20,000 UTF-16 units (H2 counts
-- those, PostgreSQL counts characters), which the answer check enforces before anything is stored.
ALTER TABLE personal_data ALTER COLUMN content SET DATA TYPE VARCHAR(20000);
