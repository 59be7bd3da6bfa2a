package report_test

import (
	"slices"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/report"
)

// smallPeriod saves the short template and opens H1 2025 with it.
func (f *fx) smallPeriod(t *testing.T) *ent.ReportPeriod {
	t.Helper()
	if _, err := f.svc.SaveTemplate(f.ctx, f.regime.ID, smallTemplate()); err != nil {
		t.Fatal(err)
	}
	return f.open(t, f.regime.ID, "2025-H1")
}

func valid(text string) schematype.ReportContent {
	return schematype.ReportContent{Texts: map[string]string{"results": text}, Values: map[string]string{"sessions": "12", "online_rate": "87,5"}}
}

func (f *fx) events(t *testing.T, reportID int, kind unitreportevent.Kind) []*ent.UnitReportEvent {
	t.Helper()
	evs, err := f.db.UnitReportEvent.Query().Where(unitreportevent.ReportID(reportID), unitreportevent.KindEQ(kind)).
		Order(ent.Asc(unitreportevent.FieldID)).All(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestWorkflow_SubmitReturnResubmitAccept(t *testing.T) {
	f := setup(t)
	p := f.smallPeriod(t)
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 10, 3, 0, 0, 0, time.UTC) })
	id := f.reportOf(t, p.ID, "A").ID
	officer, leader := f.staff("unit_officer", f.u["A"]), f.staff("unit_leader", f.u["A"])

	// A draft without the required section.
	r, err := f.svc.Save(officer, id, schematype.ReportContent{Values: map[string]string{"sessions": "12"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != unitreport.StatusDraft || r.EditedBy == nil || *r.EditedBy != f.v.UserID {
		t.Errorf("after save: status %s edited by %v", r.Status, r.EditedBy)
	}
	_, err = f.svc.Submit(leader, id)
	if fs := fields(t, err); fs["texts.results"] != "required" || len(fs) != 1 {
		t.Errorf("submit without the required section: %v", fs)
	}

	// Values of the wrong type or out of bounds, each named.
	for _, c := range []struct {
		code, value, reason string
	}{
		{"sessions", "mười hai", "integer"},
		{"sessions", "12.5", "integer"},
		{"sessions", "-1", "below_min"},
		{"sessions", "5001", "above_max"},
		{"sessions", "", "required"},
		{"online_rate", "101", "above_max"},
		{"online_rate", "101%", "above_max"},
		{"online_rate", "nhiều", "number"},
	} {
		in := valid("Đã tổ chức quán triệt.")
		in.Values[c.code] = c.value
		if _, err := f.svc.Save(officer, id, in); err != nil {
			t.Fatalf("save %s=%q: %v", c.code, c.value, err)
		}
		_, err := f.svc.Submit(leader, id)
		if got := fields(t, err)["values."+c.code]; got != c.reason {
			t.Errorf("submit %s=%q: field values.%s = %q, want %q", c.code, c.value, c.code, got, c.reason)
		}
	}
	if r, _ := f.svc.ReportOf(f.ctx, p.ID, f.u["A"]); r.Status != unitreport.StatusDraft || r.Version != 0 || r.SubmittedAt != nil {
		t.Fatalf("refused submissions changed the report: %s v%d", r.Status, r.Version)
	}
	if n := len(f.events(t, id, unitreportevent.KindSubmitted)); n != 0 {
		t.Fatalf("%d submitted events after refusals", n)
	}

	// Unknown keys are refused on save.
	_, err = f.svc.Save(officer, id, schematype.ReportContent{Texts: map[string]string{"nope": "x"}, Values: map[string]string{"nada": "1"}})
	if fs := fields(t, err); fs["texts.nope"] != "unknown_section" || fs["values.nada"] != "unknown_indicator" {
		t.Errorf("unknown keys: %v", fs)
	}

	// "1.234" is an integer with grouped thousands.
	v1 := valid("Lần một: đã tổ chức 12 buổi.")
	v1.Values["sessions"] = "1.234"
	if _, err := f.svc.Save(officer, id, v1); err != nil {
		t.Fatal(err)
	}
	r, err = f.svc.Submit(leader, id)
	if err != nil {
		t.Fatalf("valid submit: %v", err)
	}
	if r.Status != unitreport.StatusSubmitted || r.Version != 1 || r.SubmittedAt == nil || r.FirstSubmittedAt == nil || r.Late {
		t.Errorf("after submit: %s v%d submitted %v late %v", r.Status, r.Version, r.SubmittedAt, r.Late)
	}
	if r.Content.Values["sessions"] != "1.234" {
		t.Errorf("value kept as typed: %q", r.Content.Values["sessions"])
	}

	// Return needs a note.
	_, err = f.svc.Return(f.ctx, id, "  ")
	if fields(t, err)["note"] != "required" {
		t.Errorf("return without note: %v", err)
	}
	r, err = f.svc.Return(f.ctx, id, "Bổ sung số liệu tiếp công dân.")
	if err != nil || r.Status != unitreport.StatusReturned || r.ReviewNote != "Bổ sung số liệu tiếp công dân." || r.ReviewedBy == nil {
		t.Fatalf("return: %+v, %v", r, err)
	}
	// Returned reports can't be accepted or returned again.
	_, err = f.svc.Accept(f.ctx, id, "")
	wantKind(t, err, apperr.KindConflict, "report_status")

	// The unit edits and sends again.
	if _, err := f.svc.Save(officer, id, valid("Lần hai: đã bổ sung.")); err != nil {
		t.Fatalf("save after return: %v", err)
	}
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 11, 3, 0, 0, 0, time.UTC) })
	r, err = f.svc.Submit(leader, id)
	if err != nil || r.Status != unitreport.StatusSubmitted || r.Version != 2 {
		t.Fatalf("resubmit: %+v, %v", r, err)
	}
	if r.ReviewedAt != nil || r.ReviewedBy != nil {
		t.Errorf("resubmission keeps the old review: %v %v", r.ReviewedAt, r.ReviewedBy)
	}
	if !r.SubmittedAt.Equal(time.Date(2025, 6, 11, 3, 0, 0, 0, time.UTC)) || !r.FirstSubmittedAt.Equal(time.Date(2025, 6, 10, 3, 0, 0, 0, time.UTC)) {
		t.Errorf("submitted %v first %v", r.SubmittedAt, r.FirstSubmittedAt)
	}

	view, err := f.svc.Report(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	vs := report.Versions(view)
	if len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
		t.Fatalf("versions: %d", len(vs))
	}
	if vs[0].Content.Texts["results"] != "Lần một: đã tổ chức 12 buổi." || vs[0].Content.Values["sessions"] != "1.234" ||
		vs[1].Content.Texts["results"] != "Lần hai: đã bổ sung." || vs[1].Content.Values["sessions"] != "12" {
		t.Errorf("version snapshots: %+v / %+v", vs[0].Content, vs[1].Content)
	}
	if vs[0].ActorID == nil || *vs[0].ActorID != f.v.UserID || vs[0].UnitID != f.u["A"] {
		t.Errorf("event actor %v unit %d", vs[0].ActorID, vs[0].UnitID)
	}
	kinds := []unitreportevent.Kind{}
	for _, e := range view.Events {
		kinds = append(kinds, e.Kind)
	}
	if want := []unitreportevent.Kind{"submitted", "returned", "submitted"}; !slices.Equal(kinds, want) {
		t.Errorf("timeline %v, want %v", kinds, want)
	}

	// Accepted: read-only.
	r, err = f.svc.Accept(f.ctx, id, "")
	if err != nil || r.Status != unitreport.StatusAccepted {
		t.Fatalf("accept: %v", err)
	}
	_, err = f.svc.Save(officer, id, valid("Sửa sau khi đã duyệt"))
	wantKind(t, err, apperr.KindConflict, "report_locked")
	_, err = f.svc.Submit(leader, id)
	wantKind(t, err, apperr.KindConflict, "report_locked")
	if r, _ := f.svc.ReportOf(f.ctx, p.ID, f.u["A"]); r.Content.Texts["results"] != "Lần hai: đã bổ sung." {
		t.Errorf("accepted content changed: %q", r.Content.Texts["results"])
	}

	// Reopen needs a reason, then the unit may edit again.
	_, err = f.svc.Reopen(f.ctx, id, "")
	if fields(t, err)["note"] != "required" {
		t.Errorf("reopen without reason: %v", err)
	}
	r, err = f.svc.Reopen(f.ctx, id, "Sai số liệu tỷ lệ trực tuyến")
	if err != nil || r.Status != unitreport.StatusReturned {
		t.Fatalf("reopen: %v", err)
	}
	if evs := f.events(t, id, unitreportevent.KindReopened); len(evs) != 1 || evs[0].Note != "Sai số liệu tỷ lệ trực tuyến" {
		t.Errorf("reopened events: %v", evs)
	}
	if _, err := f.svc.Save(officer, id, valid("Lần ba")); err != nil {
		t.Errorf("save after reopen: %v", err)
	}
	// Reopening a report that is not accepted is refused.
	_, err = f.svc.Reopen(f.ctx, id, "lại")
	wantKind(t, err, apperr.KindConflict, "report_status")
}

