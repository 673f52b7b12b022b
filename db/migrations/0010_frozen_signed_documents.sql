-- Security issue: a signed document is frozen whole. What a document certifies never changes (0009); once signed,
-- every column stays as it is except the lawful moves: signed → issued, and signed or issued → revoked, once, with
-- its reason, time and the staff member who revoked it. A revoked document never changes again, a document becomes
-- signed only with its signature, time and certificate, and no document is ever deleted: a correction supersedes it.
CREATE OR REPLACE FUNCTION refuse_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document % cannot be deleted: a correction is a new document that supersedes it', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot
     OR NEW.snapshot_hash IS DISTINCT FROM OLD.snapshot_hash
     OR NEW.kind IS DISTINCT FROM OLD.kind
     OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
     OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
     OR NEW.verification_code IS DISTINCT FROM OLD.verification_code
     OR NEW.id IS DISTINCT FROM OLD.id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR (OLD.signature IS NOT NULL AND NEW.signature IS DISTINCT FROM OLD.signature) THEN
    RAISE EXCEPTION 'document % is frozen: its snapshot, number and signature cannot change', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'revoked' THEN
    RAISE EXCEPTION 'document % is revoked: it cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('signed', 'issued') AND (
       NEW.request_id IS DISTINCT FROM OLD.request_id
       OR NEW.signer_id IS DISTINCT FROM OLD.signer_id
       OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
       OR NEW.signer_certificate IS DISTINCT FROM OLD.signer_certificate
       OR NEW.supersedes_id IS DISTINCT FROM OLD.supersedes_id
       OR NOT (NEW.status = OLD.status OR (OLD.status = 'signed' AND NEW.status = 'issued') OR NEW.status = 'revoked')
       OR (NEW.status <> 'revoked' AND (NEW.revoked_at IS NOT NULL OR NEW.revoked_by IS NOT NULL OR NEW.revoked_reason IS NOT NULL))
     ) THEN
    RAISE EXCEPTION 'document % is signed: only issuing it and revoking it once, with a reason, are allowed', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'revoked' AND (NEW.revoked_at IS NULL OR NEW.revoked_by IS NULL OR NEW.revoked_reason IS NULL) THEN
    RAISE EXCEPTION 'document %: a revocation needs its time, the staff member and a reason', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status IN ('signed', 'issued') AND OLD.status NOT IN ('signed', 'issued') AND (
       NEW.status = 'issued' OR NEW.signature IS NULL OR NEW.signed_at IS NULL OR NEW.signer_certificate IS NULL
     ) THEN
    RAISE EXCEPTION 'document %: signed only with its signature, signing time and certificate, and issued only once signed', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION refuse_document_change();
--> statement-breakpoint
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
