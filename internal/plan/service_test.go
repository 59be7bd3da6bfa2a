package plan_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

type fx struct {
	ctx     context.Context // province admin
	db      *ent.Client
	svc     *plan.Service
	store   *storage.Store
	v       *viewer.Viewer
	u       map[string]int
	other   context.Context // another province's admin
	foreign int             // a unit of the other province
}

func (f *fx) staff(units ...int) context.Context {
	v := *f.v
	v.Roles = []string{"unit_officer"}
	return viewer.NewContext(context.Background(), viewer.WithUnits(&v, units...))
}

func (f *fx) committee() context.Context {
	v := *f.v
	v.Roles = []string{"committee_member"}
	return viewer.NewContext(context.Background(), &v)
}

func setup(t *testing.T) *fx { return setupOn(t, testenv.Postgres(t).AppURL) }

func setupOn(t *testing.T, url string) *fx {
	t.Helper()
	d := testenv.OpenDB(t, url)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ov := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	st, err := storage.New(testenv.S3(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.NewContext(context.Background(), v)
	if err := st.EnsureBucket(ctx, v.TenantSlug); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.RemoveBucket(context.Background(), v.TenantSlug) })
	q := quota.New(d.Client, st)
	units := unit.New(d.Client, q)
	f := &fx{ctx: ctx, db: d.Client, store: st, v: v, u: map[string]int{}, other: viewer.NewContext(context.Background(), ov),
		svc: plan.New(d.Client, regime.New(d.Client), st, q)}
	from := calendar.NewDate(2025, 7, 1).UTC()
	root, err := units.Create(ctx, "QN", from, unit.Attrs{Name: "UBND tỉnh Quảng Ngãi", Type: "province"})
	if err != nil {
		t.Fatal(err)
	}
	f.u["QN"] = root.ID
	for _, c := range []struct{ code, name, typ string }{
		{"SNV", "Sở Nội vụ", "department"}, {"STC", "Sở Tài chính", "department"}, {"X-TA", "UBND xã Tịnh Ấn", "commune"},
	} {
		u, err := units.Create(ctx, c.code, from, unit.Attrs{Name: c.name, Type: c.typ, ParentID: &root.ID})
		if err != nil {
			t.Fatal(err)
		}
		f.u[c.code] = u.ID
	}
	fu, err := units.Create(f.other, "SNV", from, unit.Attrs{Name: "Sở Nội vụ Nghệ An", Type: "department"})
	if err != nil {
		t.Fatal(err)
	}
	f.foreign = fu.ID
	return f
}

func vnToday() time.Time { return calendar.Today().UTC() }

func ptr(t time.Time) *time.Time { return &t }

// issuedPlan makes an issued plan with one task led by SNV and STC, coordinated by X-TA (and
// STC, which stays lead only), due in due days.
func (f *fx) issuedPlan(t *testing.T, due int) (*ent.WorkPlan, *ent.Task) {
	t.Helper()
	p, err := f.svc.CreatePlan(f.ctx, plan.PlanInput{UnitID: f.u["QN"], Title: "Kế hoạch công tác dân vận chính quyền năm 2026",
		Kind: "ke_hoach", Year: 2026, Status: "issued"})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Number: "1", Content: "Tổ chức quán triệt Kế hoạch đến cán bộ, công chức.",
		DueOn: ptr(vnToday().AddDate(0, 0, due)), Shift: "none", Lead: []int{f.u["SNV"], f.u["STC"]}, Coordinating: []int{f.u["STC"], f.u["X-TA"]},
		RequiresPlan: true, PlanDue: ptr(vnToday().AddDate(0, 1, 0))})
	if err != nil {
		t.Fatal(err)
	}
	return p, tk
}

