// Package e2e holds the reminders' end-to-end test: the real engine, notify's outbox over an
// in-process SMTP server, and the pages and API of the reminders, notifications and reports
// areas, with Redis database 29 of its own (the reminders area's tests keep 28).
package e2e
