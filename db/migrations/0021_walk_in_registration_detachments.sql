CREATE TABLE "detachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "detachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attachment_id" bigint NOT NULL,
	"patient_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"detached_on" date NOT NULL,
	"note" text,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone NOT NULL,
	"idempotency_key" uuid,
	CONSTRAINT "detachments_idempotency_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "detachments_reason_check" CHECK ("detachments"."reason" in ('death', 'left_country', 'attached_elsewhere')),
	CONSTRAINT "detachments_recorded_by_check" CHECK ("detachments"."reason" = 'attached_elsewhere' or "detachments"."recorded_by" is not null)
);
--> statement-breakpoint
CREATE TABLE "patient_registrations" (
	"patient_id" bigint PRIMARY KEY NOT NULL,
	"organization_id" bigint NOT NULL,
	"registered_by" bigint NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"phone_consent" boolean NOT NULL,
	"idempotency_key" uuid NOT NULL,
	CONSTRAINT "patient_registrations_idempotency_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "patient_registrations_source_check" CHECK ("patient_registrations"."source" in ('register', 'document'))
);
--> statement-breakpoint
ALTER TABLE "detachments" ADD CONSTRAINT "detachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detachments" ADD CONSTRAINT "detachments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detachments" ADD CONSTRAINT "detachments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detachments" ADD CONSTRAINT "detachments_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_registrations" ADD CONSTRAINT "patient_registrations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_registrations" ADD CONSTRAINT "patient_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_registrations" ADD CONSTRAINT "patient_registrations_registered_by_staff_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "detachments_attachment_unique" ON "detachments" USING btree ("attachment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "detachments_one_death_per_patient" ON "detachments" USING btree ("patient_id") WHERE "detachments"."reason" = 'death';--> statement-breakpoint
CREATE INDEX "detachments_organization_idx" ON "detachments" USING btree ("organization_id","detached_on","id");