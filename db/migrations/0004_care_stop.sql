CREATE TABLE "care_stop_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_stop_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"learned_on" date,
	"stops_on" date NOT NULL,
	"notice_due" date NOT NULL,
	"note" text,
	"attached_count" integer NOT NULL,
	"without_phone_count" integer NOT NULL,
	"recorded_by" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"idempotency_key" uuid NOT NULL,
	CONSTRAINT "care_stop_notices_idempotency_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "care_stop_notices_reason_check" CHECK ("care_stop_notices"."reason" in ('contract_terminated', 'contract_amended', 'reorganization', 'liquidation', 'non_placement')),
	CONSTRAINT "care_stop_notices_learned_check" CHECK ("care_stop_notices"."reason" in ('contract_terminated', 'contract_amended') or "care_stop_notices"."learned_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "care_stop_notice_id" bigint;--> statement-breakpoint
ALTER TABLE "care_stop_notices" ADD CONSTRAINT "care_stop_notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_stop_notices" ADD CONSTRAINT "care_stop_notices_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_stop_notices_organization_idx" ON "care_stop_notices" USING btree ("organization_id","recorded_at");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_care_stop_notice_id_care_stop_notices_id_fk" FOREIGN KEY ("care_stop_notice_id") REFERENCES "public"."care_stop_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_care_stop_idx" ON "notifications" USING btree ("care_stop_notice_id","status") WHERE "notifications"."care_stop_notice_id" is not null;