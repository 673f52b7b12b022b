ALTER TABLE "organizations" ADD COLUMN "bin" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_bin_unique" UNIQUE("bin");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_bin_check" CHECK ("organizations"."bin" ~ '^[0-9]{2}(0[1-9]|1[0-2])[456][0-9]{7}$');