func (f *fx) assignment(t *testing.T, taskID, unitID int) *ent.TaskAssignment {
	t.Helper()
	a, err := f.db.TaskAssignment.Query().Where(taskassignment.TaskID(taskID), taskassignment.UnitID(unitID)).Only(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func fields(err error) map[string]string {
	if e, ok := apperr.As(err); ok {
		return e.Fields
	}
	return nil
}

func TestService_AddTask(t *testing.T) {
	f := setup(t)
	p, tk := f.issuedPlan(t, 10)
	as, err := f.db.TaskAssignment.Query().Where(taskassignment.TaskID(tk.ID)).All(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[int]string{}
	for _, a := range as {
		roles[a.UnitID] = string(a.Role)
		if a.DueOn == nil || !a.DueOn.Equal(*tk.DueOn) {
			t.Errorf("assignment of %d due %v, want the task's %v", a.UnitID, a.DueOn, tk.DueOn)
		}
	}
	if len(as) != 3 || roles[f.u["SNV"]] != "lead" || roles[f.u["STC"]] != "lead" || roles[f.u["X-TA"]] != "coordinate" {
		t.Errorf("assignments %v", roles)
	}
	obs, _ := f.svc.Obligations(f.ctx, p.ID)
	if len(obs) != 2 {
		t.Errorf("%d obligations, want one per lead unit", len(obs))
	}
	// A second task requiring a plan of SNV adds no second obligation.
	if _, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Xây dựng kế hoạch thực hiện.", DeadlineKind: "continuous",
		Lead: []int{f.u["SNV"]}, RequiresPlan: true}); err != nil {
		t.Fatal(err)
	}
	if obs, _ := f.svc.Obligations(f.ctx, p.ID); len(obs) != 2 {
		t.Errorf("%d obligations after a second task", len(obs))
	}

	count := func() int {
		n, _ := f.db.Task.Query().Count(f.ctx)
		m, _ := f.db.TaskAssignment.Query().Count(f.ctx)
		return n*1000 + m
	}
	before := count()
	for _, c := range []struct {
		name  string
		in    plan.TaskInput
		field string
		code  string
	}{
		{"another province's unit", plan.TaskInput{Content: "x", Lead: []int{f.u["SNV"], f.foreign}}, "lead_unit_ids", "unit_not_existing"},
		{"another province's coordinating unit", plan.TaskInput{Content: "x", Lead: []int{f.u["SNV"]}, Coordinating: []int{f.foreign}}, "coordinating_unit_ids", "unit_not_existing"},
		{"invalid UTF-8", plan.TaskInput{Content: "nhiệm vụ \xff"}, "content", "utf8"},
		{"control character", plan.TaskInput{Content: "a\x1bb"}, "content", "control"},
		{"content too long", plan.TaskInput{Content: strings.Repeat("ệ", plan.MaxContent+1)}, "content", "too_long"},
		{"number too long", plan.TaskInput{Number: strings.Repeat("1", 21), Content: "x"}, "number", "too_long"},
		{"empty content", plan.TaskInput{Content: "  "}, "content", "required"},
		{"date without a day", plan.TaskInput{Content: "x", DeadlineKind: "date"}, "due_on", "required"},
		{"yearly 30/02", plan.TaskInput{Content: "x", DeadlineKind: "yearly", DueDay: 30, DueMonth: 2}, "due_day", "invalid"},
		{"yearly month 13", plan.TaskInput{Content: "x", DeadlineKind: "yearly", DueDay: 1, DueMonth: 13}, "due_month", "invalid"},
		{"continuous with a day", plan.TaskInput{Content: "x", DeadlineKind: "continuous", DueOn: ptr(vnToday())}, "due_on", "deadline_mismatch"},
		{"unknown kind", plan.TaskInput{Content: "x", DeadlineKind: "sometimes"}, "deadline_kind", "invalid"},
		{"unknown shift", plan.TaskInput{Content: "x", Shift: "sideways"}, "shift", "invalid"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.AddTask(f.ctx, p.ID, c.in)
			if got := fields(err); got[c.field] != c.code {
				t.Errorf("%v: fields %v, want %s: %s", err, got, c.field, c.code)
			}
		})
	}
	if count() != before {
		t.Error("a refused task wrote rows")
	}
	if _, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Hằng năm", DeadlineKind: "yearly", DueDay: 29, DueMonth: 2}); err != nil {
		t.Errorf("29/02 yearly: %v", err)
	}
	// Another province sees none of it.
	if _, err := f.svc.GetPlan(f.other, p.ID); !ent.IsNotFound(err) {
		t.Errorf("other province reads the plan: %v", err)
	}
	if _, err := f.svc.AddTask(f.other, p.ID, plan.TaskInput{Content: "x"}); !ent.IsNotFound(err) {
		t.Errorf("other province adds a task: %v", err)
	}
	// A plan of another province's unit.
	if _, err := f.svc.CreatePlan(f.ctx, plan.PlanInput{UnitID: f.foreign, Title: "x", Year: 2026}); fields(err)["unit_id"] != "unit_not_existing" {
		t.Errorf("plan of a foreign unit: %v", err)
	}
	for _, c := range []struct {
		in    plan.PlanInput
		field string
	}{
		{plan.PlanInput{UnitID: f.u["QN"], Title: "", Year: 2026}, "title"},
		{plan.PlanInput{UnitID: f.u["QN"], Title: strings.Repeat("a", 501), Year: 2026}, "title"},
		{plan.PlanInput{UnitID: f.u["QN"], Title: "x", Year: 0}, "year"},
		{plan.PlanInput{UnitID: f.u["QN"], Title: "x", Year: 2026, Kind: "nghi_quyet"}, "kind"},
		{plan.PlanInput{UnitID: f.u["QN"], Title: "x", Year: 2026, Status: "done"}, "status"},
	} {
		if _, err := f.svc.CreatePlan(f.ctx, c.in); fields(err)[c.field] == "" {
			t.Errorf("%+v: %v, want a problem with %s", c.in, err, c.field)
		}
	}
}

