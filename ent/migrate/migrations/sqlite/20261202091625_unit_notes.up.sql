-- create "unit_notes" table
CREATE TABLE `unit_notes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `body` text NOT NULL, `tenant_id` integer NOT NULL, `unit_id` integer NOT NULL, `author_id` integer NOT NULL, CONSTRAINT `unit_notes_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_notes_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_notes_users_author` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "unitnote_tenant_id" to table: "unit_notes"
CREATE INDEX `unitnote_tenant_id` ON `unit_notes` (`tenant_id`);
-- create index "unitnote_tenant_id_unit_id" to table: "unit_notes"
CREATE INDEX `unitnote_tenant_id_unit_id` ON `unit_notes` (`tenant_id`, `unit_id`);
-- create index "unitnote_unit_id_created_at" to table: "unit_notes"
CREATE INDEX `unitnote_unit_id_created_at` ON `unit_notes` (`unit_id`, `created_at`);