func TestExcuseAndUrge(t *testing.T) {
	f := setup(t)
	p := f.smallPeriod(t)
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 10, 3, 0, 0, 0, time.UTC) })
	a, b, d, e := f.reportOf(t, p.ID, "A").ID, f.reportOf(t, p.ID, "B").ID, f.reportOf(t, p.ID, "D").ID, f.reportOf(t, p.ID, "E").ID
	snv, stp := f.reportOf(t, p.ID, "SNV").ID, f.reportOf(t, p.ID, "STP").ID

	if _, err := f.svc.Save(f.ctx, a, valid("Đã gửi")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(f.ctx, a); err != nil {
		t.Fatal(err)
	}
	// A submitted report can't be excused.
	_, err := f.svc.Excuse(f.ctx, a, true, "Đã giải thể")
	wantKind(t, err, apperr.KindConflict, "report_status")
	// A reason is required.
	_, err = f.svc.Excuse(f.ctx, d, true, " ")
	if fields(t, err)["reason"] != "required" {
		t.Errorf("excuse without reason: %v", err)
	}
	r, err := f.svc.Excuse(f.ctx, d, true, "Xã giải thể ngày 10/3/2025")
	if err != nil || !r.Excused || r.ExcuseReason != "Xã giải thể ngày 10/3/2025" {
		t.Fatalf("excuse D: %+v, %v", r, err)
	}
	if evs := f.events(t, d, unitreportevent.KindExcused); len(evs) != 1 || evs[0].Note != "Xã giải thể ngày 10/3/2025" {
		t.Errorf("excused events %v", evs)
	}
	// Excusing twice changes nothing; an excused report can't be submitted.
	if _, err := f.svc.Excuse(f.ctx, d, true, "lần nữa"); err != nil {
		t.Fatal(err)
	}
	if n := len(f.events(t, d, unitreportevent.KindExcused)); n != 1 {
		t.Errorf("%d excused events after excusing twice", n)
	}
	if _, err := f.svc.Save(f.ctx, d, valid("x")); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Submit(f.ctx, d)
	wantKind(t, err, apperr.KindConflict, "report_excused")

	// B returned, SNV a draft, E and STP not started: urged. A (submitted) and D (excused): not.
	if _, err := f.svc.Save(f.ctx, b, valid("B")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(f.ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Return(f.ctx, b, "Thiếu kiến nghị"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Save(f.ctx, snv, schematype.ReportContent{Texts: map[string]string{"results": "nháp"}}); err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.Urge(f.ctx, p.ID, nil, "Đề nghị gửi báo cáo trước 13/6")
	if err != nil || n != 4 {
		t.Fatalf("urge all: %d, %v; want 4", n, err)
	}
	// Only those among ids; submitted ones in ids are skipped.
	n, err = f.svc.Urge(f.ctx, p.ID, []int{e, a, d}, "")
	if err != nil || n != 1 {
		t.Fatalf("urge [E A D]: %d, %v; want 1", n, err)
	}
	want := map[int]int{a: 0, b: 1, d: 0, e: 2, snv: 1, stp: 1}
	for id, count := range want {
		r, err := f.db.UnitReport.Get(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.UrgeCount != count || (count > 0) != (r.LastUrgedAt != nil) {
			t.Errorf("report %d (%s): urged %d times (last %v), want %d", id, r.UnitName, r.UrgeCount, r.LastUrgedAt, count)
		}
		if evs := f.events(t, id, unitreportevent.KindUrged); len(evs) != count {
			t.Errorf("report %d: %d urged events, want %d", id, len(evs), count)
		} else if count > 0 && evs[0].Note != "Đề nghị gửi báo cáo trước 13/6" {
			t.Errorf("urge note %q", evs[0].Note)
		}
	}
	// Unexcuse puts D back (and it is then urged).
	if r, err := f.svc.Excuse(f.ctx, d, false, ""); err != nil || r.Excused || r.ExcuseReason != "" {
		t.Fatalf("unexcuse: %+v, %v", r, err)
	}
	if n, err := f.svc.Urge(f.ctx, p.ID, []int{d}, ""); err != nil || n != 1 {
		t.Errorf("urge D after unexcuse: %d, %v", n, err)
	}
}

// Late means submitted after the due day ended in Vietnam (UTC+7).
func TestSubmit_LateBoundaryAtMidnightInVietnam(t *testing.T) {
	f := setup(t)
	p := f.smallPeriod(t)
	if !p.DueOn.Equal(date(2025, 6, 13)) {
		t.Fatalf("due on %v, want 2025-06-13", p.DueOn)
	}
	vn := calendar.Location()
	submitAt := func(code string, at time.Time) *ent.UnitReport {
		t.Helper()
		f.svc.SetClock(func() time.Time { return at })
		id := f.reportOf(t, p.ID, code).ID
		if _, err := f.svc.Save(f.ctx, id, valid("Báo cáo của "+code)); err != nil {
			t.Fatal(err)
		}
		r, err := f.svc.Submit(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	onTime := submitAt("A", time.Date(2025, 6, 13, 23, 59, 59, 0, vn))
	if onTime.Late {
		t.Errorf("submitted 23:59:59 on the due day (VN) is late")
	}
	if !onTime.SubmittedAt.Equal(time.Date(2025, 6, 13, 16, 59, 59, 0, time.UTC)) {
		t.Errorf("submitted at %v", onTime.SubmittedAt)
	}
	late := submitAt("B", time.Date(2025, 6, 14, 0, 0, 0, 0, vn))
	if !late.Late {
		t.Errorf("submitted 00:00:00 the day after (VN) = 17:00 UTC on the due day is not late")
	}

	// Returned and resubmitted: the first submission's lateness stays.
	for _, id := range []int{onTime.ID, late.ID} {
		if _, err := f.svc.Return(f.ctx, id, "Bổ sung"); err != nil {
			t.Fatal(err)
		}
	}
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 20, 9, 0, 0, 0, vn) })
	r, err := f.svc.Submit(f.ctx, onTime.ID)
	if err != nil || r.Late || !r.FirstSubmittedAt.Equal(*onTime.FirstSubmittedAt) {
		t.Errorf("on-time report resubmitted late: late %v first %v, %v", r.Late, r.FirstSubmittedAt, err)
	}
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 1, 9, 0, 0, 0, vn) }) // (a clock going back can't clear it)
	r, err = f.svc.Submit(f.ctx, late.ID)
	if err != nil || !r.Late {
		t.Errorf("late report resubmitted: late %v, %v", r.Late, err)
	}
}

