CREATE TABLE "administrative_units" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	CONSTRAINT "administrative_units_kind_check" CHECK ("administrative_units"."kind" in ('region', 'city', 'district', 'city_district', 'rural_district', 'settlement'))
);
--> statement-breakpoint
CREATE TABLE "border_territories" (
	"unit_code" text NOT NULL,
	"neighbour_code" text NOT NULL,
	CONSTRAINT "border_territories_pk" PRIMARY KEY("unit_code","neighbour_code"),
	CONSTRAINT "border_territories_not_self_check" CHECK ("border_territories"."unit_code" <> "border_territories"."neighbour_code")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "administrative_unit" text;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "residence_unit" text;--> statement-breakpoint
ALTER TABLE "administrative_units" ADD CONSTRAINT "administrative_units_parent_code_administrative_units_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."administrative_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "border_territories" ADD CONSTRAINT "border_territories_unit_code_administrative_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."administrative_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "border_territories" ADD CONSTRAINT "border_territories_neighbour_code_administrative_units_code_fk" FOREIGN KEY ("neighbour_code") REFERENCES "public"."administrative_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "administrative_units_parent_idx" ON "administrative_units" USING btree ("parent_code");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_administrative_unit_administrative_units_code_fk" FOREIGN KEY ("administrative_unit") REFERENCES "public"."administrative_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_residence_unit_administrative_units_code_fk" FOREIGN KEY ("residence_unit") REFERENCES "public"."administrative_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_family_group_idx" ON "requests" USING btree ("organization_id",("payload"->>'familyGroupId')) WHERE "requests"."payload" ? 'familyGroupId';