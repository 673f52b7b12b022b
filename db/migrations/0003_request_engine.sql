CREATE TABLE "calendar_overrides" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_kind_check" CHECK ("calendar_overrides"."kind" in ('day_off', 'working_day'))
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "number" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1);--> statement-breakpoint
ALTER TABLE "calendar_overrides" ADD CONSTRAINT "calendar_overrides_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_one_open_per_patient_service" ON "requests" USING btree ("patient_id","service","organization_id") WHERE "requests"."status" in ('submitted', 'in_review');--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_number_unique" UNIQUE("number");