-- Rules of attachment p.30 para 2: a family submitted before request groups existed carried its group in each member's
-- payload (familyGroupId, familyApplicantId, familyWrittenConsent). Each such family becomes a request group with the
-- same id, its members point at it, and the keys leave the payload. History (request_events, audit_log) keeps the
-- old `familyGroupId` key: it is append-only and names the same id.
INSERT INTO "request_groups" ("id", "organization_id", "applicant_patient_id", "written_consent", "idempotency_key", "created_at")
SELECT ("payload"->>'familyGroupId')::uuid,
       "organization_id",
       min(("payload"->>'familyApplicantId')::bigint),
       bool_and(coalesce(("payload"->>'familyWrittenConsent')::boolean, false)),
       -- Member keys were `<form key>:family:<n>`: the group keeps the form's key, so a replayed form finds it.
       split_part(min("idempotency_key"), ':family:', 1),
       min("submitted_at")
FROM "requests"
WHERE "payload" ? 'familyGroupId'
GROUP BY "payload"->>'familyGroupId', "organization_id";
--> statement-breakpoint
UPDATE "requests"
SET "group_id" = ("payload"->>'familyGroupId')::uuid,
    "payload" = "payload" - 'familyGroupId' - 'familyApplicantId' - 'familyWrittenConsent'
WHERE "payload" ? 'familyGroupId';
