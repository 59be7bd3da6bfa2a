package plan_test

import (
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/plan"
)

func day(y int, m time.Month, d int) *time.Time {
	t := calendar.NewDate(y, m, d).UTC()
	return &t
}

func TestStatusOf(t *testing.T) {
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
		name  string
		f     plan.Facts
		today calendar.Date
		want  plan.Status
		due   string // the effective due day, "" for none
	}{
		{"open before the due day", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 6, 15)}, d(2026, 6, 10), plan.StatusOpen, "15/06/2026"},
		{"open on the due day", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 6, 15)}, d(2026, 6, 15), plan.StatusOpen, "15/06/2026"},
		{"overdue the day after", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 6, 15)}, d(2026, 6, 16), plan.StatusOverdue, "15/06/2026"},
		{"done on the due day is on time", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 6, 15), CompletedOn: day(2026, 6, 15)}, d(2026, 7, 1), plan.StatusDoneOnTime, "15/06/2026"},
		{"done a day late", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 6, 15), CompletedOn: day(2026, 6, 16)}, d(2026, 7, 1), plan.StatusDoneLate, "15/06/2026"},
		{"due on a holiday moves to the next working day", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 9, 2)}, d(2026, 9, 3), plan.StatusOpen, "03/09/2026"},
		{"done the next working day after a holiday is on time", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 9, 2), CompletedOn: day(2026, 9, 3)}, d(2026, 9, 10), plan.StatusDoneOnTime, "03/09/2026"},
		{"overdue after the shifted day", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 9, 2)}, d(2026, 9, 4), plan.StatusOverdue, "03/09/2026"},
		{"holiday then weekend: next is Monday", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 4, 30)}, d(2026, 5, 3), plan.StatusOpen, "04/05/2026"},
		{"previous working day policy", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 4, 30), Shift: "previous_working_day"}, d(2026, 4, 30), plan.StatusOverdue, "29/04/2026"},
		{"no shift keeps the holiday", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 9, 2), Shift: "none"}, d(2026, 9, 3), plan.StatusOverdue, "02/09/2026"},
		{"continuous", plan.Facts{DeadlineKind: "continuous"}, d(2026, 9, 3), plan.StatusContinuous, ""},
		{"no deadline", plan.Facts{DeadlineKind: "none"}, d(2026, 9, 3), plan.StatusContinuous, ""},
		{"continuous completed", plan.Facts{DeadlineKind: "continuous", CompletedOn: day(2026, 3, 1)}, d(2026, 9, 3), plan.StatusDoneOnTime, ""},
		{"yearly due in the plan's year, still overdue the next year", plan.Facts{DeadlineKind: "yearly", DueDay: 15, DueMonth: 6, PlanYear: 2025}, d(2026, 1, 5), plan.StatusOverdue, "16/06/2025"},
		{"yearly extended across New Year", plan.Facts{DeadlineKind: "yearly", DueDay: 15, DueMonth: 12, PlanYear: 2025, DueOn: day(2026, 1, 10)}, d(2025, 12, 20), plan.StatusOpen, "12/01/2026"},
		{"yearly before the plan's year", plan.Facts{DeadlineKind: "yearly", DueDay: 15, DueMonth: 6, PlanYear: 2027}, d(2026, 8, 1), plan.StatusOpen, "15/06/2027"},
		{"yearly on a Sunday moves to Monday", plan.Facts{DeadlineKind: "yearly", DueDay: 14, DueMonth: 6, PlanYear: 2026}, d(2026, 6, 15), plan.StatusOpen, "15/06/2026"},
		{"yearly due on a Sunday, done the Monday after: on time", plan.Facts{DeadlineKind: "yearly", DueDay: 15, DueMonth: 11, PlanYear: 2026, CompletedOn: day(2026, 11, 16)}, d(2027, 1, 5), plan.StatusDoneOnTime, "16/11/2026"},
		{"yearly extended this year", plan.Facts{DeadlineKind: "yearly", DueDay: 15, DueMonth: 6, PlanYear: 2026, DueOn: day(2026, 6, 30)}, d(2026, 6, 20), plan.StatusOpen, "30/06/2026"},
		{"extension moves the due day", plan.Facts{DeadlineKind: "date", DueOn: day(2026, 7, 31)}, d(2026, 7, 20), plan.StatusOpen, "31/07/2026"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := plan.StatusOf(c.f, c.today, cal); got != c.want {
				t.Errorf("StatusOf = %s, want %s", got, c.want)
			}
			due, ok := plan.DueDate(c.f, c.today, cal)
			got := ""
			if ok {
				got = due.String()
			}
			if got != c.due {
				t.Errorf("DueDate = %q, want %q", got, c.due)
			}
		})
	}
}

func TestWorst(t *testing.T) {
	for _, c := range []struct {
		in   []plan.Status
		want plan.Status
	}{
		{nil, ""},
		{[]plan.Status{plan.StatusDoneOnTime, plan.StatusDoneLate}, plan.StatusDoneLate},
		{[]plan.Status{plan.StatusDoneOnTime, plan.StatusOpen, plan.StatusOverdue}, plan.StatusOverdue},
		{[]plan.Status{plan.StatusContinuous, plan.StatusContinuous}, plan.StatusContinuous},
		{[]plan.Status{plan.StatusContinuous, plan.StatusDoneOnTime}, plan.StatusContinuous},
		{[]plan.Status{plan.StatusDoneLate, plan.StatusOpen}, plan.StatusOpen},
	} {
		if got := plan.Worst(c.in...); got != c.want {
			t.Errorf("Worst(%v) = %s, want %s", c.in, got, c.want)
		}
	}
	var n plan.Counts
	for _, s := range plan.Statuses {
		n.Add(s)
	}
	n.Add("bogus")
	n.AddN(plan.StatusOpen, 3)
	n.AddN("bogus", 2)
	if n.Total != 8 || n.Of(plan.StatusOverdue) != 1 || n.Of(plan.StatusOpen) != 4 {
		t.Errorf("counts %+v", n)
	}
}
