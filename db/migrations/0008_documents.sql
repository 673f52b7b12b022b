CREATE TABLE "document_counters" (
	"organization_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"last_number" bigint NOT NULL,
	CONSTRAINT "document_counters_pk" PRIMARY KEY("organization_id","kind")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "signer_certificate" jsonb;--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_signer_idx" ON "documents" USING btree ("signer_id","status");