func TestService_UpdatePlanAndTask(t *testing.T) {
	f := setup(t)
	p, err := f.svc.CreatePlan(f.ctx, plan.PlanInput{UnitID: f.u["QN"], Title: "Dự thảo", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != "draft" || p.IssuedOn != nil {
		t.Errorf("new plan %s %v", p.Status, p.IssuedOn)
	}
	tk, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Nhiệm vụ", DueOn: ptr(vnToday()), Lead: []int{f.u["SNV"]}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.UpdatePlan(f.ctx, p.ID, plan.PlanInput{Title: "Kế hoạch", Year: 2026, Status: "closed"}); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("draft → closed: %v", err)
	}
	// A draft's task can go.
	if err := f.svc.DeleteTask(f.ctx, tk.ID); err != nil {
		t.Fatal(err)
	}
	tk, _ = f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Nhiệm vụ", DueOn: ptr(vnToday()), Lead: []int{f.u["SNV"]}})
	p, err = f.svc.UpdatePlan(f.ctx, p.ID, plan.PlanInput{Title: "Kế hoạch", Year: 2026, Status: "issued"})
	if err != nil || p.IssuedOn == nil {
		t.Fatalf("issue: %v %v", err, p)
	}
	if err := f.svc.DeleteTask(f.ctx, tk.ID); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("delete an issued plan's task: %v", err)
	}
	// Units change: STC added as lead, X-TA coordinating; SNV reports, then cannot be removed.
	newDue := vnToday().AddDate(0, 0, 7)
	if _, err := f.svc.UpdateTask(f.ctx, tk.ID, plan.TaskInput{Content: "Nhiệm vụ đã sửa", DueOn: &newDue,
		Lead: []int{f.u["SNV"], f.u["STC"]}, Coordinating: []int{f.u["X-TA"]}}); err != nil {
		t.Fatal(err)
	}
	snv := f.assignment(t, tk.ID, f.u["SNV"])
	if !snv.DueOn.Equal(newDue) {
		t.Errorf("SNV's due %v, want the task's new %v", snv.DueOn, newDue)
	}
	if _, err := f.svc.Report(f.staff(f.u["SNV"]), snv.ID, plan.ProgressInput{Percent: 30, Narrative: "Đã triển khai"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.UpdateTask(f.ctx, tk.ID, plan.TaskInput{Content: "Nhiệm vụ", DueOn: &newDue, Lead: []int{f.u["STC"]}})
	if apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("removing a unit that reported: %v", err)
	}
	if n, _ := f.db.TaskAssignment.Query().Where(taskassignment.TaskID(tk.ID)).Count(f.ctx); n != 3 {
		t.Errorf("%d assignments after a refused change", n)
	}
	// X-TA never reported: removing it works.
	if _, err := f.svc.UpdateTask(f.ctx, tk.ID, plan.TaskInput{Content: "Nhiệm vụ", DueOn: &newDue, Lead: []int{f.u["SNV"], f.u["STC"]}}); err != nil {
		t.Errorf("removing X-TA: %v", err)
	}
}

func pdf() []byte { return []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }

func TestService_Report(t *testing.T) {
	f := setup(t)
	_, tk := f.issuedPlan(t, 10)
	snv, stc := f.assignment(t, tk.ID, f.u["SNV"]), f.assignment(t, tk.ID, f.u["STC"])
	officer := f.staff(f.u["SNV"])
	_, err := f.svc.Report(officer, snv.ID, plan.ProgressInput{Percent: 50, Narrative: "Đã tổ chức hội nghị quán triệt.",
		Files: []plan.FileInput{{Name: `C:\Tài liệu\Biên bản.pdf`, Size: int64(len(pdf())), R: bytes.NewReader(pdf())}}})
	if err != nil {
		t.Fatal(err)
	}
	av, err := f.svc.Assignment(officer, snv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if av.Assignment.Percent != 50 || av.Assignment.LastReportedOn == nil || len(av.Progress) != 1 || len(av.Progress[0].Files) != 1 {
		t.Fatalf("after the report: %+v", av)
	}
	ef := av.Progress[0].Files[0]
	if ef.Name != "Biên bản.pdf" || ef.ContentType != "application/pdf" || strings.Contains(ef.ObjectKey, "Bi") {
		t.Errorf("evidence %q %q key %q", ef.Name, ef.ContentType, ef.ObjectKey)
	}
	_, r, err := f.svc.Evidence(officer, ef.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	r.Close()
	if !bytes.Equal(got, pdf()) {
		t.Error("evidence content differs")
	}
	// STC's officer sees none of SNV's.
	other := f.staff(f.u["STC"])
	if _, err := f.svc.Report(other, snv.ID, plan.ProgressInput{Percent: 10}); !ent.IsNotFound(err) {
		t.Errorf("STC reports on SNV's: %v", err)
	}
	if _, err := f.svc.Assignment(other, snv.ID); !ent.IsNotFound(err) {
		t.Errorf("STC reads SNV's: %v", err)
	}
	if _, _, err := f.svc.Evidence(other, ef.ID); !ent.IsNotFound(err) {
		t.Errorf("STC downloads SNV's evidence: %v", err)
	}
	if _, err := f.svc.RequestExtension(other, snv.ID, plan.ExtensionInput{NewDue: vnToday().AddDate(0, 1, 0), Reason: "x"}); !ent.IsNotFound(err) {
		t.Errorf("STC asks an extension of SNV's: %v", err)
	}
	// The coordinating commune sees the task, not the leads' assignments.
	xta := f.staff(f.u["X-TA"])
	if td, err := f.svc.Task(xta, tk.ID); err != nil || len(td.Assignments) != 1 {
		t.Errorf("coordinating unit reads the task: %v %v", err, td)
	}
	// A committee member reads but does not report.
	if _, err := f.svc.Assignment(f.committee(), snv.ID); err != nil {
		t.Errorf("committee member reads: %v", err)
	}
	if _, err := f.svc.Report(f.committee(), snv.ID, plan.ProgressInput{Percent: 10}); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("committee member reports: %v", err)
	}
	// Bad input: nothing written, nothing stored.
	progress := func() int { n, _ := f.db.TaskProgress.Query().Count(f.ctx); return n }
	before := progress()
	for _, c := range []struct {
		name  string
		in    plan.ProgressInput
		field string
	}{
		{"percent over 100", plan.ProgressInput{Percent: 101}, "percent"},
		{"negative percent", plan.ProgressInput{Percent: -1}, "percent"},
		{"control character", plan.ProgressInput{Narrative: "a\x00b"}, "narrative"},
		{"future day", plan.ProgressInput{ReportedOn: vnToday().AddDate(0, 0, 3)}, "reported_on"},
		{"a PDF that is not one", plan.ProgressInput{Files: []plan.FileInput{{Name: "a.pdf", Size: 5, R: strings.NewReader("hello")}}}, "files"},
		{"an executable", plan.ProgressInput{Files: []plan.FileInput{{Name: "a.exe", Size: 5, R: strings.NewReader("MZ...")}}}, "files"},
		{"an empty file", plan.ProgressInput{Files: []plan.FileInput{{Name: "a.pdf", R: strings.NewReader("")}}}, "files"},
		{"a good file then a bad one", plan.ProgressInput{Files: []plan.FileInput{{Name: "a.pdf", R: bytes.NewReader(pdf())}, {Name: "b.png", R: strings.NewReader("GIF89a")}}}, "files"},
		{"too large", plan.ProgressInput{Files: []plan.FileInput{{Name: "a.pdf", Size: plan.MaxEvidenceFile + 1, R: bytes.NewReader(pdf())}}}, "files"},
	} {
		if _, err := f.svc.Report(officer, snv.ID, c.in); fields(err)[c.field] == "" {
			t.Errorf("%s: %v, want a problem with %s", c.name, err, c.field)
		}
	}
	if progress() != before {
		t.Error("a refused report wrote rows")
	}
	// STC completes on time; SNV's completion a day late cannot be back-dated into the future.
	if _, err := f.svc.Report(other, stc.ID, plan.ProgressInput{Percent: 40, Completes: true, Narrative: "Hoàn thành"}); err != nil {
		t.Fatal(err)
	}
	stcv, _ := f.svc.Assignment(other, stc.ID)
	if stcv.Status != plan.StatusDoneOnTime || stcv.Assignment.Percent != 100 || stcv.Assignment.CompletedOn == nil {
		t.Errorf("STC after completing: %s %d%%", stcv.Status, stcv.Assignment.Percent)
	}
	if _, err := f.svc.Report(other, stc.ID, plan.ProgressInput{Percent: 100}); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("report after completion: %v", err)
	}
	if err := f.svc.Reopen(other, stc.ID); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("unit staff reopen: %v", err)
	}
	if err := f.svc.Reopen(f.ctx, stc.ID); err != nil {
		t.Fatal(err)
	}
	if stcv, _ = f.svc.Assignment(other, stc.ID); stcv.Status != plan.StatusOpen {
		t.Errorf("STC after reopening: %s", stcv.Status)
	}
}

