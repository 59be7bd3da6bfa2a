-- reverse: create index "unitnote_unit_id_created_at" to table: "unit_notes"
DROP INDEX `unitnote_unit_id_created_at`;
-- reverse: create index "unitnote_tenant_id_unit_id" to table: "unit_notes"
DROP INDEX `unitnote_tenant_id_unit_id`;
-- reverse: create index "unitnote_tenant_id" to table: "unit_notes"
DROP INDEX `unitnote_tenant_id`;
-- reverse: create "unit_notes" table
DROP TABLE `unit_notes`;