func TestLateAfterAndIsLate(t *testing.T) {
	due := date(2025, 6, 13) // stored civil date: midnight UTC
	want := time.Date(2025, 6, 13, 17, 0, 0, 0, time.UTC)
	if got := report.LateAfter(due); !got.Equal(want) {
		t.Errorf("LateAfter = %v, want %v", got, want)
	}
	for _, c := range []struct {
		at   time.Time
		late bool
	}{
		{time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2025, 6, 13, 16, 59, 59, 999_999_999, time.UTC), false},
		{time.Date(2025, 6, 13, 17, 0, 0, 0, time.UTC), true},
		{time.Date(2025, 6, 14, 0, 0, 0, 0, calendar.Location()), true},
		{time.Date(2025, 6, 13, 23, 59, 59, 0, calendar.Location()), false},
		{time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := report.IsLate(due, c.at); got != c.late {
			t.Errorf("IsLate(%v) = %v, want %v", c.at, got, c.late)
		}
	}
	// A stored due day read back in a zone west of UTC (the driver uses the process's zone) is
	// still that day.
	west := due.In(time.FixedZone("UTC-4", -4*3600))
	if got := report.LateAfter(west); !got.Equal(want) {
		t.Errorf("LateAfter(%v) = %v, want %v", west, got, want)
	}
	// End of month and year roll over.
	if got := report.LateAfter(date(2025, 12, 31)); !got.Equal(time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("LateAfter(31/12) = %v", got)
	}
}

