CREATE TABLE "request_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"applicant_patient_id" bigint NOT NULL,
	"written_consent" boolean NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_groups_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
DROP INDEX "requests_family_group_idx";--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "request_groups" ADD CONSTRAINT "request_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_groups" ADD CONSTRAINT "request_groups_applicant_patient_id_patients_id_fk" FOREIGN KEY ("applicant_patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_group_id_request_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."request_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_group_idx" ON "requests" USING btree ("organization_id","group_id") WHERE "requests"."group_id" is not null;