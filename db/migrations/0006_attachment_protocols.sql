CREATE TABLE "attachment_protocols" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachment_protocols_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"received_on" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"basis" text NOT NULL,
	"applied_on" date NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" bigint NOT NULL,
	"people_count" integer NOT NULL,
	"without_phone_count" integer NOT NULL,
	"idempotency_key" uuid NOT NULL,
	CONSTRAINT "attachment_protocols_idempotency_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "attachment_protocols_number_unique" UNIQUE("organization_id","kind","number"),
	CONSTRAINT "attachment_protocols_kind_check" CHECK ("attachment_protocols"."kind" in ('fund_placement', 'regional_commission')),
	CONSTRAINT "attachment_protocols_basis_check" CHECK ("attachment_protocols"."basis" in ('clinic_refusal', 'non_placement', 'new_facility')),
	CONSTRAINT "attachment_protocols_people_check" CHECK ("attachment_protocols"."people_count" > 0 and "attachment_protocols"."without_phone_count" between 0 and "attachment_protocols"."people_count")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "protocol_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "attachment_protocol_id" bigint;--> statement-breakpoint
ALTER TABLE "attachment_protocols" ADD CONSTRAINT "attachment_protocols_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_protocols" ADD CONSTRAINT "attachment_protocols_applied_by_staff_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_protocols_organization_idx" ON "attachment_protocols" USING btree ("organization_id","applied_at");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_protocol_id_attachment_protocols_id_fk" FOREIGN KEY ("protocol_id") REFERENCES "public"."attachment_protocols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_attachment_protocol_id_attachment_protocols_id_fk" FOREIGN KEY ("attachment_protocol_id") REFERENCES "public"."attachment_protocols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_protocol_idx" ON "attachments" USING btree ("protocol_id") WHERE "attachments"."protocol_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_attachment_protocol_idx" ON "notifications" USING btree ("attachment_protocol_id","status") WHERE "notifications"."attachment_protocol_id" is not null;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_protocol_basis_check" CHECK ("attachments"."protocol_id" is null or "attachments"."basis" in ('clinic_refusal', 'non_placement', 'new_facility'));