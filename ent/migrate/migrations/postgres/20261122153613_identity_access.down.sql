-- reverse: create index "rolegrant_tenant_id_role_object_action" to table: "role_grants"
DROP INDEX "rolegrant_tenant_id_role_object_action";
-- reverse: create index "rolegrant_tenant_id" to table: "role_grants"
DROP INDEX "rolegrant_tenant_id";
-- reverse: create "role_grants" table
DROP TABLE "role_grants";
-- reverse: create index "invitations_token_hash_key" to table: "invitations"
DROP INDEX "invitations_token_hash_key";
-- reverse: create index "invitation_tenant_id_email" to table: "invitations"
DROP INDEX "invitation_tenant_id_email";
-- reverse: create index "invitation_tenant_id" to table: "invitations"
DROP INDEX "invitation_tenant_id";
-- reverse: create "invitations" table
DROP TABLE "invitations";
-- reverse: create index "accesstoken_user_id" to table: "access_tokens"
DROP INDEX "accesstoken_user_id";
-- reverse: create index "accesstoken_tenant_id" to table: "access_tokens"
DROP INDEX "accesstoken_tenant_id";
-- reverse: create index "access_tokens_token_hash_key" to table: "access_tokens"
DROP INDEX "access_tokens_token_hash_key";
-- reverse: create "access_tokens" table
DROP TABLE "access_tokens";
-- reverse: modify "users" table
ALTER TABLE "users" DROP COLUMN "locked_until", DROP COLUMN "password_changed_at", DROP COLUMN "must_change_password";
-- reverse: create index "auditlog_tenant_id_created_at" to table: "audit_logs"
DROP INDEX "auditlog_tenant_id_created_at";
-- reverse: create index "auditlog_subject_created_at" to table: "audit_logs"
DROP INDEX "auditlog_subject_created_at";
-- reverse: create index "auditlog_ip_created_at" to table: "audit_logs"
DROP INDEX "auditlog_ip_created_at";
-- reverse: create index "auditlog_entity_type_entity_id" to table: "audit_logs"
DROP INDEX "auditlog_entity_type_entity_id";
-- reverse: create index "auditlog_action_created_at" to table: "audit_logs"
DROP INDEX "auditlog_action_created_at";
-- reverse: create "audit_logs" table
DROP TABLE "audit_logs";
-- reverse: modify "tenants" table
ALTER TABLE "tenants" DROP COLUMN "grants_version", DROP COLUMN "grant_ceiling";
-- reverse: modify "sessions" table
ALTER TABLE "sessions" DROP COLUMN "revoked_by";