func TestService_Extension(t *testing.T) {
	for name, url := range map[string]func(*testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) }, // the embedded mode's roll-up query
	} {
		t.Run(name, func(t *testing.T) { testExtension(t, setupOn(t, url(t))) })
	}
}

func testExtension(t *testing.T, f *fx) {
	p, tk := f.issuedPlan(t, -3)
	snv := f.assignment(t, tk.ID, f.u["SNV"])
	officer := f.staff(f.u["SNV"])
	if av, _ := f.svc.Assignment(officer, snv.ID); av.Status != plan.StatusOverdue {
		t.Fatalf("due 3 days ago: %s", av.Status)
	}
	if _, err := f.svc.RequestExtension(officer, snv.ID, plan.ExtensionInput{NewDue: vnToday().AddDate(0, 0, 10)}); fields(err)["reason"] != "required" {
		t.Errorf("no reason: %v", err)
	}
	if _, err := f.svc.RequestExtension(officer, snv.ID, plan.ExtensionInput{NewDue: vnToday().AddDate(0, 0, -5), Reason: "Chờ hướng dẫn"}); fields(err)["new_due"] != "date_order" {
		t.Errorf("earlier day: %v", err)
	}
	newDue := vnToday().AddDate(0, 0, 10)
	x, err := f.svc.RequestExtension(officer, snv.ID, plan.ExtensionInput{NewDue: newDue, Reason: "Chờ hướng dẫn của Bộ Nội vụ"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RequestExtension(officer, snv.ID, plan.ExtensionInput{NewDue: newDue.AddDate(0, 0, 1), Reason: "Lần hai"}); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("second pending request: %v", err)
	}
	if _, err := f.svc.DecideExtension(officer, x.ID, true, ""); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("unit staff approve: %v", err)
	}
	if _, err := f.svc.DecideExtension(f.ctx, x.ID, true, "Đồng ý"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DecideExtension(f.ctx, x.ID, false, ""); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("deciding twice: %v", err)
	}
	av, _ := f.svc.Assignment(officer, snv.ID)
	if av.Status != plan.StatusOpen || !av.Assignment.DueOn.Equal(newDue) || len(av.Extensions) != 1 || av.Extensions[0].Status != "approved" {
		t.Errorf("after approval: %s due %v, %d extensions", av.Status, av.Assignment.DueOn, len(av.Extensions))
	}
	// A rejected request keeps the due day; the history keeps both.
	y, err := f.svc.RequestExtension(officer, snv.ID, plan.ExtensionInput{NewDue: newDue.AddDate(0, 0, 5), Reason: "Thêm thời gian"})
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.svc.Extensions(f.ctx, "requested"); len(rows) != 1 || rows[0].UnitName != "Sở Nội vụ" {
		t.Errorf("pending list %+v", rows)
	}
	if _, err := f.svc.DecideExtension(f.ctx, y.ID, false, "Không đủ lý do"); err != nil {
		t.Fatal(err)
	}
	av, _ = f.svc.Assignment(officer, snv.ID)
	if !av.Assignment.DueOn.Equal(newDue) || len(av.Extensions) != 2 {
		t.Errorf("after rejection: due %v, %d extensions", av.Assignment.DueOn, len(av.Extensions))
	}
	// Roll-ups: SNV open (extended), STC overdue; the board and the province chart agree.
	b, err := f.svc.Board(f.ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tasks) != 1 || b.Tasks[0].Status != plan.StatusOverdue || b.Counts.Open != 1 || b.Counts.Overdue != 1 || len(b.Units) != 2 ||
		len(b.Tasks[0].Coordinating) != 1 {
		t.Errorf("board %+v", b)
	}
	c, err := f.svc.Rollup(f.ctx, plan.RollupFilter{})
	if err != nil || c.Open != 1 || c.Overdue != 1 || c.Total != 2 {
		t.Errorf("rollup %+v %v", c, err)
	}
	if c, _ := f.svc.Rollup(f.ctx, plan.RollupFilter{UnitIDs: []int{f.u["STC"]}}); c.Total != 1 || c.Overdue != 1 {
		t.Errorf("STC's rollup %+v", c)
	}
	if c, _ := f.svc.Rollup(officer, plan.RollupFilter{}); c.Total != 1 || c.Open != 1 {
		t.Errorf("SNV staff's rollup %+v (the wall)", c)
	}
	if c, _ := f.svc.Rollup(f.other, plan.RollupFilter{}); c.Total != 0 {
		t.Errorf("another province's rollup %+v", c)
	}
	ps, err := f.svc.ListPlans(f.ctx, plan.ListFilter{Year: 2026})
	if err != nil || len(ps) != 1 || ps[0].Counts.Total != 2 || ps[0].Tasks != 1 {
		t.Errorf("list %+v %v", ps, err)
	}
	if ps, _ := f.svc.ListPlans(f.ctx, plan.ListFilter{Year: 2025}); len(ps) != 0 {
		t.Errorf("2025: %d plans", len(ps))
	}
	if ps, _ := f.svc.ListPlans(officer, plan.ListFilter{Mine: true}); len(ps) != 1 {
		t.Errorf("officer's plans: %d", len(ps))
	}
	if ps, _ := f.svc.ListPlans(f.staff(), plan.ListFilter{}); len(ps) != 0 {
		t.Errorf("staff without a unit see %d plans", len(ps))
	}
	ua, err := f.svc.UnitAssignments(officer, []int{f.u["SNV"]})
	if err != nil || len(ua) != 1 || ua[0].Task.ID != tk.ID {
		t.Errorf("SNV's assignments %v %v", ua, err)
	}
}

