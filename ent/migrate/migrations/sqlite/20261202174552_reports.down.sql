-- reverse: create index "unitreportfile_report_id_name_version" to table: "unit_report_files"
DROP INDEX `unitreportfile_report_id_name_version`;
-- reverse: create index "unitreportfile_tenant_id_unit_id" to table: "unit_report_files"
DROP INDEX `unitreportfile_tenant_id_unit_id`;
-- reverse: create index "unitreportfile_tenant_id" to table: "unit_report_files"
DROP INDEX `unitreportfile_tenant_id`;
-- reverse: create "unit_report_files" table
DROP TABLE `unit_report_files`;
-- reverse: create index "unitreportevent_report_id_created_at" to table: "unit_report_events"
DROP INDEX `unitreportevent_report_id_created_at`;
-- reverse: create index "unitreportevent_tenant_id_unit_id" to table: "unit_report_events"
DROP INDEX `unitreportevent_tenant_id_unit_id`;
-- reverse: create index "unitreportevent_tenant_id" to table: "unit_report_events"
DROP INDEX `unitreportevent_tenant_id`;
-- reverse: create "unit_report_events" table
DROP TABLE `unit_report_events`;
-- reverse: create index "unitreport_tenant_id_period_id_status" to table: "unit_reports"
DROP INDEX `unitreport_tenant_id_period_id_status`;
-- reverse: create index "unitreport_period_id_unit_id" to table: "unit_reports"
DROP INDEX `unitreport_period_id_unit_id`;
-- reverse: create index "unitreport_tenant_id_unit_id" to table: "unit_reports"
DROP INDEX `unitreport_tenant_id_unit_id`;
-- reverse: create index "unitreport_tenant_id" to table: "unit_reports"
DROP INDEX `unitreport_tenant_id`;
-- reverse: create "unit_reports" table
DROP TABLE `unit_reports`;
-- reverse: create index "reporttemplate_tenant_id_regime_id_version" to table: "report_templates"
DROP INDEX `reporttemplate_tenant_id_regime_id_version`;
-- reverse: create index "reporttemplate_tenant_id" to table: "report_templates"
DROP INDEX `reporttemplate_tenant_id`;
-- reverse: create "report_templates" table
DROP TABLE `report_templates`;
-- reverse: create index "reportperiod_tenant_id_due_on" to table: "report_periods"
DROP INDEX `reportperiod_tenant_id_due_on`;
-- reverse: create index "reportperiod_tenant_id_regime_id_key" to table: "report_periods"
DROP INDEX `reportperiod_tenant_id_regime_id_key`;
-- reverse: create index "reportperiod_tenant_id" to table: "report_periods"
DROP INDEX `reportperiod_tenant_id`;
-- reverse: create "report_periods" table
DROP TABLE `report_periods`;
-- reverse: create index "reportoutput_period_id_kind_version" to table: "report_outputs"
DROP INDEX `reportoutput_period_id_kind_version`;
-- reverse: create index "reportoutput_period_id_job_id_kind" to table: "report_outputs"
DROP INDEX `reportoutput_period_id_job_id_kind`;
-- reverse: create index "reportoutput_tenant_id" to table: "report_outputs"
DROP INDEX `reportoutput_tenant_id`;
-- reverse: create "report_outputs" table
DROP TABLE `report_outputs`;
