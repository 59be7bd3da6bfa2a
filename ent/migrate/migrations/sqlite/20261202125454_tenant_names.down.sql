-- reverse: add column "names" to table: "tenants"
ALTER TABLE `tenants` DROP COLUMN `names`;
