package draft_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

type fx struct {
	c        *ent.Client
	svc      *draft.Service
	ctx      context.Context // province A's admin
	other    context.Context // province B's admin
	ids      map[string]int  // unit code → id in A
	otherIDs map[string]int
}

var (
	from   = calendar.NewDate(2020, 1, 1).UTC()
	reform = calendar.NewDate(2025, 7, 1).UTC()
)

func setup(t *testing.T) *fx {
	t.Helper()
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	units := unit.New(d.Client, nil)
	regimes := regime.New(d.Client)
	docs := document.New(d.Client, nil, nil)
	plans := plan.New(d.Client, regimes, nil, nil)
	f := &fx{c: d.Client, svc: draft.New(d.Client, docs, plans, regimes, units), ids: map[string]int{}, otherIDs: map[string]int{}}
	a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	b := testenv.Province(t, d.Client, "tinh-b", "Tỉnh B")
	f.ctx, f.other = viewer.NewContext(context.Background(), a), viewer.NewContext(context.Background(), b)
	mk := func(ctx context.Context, into map[string]int, code, name, typ string, day time.Time) {
		t.Helper()
		u, err := units.Create(ctx, code, day, unit.Attrs{Name: name, Type: typ})
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		into[code] = u.ID
	}
	for _, p := range []struct {
		ctx  context.Context
		into map[string]int
	}{{f.ctx, f.ids}, {f.other, f.otherIDs}} {
		mk(p.ctx, p.into, "UBND", "Ủy ban nhân dân tỉnh A", "province", from)
		mk(p.ctx, p.into, "SNV", "Sở Nội vụ tỉnh A", "department", from)
		mk(p.ctx, p.into, "STP", "Sở Tư pháp", "department", from)
		mk(p.ctx, p.into, "STTTT", "Sở Thông tin và Truyền thông", "department", from)
		mk(p.ctx, p.into, "TTT", "Thanh tra tỉnh", "department", from)
		mk(p.ctx, p.into, "H1", "UBND huyện Sơn Hà", "district", from)
		mk(p.ctx, p.into, "H2", "UBND thành phố Bắc Sơn", "district", from)
		mk(p.ctx, p.into, "X1", "UBND xã Sơn Hà", "commune", reform)
		mk(p.ctx, p.into, "X2", "UBND phường Bắc Sơn", "commune", reform)
	}
	for _, code := range []string{"H1", "H2"} {
		if err := units.Dissolve(f.ctx, f.ids[code], reform, "hai cấp chính quyền"); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

const letter = `ỦY BAN NHÂN DÂN
TỈNH A

Số: 120/UBND-NC
V/v triển khai Kế hoạch số 176-KH/TU ngày 06/3/2024 của Ban Thường vụ Tỉnh ủy

A, ngày 08 tháng 4 năm 2024

Kính gửi:
- Thủ trưởng các sở, ban, ngành tỉnh;
- Chủ tịch UBND các huyện, thành phố.

Thực hiện Kế hoạch số 176-KH/TU ngày 06/3/2024 của Ban Thường vụ Tỉnh ủy về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI, Chủ tịch UBND tỉnh yêu cầu:

1. Quán triệt công tác dân vận trong cán bộ, công chức thường xuyên.

2. Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tư pháp tuyên truyền về công tác dân vận, hoàn thành trước ngày 30/9/2024.

3. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch thực hiện Công văn này trước ngày 30/5/2024; báo cáo 06 tháng đầu năm gửi trước ngày 15/6, báo cáo năm gửi trước ngày 15/11 hằng năm về Ủy ban nhân dân tỉnh (qua Sở Nội vụ).

4. Giao Sở Nội vụ làm đầu mối theo dõi, đôn đốc, kiểm tra việc thực hiện Công văn này.

Nơi nhận:
- Như trên;
- Lưu: VT.`

func sorted(ids []int) []int { s := slices.Clone(ids); slices.Sort(s); return s }

// TestDraft_FromText: the letter's own number, its citations, its tasks with their units matched
// as of the letter's day (districts before the reform), its reports as regimes.
func TestDraft_FromText(t *testing.T) {
	f := setup(t)
	d, err := f.svc.FromText(f.ctx, letter)
	if err != nil {
		t.Fatal(err)
	}
	if d.Document.NumberSymbol != "120/UBND-NC" || d.Document.Type != "cong_van" || d.Document.Date != "2024-04-08" {
		t.Errorf("document = %+v", d.Document)
	}
	if d.Document.IssuerUnitID == nil || *d.Document.IssuerUnitID != f.ids["UBND"] {
		t.Errorf("issuer unit = %v, want the province's committee", d.Document.IssuerUnitID)
	}
	var cites []string
	for _, c := range d.Citations {
		cites = append(cites, c.NumberSymbol+"@"+c.Date)
	}
	if want := []string{"176-KH/TU@2024-03-06", "25-NQ/TW@2013-06-03"}; !slices.Equal(cites, want) {
		t.Errorf("citations = %v, want %v", cites, want)
	}
	if len(d.Tasks) != 4 {
		t.Fatalf("tasks = %d, want 4: %+v", len(d.Tasks), d.Tasks)
	}
	depts := sorted([]int{f.ids["SNV"], f.ids["STP"], f.ids["STTTT"], f.ids["TTT"]})
	districts := []int{f.ids["H1"], f.ids["H2"]}
	// Item 1 names nobody: it falls to the addressees (departments and districts of 8/4/2024).
	if got, want := sorted(d.Tasks[0].Lead), sorted(append(slices.Clone(depts), districts...)); !slices.Equal(got, want) {
		t.Errorf("task 1 lead = %v, want %v", got, want)
	}
	if d.Tasks[0].DeadlineKind != "continuous" {
		t.Errorf("task 1 deadline = %q", d.Tasks[0].DeadlineKind)
	}
	if !slices.Equal(d.Tasks[1].Lead, []int{f.ids["STTTT"]}) || !slices.Equal(d.Tasks[1].Coordinating, []int{f.ids["STP"]}) {
		t.Errorf("task 2 lead %v coordinating %v", d.Tasks[1].Lead, d.Tasks[1].Coordinating)
	}
	if d.Tasks[1].DeadlineKind != "date" || d.Tasks[1].DueOn != "2024-09-30" {
		t.Errorf("task 2 deadline = %q %q", d.Tasks[1].DeadlineKind, d.Tasks[1].DueOn)
	}
	if !d.Tasks[2].RequiresPlan || d.Tasks[2].PlanDue != "2024-05-30" {
		t.Errorf("task 3 requires plan %v by %q", d.Tasks[2].RequiresPlan, d.Tasks[2].PlanDue)
	}
	if got, want := sorted(d.Tasks[2].Lead), sorted(append(slices.Clone(depts), districts...)); !slices.Equal(got, want) {
		t.Errorf("task 3 lead = %v, want departments and districts %v", got, want)
	}
	if !slices.Equal(d.Tasks[3].Lead, []int{f.ids["SNV"]}) {
		t.Errorf("task 4 lead = %v, want Sở Nội vụ (a unit named with its province dropped)", d.Tasks[3].Lead)
	}
	if len(d.Regimes) != 2 {
		t.Fatalf("regimes = %+v", d.Regimes)
	}
	if r := d.Regimes[0]; r.Frequency != "semiannual" || r.Rule != "M/15" || strings.Contains(r.Name, "đầu năm") ||
		r.ReceivingUnitID == nil || *r.ReceivingUnitID != f.ids["SNV"] || !slices.Equal(r.ReportingUnitTypes, []string{"department", "district"}) {
		t.Errorf("first regime = %+v", r)
	}
	if r := d.Regimes[1]; r.Frequency != "annual" || r.Rule != "15/11" {
		t.Errorf("second regime = %+v", r)
	}
}

// TestDraft_GroupsAsOfTheDay: "UBND các huyện" after 1/7/2025 names no unit (there are none);
// "UBND các xã, phường" names the communes that existed then.
func TestDraft_GroupsAsOfTheDay(t *testing.T) {
	f := setup(t)
	after := strings.NewReplacer("ngày 08 tháng 4 năm 2024", "ngày 08 tháng 9 năm 2025", "Chủ tịch UBND các huyện, thành phố.",
		"Chủ tịch UBND các xã, phường.").Replace(letter)
	d, err := f.svc.FromText(f.ctx, after)
	if err != nil {
		t.Fatal(err)
	}
	var addressed []int
	for _, a := range d.Addressees {
		addressed = append(addressed, a.UnitIDs...)
	}
	want := sorted([]int{f.ids["SNV"], f.ids["STP"], f.ids["STTTT"], f.ids["TTT"], f.ids["X1"], f.ids["X2"]})
	if got := sorted(addressed); !slices.Equal(got, want) {
		t.Errorf("addressees on 8/9/2025 = %v, want departments and communes %v", got, want)
	}
	// Item 3 still says "UBND các huyện, thành phố": on that day there are none.
	for _, m := range d.Tasks[2].LeadFound {
		if m.Group == "district" && len(m.UnitIDs) != 0 {
			t.Errorf("districts on 8/9/2025 = %v, want none", m.UnitIDs)
		}
	}
}

func count(t *testing.T, ctx context.Context, c *ent.Client) [5]int {
	t.Helper()
	var n [5]int
	var err error
	for i, q := range []func(context.Context) (int, error){c.Document.Query().Count, c.WorkPlan.Query().Count, c.Task.Query().Count,
		c.TaskAssignment.Query().Count, c.ReportingRegime.Query().Count} {
		if n[i], err = q(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// TestDraft_Confirm: one transaction writes the document with its citations, the plan, the
// tasks with one assignment per unit, the obligations and the regimes.
func TestDraft_Confirm(t *testing.T) {
	f := setup(t)
	d, err := f.svc.FromText(f.ctx, letter)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.svc.Confirm(f.ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tasks != 4 || res.Assignments != 6+2+6+1 || res.Obligations != 6 || res.Regimes != 2 {
		t.Errorf("result = %+v", res)
	}
	n := count(t, f.ctx, f.c)
	if n != [5]int{1, 1, 4, 15, 2} {
		t.Errorf("rows (documents, plans, tasks, assignments, regimes) = %v", n)
	}
	cites, err := f.c.Citation.Query().All(f.ctx)
	if err != nil || len(cites) != 2 {
		t.Fatalf("citations = %v, %v", cites, err)
	}
	obl, err := f.c.PlanObligation.Query().Count(f.ctx)
	if err != nil || obl != 6 {
		t.Errorf("obligations = %d, %v", obl, err)
	}
	// The same letter again is the register's duplicate: refused, nothing more written.
	if _, err := f.svc.Confirm(f.ctx, d); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("second confirm: %v, want a conflict", err)
	}
	if got := count(t, f.ctx, f.c); got != n {
		t.Errorf("after the refused duplicate, rows = %v, want %v", got, n)
	}
}

// TestDraft_ConfirmAtomic: a failure midway (the third task names another province's unit)
// writes nothing at all, and the error names the task's field.
func TestDraft_ConfirmAtomic(t *testing.T) {
	f := setup(t)
	d, err := f.svc.FromText(f.ctx, letter)
	if err != nil {
		t.Fatal(err)
	}
	d.Tasks[2].Lead = append(d.Tasks[2].Lead, f.otherIDs["STP"])
	before := count(t, f.ctx, f.c)
	_, err = f.svc.Confirm(f.ctx, d)
	ae, ok := apperr.As(err)
	if !ok || ae.Kind != apperr.KindInvalid {
		t.Fatalf("confirm = %v, want invalid", err)
	}
	named := false
	for k := range ae.Fields {
		named = named || strings.HasPrefix(k, "tasks[2].")
	}
	if !named {
		t.Errorf("fields = %v, want one under tasks[2]", ae.Fields)
	}
	if got := count(t, f.ctx, f.c); got != before {
		t.Errorf("rows after a failed confirm = %v, want %v (nothing written)", got, before)
	}
	if n, _ := f.c.Citation.Query().Count(f.ctx); n != 0 {
		t.Errorf("citations after a failed confirm = %d", n)
	}
}

// TestDraft_BadText: text that is not UTF-8, holds control characters or is empty is refused
// naming the field.
func TestDraft_BadText(t *testing.T) {
	f := setup(t)
	for name, text := range map[string]string{"utf8": "Số: 1/UBND\xff", "empty": "  \n "} {
		_, err := f.svc.FromText(f.ctx, text)
		ae, ok := apperr.As(err)
		if !ok || ae.Fields["text"] == "" {
			t.Errorf("%s: %v, want a field error on text", name, err)
		}
	}
	// Word's vertical tabs and stray NULs are line breaks or nothing once normalized: accepted.
	if d, err := f.svc.FromText(f.ctx, "Số: 1/UBND-NC\v\x00Kính gửi: Sở Nội vụ"); err != nil || strings.ContainsAny(d.Text, "\v\x00") {
		t.Errorf("text with Word's control characters: %v", err)
	}
	// A confirmed draft is held to plain text: a control character in a field is refused.
	d, err := f.svc.FromText(f.ctx, letter)
	if err != nil {
		t.Fatal(err)
	}
	d.Tasks[0].Content += "\x00"
	if _, err := f.svc.Confirm(f.ctx, d); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("confirm with a control character: %v", err)
	}
	_, err = f.svc.FromFile(f.ctx, "cong-van.docx", []byte("not a docx"))
	if ae, ok := apperr.As(err); !ok || ae.Fields["file"] == "" {
		t.Errorf("fake docx: %v, want a field error on file", err)
	}
}

// TestDraft_HeadingsAndIssuer: an item that only introduces its sub-items ("trọng tâm là:") is
// not a task of its own; with two province-level units on the day (before a merger), the
// letter's place names the issuer.
func TestDraft_HeadingsAndIssuer(t *testing.T) {
	f := setup(t)
	units := unit.New(f.c, nil)
	if _, err := units.Create(f.ctx, "KT", from, unit.Attrs{Name: "UBND tỉnh Kon Tum", Type: "province"}); err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(letter, "4. Giao Sở Nội vụ", `4. Nâng cao chất lượng công tác dân vận, trọng tâm là:

- Sở Tư pháp chủ trì tuyên truyền pháp luật thường xuyên.

- Thanh tra tỉnh chủ trì tổng hợp kết quả tiếp công dân hằng năm.

5. Giao Sở Nội vụ`, 1)
	d, err := f.svc.FromText(f.ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, tk := range d.Tasks {
		numbers = append(numbers, tk.Number)
	}
	if want := []string{"1", "2", "3", "4.1", "4.2", "5"}; !slices.Equal(numbers, want) {
		t.Errorf("tasks %v, want %v (the heading 4 is not a task)", numbers, want)
	}
	if d.Document.IssuerUnitID == nil || *d.Document.IssuerUnitID != f.ids["UBND"] || d.Plan.UnitID != f.ids["UBND"] {
		t.Errorf("issuer %v, plan unit %d; want Ủy ban nhân dân tỉnh A (%d), the letter's place", d.Document.IssuerUnitID, d.Plan.UnitID, f.ids["UBND"])
	}
}
