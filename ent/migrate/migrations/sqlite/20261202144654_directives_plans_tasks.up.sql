-- create "citations" table
CREATE TABLE `citations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `type` text NOT NULL, `number_symbol` text NOT NULL DEFAULT (''), `symbol_key` text NOT NULL DEFAULT (''), `cited_on` datetime NULL, `issuer` text NOT NULL DEFAULT (''), `title` text NOT NULL DEFAULT (''), `span_start` integer NOT NULL DEFAULT (0), `span_end` integer NOT NULL DEFAULT (0), `tenant_id` integer NOT NULL, `document_id` integer NOT NULL, `cited_id` integer NULL, CONSTRAINT `citations_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `citations_documents_document` FOREIGN KEY (`document_id`) REFERENCES `documents` (`id`) ON DELETE NO ACTION, CONSTRAINT `citations_documents_cited` FOREIGN KEY (`cited_id`) REFERENCES `documents` (`id`) ON DELETE SET NULL);
-- create index "citation_tenant_id" to table: "citations"
CREATE INDEX `citation_tenant_id` ON `citations` (`tenant_id`);
-- create index "citation_tenant_id_symbol_key" to table: "citations"
CREATE INDEX `citation_tenant_id_symbol_key` ON `citations` (`tenant_id`, `symbol_key`);
-- create index "citation_document_id" to table: "citations"
CREATE INDEX `citation_document_id` ON `citations` (`document_id`);
-- create "documents" table
CREATE TABLE `documents` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `type` text NOT NULL, `number_symbol` text NOT NULL DEFAULT (''), `symbol_key` text NOT NULL DEFAULT (''), `year` integer NOT NULL DEFAULT (0), `issuer` text NOT NULL DEFAULT (''), `issued_on` datetime NULL, `place` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `signer` text NOT NULL DEFAULT (''), `full_text` text NOT NULL DEFAULT (''), `direction` text NOT NULL DEFAULT ('received'), `search_key` text NOT NULL DEFAULT (''), `created_by` integer NULL, `tenant_id` integer NOT NULL, `issuer_unit_id` integer NULL, CONSTRAINT `documents_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `documents_units_issuer_unit` FOREIGN KEY (`issuer_unit_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- create index "document_tenant_id" to table: "documents"
CREATE INDEX `document_tenant_id` ON `documents` (`tenant_id`);
-- create index "document_tenant_id_type_symbol_key_year" to table: "documents"
CREATE UNIQUE INDEX `document_tenant_id_type_symbol_key_year` ON `documents` (`tenant_id`, `type`, `symbol_key`, `year`) WHERE symbol_key <> '';
-- create index "document_tenant_id_symbol_key" to table: "documents"
CREATE INDEX `document_tenant_id_symbol_key` ON `documents` (`tenant_id`, `symbol_key`);
-- create index "document_tenant_id_issued_on" to table: "documents"
CREATE INDEX `document_tenant_id_issued_on` ON `documents` (`tenant_id`, `issued_on`);
-- create "document_files" table
CREATE TABLE `document_files` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `version` integer NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `object_key` text NOT NULL, `uploaded_by` integer NULL, `tenant_id` integer NOT NULL, `document_id` integer NOT NULL, CONSTRAINT `document_files_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `document_files_documents_document` FOREIGN KEY (`document_id`) REFERENCES `documents` (`id`) ON DELETE NO ACTION);
-- create index "documentfile_tenant_id" to table: "document_files"
CREATE INDEX `documentfile_tenant_id` ON `document_files` (`tenant_id`);
-- create index "documentfile_document_id_name_version" to table: "document_files"
CREATE UNIQUE INDEX `documentfile_document_id_name_version` ON `document_files` (`document_id`, `name`, `version`);
-- create "evidence_files" table
CREATE TABLE `evidence_files` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL, `object_key` text NOT NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `progress_id` integer NOT NULL, CONSTRAINT `evidence_files_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `evidence_files_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `evidence_files_task_progresses_progress` FOREIGN KEY (`progress_id`) REFERENCES `task_progresses` (`id`) ON DELETE NO ACTION);
-- create index "evidencefile_tenant_id" to table: "evidence_files"
CREATE INDEX `evidencefile_tenant_id` ON `evidence_files` (`tenant_id`);
-- create index "evidencefile_tenant_id_unit_id" to table: "evidence_files"
CREATE INDEX `evidencefile_tenant_id_unit_id` ON `evidence_files` (`tenant_id`, `unit_id`);
-- create "plan_obligations" table
CREATE TABLE `plan_obligations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `task_id` integer NULL, `due_on` datetime NULL, `fulfilled_on` datetime NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `work_plan_id` integer NOT NULL, `fulfilled_plan_id` integer NULL, CONSTRAINT `plan_obligations_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `plan_obligations_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `plan_obligations_work_plans_plan` FOREIGN KEY (`work_plan_id`) REFERENCES `work_plans` (`id`) ON DELETE NO ACTION, CONSTRAINT `plan_obligations_work_plans_fulfilled_plan` FOREIGN KEY (`fulfilled_plan_id`) REFERENCES `work_plans` (`id`) ON DELETE SET NULL);
-- create index "planobligation_tenant_id" to table: "plan_obligations"
CREATE INDEX `planobligation_tenant_id` ON `plan_obligations` (`tenant_id`);
-- create index "planobligation_tenant_id_unit_id" to table: "plan_obligations"
CREATE INDEX `planobligation_tenant_id_unit_id` ON `plan_obligations` (`tenant_id`, `unit_id`);
-- create index "planobligation_work_plan_id_unit_id" to table: "plan_obligations"
CREATE UNIQUE INDEX `planobligation_work_plan_id_unit_id` ON `plan_obligations` (`work_plan_id`, `unit_id`);
-- create "tasks" table
CREATE TABLE `tasks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `number` text NOT NULL DEFAULT (''), `position` integer NOT NULL DEFAULT (0), `content` text NOT NULL, `deadline_kind` text NOT NULL DEFAULT ('none'), `due_on` datetime NULL, `due_day` integer NOT NULL DEFAULT (0), `due_month` integer NOT NULL DEFAULT (0), `deadline_text` text NOT NULL DEFAULT (''), `shift` text NOT NULL DEFAULT ('next_working_day'), `source_task_id` integer NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `work_plan_id` integer NOT NULL, CONSTRAINT `tasks_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `tasks_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `tasks_work_plans_plan` FOREIGN KEY (`work_plan_id`) REFERENCES `work_plans` (`id`) ON DELETE NO ACTION);
-- create index "task_tenant_id" to table: "tasks"
CREATE INDEX `task_tenant_id` ON `tasks` (`tenant_id`);
-- create index "task_tenant_id_unit_id" to table: "tasks"
CREATE INDEX `task_tenant_id_unit_id` ON `tasks` (`tenant_id`, `unit_id`);
-- create index "task_tenant_id_work_plan_id_position" to table: "tasks"
CREATE INDEX `task_tenant_id_work_plan_id_position` ON `tasks` (`tenant_id`, `work_plan_id`, `position`);
-- create "task_assignments" table
CREATE TABLE `task_assignments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `work_plan_id` integer NOT NULL, `role` text NOT NULL DEFAULT ('lead'), `due_on` datetime NULL, `percent` integer NOT NULL DEFAULT (0), `completed_on` datetime NULL, `last_reported_on` datetime NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `task_id` integer NOT NULL, CONSTRAINT `task_assignments_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_assignments_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_assignments_tasks_task` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE NO ACTION);
-- create index "taskassignment_tenant_id" to table: "task_assignments"
CREATE INDEX `taskassignment_tenant_id` ON `task_assignments` (`tenant_id`);
-- create index "taskassignment_tenant_id_unit_id" to table: "task_assignments"
CREATE INDEX `taskassignment_tenant_id_unit_id` ON `task_assignments` (`tenant_id`, `unit_id`);
-- create index "taskassignment_task_id_unit_id" to table: "task_assignments"
CREATE UNIQUE INDEX `taskassignment_task_id_unit_id` ON `task_assignments` (`task_id`, `unit_id`);
-- create index "taskassignment_tenant_id_work_plan_id" to table: "task_assignments"
CREATE INDEX `taskassignment_tenant_id_work_plan_id` ON `task_assignments` (`tenant_id`, `work_plan_id`);
-- create "task_extensions" table
CREATE TABLE `task_extensions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `old_due` datetime NULL, `new_due` datetime NOT NULL, `reason` text NOT NULL, `status` text NOT NULL DEFAULT ('requested'), `requested_by` integer NULL, `decided_by` integer NULL, `decided_at` datetime NULL, `decision_note` text NOT NULL DEFAULT (''), `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `assignment_id` integer NOT NULL, CONSTRAINT `task_extensions_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_extensions_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_extensions_task_assignments_assignment` FOREIGN KEY (`assignment_id`) REFERENCES `task_assignments` (`id`) ON DELETE NO ACTION);
-- create index "taskextension_tenant_id" to table: "task_extensions"
CREATE INDEX `taskextension_tenant_id` ON `task_extensions` (`tenant_id`);
-- create index "taskextension_tenant_id_unit_id" to table: "task_extensions"
CREATE INDEX `taskextension_tenant_id_unit_id` ON `task_extensions` (`tenant_id`, `unit_id`);
-- create "task_progresses" table
CREATE TABLE `task_progresses` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `percent` integer NOT NULL, `narrative` text NOT NULL DEFAULT (''), `reported_on` datetime NOT NULL, `completes` bool NOT NULL DEFAULT (false), `author_id` integer NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `assignment_id` integer NOT NULL, CONSTRAINT `task_progresses_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_progresses_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `task_progresses_task_assignments_assignment` FOREIGN KEY (`assignment_id`) REFERENCES `task_assignments` (`id`) ON DELETE NO ACTION);
-- create index "taskprogress_tenant_id" to table: "task_progresses"
CREATE INDEX `taskprogress_tenant_id` ON `task_progresses` (`tenant_id`);
-- create index "taskprogress_tenant_id_unit_id" to table: "task_progresses"
CREATE INDEX `taskprogress_tenant_id_unit_id` ON `task_progresses` (`tenant_id`, `unit_id`);
-- create index "taskprogress_assignment_id_reported_on" to table: "task_progresses"
CREATE INDEX `taskprogress_assignment_id_reported_on` ON `task_progresses` (`assignment_id`, `reported_on`);
-- create "work_plans" table
CREATE TABLE `work_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `title` text NOT NULL, `kind` text NOT NULL DEFAULT ('ke_hoach'), `year` integer NOT NULL, `status` text NOT NULL DEFAULT ('draft'), `issued_on` datetime NULL, `created_by` integer NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `document_id` integer NULL, `parent_plan_id` integer NULL, CONSTRAINT `work_plans_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `work_plans_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `work_plans_documents_document` FOREIGN KEY (`document_id`) REFERENCES `documents` (`id`) ON DELETE SET NULL, CONSTRAINT `work_plans_work_plans_children` FOREIGN KEY (`parent_plan_id`) REFERENCES `work_plans` (`id`) ON DELETE SET NULL);
-- create index "workplan_tenant_id" to table: "work_plans"
CREATE INDEX `workplan_tenant_id` ON `work_plans` (`tenant_id`);
-- create index "workplan_tenant_id_unit_id" to table: "work_plans"
CREATE INDEX `workplan_tenant_id_unit_id` ON `work_plans` (`tenant_id`, `unit_id`);
-- create index "workplan_tenant_id_year" to table: "work_plans"
CREATE INDEX `workplan_tenant_id_year` ON `work_plans` (`tenant_id`, `year`);
-- create index "workplan_tenant_id_parent_plan_id" to table: "work_plans"
CREATE INDEX `workplan_tenant_id_parent_plan_id` ON `work_plans` (`tenant_id`, `parent_plan_id`);
