CREATE TABLE "dispensary_import_lines" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"iin" text,
	"last_name" text,
	"first_name" text,
	"middle_name" text,
	"birth_date" date,
	"observation_group" text,
	"observed_since" date,
	"patient_id" bigint,
	"error" text,
	"error_field" text,
	CONSTRAINT "dispensary_import_lines_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "dispensary_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"registry" text NOT NULL,
	"uploaded_by" bigint NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'checking' NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"error_lines" integer DEFAULT 0 NOT NULL,
	"file_error" text,
	"checked_at" timestamp with time zone,
	"committed_by" bigint,
	"committed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispensary_imports_registry_check" CHECK ("dispensary_imports"."registry" in ('tb', 'mental_health', 'narcology')),
	CONSTRAINT "dispensary_imports_status_check" CHECK ("dispensary_imports"."status" in ('checking', 'checked', 'committed'))
);
--> statement-breakpoint
ALTER TABLE "dispensary_records" ADD COLUMN "idempotency_key" uuid;--> statement-breakpoint
ALTER TABLE "dispensary_import_lines" ADD CONSTRAINT "dispensary_import_lines_import_id_dispensary_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."dispensary_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_import_lines" ADD CONSTRAINT "dispensary_import_lines_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_imports" ADD CONSTRAINT "dispensary_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_imports" ADD CONSTRAINT "dispensary_imports_uploaded_by_staff_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensary_imports" ADD CONSTRAINT "dispensary_imports_committed_by_staff_id_fk" FOREIGN KEY ("committed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispensary_import_lines_errors_idx" ON "dispensary_import_lines" USING btree ("import_id","line") WHERE "dispensary_import_lines"."error" is not null;--> statement-breakpoint
CREATE INDEX "dispensary_import_lines_iin_idx" ON "dispensary_import_lines" USING btree ("import_id","iin");--> statement-breakpoint
CREATE INDEX "dispensary_imports_organization_idx" ON "dispensary_imports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "dispensary_records_active_idx" ON "dispensary_records" USING btree ("organization_id","id") WHERE "dispensary_records"."removed_on" is null;--> statement-breakpoint
CREATE INDEX "dispensary_records_removed_idx" ON "dispensary_records" USING btree ("organization_id","id") WHERE "dispensary_records"."removed_on" is not null;--> statement-breakpoint
CREATE INDEX "dispensary_records_last_folded_idx" ON "dispensary_records" USING btree ("organization_id",(fold_name("last_name") collate "C"),"id");--> statement-breakpoint
CREATE INDEX "dispensary_records_org_birth_idx" ON "dispensary_records" USING btree ("organization_id","birth_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispensary_records_idempotency_unique" ON "dispensary_records" USING btree ("idempotency_key");