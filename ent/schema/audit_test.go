package schema_test

import (
	"slices"
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/danvan-vn/danvan/internal/audit"
)

// audited are the entities whose every change is on the audit trail (internal/audit keeps the
// list: the trail's filter and labels follow it). A new entity must be put in one of the two
// lists: the test fails until someone decides.
var (
	audited    = audit.Audited
	notAudited = []string{
		"AuditLog", // the trail itself
		"Citation", // derived from the document's full text, written with the document (audited)
		"Job",      // work rows; their effects are audited where they change audited entities
		// delivery records: the reminder log is their own trail
		"MailMessage", "Notification", "ReminderDecision",
		// a person's own choice of channels, changed by that person only
		"NotificationPreference",
		"Session", // logins and logouts are recorded explicitly (audit.Record)
		// a unit report's timeline, written with the report (audited) it narrates
		"UnitReportEvent",
	}
)

func TestAuditMixin_AuditedEntities(t *testing.T) {
	g, err := entc.LoadGraph(".", &gen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	name := audit.Annotation{}.Name()
	for _, n := range g.Nodes {
		_, on := n.Annotations[name]
		switch {
		case slices.Contains(audited, n.Name) && !on:
			t.Errorf("%s is no longer audited: add AuditMixin to its Mixin()", n.Name)
		case slices.Contains(notAudited, n.Name) && on:
			t.Errorf("%s is audited now: move it to the audited list", n.Name)
		case !slices.Contains(audited, n.Name) && !slices.Contains(notAudited, n.Name):
			t.Errorf("%s: decide whether it is audited (AuditMixin) and list it here", n.Name)
		}
	}
	if len(g.Nodes) != len(audited)+len(notAudited) {
		t.Errorf("schema has %d entities, the lists name %d", len(g.Nodes), len(audited)+len(notAudited))
	}
}
