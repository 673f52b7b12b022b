CREATE TABLE "pki_authorities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pki_authorities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"certificate" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"key_salt" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pki_authorities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "staff_certificates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"staff_id" bigint NOT NULL,
	"authority_id" bigint NOT NULL,
	"serial_number" text NOT NULL,
	"certificate" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"key_salt" text NOT NULL,
	"key_derivation" jsonb NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_certificates_serial_unique" UNIQUE("serial_number"),
	CONSTRAINT "staff_certificates_validity_check" CHECK ("staff_certificates"."not_before" < "staff_certificates"."not_after")
);
--> statement-breakpoint
ALTER TABLE "staff_certificates" ADD CONSTRAINT "staff_certificates_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_certificates" ADD CONSTRAINT "staff_certificates_authority_id_pki_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."pki_authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_certificates_one_current" ON "staff_certificates" USING btree ("staff_id") WHERE "staff_certificates"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "staff_certificates_staff_idx" ON "staff_certificates" USING btree ("staff_id");