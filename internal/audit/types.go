package audit

import (
	"slices"
	"strings"
)

// Audited names the entities (ent type names) whose every change the Hook records: those whose
// schema uses ent/schema's AuditMixin. ent/schema's tests hold this list equal to the schema, so
// an entity that becomes audited is added here, and the trail's record-type filter (and the
// test that each type has a label) follows.
var Audited = []string{
	"AccessToken", "Assignment", "Committee", "CommitteeMember", "Document", "DocumentFile",
	"EvidenceFile", "Holiday", "Invitation", "Membership", "Plan", "PlanObligation",
	"ProvinceSetting", "ReminderRule", "ReportOutput", "ReportPeriod", "ReportTemplate", "ReportingRegime", "RoleGrant", "Task", "TaskAssignment", "TaskExtension",
	"TaskProgress", "Tenant", "Unit", "UnitEvent", "UnitNote", "UnitReport", "UnitReportFile", "UnitVersion", "User", "WorkPlan",
}

// EntityType is the entity_type the records of an ent type carry ("ProvinceSetting" →
// "provincesetting").
func EntityType(name string) string { return strings.ToLower(name) }

// EntityTypes are the entity types the trail's records carry, sorted: the audited entities'
// (sign-ins and token use are recorded against users, which are audited too).
func EntityTypes() []string {
	out := make([]string, len(Audited))
	for i, n := range Audited {
		out[i] = EntityType(n)
	}
	slices.Sort(out)
	return out
}

// Verbs are the actions the Hook records, as the last part of the action ("unit.create"). A
// filter on a verb alone finds that action on every type.
var Verbs = []string{"create", "update", "delete"}
