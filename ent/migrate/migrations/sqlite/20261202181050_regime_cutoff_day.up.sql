-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_reporting_regimes" table
CREATE TABLE `new_reporting_regimes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `frequency` text NOT NULL, `deadline_rule` text NOT NULL DEFAULT (''), `shift` text NOT NULL DEFAULT ('previous_working_day'), `reporting_unit_types` json NULL, `receiving_unit_id` integer NULL, `reminder_offsets` json NULL, `cutoff_day` integer NOT NULL DEFAULT (0), `content` text NOT NULL DEFAULT (''), `active` bool NOT NULL DEFAULT (true), `tenant_id` integer NOT NULL, CONSTRAINT `reporting_regimes_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "reporting_regimes" to new temporary table "new_reporting_regimes"
INSERT INTO `new_reporting_regimes` (`id`, `created_at`, `updated_at`, `name`, `frequency`, `deadline_rule`, `shift`, `reporting_unit_types`, `receiving_unit_id`, `reminder_offsets`, `content`, `active`, `tenant_id`) SELECT `id`, `created_at`, `updated_at`, `name`, `frequency`, `deadline_rule`, `shift`, `reporting_unit_types`, `receiving_unit_id`, `reminder_offsets`, `content`, `active`, `tenant_id` FROM `reporting_regimes`;
-- drop "reporting_regimes" table after copying rows
DROP TABLE `reporting_regimes`;
-- rename temporary table "new_reporting_regimes" to "reporting_regimes"
ALTER TABLE `new_reporting_regimes` RENAME TO `reporting_regimes`;
-- create index "reportingregime_tenant_id" to table: "reporting_regimes"
CREATE INDEX `reportingregime_tenant_id` ON `reporting_regimes` (`tenant_id`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
