package committee_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/settings"
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
	ctx   context.Context
	db    *ent.Client
	units *unit.Service
	set   *settings.Service
	svc   *committee.Service
	store *storage.Store
	v     *viewer.Viewer
	u     map[string]int
}

func setup(t *testing.T) *fx {
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
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
	set := settings.New(d.Client)
	f := &fx{ctx: ctx, db: d.Client, units: units, set: set, store: st, v: v, u: map[string]int{},
		svc: committee.New(d.Client, units, set, st, q)}
	day := calendar.NewDate(2025, 7, 1).UTC()
	root, _ := units.Create(ctx, "QN", day, unit.Attrs{Name: "UBND tỉnh Quảng Ngãi", Type: "province"})
	f.u["QN"] = root.ID
	for _, c := range []struct{ code, name, typ string }{
		{"SNV", "Sở Nội vụ", "department"}, {"STC", "Sở Tài chính", "department"}, {"X-TA", "UBND xã Tịnh Ấn", "commune"},
	} {
		u, err := units.Create(ctx, c.code, day, unit.Attrs{Name: c.name, Type: c.typ, ParentID: &root.ID})
		if err != nil {
			t.Fatal(err)
		}
		f.u[c.code] = u.ID
	}
	return f
}

func TestCommittee(t *testing.T) {
	f := setup(t)
	day := calendar.NewDate(2025, 7, 1).UTC()
	snv := f.u["SNV"]
	if _, err := f.svc.Create(f.ctx, committee.Input{Name: ""}); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("empty name: %v", err)
	}
	c, err := f.svc.Create(f.ctx, committee.Input{Name: "Ban Chỉ đạo công tác dân vận chính quyền tỉnh", StandingAgencyID: &snv,
		TermLabel: "2021-2026", DecisionNumber: "1234/QĐ-UBND"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(pos, name string, replace bool) (*ent.CommitteeMember, error) {
		return f.svc.AddMember(f.ctx, c.ID, committee.MemberInput{Position: pos, PersonName: name, PersonTitle: "Chức vụ", From: day, ReplaceHead: replace})
	}
	head, err := add("head", "Trần Phước Hiền", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := add("head", "Người thứ hai", false); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("second head: %v, want a conflict", err)
	}
	deputy, _ := add("standing_deputy", "Nguyễn Văn Nội Vụ", false)
	member, _ := add("member", "Lê Thị Tài Chính", false)
	if err := f.svc.Assign(f.ctx, deputy.ID, []int{snv, f.u["X-TA"]}, day); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Assign(f.ctx, member.ID, []int{f.u["STC"]}, day); err != nil {
		t.Fatal(err)
	}
	// Exclusive by default: assigning X-TA to the member ends the deputy's assignment.
	later := day.AddDate(0, 2, 0)
	if err := f.svc.Assign(f.ctx, member.ID, []int{f.u["X-TA"]}, later); err != nil {
		t.Fatal(err)
	}
	mx, err := f.svc.AssignmentMatrix(f.ctx, c.ID, later)
	if err != nil {
		t.Fatal(err)
	}
	if got := mx.InCharge[f.u["X-TA"]]; len(got) != 1 || got[0] != member.ID {
		t.Errorf("X-TA in charge: %v, want only the member", got)
	}
	if len(mx.Gaps) != 0 {
		t.Errorf("gaps: %v", mx.Gaps)
	}
	// Past matrices keep their history.
	old, _ := f.svc.AssignmentMatrix(f.ctx, c.ID, day)
	if got := old.InCharge[f.u["X-TA"]]; len(got) != 1 || got[0] != deputy.ID {
		t.Errorf("X-TA in charge on 01/07/2025: %v, want the deputy", got)
	}
	// With the setting off, two members may share a unit.
	if err := f.set.Set(f.ctx, map[string]string{settings.AssignmentExclusive: "false"}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Assign(f.ctx, deputy.ID, []int{f.u["STC"]}, later); err != nil {
		t.Fatal(err)
	}
	mx, _ = f.svc.AssignmentMatrix(f.ctx, c.ID, later)
	if len(mx.InCharge[f.u["STC"]]) != 2 {
		t.Errorf("shared unit: %v", mx.InCharge[f.u["STC"]])
	}
	// The member leaves: their units are listed; X-TA is left with nobody.
	leave := later.AddDate(0, 1, 0)
	orphans, err := f.svc.EndMember(f.ctx, member.ID, leave)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(orphans, f.u["X-TA"]) || slices.Contains(orphans, f.u["STC"]) {
		t.Errorf("units left without anyone: %v (STC still has the deputy)", orphans)
	}
	mx, _ = f.svc.AssignmentMatrix(f.ctx, c.ID, leave)
	if !slices.Contains(mx.Gaps, f.u["X-TA"]) {
		t.Errorf("gaps after leaving: %v", mx.Gaps)
	}
	// A new head replaces the old one on a date.
	if _, err := add("head", "Đặng Văn Minh", true); err == nil {
		t.Error("replacing the head on the day they started should be refused")
	}
	newHead, err := f.svc.AddMember(f.ctx, c.ID, committee.MemberInput{Position: "head", PersonName: "Đặng Văn Minh", From: leave, ReplaceHead: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := f.svc.Members(f.ctx, c.ID, leave)
	heads := 0
	for _, m := range ms {
		if m.Position == "head" {
			heads++
			if m.ID != newHead.ID {
				t.Error("the old head is still head")
			}
		}
	}
	if heads != 1 || ms[0].ID != newHead.ID {
		t.Errorf("%d heads; first member %s", heads, ms[0].PersonName)
	}
	_ = head
	// The org chart is a picture with every member's name.
	chart := committee.OrgChart(c.Name, ms, func(p string) string { return "position " + p })
	var drawn []string
	for _, tier := range chart.Tiers {
		for _, b := range tier {
			drawn = append(drawn, b.Kicker+": "+b.Name)
		}
	}
	if want := []string{"position head: Đặng Văn Minh", "position standing_deputy: Nguyễn Văn Nội Vụ"}; !slices.Equal(drawn, want) {
		t.Errorf("org chart boxes %q, want %q (the member who left is not drawn)", drawn, want)
	}
	// The establishing decision's file goes to the province's bucket.
	body := "%PDF-1.4\n" + strings.Repeat("Quyết định thành lập Ban Chỉ đạo. ", 1000)
	if err := f.svc.AttachDecision(f.ctx, c.ID, "QĐ 1234.pdf", int64(len(body)), strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(f.ctx, c.ID)
	info, err := f.store.Stat(f.ctx, f.v.TenantSlug, got.DecisionFileKey)
	if err != nil || info.Size != int64(len(body)) || got.DecisionFileName != "QĐ 1234.pdf" {
		t.Errorf("stored decision: %+v %v", info, err)
	}
	// A name that is only "pdf" has no extension; a ".pdf" that is not a PDF is not taken either.
	for _, bad := range []struct{ name, body string }{{"pdf", "%PDF-1.4 x"}, {"QĐ.pdf", "MZ\x90\x00 not a pdf"}} {
		if err := f.svc.AttachDecision(f.ctx, c.ID, bad.name, int64(len(bad.body)), strings.NewReader(bad.body)); apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("decision file %q: err %v, want invalid", bad.name, err)
		}
	}
	if err := f.svc.AttachDecision(f.ctx, c.ID, "virus.exe", 10, strings.NewReader("0123456789")); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("exe: %v", err)
	}
	// Cross-province: another province sees no committee.
	other := testenv.Province(t, f.db, "nghe-an", "Nghệ An")
	octx := viewer.NewContext(context.Background(), other)
	if _, err := f.svc.Get(octx, c.ID); !ent.IsNotFound(err) {
		t.Errorf("another province reads the committee: %v", err)
	}
	if _, err := f.svc.EndMember(octx, deputy.ID, leave); !ent.IsNotFound(err) {
		t.Errorf("another province ends a member: %v", err)
	}
}

func TestSetAssignments(t *testing.T) {
	f := setup(t)
	day := calendar.NewDate(2025, 7, 1).UTC()
	later := day.AddDate(0, 2, 0)
	c, err := f.svc.Create(f.ctx, committee.Input{Name: "Ban Chỉ đạo"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string) *ent.CommitteeMember {
		m, err := f.svc.AddMember(f.ctx, c.ID, committee.MemberInput{Position: "member", PersonName: name, From: day})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := add("Lê Văn A"), add("Trần Thị B")
	units := func(on time.Time, m int) []int {
		t.Helper()
		mx, err := f.svc.AssignmentMatrix(f.ctx, c.ID, on)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for u, ms := range mx.InCharge {
			if slices.Contains(ms, m) {
				out = append(out, u)
			}
		}
		slices.Sort(out)
		return out
	}
	ids := func(codes ...string) []int {
		var out []int
		for _, c := range codes {
			out = append(out, f.u[c])
		}
		slices.Sort(out)
		return out
	}
	if err := f.svc.SetAssignments(f.ctx, c.ID, a.ID, ids("SNV", "X-TA"), day); err != nil {
		t.Fatal(err)
	}
	// Saving replaces: from later on, STC only; before, the history is kept.
	if err := f.svc.SetAssignments(f.ctx, c.ID, a.ID, ids("STC"), later); err != nil {
		t.Fatal(err)
	}
	if got := units(later, a.ID); !slices.Equal(got, ids("STC")) {
		t.Errorf("A from %s: %v, want STC", later, got)
	}
	if got := units(day, a.ID); !slices.Equal(got, ids("SNV", "X-TA")) {
		t.Errorf("A on %s: %v, want SNV and X-TA", day, got)
	}
	// A second save the same day corrects the first.
	if err := f.svc.SetAssignments(f.ctx, c.ID, a.ID, ids("SNV", "STC"), later); err != nil {
		t.Fatal(err)
	}
	if got := units(later, a.ID); !slices.Equal(got, ids("SNV", "STC")) {
		t.Errorf("A after the correction: %v", got)
	}
	// Exclusive: B taking SNV a month later ends A's.
	next := later.AddDate(0, 1, 0)
	if err := f.svc.SetAssignments(f.ctx, c.ID, b.ID, ids("SNV"), next); err != nil {
		t.Fatal(err)
	}
	if got := units(next, a.ID); !slices.Equal(got, ids("STC")) {
		t.Errorf("A after B took SNV: %v", got)
	}
	// Nothing half-written: a list with another province's unit is refused, naming unit_ids,
	// and A keeps what A had.
	other := testenv.Province(t, f.db, "nghe-an", "Nghệ An")
	octx := viewer.NewContext(context.Background(), other)
	foreign, err := f.units.Create(octx, "NA", day, unit.Attrs{Name: "UBND tỉnh Nghệ An", Type: "province"})
	if err != nil {
		t.Fatal(err)
	}
	err = f.svc.SetAssignments(f.ctx, c.ID, a.ID, []int{f.u["X-TA"], foreign.ID}, next)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.KindInvalid || ae.Fields["unit_ids"] != "unit_not_existing" {
		t.Errorf("another province's unit: %v, want invalid unit_ids", err)
	}
	if got := units(next, a.ID); !slices.Equal(got, ids("STC")) {
		t.Errorf("A after a refused save: %v", got)
	}
	// An empty list frees the member; a member of another committee is not found from here.
	if err := f.svc.SetAssignments(f.ctx, c.ID, a.ID, nil, next.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if got := units(next.AddDate(0, 0, 1), a.ID); len(got) != 0 {
		t.Errorf("A after an empty save: %v", got)
	}
	c2, _ := f.svc.Create(f.ctx, committee.Input{Name: "Ban khác"})
	if err := f.svc.SetAssignments(f.ctx, c2.ID, a.ID, ids("STC"), next); !ent.IsNotFound(err) {
		t.Errorf("through another committee: %v", err)
	}

	// A member due to leave: what they take on ends when they leave, and what they drop before
	// then (though already set to end on leaving) ends on the save day.
	leaves := next.AddDate(0, 3, 0)
	if err := f.svc.SetAssignments(f.ctx, c.ID, b.ID, ids("SNV", "X-TA"), next.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.EndMember(f.ctx, b.ID, leaves); err != nil {
		t.Fatal(err)
	}
	mid := next.AddDate(0, 1, 0)
	if err := f.svc.SetAssignments(f.ctx, c.ID, b.ID, ids("SNV", "STC"), mid); err != nil {
		t.Fatal(err)
	}
	if got := units(mid, b.ID); !slices.Equal(got, ids("SNV", "STC")) {
		t.Errorf("B from %s: %v, want SNV and STC", mid, got)
	}
	if got := units(leaves, b.ID); len(got) != 0 {
		t.Errorf("B after leaving on %s is still in charge of %v", leaves, got)
	}
	if got := units(next.AddDate(0, 0, 1), b.ID); !slices.Equal(got, ids("SNV", "X-TA")) {
		t.Errorf("B before the save: %v, want SNV and X-TA", got)
	}
}
