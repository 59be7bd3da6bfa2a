-- create "mail_messages" table
CREATE TABLE `mail_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `to_addr` text NOT NULL, `to_name` text NOT NULL DEFAULT (''), `locale` text NOT NULL DEFAULT ('vi'), `subject` text NOT NULL, `text_body` text NOT NULL, `html_body` text NOT NULL, `status` text NOT NULL DEFAULT ('pending'), `attempts` integer NOT NULL DEFAULT (0), `next_attempt_at` datetime NOT NULL, `last_error` text NOT NULL DEFAULT (''), `sent_at` datetime NULL, `user_id` integer NULL, `decision_id` integer NULL, `tenant_id` integer NOT NULL, CONSTRAINT `mail_messages_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "mailmessage_tenant_id" to table: "mail_messages"
CREATE INDEX `mailmessage_tenant_id` ON `mail_messages` (`tenant_id`);
-- create index "mailmessage_status_next_attempt_at" to table: "mail_messages"
CREATE INDEX `mailmessage_status_next_attempt_at` ON `mail_messages` (`status`, `next_attempt_at`);
-- create index "mailmessage_decision_id" to table: "mail_messages"
CREATE INDEX `mailmessage_decision_id` ON `mail_messages` (`decision_id`);
-- create "notifications" table
CREATE TABLE `notifications` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `subject` text NOT NULL DEFAULT (''), `vars` json NULL, `link` text NOT NULL DEFAULT (''), `decision_id` integer NULL, `read_at` datetime NULL, `digested_at` datetime NULL, `tenant_id` integer NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `notifications_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION, CONSTRAINT `notifications_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "notification_tenant_id" to table: "notifications"
CREATE INDEX `notification_tenant_id` ON `notifications` (`tenant_id`);
-- create index "notification_user_id_read_at" to table: "notifications"
CREATE INDEX `notification_user_id_read_at` ON `notifications` (`user_id`, `read_at`);
-- create index "notification_user_id_created_at" to table: "notifications"
CREATE INDEX `notification_user_id_created_at` ON `notifications` (`user_id`, `created_at`);
-- create index "notification_decision_id" to table: "notifications"
CREATE INDEX `notification_decision_id` ON `notifications` (`decision_id`);
-- create "notification_preferences" table
CREATE TABLE `notification_preferences` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `in_app` bool NOT NULL DEFAULT (true), `email` bool NOT NULL DEFAULT (true), `digest` bool NOT NULL DEFAULT (false), `user_id` integer NOT NULL, CONSTRAINT `notification_preferences_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "notificationpreference_user_id_kind" to table: "notification_preferences"
CREATE UNIQUE INDEX `notificationpreference_user_id_kind` ON `notification_preferences` (`user_id`, `kind`);
-- create "reminder_decisions" table
CREATE TABLE `reminder_decisions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `subject_kind` text NOT NULL, `subject_id` integer NOT NULL, `recipient` text NOT NULL, `rule` text NOT NULL, `occurrence` text NOT NULL, `kind` text NOT NULL, `offset_days` integer NOT NULL DEFAULT (0), `unit_id` integer NOT NULL, `unit_name` text NOT NULL DEFAULT (''), `title` text NOT NULL DEFAULT (''), `link` text NOT NULL DEFAULT (''), `due_on` datetime NOT NULL, `send_on` datetime NOT NULL, `role` text NOT NULL, `user_id` integer NULL, `email` text NOT NULL DEFAULT (''), `name` text NOT NULL DEFAULT (''), `actor_id` integer NULL, `note` text NOT NULL DEFAULT (''), `resent` integer NOT NULL DEFAULT (0), `resent_at` datetime NULL, `tenant_id` integer NOT NULL, CONSTRAINT `reminder_decisions_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "reminderdecision_tenant_id" to table: "reminder_decisions"
CREATE INDEX `reminderdecision_tenant_id` ON `reminder_decisions` (`tenant_id`);
-- create index "reminderdecision_tenant_id_sub_0f0f35c5554f333839fbceebc8d4508b" to table: "reminder_decisions"
CREATE UNIQUE INDEX `reminderdecision_tenant_id_sub_0f0f35c5554f333839fbceebc8d4508b` ON `reminder_decisions` (`tenant_id`, `subject_kind`, `subject_id`, `recipient`, `rule`, `occurrence`);
-- create index "reminderdecision_tenant_id_created_at" to table: "reminder_decisions"
CREATE INDEX `reminderdecision_tenant_id_created_at` ON `reminder_decisions` (`tenant_id`, `created_at`);
-- create index "reminderdecision_unit_id" to table: "reminder_decisions"
CREATE INDEX `reminderdecision_unit_id` ON `reminder_decisions` (`unit_id`);
-- create "reminder_rules" table
CREATE TABLE `reminder_rules` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `source` text NOT NULL, `offset_days` integer NOT NULL, `target` text NOT NULL, `active` bool NOT NULL DEFAULT (true), `tenant_id` integer NOT NULL, CONSTRAINT `reminder_rules_tenants_tenant` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE NO ACTION);
-- create index "reminderrule_tenant_id" to table: "reminder_rules"
CREATE INDEX `reminderrule_tenant_id` ON `reminder_rules` (`tenant_id`);
-- create index "reminderrule_tenant_id_source_offset_days_target" to table: "reminder_rules"
CREATE UNIQUE INDEX `reminderrule_tenant_id_source_offset_days_target` ON `reminder_rules` (`tenant_id`, `source`, `offset_days`, `target`);
