ALTER TABLE "sections" ADD COLUMN "age_from" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sections" ADD COLUMN "age_to" integer;--> statement-breakpoint
-- The sections there are take their band from their department: children's (pediatrics) 0-17, adults' (therapy) from
-- 18, a general practitioner's every age. A clinic changes a section's band as its data.
UPDATE "sections" SET "age_to" = 17 FROM "departments" d WHERE d."id" = "sections"."department_id" AND d."kind" = 'pediatrics';--> statement-breakpoint
UPDATE "sections" SET "age_from" = 18 FROM "departments" d WHERE d."id" = "sections"."department_id" AND d."kind" = 'therapy';--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_age_band_check" CHECK ("sections"."age_from" >= 0 and ("sections"."age_to" is null or "sections"."age_to" >= "sections"."age_from"));