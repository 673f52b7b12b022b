-- Monthly partitions for audit_log, request_events and notifications (docs/decisions.md, "Partitions and retention").
-- A month is Almaty's, as the app's day is (lib/calendar): bounds at 00:00 Asia/Almaty. No DEFAULT partition: the
-- partitions job keeps the previous month through three ahead, and a row with no month to go to is refused.
-- Existing rows are moved into the partitioned tables; identities continue after the highest id.
CREATE SCHEMA IF NOT EXISTS archive;
--> statement-breakpoint
-- Idempotent; run by the app's role through the job (security definer), by the owner at start, by the bench loader.
-- Each new partition of the append-only tables gets its own TRUNCATE trigger: the parent's does not fire when a
-- partition is truncated by name. Waits at most 2 s for the parent's lock, so it never stalls the app for long.
CREATE FUNCTION ensure_monthly_partitions(parent regclass, first_month date, months integer) RETURNS SETOF text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp SET lock_timeout = '2s' SET TimeZone = 'UTC'
AS $$
DECLARE
  month date;
  partition text;
  existing regclass;
BEGIN
  IF parent IS NULL OR parent NOT IN ('public.audit_log'::regclass, 'public.request_events'::regclass, 'public.notifications'::regclass) THEN
    RAISE EXCEPTION '% is not partitioned by month', parent USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF first_month IS NULL OR months IS NULL OR months NOT BETWEEN 0 AND 120 THEN
    RAISE EXCEPTION 'months must be 0 to 120 from a first month, not % from %', months, first_month
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('ensure_monthly_partitions'));
  FOR i IN 0 .. months - 1 LOOP
    month := (date_trunc('month', first_month) + make_interval(months => i))::date;
    partition := format('%s_%s', (SELECT relname FROM pg_class WHERE oid = parent), to_char(month, 'YYYY_MM'));
    existing := to_regclass(format('public.%I', partition));
    IF existing IS NOT NULL THEN
      IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = existing AND inhparent = parent) THEN
        RAISE EXCEPTION '% exists but is not a partition of %', partition, parent USING ERRCODE = 'duplicate_table';
      END IF;
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TABLE public.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', partition, parent,
      month::timestamp AT TIME ZONE 'Asia/Almaty', (month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Almaty');
    IF parent IN ('public.audit_log'::regclass, 'public.request_events'::regclass) THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change()',
        partition || '_no_truncate', partition);
    END IF;
    RETURN NEXT partition;
  END LOOP;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ensure_monthly_partitions(regclass, date, integer) FROM PUBLIC;
--> statement-breakpoint
-- Retention (the owner only, run on purpose: scripts/partitions-retire.ts). History is moved out, never edited: each
-- month before `before_month` is detached whole into schema archive, where it keeps refusing UPDATE, DELETE and
-- TRUNCATE (the parent's row trigger leaves with the detach, so it is added again) until it is exported. Only the
-- outbox's months may be dropped, and not while a message in them is pending.
CREATE FUNCTION retire_monthly_partitions(parent regclass, before_month date, how text) RETURNS SETOF text
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp SET lock_timeout = '2s'
AS $$
DECLARE
  old record;
  pending boolean;
BEGIN
  IF parent IS NULL OR parent NOT IN ('public.audit_log'::regclass, 'public.request_events'::regclass, 'public.notifications'::regclass) THEN
    RAISE EXCEPTION '% is not partitioned by month', parent USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF how IS NULL OR how NOT IN ('detach', 'drop') OR (how = 'drop' AND parent <> 'public.notifications'::regclass) THEN
    RAISE EXCEPTION '% is moved out (detach), never dropped: not %', parent, how USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF before_month IS NULL THEN
    RAISE EXCEPTION 'no month to retire before' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR old IN
    SELECT c.relname AS name
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent AND c.relname ~ '_\d{4}_\d{2}$'
      AND to_date(right(c.relname, 7), 'YYYY_MM') < date_trunc('month', before_month)
    ORDER BY c.relname
  LOOP
    IF how = 'drop' THEN
      EXECUTE format('SELECT EXISTS (SELECT FROM public.%I WHERE status = %L)', old.name, 'pending') INTO pending;
      IF pending THEN
        RAISE EXCEPTION '% still has pending messages: not dropped', old.name USING ERRCODE = 'object_in_use';
      END IF;
      EXECUTE format('ALTER TABLE %s DETACH PARTITION public.%I', parent, old.name);
      EXECUTE format('DROP TABLE public.%I', old.name);
      RETURN NEXT old.name;
    ELSE
      EXECUTE format('ALTER TABLE %s DETACH PARTITION public.%I', parent, old.name);
      EXECUTE format('ALTER TABLE public.%I SET SCHEMA archive', old.name);
      IF parent <> 'public.notifications'::regclass THEN
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON archive.%I FOR EACH ROW EXECUTE FUNCTION public.refuse_history_change()',
          old.name || '_append_only', old.name);
      END IF;
      RETURN NEXT 'archive.' || old.name;
    END IF;
  END LOOP;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION retire_monthly_partitions(regclass, date, text) FROM PUBLIC;
