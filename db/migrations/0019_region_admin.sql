ALTER TABLE "organizations" DROP CONSTRAINT "organizations_type_check";--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_role_check";--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_type_check" CHECK ("organizations"."type" in ('primary_care', 'hospital', 'tb_centre', 'mental_health_centre', 'narcology_centre', 'health_department'));--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_role_check" CHECK ("staff"."role" in ('registrar', 'doctor', 'head', 'chief', 'region_admin'));