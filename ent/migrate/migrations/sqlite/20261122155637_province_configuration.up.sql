-- create "assignments" table
CREATE TABLE `assignments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `member_id` integer NOT NULL, `unit_id` integer NOT NULL, `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `tenant_id` integer NOT NULL, CONSTRAINT `assignments_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "assignment_tenant_id" to table: "assignments"
CREATE INDEX `assignment_tenant_id` ON `assignments` (`tenant_id`);
-- create index "assignment_tenant_id_unit_id" to table: "assignments"
CREATE INDEX `assignment_tenant_id_unit_id` ON `assignments` (`tenant_id`, `unit_id`);
-- create index "assignment_tenant_id_member_id" to table: "assignments"
CREATE INDEX `assignment_tenant_id_member_id` ON `assignments` (`tenant_id`, `member_id`);
-- create "committees" table
CREATE TABLE `committees` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `level` text NOT NULL DEFAULT ('province'), `unit_id` integer NULL, `standing_agency_id` integer NULL, `term_from` datetime NULL, `term_to` datetime NULL, `term_label` text NOT NULL DEFAULT (''), `decision_number` text NOT NULL DEFAULT (''), `decision_date` datetime NULL, `decision_file_key` text NOT NULL DEFAULT (''), `decision_file_name` text NOT NULL DEFAULT (''), `decision_file_size` integer NOT NULL DEFAULT (0), `active` bool NOT NULL DEFAULT (true), `tenant_id` integer NOT NULL, CONSTRAINT `committees_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "committee_tenant_id" to table: "committees"
CREATE INDEX `committee_tenant_id` ON `committees` (`tenant_id`);
-- create "committee_members" table
CREATE TABLE `committee_members` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `committee_id` integer NOT NULL, `position` text NOT NULL, `user_id` integer NULL, `person_name` text NOT NULL, `person_title` text NOT NULL DEFAULT (''), `office_unit_id` integer NULL, `office` text NOT NULL DEFAULT (''), `sort` integer NOT NULL DEFAULT (0), `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `tenant_id` integer NOT NULL, CONSTRAINT `committee_members_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "committeemember_tenant_id" to table: "committee_members"
CREATE INDEX `committeemember_tenant_id` ON `committee_members` (`tenant_id`);
-- create index "committeemember_tenant_id_committee_id" to table: "committee_members"
CREATE INDEX `committeemember_tenant_id_committee_id` ON `committee_members` (`tenant_id`, `committee_id`);
-- create "holidays" table
CREATE TABLE `holidays` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `date` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL DEFAULT ('holiday'), `tenant_id` integer NOT NULL, CONSTRAINT `holidays_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "holiday_tenant_id" to table: "holidays"
CREATE INDEX `holiday_tenant_id` ON `holidays` (`tenant_id`);
-- create index "holiday_tenant_id_date" to table: "holidays"
CREATE UNIQUE INDEX `holiday_tenant_id_date` ON `holidays` (`tenant_id`, `date`);
-- create "province_settings" table
CREATE TABLE `province_settings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key` text NOT NULL, `value` text NOT NULL DEFAULT (''), `tenant_id` integer NOT NULL, CONSTRAINT `province_settings_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "provincesetting_tenant_id" to table: "province_settings"
CREATE INDEX `provincesetting_tenant_id` ON `province_settings` (`tenant_id`);
-- create index "provincesetting_tenant_id_key" to table: "province_settings"
CREATE UNIQUE INDEX `provincesetting_tenant_id_key` ON `province_settings` (`tenant_id`, `key`);
-- create "reporting_regimes" table
CREATE TABLE `reporting_regimes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `frequency` text NOT NULL, `deadline_rule` text NOT NULL DEFAULT (''), `shift` text NOT NULL DEFAULT ('previous_working_day'), `reporting_unit_types` json NULL, `receiving_unit_id` integer NULL, `reminder_offsets` json NULL, `content` text NOT NULL DEFAULT (''), `active` bool NOT NULL DEFAULT (true), `tenant_id` integer NOT NULL, CONSTRAINT `reporting_regimes_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "reportingregime_tenant_id" to table: "reporting_regimes"
CREATE INDEX `reportingregime_tenant_id` ON `reporting_regimes` (`tenant_id`);
-- create "units" table
CREATE TABLE `units` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `successor_id` integer NULL, `tenant_id` integer NOT NULL, CONSTRAINT `units_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "unit_tenant_id" to table: "units"
CREATE INDEX `unit_tenant_id` ON `units` (`tenant_id`);
-- create index "unit_tenant_id_code" to table: "units"
CREATE UNIQUE INDEX `unit_tenant_id_code` ON `units` (`tenant_id`, `code`);
-- create "unit_events" table
CREATE TABLE `unit_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `date` datetime NOT NULL, `from_unit_ids` json NULL, `unit_id` integer NOT NULL, `note` text NOT NULL DEFAULT (''), `created_by` integer NULL, `tenant_id` integer NOT NULL, CONSTRAINT `unit_events_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "unitevent_tenant_id" to table: "unit_events"
CREATE INDEX `unitevent_tenant_id` ON `unit_events` (`tenant_id`);
-- create index "unitevent_tenant_id_unit_id" to table: "unit_events"
CREATE INDEX `unitevent_tenant_id_unit_id` ON `unit_events` (`tenant_id`, `unit_id`);
-- create "unit_versions" table
CREATE TABLE `unit_versions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `unit_id` integer NOT NULL, `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `name` text NOT NULL, `short_name` text NOT NULL DEFAULT (''), `type` text NOT NULL, `parent_id` integer NULL, `address` text NOT NULL DEFAULT (''), `leader_name` text NOT NULL DEFAULT (''), `leader_title` text NOT NULL DEFAULT (''), `leader_phone` text NOT NULL DEFAULT (''), `leader_email` text NOT NULL DEFAULT (''), `leader_user_id` integer NULL, `officer_name` text NOT NULL DEFAULT (''), `officer_title` text NOT NULL DEFAULT (''), `officer_phone` text NOT NULL DEFAULT (''), `officer_email` text NOT NULL DEFAULT (''), `officer_user_id` integer NULL, `search_key` text NOT NULL DEFAULT (''), `change` text NOT NULL DEFAULT ('create'), `tenant_id` integer NOT NULL, CONSTRAINT `unit_versions_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "unitversion_tenant_id" to table: "unit_versions"
CREATE INDEX `unitversion_tenant_id` ON `unit_versions` (`tenant_id`);
-- create index "unitversion_tenant_id_unit_id_valid_from" to table: "unit_versions"
CREATE INDEX `unitversion_tenant_id_unit_id_valid_from` ON `unit_versions` (`tenant_id`, `unit_id`, `valid_from`);
-- create index "unitversion_tenant_id_parent_id" to table: "unit_versions"
CREATE INDEX `unitversion_tenant_id_parent_id` ON `unit_versions` (`tenant_id`, `parent_id`);
