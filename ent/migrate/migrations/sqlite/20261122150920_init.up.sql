-- create "jobs" table
CREATE TABLE `jobs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `type` text NOT NULL, `queue` text NOT NULL DEFAULT ('default'), `payload` blob NULL, `status` text NOT NULL DEFAULT ('pending'), `attempts` integer NOT NULL DEFAULT (0), `max_attempts` integer NOT NULL DEFAULT (10), `last_error` text NULL, `progress` integer NOT NULL DEFAULT (0), `run_at` datetime NULL, `started_at` datetime NULL, `finished_at` datetime NULL, `created_by` integer NULL, `tenant_id` integer NOT NULL, CONSTRAINT `jobs_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "job_tenant_id" to table: "jobs"
CREATE INDEX `job_tenant_id` ON `jobs` (`tenant_id`);
-- create index "job_status" to table: "jobs"
CREATE INDEX `job_status` ON `jobs` (`status`);
-- create index "job_tenant_id_type" to table: "jobs"
CREATE INDEX `job_tenant_id_type` ON `jobs` (`tenant_id`, `type`);
-- create "memberships" table
CREATE TABLE `memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `role` text NOT NULL, `unit_id` integer NULL, `active` bool NOT NULL DEFAULT (true), `tenant_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `memberships_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `memberships_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "membership_tenant_id" to table: "memberships"
CREATE INDEX `membership_tenant_id` ON `memberships` (`tenant_id`);
-- create index "membership_tenant_id_user_id_role" to table: "memberships"
CREATE UNIQUE INDEX `membership_tenant_id_user_id_role` ON `memberships` (`tenant_id`, `user_id`, `role`);
-- create "plans" table
CREATE TABLE `plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `name` text NOT NULL, `max_units` integer NOT NULL, `max_users` integer NOT NULL, `max_storage_bytes` integer NOT NULL, `max_report_generations_month` integer NOT NULL, `modules` json NULL);
-- create index "plans_code_key" to table: "plans"
CREATE UNIQUE INDEX `plans_code_key` ON `plans` (`code`);
-- create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` text NOT NULL, `created_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `ip` text NULL, `user_agent` text NULL, `revoked_at` datetime NULL, `user_id` integer NOT NULL, CONSTRAINT `sessions_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_token_hash_key` ON `sessions` (`token_hash`);
-- create index "session_user_id" to table: "sessions"
CREATE INDEX `session_user_id` ON `sessions` (`user_id`);
-- create "tenants" table
CREATE TABLE `tenants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `status` text NOT NULL DEFAULT ('provisioning'), `timezone` text NOT NULL DEFAULT ('Asia/Ho_Chi_Minh'), `settings` json NULL, `plan_id` integer NOT NULL, CONSTRAINT `tenants_plans_plan` FOREIGN KEY (`plan_id`) REFERENCES `plans` (`id`) ON DELETE NO ACTION);
-- create index "tenants_slug_key" to table: "tenants"
CREATE UNIQUE INDEX `tenants_slug_key` ON `tenants` (`slug`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `full_name` text NOT NULL, `password_hash` text NOT NULL, `platform_admin` bool NOT NULL DEFAULT (false), `active` bool NOT NULL DEFAULT (true), `locale` text NOT NULL DEFAULT ('vi'), `last_login_at` datetime NULL);
-- create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);
