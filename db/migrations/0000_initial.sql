CREATE TABLE "departments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "departments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "departments_organization_kind_unique" UNIQUE("organization_id","kind"),
	CONSTRAINT "departments_kind_check" CHECK ("departments"."kind" in ('therapy', 'general_practice', 'pediatrics', 'registry', 'administration', 'inpatient', 'dispensary'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"type" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"region" text NOT NULL,
	"city" text NOT NULL,
	"address_kk" text NOT NULL,
	"address_ru" text NOT NULL,
	"phone" text,
	"working_hours" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_code_unique" UNIQUE("code"),
	CONSTRAINT "organizations_type_check" CHECK ("organizations"."type" in ('primary_care', 'hospital', 'tb_centre', 'mental_health_centre', 'narcology_centre'))
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"number" text NOT NULL,
	"capacity_norm" integer NOT NULL,
	"territory_kk" text NOT NULL,
	"territory_ru" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sections_organization_number_unique" UNIQUE("organization_id","number"),
	CONSTRAINT "sections_capacity_norm_check" CHECK ("sections"."capacity_norm" > 0)
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"iin" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"status" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"locale" text DEFAULT 'kk' NOT NULL,
	"sessions_revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_iin_unique" UNIQUE("iin"),
	CONSTRAINT "patients_iin_format_check" CHECK ("patients"."iin" ~ '^[0-9]{12}$'),
	CONSTRAINT "patients_sex_check" CHECK ("patients"."sex" in ('male', 'female')),
	CONSTRAINT "patients_status_check" CHECK ("patients"."status" in ('citizen', 'kandas', 'refugee', 'foreigner', 'stateless')),
	CONSTRAINT "patients_locale_check" CHECK ("patients"."locale" in ('kk', 'ru')),
	CONSTRAINT "patients_phone_format_check" CHECK ("patients"."phone" is null or "patients"."phone" ~ '^\+7[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "representatives" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "representatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"child_id" bigint NOT NULL,
	"representative_id" bigint NOT NULL,
	"basis" text NOT NULL,
	"document_note" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "representatives_child_representative_unique" UNIQUE("child_id","representative_id"),
	CONSTRAINT "representatives_not_self_check" CHECK ("representatives"."child_id" <> "representatives"."representative_id"),
	CONSTRAINT "representatives_basis_check" CHECK ("representatives"."basis" in ('parent', 'adoptive_parent', 'guardian', 'trustee', 'foster_carer', 'receiving_parent'))
);
--> statement-breakpoint
CREATE TABLE "section_doctors" (
	"section_id" bigint NOT NULL,
	"staff_id" bigint NOT NULL,
	CONSTRAINT "section_doctors_unique" UNIQUE("section_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"department_id" bigint,
	"role" text NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"iin" text,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"specialty_kk" text,
	"specialty_ru" text,
	"locale" text DEFAULT 'kk' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sessions_revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_role_check" CHECK ("staff"."role" in ('registrar', 'doctor', 'head', 'chief')),
	CONSTRAINT "staff_locale_check" CHECK ("staff"."locale" in ('kk', 'ru')),
	CONSTRAINT "staff_iin_format_check" CHECK ("staff"."iin" is null or "staff"."iin" ~ '^[0-9]{12}$')
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"patient_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"section_id" bigint,
	"basis" text NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source_request_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_status_check" CHECK ("attachments"."status" in ('scheduled', 'active', 'ended')),
	CONSTRAINT "attachments_basis_check" CHECK ("attachments"."basis" in ('residence_change', 'free_choice', 'campaign', 'insurance_contract', 'commission_disagreement', 'clinic_refusal', 'non_placement', 'new_facility')),
	CONSTRAINT "attachments_period_check" CHECK ("attachments"."valid_to" is null or "attachments"."valid_to" >= "attachments"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_kind" text NOT NULL,
	"actor_id" bigint,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_events_actor_kind_check" CHECK ("request_events"."actor_kind" in ('patient', 'staff', 'system', 'anonymous'))
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"patient_id" bigint NOT NULL,
	"applicant_patient_id" bigint,
	"applicant_staff_id" bigint,
	"service" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" bigint,
	"decided_at" timestamp with time zone,
	"decided_by" bigint,
	"refusal_ground" text,
	"refusal_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "requests_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "requests_status_check" CHECK ("requests"."status" in ('submitted', 'in_review', 'approved', 'signed', 'issued', 'refused', 'cancelled')),
	CONSTRAINT "requests_channel_check" CHECK ("requests"."channel" in ('portal', 'desk')),
	CONSTRAINT "requests_applicant_check" CHECK ("requests"."applicant_patient_id" is not null or "requests"."applicant_staff_id" is not null),
	CONSTRAINT "requests_refusal_check" CHECK ("requests"."status" <> 'refused' or ("requests"."refusal_ground" is not null and "requests"."refusal_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"request_id" uuid,
	"patient_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_hash" text NOT NULL,
	"verification_code" text NOT NULL,
	"signer_id" bigint,
	"signed_at" timestamp with time zone,
	"signature" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" bigint,
	"revoked_reason" text,
	"supersedes_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_verification_code_unique" UNIQUE("verification_code"),
	CONSTRAINT "documents_number_unique" UNIQUE("organization_id","kind","number"),
	CONSTRAINT "documents_status_check" CHECK ("documents"."status" in ('draft', 'awaiting_signature', 'signed', 'issued', 'revoked')),
	CONSTRAINT "documents_hash_format_check" CHECK ("documents"."snapshot_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "documents_revocation_check" CHECK ("documents"."status" <> 'revoked' or "documents"."revoked_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" bigint,
	"organization_id" bigint,
	"patient_id" bigint,
	"action" text NOT NULL,
	"entity" text,
	"entity_id" text,
	"address" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_log_actor_kind_check" CHECK ("audit_log"."actor_kind" in ('patient', 'staff', 'system', 'anonymous'))
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"address" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"patient_id" bigint,
	"request_id" uuid,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"body" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('sms', 'portal')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "one_time_codes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "one_time_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"patient_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_time_codes_purpose_check" CHECK ("one_time_codes"."purpose" in ('sign_in'))
);
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representatives" ADD CONSTRAINT "representatives_child_id_patients_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representatives" ADD CONSTRAINT "representatives_representative_id_patients_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_doctors" ADD CONSTRAINT "section_doctors_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_doctors" ADD CONSTRAINT "section_doctors_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_source_request_id_requests_id_fk" FOREIGN KEY ("source_request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_applicant_patient_id_patients_id_fk" FOREIGN KEY ("applicant_patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_applicant_staff_id_staff_id_fk" FOREIGN KEY ("applicant_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_assignee_id_staff_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_signer_id_staff_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_revoked_by_staff_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sections_department_idx" ON "sections" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "patients_name_idx" ON "patients" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "representatives_representative_idx" ON "representatives" USING btree ("representative_id");--> statement-breakpoint
CREATE INDEX "section_doctors_staff_idx" ON "section_doctors" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_login_unique" ON "staff" USING btree (lower("login"));--> statement-breakpoint
CREATE INDEX "staff_organization_idx" ON "staff" USING btree ("organization_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_one_active_per_patient" ON "attachments" USING btree ("patient_id") WHERE "attachments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "attachments_organization_idx" ON "attachments" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "attachments_section_idx" ON "attachments" USING btree ("section_id","status");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_queue_idx" ON "requests" USING btree ("organization_id","status","due_at");--> statement-breakpoint
CREATE INDEX "requests_patient_idx" ON "requests" USING btree ("patient_id","submitted_at");--> statement-breakpoint
CREATE INDEX "documents_request_idx" ON "documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "documents_patient_idx" ON "documents" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "audit_log_patient_idx" ON "audit_log" USING btree ("patient_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_organization_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "login_attempts_key_idx" ON "login_attempts" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_patient_idx" ON "notifications" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "one_time_codes_patient_idx" ON "one_time_codes" USING btree ("patient_id","created_at");