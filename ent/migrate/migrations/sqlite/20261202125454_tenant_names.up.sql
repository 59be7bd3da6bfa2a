-- add column "names" to table: "tenants"
ALTER TABLE `tenants` ADD COLUMN `names` json NULL;
