ALTER TABLE "patients" ADD COLUMN "residence" text;--> statement-breakpoint
-- Rows recorded before the mark existed were taken as permanently resident (the portal was open to them); the
-- register's next update from the state database corrects any that are not.
UPDATE "patients" SET "residence" = 'permanent' WHERE "status" in ('foreigner', 'stateless');--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_residence_check" CHECK ("patients"."residence" is null or "patients"."residence" in ('permanent', 'temporary'));--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_residence_status_check" CHECK (("patients"."status" in ('foreigner', 'stateless')) = ("patients"."residence" is not null));