--> statement-breakpoint

-- audit_log
ALTER TABLE "audit_log" RENAME TO "audit_log_unpartitioned";
--> statement-breakpoint
ALTER TABLE "audit_log_unpartitioned" DROP CONSTRAINT "audit_log_pkey";
--> statement-breakpoint
DROP INDEX "audit_log_patient_idx", "audit_log_organization_idx";
--> statement-breakpoint
ALTER SEQUENCE "audit_log_id_seq" RENAME TO "audit_log_unpartitioned_id_seq";
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
	CONSTRAINT "audit_log_pkey" PRIMARY KEY("id","at"),
	CONSTRAINT "audit_log_actor_kind_check" CHECK ("audit_log"."actor_kind" in ('patient', 'staff', 'system', 'anonymous'))
) PARTITION BY RANGE ("at");
--> statement-breakpoint

-- request_events
ALTER TABLE "request_events" RENAME TO "request_events_unpartitioned";
--> statement-breakpoint
ALTER TABLE "request_events_unpartitioned" DROP CONSTRAINT "request_events_pkey";
--> statement-breakpoint
DROP INDEX "request_events_request_idx";
--> statement-breakpoint
ALTER SEQUENCE "request_events_id_seq" RENAME TO "request_events_unpartitioned_id_seq";
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_kind" text NOT NULL,
	"actor_id" bigint,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_events_pkey" PRIMARY KEY("id","created_at"),
	CONSTRAINT "request_events_actor_kind_check" CHECK ("request_events"."actor_kind" in ('patient', 'staff', 'system', 'anonymous'))
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint

-- notifications
ALTER TABLE "notifications" RENAME TO "notifications_unpartitioned";
--> statement-breakpoint
ALTER TABLE "notifications_unpartitioned" DROP CONSTRAINT "notifications_pkey";
--> statement-breakpoint
DROP INDEX "notifications_pending_idx", "notifications_patient_idx", "notifications_care_stop_idx", "notifications_attachment_protocol_idx";
--> statement-breakpoint
ALTER SEQUENCE "notifications_id_seq" RENAME TO "notifications_unpartitioned_id_seq";
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"patient_id" bigint,
	"request_id" uuid,
	"care_stop_notice_id" bigint,
	"attachment_protocol_id" bigint,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"body" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_pkey" PRIMARY KEY("id","created_at"),
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('sms', 'portal')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('pending', 'sent', 'failed'))
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint

-- Partitions from the month of the oldest row (or the previous month) through three months after the newest row or
-- the current month, whichever is later; then the rows, the identities, the old tables dropped.
SELECT ensure_monthly_partitions('audit_log', m::date, 1)
FROM (SELECT least(min("at"), now() - interval '1 month') AS first, greatest(max("at"), now()) AS last FROM "audit_log_unpartitioned") r,
  generate_series(date_trunc('month', r.first AT TIME ZONE 'Asia/Almaty'), date_trunc('month', r.last AT TIME ZONE 'Asia/Almaty') + interval '3 months', interval '1 month') m;
--> statement-breakpoint
SELECT ensure_monthly_partitions('request_events', m::date, 1)
FROM (SELECT least(min("created_at"), now() - interval '1 month') AS first, greatest(max("created_at"), now()) AS last FROM "request_events_unpartitioned") r,
  generate_series(date_trunc('month', r.first AT TIME ZONE 'Asia/Almaty'), date_trunc('month', r.last AT TIME ZONE 'Asia/Almaty') + interval '3 months', interval '1 month') m;