func TestParseValue(t *testing.T) {
	for _, c := range []struct {
		typ, raw string
		want     float64
		ok       bool
	}{
		{"integer", "1.234", 1234, true},
		{"integer", "1 234", 1234, true},
		{"integer", "1,234", 1234, true},
		{"integer", " 42 ", 42, true},
		{"integer", "12a", 0, false},
		{"integer", "1.234.567", 1234567, true},
		{"integer", "-3", -3, true},
		{"integer", "12.5", 0, false},   // a decimal, not 125
		{"integer", "1,5", 0, false},    // not 15
		{"integer", "1.2345", 0, false}, // groups of three
		{"integer", "12 5", 0, false},
		{"integer", "1.234,567", 0, false},
		{"decimal", "3,5", 3.5, true},
		{"decimal", "3.5", 3.5, true},
		{"decimal", "NaN", 0, false},
		{"percent", "87,5%", 87.5, true},
		{"text", "1", 0, false},
	} {
		got, ok := report.ParseValue(c.typ, c.raw)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseValue(%s, %q) = %v, %v; want %v, %v", c.typ, c.raw, got, ok, c.want, c.ok)
		}
	}
}

// The unit wall and the province wall at the service.
func TestWalls(t *testing.T) {
	f := setup(t)
	p := f.smallPeriod(t)
	a, b := f.reportOf(t, p.ID, "A").ID, f.reportOf(t, p.ID, "B").ID
	for _, role := range []string{"unit_officer", "unit_leader"} {
		staff := f.staff(role, f.u["A"])
		if _, err := f.svc.Report(staff, a); err != nil {
			t.Errorf("%s of A reads A's report: %v", role, err)
		}
		_, err := f.svc.Report(staff, b)
		wantKind(t, err, apperr.KindNotFound, "not_found")
		_, err = f.svc.Save(staff, b, valid("chen ngang"))
		wantKind(t, err, apperr.KindNotFound, "not_found")
		_, err = f.svc.Submit(staff, b)
		wantKind(t, err, apperr.KindNotFound, "not_found")
		_, err = f.svc.ReportOf(staff, p.ID, f.u["B"])
		wantKind(t, err, apperr.KindNotFound, "not_found")
		mine, err := f.svc.MyReports(staff)
		if err != nil || len(mine) != 1 || mine[0].ID != a {
			t.Errorf("%s MyReports: %d, %v; want A's only", role, len(mine), err)
		}
	}
	if r, _ := f.svc.ReportOf(f.ctx, p.ID, f.u["B"]); r.Status != unitreport.StatusNotStarted || r.Version != 0 {
		t.Errorf("B's report changed through the wall: %s v%d", r.Status, r.Version)
	}

	// Another province sees none of it.
	_, err := f.svc.Period(f.other, p.ID)
	wantKind(t, err, apperr.KindNotFound, "not_found")
	for _, id := range []int{a, b} {
		_, err := f.svc.Report(f.other, id)
		wantKind(t, err, apperr.KindNotFound, "not_found")
		_, err = f.svc.Save(f.other, id, valid("x"))
		wantKind(t, err, apperr.KindNotFound, "not_found")
		_, err = f.svc.Accept(f.other, id, "")
		wantKind(t, err, apperr.KindNotFound, "not_found")
	}
	_, _, err = f.svc.Open(f.other, f.regime.ID, "2025-H2")
	wantKind(t, err, apperr.KindNotFound, "not_found")
	_, err = f.svc.Urge(f.other, p.ID, nil, "")
	wantKind(t, err, apperr.KindNotFound, "not_found")
	_, err = f.svc.RefreshExpected(f.other, p.ID)
	wantKind(t, err, apperr.KindNotFound, "not_found")
	if ps, err := f.svc.Periods(f.other, 0); err != nil || len(ps) != 0 {
		t.Errorf("other province lists %d periods, %v", len(ps), err)
	}
	_, err = f.svc.Template(f.other, f.regime.ID)
	wantKind(t, err, apperr.KindNotFound, "not_found")
}
