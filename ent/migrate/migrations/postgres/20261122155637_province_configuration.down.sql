-- reverse: create index "unit_tenant_id_code" to table: "units"
DROP INDEX "unit_tenant_id_code";
-- reverse: create index "unit_tenant_id" to table: "units"
DROP INDEX "unit_tenant_id";
-- reverse: create "units" table
DROP TABLE "units";
-- reverse: create index "unitversion_tenant_id_unit_id_valid_from" to table: "unit_versions"
DROP INDEX "unitversion_tenant_id_unit_id_valid_from";
-- reverse: create index "unitversion_tenant_id_parent_id" to table: "unit_versions"
DROP INDEX "unitversion_tenant_id_parent_id";
-- reverse: create index "unitversion_tenant_id" to table: "unit_versions"
DROP INDEX "unitversion_tenant_id";
-- reverse: create "unit_versions" table
DROP TABLE "unit_versions";
-- reverse: create index "unitevent_tenant_id_unit_id" to table: "unit_events"
DROP INDEX "unitevent_tenant_id_unit_id";
-- reverse: create index "unitevent_tenant_id" to table: "unit_events"
DROP INDEX "unitevent_tenant_id";
-- reverse: create "unit_events" table
DROP TABLE "unit_events";
-- reverse: create index "reportingregime_tenant_id" to table: "reporting_regimes"
DROP INDEX "reportingregime_tenant_id";
-- reverse: create "reporting_regimes" table
DROP TABLE "reporting_regimes";
-- reverse: create index "provincesetting_tenant_id_key" to table: "province_settings"
DROP INDEX "provincesetting_tenant_id_key";
-- reverse: create index "provincesetting_tenant_id" to table: "province_settings"
DROP INDEX "provincesetting_tenant_id";
-- reverse: create "province_settings" table
DROP TABLE "province_settings";
-- reverse: create index "holiday_tenant_id_date" to table: "holidays"
DROP INDEX "holiday_tenant_id_date";
-- reverse: create index "holiday_tenant_id" to table: "holidays"
DROP INDEX "holiday_tenant_id";
-- reverse: create "holidays" table
DROP TABLE "holidays";
-- reverse: create index "committee_tenant_id" to table: "committees"
DROP INDEX "committee_tenant_id";
-- reverse: create "committees" table
DROP TABLE "committees";
-- reverse: create index "committeemember_tenant_id_committee_id" to table: "committee_members"
DROP INDEX "committeemember_tenant_id_committee_id";
-- reverse: create index "committeemember_tenant_id" to table: "committee_members"
DROP INDEX "committeemember_tenant_id";
-- reverse: create "committee_members" table
DROP TABLE "committee_members";
-- reverse: create index "assignment_tenant_id_unit_id" to table: "assignments"
DROP INDEX "assignment_tenant_id_unit_id";
-- reverse: create index "assignment_tenant_id_member_id" to table: "assignments"
DROP INDEX "assignment_tenant_id_member_id";
-- reverse: create index "assignment_tenant_id" to table: "assignments"
DROP INDEX "assignment_tenant_id";
-- reverse: create "assignments" table
DROP TABLE "assignments";
