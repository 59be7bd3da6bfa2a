package plan_test

import (
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/plan"
)

func TestObligationStatusOf(t *testing.T) {
	// 02/09/2026 (Wednesday) is National Day; 30/04 and 01/05/2026 are Thursday and Friday.
	cal, err := calendar.New(calendar.Config{Holidays: []calendar.Holiday{
		{Date: calendar.NewDate(2026, 9, 2), Name: "Quốc khánh"},
		{Date: calendar.NewDate(2026, 4, 30), Name: "Giải phóng miền Nam"},
		{Date: calendar.NewDate(2026, 5, 1), Name: "Quốc tế Lao động"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	d := calendar.NewDate
	for _, c := range []struct {
		name        string
		due, issued *time.Time
		today       calendar.Date
		want        plan.ObligationStatus
		effective   string // the effective due day, "" for none
	}{
		{"issued before the due day", day(2026, 6, 15), day(2026, 6, 10), d(2026, 7, 1), plan.ObligationIssuedOnTime, "15/06/2026"},
		{"issued on the due day is on time", day(2026, 6, 15), day(2026, 6, 15), d(2026, 7, 1), plan.ObligationIssuedOnTime, "15/06/2026"},
		{"issued a day late", day(2026, 6, 15), day(2026, 6, 16), d(2026, 7, 1), plan.ObligationIssuedLate, "15/06/2026"},
		{"due on a holiday: issued the next working day is on time", day(2026, 9, 2), day(2026, 9, 3), d(2026, 9, 10), plan.ObligationIssuedOnTime, "03/09/2026"},
		{"due on a holiday: issued the day after the shifted day is late", day(2026, 9, 2), day(2026, 9, 4), d(2026, 9, 10), plan.ObligationIssuedLate, "03/09/2026"},
		{"holiday then weekend: Monday is on time", day(2026, 4, 30), day(2026, 5, 4), d(2026, 5, 10), plan.ObligationIssuedOnTime, "04/05/2026"},
		{"due on a Sunday: pending on the Monday", day(2026, 6, 14), nil, d(2026, 6, 15), plan.ObligationPending, "15/06/2026"},
		{"pending before the due day", day(2026, 6, 15), nil, d(2026, 6, 1), plan.ObligationPending, "15/06/2026"},
		{"pending on the due day", day(2026, 6, 15), nil, d(2026, 6, 15), plan.ObligationPending, "15/06/2026"},
		{"overdue the day after", day(2026, 6, 15), nil, d(2026, 6, 16), plan.ObligationOverdue, "15/06/2026"},
		{"due on a holiday: not overdue on the shifted day", day(2026, 9, 2), nil, d(2026, 9, 3), plan.ObligationPending, "03/09/2026"},
		{"due on a holiday: overdue after the shifted day", day(2026, 9, 2), nil, d(2026, 9, 4), plan.ObligationOverdue, "03/09/2026"},
		{"no due day: pending", nil, nil, d(2030, 1, 1), plan.ObligationPending, ""},
		{"no due day: issued is on time", nil, day(2026, 3, 1), d(2030, 1, 1), plan.ObligationIssuedOnTime, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := plan.ObligationStatusOf(c.due, c.issued, c.today, cal); got != c.want {
				t.Errorf("ObligationStatusOf = %s, want %s", got, c.want)
			}
			got := ""
			if due, ok := plan.ObligationDue(c.due, cal); ok {
				got = due.String()
			}
			if got != c.effective {
				t.Errorf("ObligationDue = %q, want %q", got, c.effective)
			}
		})
	}
	// Without a calendar every day works.
	if got := plan.ObligationStatusOf(day(2026, 9, 2), day(2026, 9, 3), d(2026, 9, 10), nil); got != plan.ObligationIssuedLate {
		t.Errorf("no calendar: %s", got)
	}
	var n plan.ObligationCounts
	for _, s := range plan.ObligationStatuses {
		n.Add(s)
	}
	n.Add("bogus")
	if n.Total != 4 || n.Of(plan.ObligationOverdue) != 1 || !plan.ObligationIssuedLate.Issued() || plan.ObligationPending.Issued() {
		t.Errorf("counts %+v", n)
	}
}
