-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- add column "revoked_by" to table: "sessions"
ALTER TABLE `sessions` ADD COLUMN `revoked_by` integer NULL;
-- create "new_tenants" table
CREATE TABLE `new_tenants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `status` text NOT NULL DEFAULT ('provisioning'), `timezone` text NOT NULL DEFAULT ('Asia/Ho_Chi_Minh'), `settings` json NULL, `grant_ceiling` json NULL, `grants_version` integer NOT NULL DEFAULT (0), `plan_id` integer NOT NULL, CONSTRAINT `tenants_plans_plan` FOREIGN KEY (`plan_id`) REFERENCES `plans` (`id`) ON DELETE NO ACTION);
-- copy rows from old table "tenants" to new temporary table "new_tenants"
INSERT INTO `new_tenants` (`id`, `created_at`, `updated_at`, `slug`, `name`, `status`, `timezone`, `settings`, `plan_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `status`, `timezone`, `settings`, `plan_id` FROM `tenants`;
-- drop "tenants" table after copying rows
DROP TABLE `tenants`;
-- rename temporary table "new_tenants" to "tenants"
ALTER TABLE `new_tenants` RENAME TO `tenants`;
-- create index "tenants_slug_key" to table: "tenants"
CREATE UNIQUE INDEX `tenants_slug_key` ON `tenants` (`slug`);
-- create "new_users" table
CREATE TABLE `new_users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `full_name` text NOT NULL, `password_hash` text NOT NULL, `platform_admin` bool NOT NULL DEFAULT (false), `active` bool NOT NULL DEFAULT (true), `locale` text NOT NULL DEFAULT ('vi'), `last_login_at` datetime NULL, `must_change_password` bool NOT NULL DEFAULT (false), `password_changed_at` datetime NULL, `locked_until` datetime NULL);
-- copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `email`, `full_name`, `password_hash`, `platform_admin`, `active`, `locale`, `last_login_at`) SELECT `id`, `created_at`, `updated_at`, `email`, `full_name`, `password_hash`, `platform_admin`, `active`, `locale`, `last_login_at` FROM `users`;
-- drop "users" table after copying rows
DROP TABLE `users`;
-- rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);
-- create "access_tokens" table
CREATE TABLE `access_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `token_hash` text NOT NULL, `prefix` text NOT NULL, `expires_at` datetime NOT NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `tenant_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `access_tokens_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `access_tokens_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "access_tokens_token_hash_key" to table: "access_tokens"
CREATE UNIQUE INDEX `access_tokens_token_hash_key` ON `access_tokens` (`token_hash`);
-- create index "accesstoken_tenant_id" to table: "access_tokens"
CREATE INDEX `accesstoken_tenant_id` ON `access_tokens` (`tenant_id`);
-- create index "accesstoken_user_id" to table: "access_tokens"
CREATE INDEX `accesstoken_user_id` ON `access_tokens` (`user_id`);
-- create "audit_logs" table
CREATE TABLE `audit_logs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `tenant_id` integer NULL, `user_id` integer NULL, `actor` text NOT NULL DEFAULT (''), `action` text NOT NULL, `entity_type` text NOT NULL DEFAULT (''), `entity_id` integer NULL, `subject` text NOT NULL DEFAULT (''), `changes` json NULL, `ip` text NOT NULL DEFAULT (''), `user_agent` text NOT NULL DEFAULT (''), `request_id` text NOT NULL DEFAULT (''));
-- create index "auditlog_tenant_id_created_at" to table: "audit_logs"
CREATE INDEX `auditlog_tenant_id_created_at` ON `audit_logs` (`tenant_id`, `created_at`);
-- create index "auditlog_action_created_at" to table: "audit_logs"
CREATE INDEX `auditlog_action_created_at` ON `audit_logs` (`action`, `created_at`);
-- create index "auditlog_ip_created_at" to table: "audit_logs"
CREATE INDEX `auditlog_ip_created_at` ON `audit_logs` (`ip`, `created_at`);
-- create index "auditlog_subject_created_at" to table: "audit_logs"
CREATE INDEX `auditlog_subject_created_at` ON `audit_logs` (`subject`, `created_at`);
-- create index "auditlog_entity_type_entity_id" to table: "audit_logs"
CREATE INDEX `auditlog_entity_type_entity_id` ON `audit_logs` (`entity_type`, `entity_id`);
-- create "invitations" table
CREATE TABLE `invitations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `role` text NOT NULL, `unit_id` integer NULL, `token_hash` text NOT NULL, `expires_at` datetime NOT NULL, `accepted_at` datetime NULL, `accepted_user_id` integer NULL, `revoked_at` datetime NULL, `invited_by` integer NOT NULL, `tenant_id` integer NOT NULL, CONSTRAINT `invitations_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "invitations_token_hash_key" to table: "invitations"
CREATE UNIQUE INDEX `invitations_token_hash_key` ON `invitations` (`token_hash`);
-- create index "invitation_tenant_id" to table: "invitations"
CREATE INDEX `invitation_tenant_id` ON `invitations` (`tenant_id`);
-- create index "invitation_tenant_id_email" to table: "invitations"
CREATE INDEX `invitation_tenant_id_email` ON `invitations` (`tenant_id`, `email`);
-- create "role_grants" table
CREATE TABLE `role_grants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `role` text NOT NULL, `object` text NOT NULL, `action` text NOT NULL, `effect` text NOT NULL, `tenant_id` integer NOT NULL, CONSTRAINT `role_grants_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "rolegrant_tenant_id" to table: "role_grants"
CREATE INDEX `rolegrant_tenant_id` ON `role_grants` (`tenant_id`);
-- create index "rolegrant_tenant_id_role_object_action" to table: "role_grants"
CREATE UNIQUE INDEX `rolegrant_tenant_id_role_object_action` ON `role_grants` (`tenant_id`, `role`, `object`, `action`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