// TestService_RollupGroups: roll-ups count assignments that share their status facts (the
// database hands them over grouped) once each, per plan, task and unit.
func TestService_RollupGroups(t *testing.T) {
	f := setup(t)
	p, _ := f.issuedPlan(t, -3) // SNV and STC, both overdue on the same day
	leads := []int{f.u["SNV"], f.u["STC"], f.u["X-TA"]}
	if _, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Number: "2", Content: "Công khai thủ tục hành chính tại bộ phận một cửa.",
		DueOn: ptr(vnToday().AddDate(0, 0, 10)), Shift: "none", Lead: leads}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Number: "3", Content: "Duy trì tiếp công dân định kỳ.",
		DeadlineKind: "continuous", Lead: leads}); err != nil {
		t.Fatal(err)
	}
	want := plan.Counts{Overdue: 2, Open: 3, Continuous: 3, Total: 8}
	if c, err := f.svc.Rollup(f.ctx, plan.RollupFilter{PlanID: p.ID}); err != nil || c != want {
		t.Errorf("plan rollup %+v %v, want %+v", c, err, want)
	}
	if c, _ := f.svc.Rollup(f.ctx, plan.RollupFilter{UnitIDs: leads[:2]}); c != (plan.Counts{Overdue: 2, Open: 2, Continuous: 2, Total: 6}) {
		t.Errorf("SNV and STC's rollup %+v", c)
	}
	if c, _ := f.svc.Rollup(f.staff(f.u["X-TA"]), plan.RollupFilter{}); c != (plan.Counts{Open: 1, Continuous: 1, Total: 2}) {
		t.Errorf("X-TA staff's rollup %+v (the wall)", c)
	}
	ps, err := f.svc.ListPlans(f.ctx, plan.ListFilter{})
	if err != nil || len(ps) != 1 || ps[0].Tasks != 3 || ps[0].Counts != want {
		t.Errorf("list %+v %v", ps, err)
	}
	if ps, _ := f.svc.ListPlans(f.ctx, plan.ListFilter{UnitID: f.u["X-TA"]}); len(ps) != 1 || ps[0].Tasks != 2 || ps[0].Counts.Total != 2 {
		t.Errorf("X-TA's list %+v", ps)
	}
}
