// Package reminders is the area of reminders and escalation (nhắc hạn và chuyển cấp): the
// province's ladder of rules per source (reports, tasks, implementation-plan obligations), the
// regimes' report offsets beside them, the sending and digest times, a preview of who will be
// reminded on a day and why, and the log of every reminder decided with how its delivery went
// (with a resend); and the JSON API of the same.
package reminders

import (
	"context"

	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// Reminders is what the area needs of the reminder engine (internal/reminder.Service).
type Reminders interface {
	Settings(ctx context.Context) (reminder.Settings, error)
	CreateRule(ctx context.Context, in reminder.RuleInput) (reminder.Rule, error)
	UpdateRule(ctx context.Context, id int, in reminder.RuleInput) (reminder.Rule, error)
	DeleteRule(ctx context.Context, id int) error
	SetTimes(ctx context.Context, sendTime, digestTime string) error
	Preview(ctx context.Context, day calendar.Date) ([]reminder.Planned, error)
	Log(ctx context.Context, f reminder.LogFilter) ([]reminder.Entry, int, error)
	Entry(ctx context.Context, id int) (reminder.Entry, error)
	Resend(ctx context.Context, id int) (reminder.Entry, error)
}

type handler struct {
	reminders Reminders
	units     units.Lister
}

// New builds the area.
func New(r Reminders, u units.Lister) httpapi.Area { return &handler{reminders: r, units: u} }
