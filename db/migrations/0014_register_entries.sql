-- The register as the screens read it (register_entries) and each section's load (attached_counts), kept by triggers so
-- that no screen counts or filters the whole region (issue 13, docs/scaling.md). The app may only read them; the
-- functions that keep them run as their owner (SECURITY DEFINER).
CREATE TABLE "attached_counts" (
	"organization_id" bigint NOT NULL,
	"section_id" bigint,
	"attached" integer NOT NULL,
	CONSTRAINT "attached_counts_section_unique" UNIQUE NULLS NOT DISTINCT("organization_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "register_entries" (
	"patient_id" bigint PRIMARY KEY NOT NULL,
	"attachment_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"section_id" bigint,
	"valid_to" date,
	"last_name" text COLLATE kazakh NOT NULL,
	"first_name" text COLLATE kazakh NOT NULL,
	"middle_name" text COLLATE kazakh
);
--> statement-breakpoint
ALTER TABLE "attached_counts" ADD CONSTRAINT "attached_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attached_counts" ADD CONSTRAINT "attached_counts_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "register_entries_attachment_idx" ON "register_entries" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "register_entries_last_name_idx" ON "register_entries" USING btree ("organization_id","last_name","first_name","patient_id");--> statement-breakpoint
CREATE INDEX "register_entries_first_name_idx" ON "register_entries" USING btree ("organization_id","first_name","last_name","patient_id");--> statement-breakpoint
CREATE INDEX "register_entries_middle_name_idx" ON "register_entries" USING btree ("organization_id","middle_name","last_name","patient_id") WHERE "register_entries"."middle_name" is not null;--> statement-breakpoint
CREATE INDEX "register_entries_section_idx" ON "register_entries" USING btree ("organization_id","section_id","last_name","first_name","patient_id");--> statement-breakpoint
CREATE INDEX "register_entries_lapsing_idx" ON "register_entries" USING btree ("organization_id","valid_to") WHERE "register_entries"."valid_to" is not null;--> statement-breakpoint
-- Counts move by statement, not by row: a bulk change (a campaign's 1 January, a protocol's reassignment, a load) costs
-- one write per section touched. Deltas go in key order, so two transactions moving people between the same sections
-- take the counters' locks in the same order.
CREATE FUNCTION attached_counts_on_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO attached_counts AS c (organization_id, section_id, attached)
  SELECT d.organization_id, d.section_id, sum(d.delta)::integer
  FROM (SELECT organization_id, section_id, 1 AS delta FROM new_rows) d
  GROUP BY d.organization_id, d.section_id
  HAVING sum(d.delta) <> 0
  ORDER BY d.organization_id, d.section_id NULLS FIRST
  ON CONFLICT ON CONSTRAINT attached_counts_section_unique DO UPDATE SET attached = c.attached + excluded.attached;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION attached_counts_on_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO attached_counts AS c (organization_id, section_id, attached)
  SELECT d.organization_id, d.section_id, sum(d.delta)::integer
  FROM (SELECT organization_id, section_id, -1 AS delta FROM old_rows) d
  GROUP BY d.organization_id, d.section_id
  HAVING sum(d.delta) <> 0
  ORDER BY d.organization_id, d.section_id NULLS FIRST
  ON CONFLICT ON CONSTRAINT attached_counts_section_unique DO UPDATE SET attached = c.attached + excluded.attached;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION attached_counts_on_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO attached_counts AS c (organization_id, section_id, attached)
  SELECT d.organization_id, d.section_id, sum(d.delta)::integer
  FROM (SELECT organization_id, section_id, 1 AS delta FROM new_rows
        UNION ALL SELECT organization_id, section_id, -1 AS delta FROM old_rows) d
  GROUP BY d.organization_id, d.section_id
  HAVING sum(d.delta) <> 0
  ORDER BY d.organization_id, d.section_id NULLS FIRST
  ON CONFLICT ON CONSTRAINT attached_counts_section_unique DO UPDATE SET attached = c.attached + excluded.attached;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER register_entries_count_insert AFTER INSERT ON register_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attached_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER register_entries_count_delete AFTER DELETE ON register_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION attached_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER register_entries_count_update AFTER UPDATE ON register_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attached_counts_on_update();
--> statement-breakpoint
-- An active attachment is the person's register entry; ending it (or a scheduled one taking effect) moves the entry.
-- Attachments are never deleted (the foreign key refuses it while an entry points at one).
CREATE FUNCTION register_entries_on_attachments() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM register_entries e USING new_rows n WHERE e.attachment_id = n.id AND n.status <> 'active';
  END IF;
  INSERT INTO register_entries AS e (patient_id, attachment_id, organization_id, section_id, valid_to, last_name, first_name, middle_name)
  SELECT n.patient_id, n.id, n.organization_id, n.section_id, n.valid_to, p.last_name, p.first_name, p.middle_name
  FROM new_rows n JOIN patients p ON p.id = n.patient_id
  WHERE n.status = 'active'
  ORDER BY n.patient_id
  ON CONFLICT (patient_id) DO UPDATE SET
    attachment_id = excluded.attachment_id, organization_id = excluded.organization_id,
    section_id = excluded.section_id, valid_to = excluded.valid_to
  WHERE (e.attachment_id, e.organization_id, e.section_id, e.valid_to)
    IS DISTINCT FROM (excluded.attachment_id, excluded.organization_id, excluded.section_id, excluded.valid_to);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attachments_register_insert AFTER INSERT ON attachments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_entries_on_attachments();
--> statement-breakpoint
CREATE TRIGGER attachments_register_update AFTER UPDATE ON attachments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_entries_on_attachments();
--> statement-breakpoint
CREATE FUNCTION register_entries_on_patient_names() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE register_entries SET last_name = NEW.last_name, first_name = NEW.first_name, middle_name = NEW.middle_name
  WHERE patient_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER patients_register_names AFTER UPDATE OF last_name, first_name, middle_name ON patients
  FOR EACH ROW WHEN ((OLD.last_name, OLD.first_name, OLD.middle_name) IS DISTINCT FROM (NEW.last_name, NEW.first_name, NEW.middle_name))
  EXECUTE FUNCTION register_entries_on_patient_names();
--> statement-breakpoint
INSERT INTO register_entries (patient_id, attachment_id, organization_id, section_id, valid_to, last_name, first_name, middle_name)
SELECT a.patient_id, a.id, a.organization_id, a.section_id, a.valid_to, p.last_name, p.first_name, p.middle_name
FROM attachments a JOIN patients p ON p.id = a.patient_id
WHERE a.status = 'active';
