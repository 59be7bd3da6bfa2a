-- modify "tenants" table
ALTER TABLE "tenants" ADD COLUMN "names" jsonb NULL;
