-- Issue 15: the search tolerates a Russian keyboard's spelling of Kazakh names (lib/text/fold.ts spells the same
-- folding in TypeScript; tests/integration/register-plan.test.ts checks the two agree letter by letter). The folded names
-- are kept in collation "C" so a prefix is a plain index range; phone and birth date get their indexes on patients.
CREATE FUNCTION fold_name(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT translate(lower(name), 'әғқңөұүһіё', 'агкноуухие') $$;--> statement-breakpoint
ALTER TABLE "register_entries" ADD COLUMN "last_name_folded" text COLLATE "C" GENERATED ALWAYS AS (fold_name(last_name)) STORED;--> statement-breakpoint
ALTER TABLE "register_entries" ADD COLUMN "first_name_folded" text COLLATE "C" GENERATED ALWAYS AS (fold_name(first_name)) STORED;--> statement-breakpoint
ALTER TABLE "register_entries" ADD COLUMN "middle_name_folded" text COLLATE "C" GENERATED ALWAYS AS (fold_name(middle_name)) STORED;--> statement-breakpoint
CREATE INDEX "patients_birth_date_idx" ON "patients" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "patients_phone_idx" ON "patients" USING btree ("phone") WHERE "patients"."phone" is not null;--> statement-breakpoint
CREATE INDEX "register_entries_last_folded_idx" ON "register_entries" USING btree ("organization_id","last_name_folded","patient_id");--> statement-breakpoint
CREATE INDEX "register_entries_first_folded_idx" ON "register_entries" USING btree ("organization_id","first_name_folded","patient_id");--> statement-breakpoint
CREATE INDEX "register_entries_middle_folded_idx" ON "register_entries" USING btree ("organization_id","middle_name_folded","patient_id") WHERE "register_entries"."middle_name_folded" is not null;