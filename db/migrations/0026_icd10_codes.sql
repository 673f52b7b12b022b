-- Issue 17: ICD-10 codes for a referral's diagnosis (db/schema/icd10.ts). pg_trgm (in PostgreSQL's contrib, a trusted
-- extension) gives the word search its trigram index; the codes are kept in collation "C" so a typed prefix is a plain
-- index range whatever the database's collation.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "icd10_codes" (
	"code" text COLLATE "C" PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_kk" text,
	"parent_code" text COLLATE "C",
	"source" text NOT NULL,
	"register_id" bigint,
	"actual" boolean DEFAULT true NOT NULL,
	"addl_code" text,
	"date" date,
	"name_ru_folded" text GENERATED ALWAYS AS (fold_name(name_ru)) STORED,
	"name_kk_folded" text GENERATED ALWAYS AS (fold_name(name_kk)) STORED,
	CONSTRAINT "icd10_codes_kind_check" CHECK ("icd10_codes"."kind" in ('chapter', 'block', 'category', 'subcategory')),
	CONSTRAINT "icd10_codes_source_check" CHECK ("icd10_codes"."source" in ('register', 'own')),
	CONSTRAINT "icd10_codes_register_check" CHECK ("icd10_codes"."source" = 'register' or "icd10_codes"."register_id" is null)
);
--> statement-breakpoint
CREATE INDEX "icd10_codes_offered_code_idx" ON "icd10_codes" USING btree ("code") WHERE "icd10_codes"."actual" and "icd10_codes"."kind" in ('category', 'subcategory');--> statement-breakpoint
CREATE INDEX "icd10_codes_offered_ru_trgm_idx" ON "icd10_codes" USING gin ("name_ru_folded" gin_trgm_ops) WITH (fastupdate=false) WHERE "icd10_codes"."actual" and "icd10_codes"."kind" in ('category', 'subcategory');--> statement-breakpoint
CREATE INDEX "icd10_codes_offered_kk_trgm_idx" ON "icd10_codes" USING gin ("name_kk_folded" gin_trgm_ops) WITH (fastupdate=false) WHERE "icd10_codes"."actual" and "icd10_codes"."kind" in ('category', 'subcategory') and "icd10_codes"."name_kk" is not null;--> statement-breakpoint
CREATE INDEX "icd10_codes_parent_idx" ON "icd10_codes" USING btree ("parent_code");