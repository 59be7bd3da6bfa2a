-- reverse: create index "rolegrant_tenant_id_role_object_action" to table: "role_grants"
DROP INDEX `rolegrant_tenant_id_role_object_action`;
-- reverse: create index "rolegrant_tenant_id" to table: "role_grants"
DROP INDEX `rolegrant_tenant_id`;
-- reverse: create "role_grants" table
DROP TABLE `role_grants`;
-- reverse: create index "invitation_tenant_id_email" to table: "invitations"
DROP INDEX `invitation_tenant_id_email`;
-- reverse: create index "invitation_tenant_id" to table: "invitations"
DROP INDEX `invitation_tenant_id`;
-- reverse: create index "invitations_token_hash_key" to table: "invitations"
DROP INDEX `invitations_token_hash_key`;
-- reverse: create "invitations" table
DROP TABLE `invitations`;
-- reverse: create index "auditlog_entity_type_entity_id" to table: "audit_logs"
DROP INDEX `auditlog_entity_type_entity_id`;
-- reverse: create index "auditlog_subject_created_at" to table: "audit_logs"
DROP INDEX `auditlog_subject_created_at`;
-- reverse: create index "auditlog_ip_created_at" to table: "audit_logs"
DROP INDEX `auditlog_ip_created_at`;
-- reverse: create index "auditlog_action_created_at" to table: "audit_logs"
DROP INDEX `auditlog_action_created_at`;
-- reverse: create index "auditlog_tenant_id_created_at" to table: "audit_logs"
DROP INDEX `auditlog_tenant_id_created_at`;
-- reverse: create "audit_logs" table
DROP TABLE `audit_logs`;
-- reverse: create index "accesstoken_user_id" to table: "access_tokens"
DROP INDEX `accesstoken_user_id`;
-- reverse: create index "accesstoken_tenant_id" to table: "access_tokens"
DROP INDEX `accesstoken_tenant_id`;
-- reverse: create index "access_tokens_token_hash_key" to table: "access_tokens"
DROP INDEX `access_tokens_token_hash_key`;
-- reverse: create "access_tokens" table
DROP TABLE `access_tokens`;
-- reverse: create index "users_email_key" to table: "users"
DROP INDEX `users_email_key`;
-- reverse: create "new_users" table
DROP TABLE `new_users`;
-- reverse: create index "tenants_slug_key" to table: "tenants"
DROP INDEX `tenants_slug_key`;
-- reverse: create "new_tenants" table
DROP TABLE `new_tenants`;
-- reverse: add column "revoked_by" to table: "sessions"
ALTER TABLE `sessions` DROP COLUMN `revoked_by`;
