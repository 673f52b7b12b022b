CREATE TABLE "attachment_section_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachment_section_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attachment_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"from_section_id" bigint,
	"to_section_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"cause" text NOT NULL,
	"changed_by" bigint NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attachment_section_changes_cause_check" CHECK ("attachment_section_changes"."cause" in ('change', 'correction'))
);
--> statement-breakpoint
ALTER TABLE "attachment_section_changes" ADD CONSTRAINT "attachment_section_changes_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_section_changes" ADD CONSTRAINT "attachment_section_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_section_changes" ADD CONSTRAINT "attachment_section_changes_from_section_id_sections_id_fk" FOREIGN KEY ("from_section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_section_changes" ADD CONSTRAINT "attachment_section_changes_to_section_id_sections_id_fk" FOREIGN KEY ("to_section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_section_changes" ADD CONSTRAINT "attachment_section_changes_changed_by_staff_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_section_changes_attachment_idx" ON "attachment_section_changes" USING btree ("attachment_id","changed_at");