-- A document is a frozen snapshot (issue 6): what it certifies, its hash, kind, number and patient never change once
-- it exists, and a signature once stored is never replaced. A correction is a new document that supersedes it.
CREATE FUNCTION refuse_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot
     OR NEW.snapshot_hash IS DISTINCT FROM OLD.snapshot_hash
     OR NEW.kind IS DISTINCT FROM OLD.kind
     OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
     OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
     OR NEW.verification_code IS DISTINCT FROM OLD.verification_code
     OR (OLD.signature IS NOT NULL AND NEW.signature IS DISTINCT FROM OLD.signature) THEN
    RAISE EXCEPTION 'document % is frozen: its snapshot, number and signature cannot change', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION refuse_document_change();
