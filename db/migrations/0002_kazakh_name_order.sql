-- Names sort in Kazakh alphabetical order (А Ә Б … Қ … Ө … Ұ Ү … І … Я), Russian names among them, whatever
-- the server's default locale. ICU is part of PostgreSQL's builds on Debian and in embedded-postgres.
CREATE COLLATION IF NOT EXISTS kazakh (provider = icu, locale = 'kk-KZ');
--> statement-breakpoint
ALTER TABLE patients
  ALTER COLUMN last_name TYPE text COLLATE kazakh,
  ALTER COLUMN first_name TYPE text COLLATE kazakh,
  ALTER COLUMN middle_name TYPE text COLLATE kazakh;
--> statement-breakpoint
ALTER TABLE staff
  ALTER COLUMN last_name TYPE text COLLATE kazakh,
  ALTER COLUMN first_name TYPE text COLLATE kazakh,
  ALTER COLUMN middle_name TYPE text COLLATE kazakh;
