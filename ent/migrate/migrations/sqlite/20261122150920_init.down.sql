-- reverse: create index "users_email_key" to table: "users"
DROP INDEX `users_email_key`;
-- reverse: create "users" table
DROP TABLE `users`;
-- reverse: create index "tenants_slug_key" to table: "tenants"
DROP INDEX `tenants_slug_key`;
-- reverse: create "tenants" table
DROP TABLE `tenants`;
-- reverse: create index "session_user_id" to table: "sessions"
DROP INDEX `session_user_id`;
-- reverse: create index "sessions_token_hash_key" to table: "sessions"
DROP INDEX `sessions_token_hash_key`;
-- reverse: create "sessions" table
DROP TABLE `sessions`;
-- reverse: create index "plans_code_key" to table: "plans"
DROP INDEX `plans_code_key`;
-- reverse: create "plans" table
DROP TABLE `plans`;
-- reverse: create index "membership_tenant_id_user_id_role" to table: "memberships"
DROP INDEX `membership_tenant_id_user_id_role`;
-- reverse: create index "membership_tenant_id" to table: "memberships"
DROP INDEX `membership_tenant_id`;
-- reverse: create "memberships" table
DROP TABLE `memberships`;
-- reverse: create index "job_tenant_id_type" to table: "jobs"
DROP INDEX `job_tenant_id_type`;
-- reverse: create index "job_status" to table: "jobs"
DROP INDEX `job_status`;
-- reverse: create index "job_tenant_id" to table: "jobs"
DROP INDEX `job_tenant_id`;
-- reverse: create "jobs" table
DROP TABLE `jobs`;
