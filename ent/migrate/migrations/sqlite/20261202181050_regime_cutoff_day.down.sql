-- reverse: create index "reportingregime_tenant_id" to table: "reporting_regimes"
DROP INDEX `reportingregime_tenant_id`;
-- reverse: create "new_reporting_regimes" table
DROP TABLE `new_reporting_regimes`;
