-- reverse: create index "reminderrule_tenant_id_source_offset_days_target" to table: "reminder_rules"
DROP INDEX "reminderrule_tenant_id_source_offset_days_target";
-- reverse: create index "reminderrule_tenant_id" to table: "reminder_rules"
DROP INDEX "reminderrule_tenant_id";
-- reverse: create "reminder_rules" table
DROP TABLE "reminder_rules";
-- reverse: create index "reminderdecision_unit_id" to table: "reminder_decisions"
DROP INDEX "reminderdecision_unit_id";
-- reverse: create index "reminderdecision_tenant_id_sub_0f0f35c5554f333839fbceebc8d4508b" to table: "reminder_decisions"
DROP INDEX "reminderdecision_tenant_id_sub_0f0f35c5554f333839fbceebc8d4508b";
-- reverse: create index "reminderdecision_tenant_id_created_at" to table: "reminder_decisions"
DROP INDEX "reminderdecision_tenant_id_created_at";
-- reverse: create index "reminderdecision_tenant_id" to table: "reminder_decisions"
DROP INDEX "reminderdecision_tenant_id";
-- reverse: create "reminder_decisions" table
DROP TABLE "reminder_decisions";
-- reverse: create index "notification_user_id_read_at" to table: "notifications"
DROP INDEX "notification_user_id_read_at";
-- reverse: create index "notification_user_id_created_at" to table: "notifications"
DROP INDEX "notification_user_id_created_at";
-- reverse: create index "notification_tenant_id" to table: "notifications"
DROP INDEX "notification_tenant_id";
-- reverse: create index "notification_decision_id" to table: "notifications"
DROP INDEX "notification_decision_id";
-- reverse: create "notifications" table
DROP TABLE "notifications";
-- reverse: create index "notificationpreference_user_id_kind" to table: "notification_preferences"
DROP INDEX "notificationpreference_user_id_kind";
-- reverse: create "notification_preferences" table
DROP TABLE "notification_preferences";
-- reverse: create index "mailmessage_tenant_id" to table: "mail_messages"
DROP INDEX "mailmessage_tenant_id";
-- reverse: create index "mailmessage_status_next_attempt_at" to table: "mail_messages"
DROP INDEX "mailmessage_status_next_attempt_at";
-- reverse: create index "mailmessage_decision_id" to table: "mail_messages"
DROP INDEX "mailmessage_decision_id";
-- reverse: create "mail_messages" table
DROP TABLE "mail_messages";
