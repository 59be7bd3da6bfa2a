-- reverse: create index "taskextension_tenant_id_unit_id" to table: "task_extensions"
DROP INDEX "taskextension_tenant_id_unit_id";
-- reverse: create index "taskextension_tenant_id" to table: "task_extensions"
DROP INDEX "taskextension_tenant_id";
-- reverse: create "task_extensions" table
DROP TABLE "task_extensions";
-- reverse: create index "planobligation_work_plan_id_unit_id" to table: "plan_obligations"
DROP INDEX "planobligation_work_plan_id_unit_id";
-- reverse: create index "planobligation_tenant_id_unit_id" to table: "plan_obligations"
DROP INDEX "planobligation_tenant_id_unit_id";
-- reverse: create index "planobligation_tenant_id" to table: "plan_obligations"
DROP INDEX "planobligation_tenant_id";
-- reverse: create "plan_obligations" table
DROP TABLE "plan_obligations";
-- reverse: create index "evidencefile_tenant_id_unit_id" to table: "evidence_files"
DROP INDEX "evidencefile_tenant_id_unit_id";
-- reverse: create index "evidencefile_tenant_id" to table: "evidence_files"
DROP INDEX "evidencefile_tenant_id";
-- reverse: create "evidence_files" table
DROP TABLE "evidence_files";
-- reverse: create index "taskprogress_tenant_id_unit_id" to table: "task_progresses"
DROP INDEX "taskprogress_tenant_id_unit_id";
-- reverse: create index "taskprogress_tenant_id" to table: "task_progresses"
DROP INDEX "taskprogress_tenant_id";
-- reverse: create index "taskprogress_assignment_id_reported_on" to table: "task_progresses"
DROP INDEX "taskprogress_assignment_id_reported_on";
-- reverse: create "task_progresses" table
DROP TABLE "task_progresses";
-- reverse: create index "taskassignment_tenant_id_work_plan_id" to table: "task_assignments"
DROP INDEX "taskassignment_tenant_id_work_plan_id";
-- reverse: create index "taskassignment_tenant_id_unit_id" to table: "task_assignments"
DROP INDEX "taskassignment_tenant_id_unit_id";
-- reverse: create index "taskassignment_tenant_id" to table: "task_assignments"
DROP INDEX "taskassignment_tenant_id";
-- reverse: create index "taskassignment_task_id_unit_id" to table: "task_assignments"
DROP INDEX "taskassignment_task_id_unit_id";
-- reverse: create "task_assignments" table
DROP TABLE "task_assignments";
-- reverse: create index "task_tenant_id_work_plan_id_position" to table: "tasks"
DROP INDEX "task_tenant_id_work_plan_id_position";
-- reverse: create index "task_tenant_id_unit_id" to table: "tasks"
DROP INDEX "task_tenant_id_unit_id";
-- reverse: create index "task_tenant_id" to table: "tasks"
DROP INDEX "task_tenant_id";
-- reverse: create "tasks" table
DROP TABLE "tasks";
-- reverse: create index "workplan_tenant_id_year" to table: "work_plans"
DROP INDEX "workplan_tenant_id_year";
-- reverse: create index "workplan_tenant_id_unit_id" to table: "work_plans"
DROP INDEX "workplan_tenant_id_unit_id";
-- reverse: create index "workplan_tenant_id_parent_plan_id" to table: "work_plans"
DROP INDEX "workplan_tenant_id_parent_plan_id";
-- reverse: create index "workplan_tenant_id" to table: "work_plans"
DROP INDEX "workplan_tenant_id";
-- reverse: create "work_plans" table
DROP TABLE "work_plans";
-- reverse: create index "documentfile_tenant_id" to table: "document_files"
DROP INDEX "documentfile_tenant_id";
-- reverse: create index "documentfile_document_id_name_version" to table: "document_files"
DROP INDEX "documentfile_document_id_name_version";
-- reverse: create "document_files" table
DROP TABLE "document_files";
-- reverse: create index "citation_tenant_id_symbol_key" to table: "citations"
DROP INDEX "citation_tenant_id_symbol_key";
-- reverse: create index "citation_tenant_id" to table: "citations"
DROP INDEX "citation_tenant_id";
-- reverse: create index "citation_document_id" to table: "citations"
DROP INDEX "citation_document_id";
-- reverse: create "citations" table
DROP TABLE "citations";
-- reverse: create index "document_tenant_id_type_symbol_key_year" to table: "documents"
DROP INDEX "document_tenant_id_type_symbol_key_year";
-- reverse: create index "document_tenant_id_symbol_key" to table: "documents"
DROP INDEX "document_tenant_id_symbol_key";
-- reverse: create index "document_tenant_id_issued_on" to table: "documents"
DROP INDEX "document_tenant_id_issued_on";
-- reverse: create index "document_tenant_id" to table: "documents"
DROP INDEX "document_tenant_id";
-- reverse: create "documents" table
DROP TABLE "documents";
