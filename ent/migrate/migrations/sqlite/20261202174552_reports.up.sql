-- create "report_outputs" table
CREATE TABLE `report_outputs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `job_id` integer NULL, `kind` text NOT NULL, `version` integer NOT NULL, `name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `object_key` text NOT NULL, `created_by` integer NULL, `tenant_id` integer NOT NULL, `period_id` integer NOT NULL, CONSTRAINT `report_outputs_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_outputs_report_periods_period` FOREIGN KEY (`period_id`) REFERENCES `report_periods` (`id`) ON DELETE NO ACTION);
-- create index "reportoutput_tenant_id" to table: "report_outputs"
CREATE INDEX `reportoutput_tenant_id` ON `report_outputs` (`tenant_id`);
-- create index "reportoutput_period_id_job_id_kind" to table: "report_outputs"
CREATE UNIQUE INDEX `reportoutput_period_id_job_id_kind` ON `report_outputs` (`period_id`, `job_id`, `kind`);
-- create index "reportoutput_period_id_kind_version" to table: "report_outputs"
CREATE UNIQUE INDEX `reportoutput_period_id_kind_version` ON `report_outputs` (`period_id`, `kind`, `version`);
-- create "report_periods" table
CREATE TABLE `report_periods` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key` text NOT NULL, `name` text NOT NULL, `cutoff_from` datetime NOT NULL, `cutoff_to` datetime NOT NULL, `due_on` datetime NOT NULL, `receiving_unit_id` integer NULL, `last_job_id` integer NULL, `opened_by` integer NULL, `tenant_id` integer NOT NULL, `regime_id` integer NOT NULL, `template_id` integer NOT NULL, CONSTRAINT `report_periods_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_periods_reporting_regimes_regime` FOREIGN KEY (`regime_id`) REFERENCES `reporting_regimes` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_periods_report_templates_template` FOREIGN KEY (`template_id`) REFERENCES `report_templates` (`id`) ON DELETE NO ACTION);
-- create index "reportperiod_tenant_id" to table: "report_periods"
CREATE INDEX `reportperiod_tenant_id` ON `report_periods` (`tenant_id`);
-- create index "reportperiod_tenant_id_regime_id_key" to table: "report_periods"
CREATE UNIQUE INDEX `reportperiod_tenant_id_regime_id_key` ON `report_periods` (`tenant_id`, `regime_id`, `key`);
-- create index "reportperiod_tenant_id_due_on" to table: "report_periods"
CREATE INDEX `reportperiod_tenant_id_due_on` ON `report_periods` (`tenant_id`, `due_on`);
-- create "report_templates" table
CREATE TABLE `report_templates` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL, `name` text NOT NULL, `sections` json NOT NULL, `indicators` json NULL, `created_by` integer NULL, `tenant_id` integer NOT NULL, `regime_id` integer NOT NULL, CONSTRAINT `report_templates_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_templates_reporting_regimes_regime` FOREIGN KEY (`regime_id`) REFERENCES `reporting_regimes` (`id`) ON DELETE NO ACTION);
-- create index "reporttemplate_tenant_id" to table: "report_templates"
CREATE INDEX `reporttemplate_tenant_id` ON `report_templates` (`tenant_id`);
-- create index "reporttemplate_tenant_id_regime_id_version" to table: "report_templates"
CREATE UNIQUE INDEX `reporttemplate_tenant_id_regime_id_version` ON `report_templates` (`tenant_id`, `regime_id`, `version`);
-- create "unit_reports" table
CREATE TABLE `unit_reports` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `unit_name` text NOT NULL, `unit_type` text NOT NULL, `unit_ended_on` datetime NULL, `status` text NOT NULL DEFAULT ('not_started'), `excused` bool NOT NULL DEFAULT (false), `excuse_reason` text NOT NULL DEFAULT (''), `content` json NULL, `version` integer NOT NULL DEFAULT (0), `submitted_at` datetime NULL, `submitted_by` integer NULL, `first_submitted_at` datetime NULL, `late` bool NOT NULL DEFAULT (false), `reviewed_at` datetime NULL, `reviewed_by` integer NULL, `review_note` text NOT NULL DEFAULT (''), `last_urged_at` datetime NULL, `urge_count` integer NOT NULL DEFAULT (0), `edited_by` integer NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `period_id` integer NOT NULL, CONSTRAINT `unit_reports_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_reports_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_reports_report_periods_period` FOREIGN KEY (`period_id`) REFERENCES `report_periods` (`id`) ON DELETE NO ACTION);
-- create index "unitreport_tenant_id" to table: "unit_reports"
CREATE INDEX `unitreport_tenant_id` ON `unit_reports` (`tenant_id`);
-- create index "unitreport_tenant_id_unit_id" to table: "unit_reports"
CREATE INDEX `unitreport_tenant_id_unit_id` ON `unit_reports` (`tenant_id`, `unit_id`);
-- create index "unitreport_period_id_unit_id" to table: "unit_reports"
CREATE UNIQUE INDEX `unitreport_period_id_unit_id` ON `unit_reports` (`period_id`, `unit_id`);
-- create index "unitreport_tenant_id_period_id_status" to table: "unit_reports"
CREATE INDEX `unitreport_tenant_id_period_id_status` ON `unit_reports` (`tenant_id`, `period_id`, `status`);
-- create "unit_report_events" table
CREATE TABLE `unit_report_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `version` integer NOT NULL DEFAULT (0), `content` json NULL, `note` text NOT NULL DEFAULT (''), `actor_id` integer NULL, `actor_name` text NOT NULL DEFAULT (''), `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `report_id` integer NOT NULL, CONSTRAINT `unit_report_events_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_report_events_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_report_events_unit_reports_report` FOREIGN KEY (`report_id`) REFERENCES `unit_reports` (`id`) ON DELETE NO ACTION);
-- create index "unitreportevent_tenant_id" to table: "unit_report_events"
CREATE INDEX `unitreportevent_tenant_id` ON `unit_report_events` (`tenant_id`);
-- create index "unitreportevent_tenant_id_unit_id" to table: "unit_report_events"
CREATE INDEX `unitreportevent_tenant_id_unit_id` ON `unit_report_events` (`tenant_id`, `unit_id`);
-- create index "unitreportevent_report_id_created_at" to table: "unit_report_events"
CREATE INDEX `unitreportevent_report_id_created_at` ON `unit_report_events` (`report_id`, `created_at`);
-- create "unit_report_files" table
CREATE TABLE `unit_report_files` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `version` integer NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `object_key` text NOT NULL, `uploaded_by` integer NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `report_id` integer NOT NULL, CONSTRAINT `unit_report_files_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_report_files_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_report_files_unit_reports_report` FOREIGN KEY (`report_id`) REFERENCES `unit_reports` (`id`) ON DELETE NO ACTION);
-- create index "unitreportfile_tenant_id" to table: "unit_report_files"
CREATE INDEX `unitreportfile_tenant_id` ON `unit_report_files` (`tenant_id`);
-- create index "unitreportfile_tenant_id_unit_id" to table: "unit_report_files"
CREATE INDEX `unitreportfile_tenant_id_unit_id` ON `unit_report_files` (`tenant_id`, `unit_id`);
-- create index "unitreportfile_report_id_name_version" to table: "unit_report_files"
CREATE UNIQUE INDEX `unitreportfile_report_id_name_version` ON `unit_report_files` (`report_id`, `name`, `version`);
