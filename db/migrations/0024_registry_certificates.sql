CREATE TABLE "certificate_consents" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"subject_patient_id" bigint,
	"requester_patient_id" bigint NOT NULL,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_consents_status_check" CHECK ("certificate_consents"."status" in ('pending', 'given', 'refused', 'expired')),
	CONSTRAINT "certificate_consents_answer_check" CHECK ("certificate_consents"."answered_by" is null or "certificate_consents"."answered_by" in ('code', 'cabinet', 'timeout')),
	CONSTRAINT "certificate_consents_attempts_check" CHECK ("certificate_consents"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dispensary_record_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispensary_record_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"record_id" bigint NOT NULL,
	"type" text NOT NULL,
	"staff_id" bigint NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispensary_record_events_type_check" CHECK ("dispensary_record_events"."type" in ('added', 'removed', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "dispensary_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispensary_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"registry" text NOT NULL,
	"patient_id" bigint,
	"iin" text,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"observation_group" text NOT NULL,
	"observed_since" date NOT NULL,
	"added_by" bigint NOT NULL,
	"source" text DEFAULT 'screen' NOT NULL,
	"import_id" uuid,
	"removed_on" date,
	"removal_reason" text,
	"removed_by" bigint,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispensary_records_registry_check" CHECK ("dispensary_records"."registry" in ('tb', 'mental_health', 'narcology')),
	CONSTRAINT "dispensary_records_iin_check" CHECK ("dispensary_records"."iin" is null or "dispensary_records"."iin" ~ '^[0-9]{12}$'),
	CONSTRAINT "dispensary_records_source_check" CHECK ("dispensary_records"."source" in ('screen', 'import')),
	CONSTRAINT "dispensary_records_removal_check" CHECK (("dispensary_records"."removed_on" is null) = ("dispensary_records"."removal_reason" is null) and ("dispensary_records"."removed_on" is null) = ("dispensary_records"."removed_by" is null)),
	CONSTRAINT "dispensary_records_dates_check" CHECK ("dispensary_records"."removed_on" is null or "dispensary_records"."removed_on" >= "dispensary_records"."observed_since")
);
--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_role_check";--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "system" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_consents" ADD CONSTRAINT "certificate_consents_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_consents" ADD CONSTRAINT "certificate_consents_subject_patient_id_patients_id_fk" FOREIGN KEY ("subject_patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_consents" ADD CONSTRAINT "certificate_consents_requester_patient_id_patients_id_fk" FOREIGN KEY ("requester_patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_record_events" ADD CONSTRAINT "dispensary_record_events_record_id_dispensary_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."dispensary_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_record_events" ADD CONSTRAINT "dispensary_record_events_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_records" ADD CONSTRAINT "dispensary_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_records" ADD CONSTRAINT "dispensary_records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_records" ADD CONSTRAINT "dispensary_records_added_by_staff_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_records" ADD CONSTRAINT "dispensary_records_removed_by_staff_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_consents_subject_idx" ON "certificate_consents" USING btree ("subject_patient_id","created_at");--> statement-breakpoint
CREATE INDEX "certificate_consents_pending_idx" ON "certificate_consents" USING btree ("expires_at") WHERE "certificate_consents"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "dispensary_record_events_record_idx" ON "dispensary_record_events" USING btree ("record_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispensary_records_one_active" ON "dispensary_records" USING btree ("registry","iin") WHERE "dispensary_records"."removed_on" is null and "dispensary_records"."iin" is not null;--> statement-breakpoint
CREATE INDEX "dispensary_records_birth_idx" ON "dispensary_records" USING btree ("registry","birth_date") WHERE "dispensary_records"."removed_on" is null;--> statement-breakpoint
CREATE INDEX "dispensary_records_list_idx" ON "dispensary_records" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "dispensary_records_iin_idx" ON "dispensary_records" USING btree ("registry","iin","id");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_role_check" CHECK ("staff"."role" in ('registrar', 'doctor', 'head', 'chief', 'dispensary_doctor', 'region_admin'));--> statement-breakpoint
-- A registry record's history is appended, never changed (issue 16), like the request events.
CREATE TRIGGER dispensary_record_events_append_only BEFORE UPDATE OR DELETE ON dispensary_record_events
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();--> statement-breakpoint
CREATE TRIGGER dispensary_record_events_no_truncate BEFORE TRUNCATE ON dispensary_record_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