--> statement-breakpoint
SELECT ensure_monthly_partitions('notifications', m::date, 1)
FROM (SELECT least(min("created_at"), now() - interval '1 month') AS first, greatest(max("created_at"), now()) AS last FROM "notifications_unpartitioned") r,
  generate_series(date_trunc('month', r.first AT TIME ZONE 'Asia/Almaty'), date_trunc('month', r.last AT TIME ZONE 'Asia/Almaty') + interval '3 months', interval '1 month') m;
--> statement-breakpoint
INSERT INTO "audit_log" ("id", "at", "actor_kind", "actor_id", "organization_id", "patient_id", "action", "entity", "entity_id", "address", "details")
OVERRIDING SYSTEM VALUE
SELECT "id", "at", "actor_kind", "actor_id", "organization_id", "patient_id", "action", "entity", "entity_id", "address", "details"
FROM "audit_log_unpartitioned";
--> statement-breakpoint
INSERT INTO "request_events" ("id", "request_id", "type", "from_status", "to_status", "actor_kind", "actor_id", "data", "created_at")
OVERRIDING SYSTEM VALUE
SELECT "id", "request_id", "type", "from_status", "to_status", "actor_kind", "actor_id", "data", "created_at"
FROM "request_events_unpartitioned";
--> statement-breakpoint
INSERT INTO "notifications" ("id", "channel", "recipient", "patient_id", "request_id", "care_stop_notice_id", "attachment_protocol_id",
  "template", "locale", "body", "params", "status", "attempts", "created_at", "sent_at")
OVERRIDING SYSTEM VALUE
SELECT "id", "channel", "recipient", "patient_id", "request_id", "care_stop_notice_id", "attachment_protocol_id",
  "template", "locale", "body", "params", "status", "attempts", "created_at", "sent_at"
FROM "notifications_unpartitioned";
--> statement-breakpoint
SELECT setval('"audit_log_id_seq"', greatest((SELECT max("id") FROM "audit_log"), (SELECT last_value FROM "audit_log_unpartitioned_id_seq")));
--> statement-breakpoint
SELECT setval('"request_events_id_seq"', greatest((SELECT max("id") FROM "request_events"), (SELECT last_value FROM "request_events_unpartitioned_id_seq")));
--> statement-breakpoint
SELECT setval('"notifications_id_seq"', greatest((SELECT max("id") FROM "notifications"), (SELECT last_value FROM "notifications_unpartitioned_id_seq")));
--> statement-breakpoint
DROP TABLE "audit_log_unpartitioned", "request_events_unpartitioned", "notifications_unpartitioned";
--> statement-breakpoint

-- Indexes, foreign keys and the append-only triggers, on the parents (PostgreSQL puts each on every partition).
CREATE INDEX "audit_log_patient_idx" ON "audit_log" USING btree ("patient_id","at");
--> statement-breakpoint
CREATE INDEX "audit_log_organization_idx" ON "audit_log" USING btree ("organization_id","at");
--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","created_at");
--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."status" = 'pending';
--> statement-breakpoint
CREATE INDEX "notifications_patient_idx" ON "notifications" USING btree ("patient_id","created_at");
--> statement-breakpoint
CREATE INDEX "notifications_care_stop_idx" ON "notifications" USING btree ("care_stop_notice_id","status") WHERE "notifications"."care_stop_notice_id" is not null;
--> statement-breakpoint
CREATE INDEX "notifications_attachment_protocol_idx" ON "notifications" USING btree ("attachment_protocol_id","status") WHERE "notifications"."attachment_protocol_id" is not null;
--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_care_stop_notice_id_care_stop_notices_id_fk" FOREIGN KEY ("care_stop_notice_id") REFERENCES "public"."care_stop_notices"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_attachment_protocol_id_attachment_protocols_id_fk" FOREIGN KEY ("attachment_protocol_id") REFERENCES "public"."attachment_protocols"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER request_events_append_only BEFORE UPDATE OR DELETE ON request_events
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER request_events_no_truncate BEFORE TRUNCATE ON request_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
