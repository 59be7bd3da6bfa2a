package unit_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func backends() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
	}
}

func names(t *testing.T, s *unit.Service, ctx context.Context, d time.Time) map[string]string {
	t.Helper()
	nodes, err := s.AsOf(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{} // code → "name < parent code"
	codes := map[int]string{}
	for _, n := range nodes {
		codes[n.Unit.ID] = n.Unit.Code
	}
	for _, n := range nodes {
		parent := ""
		if n.Version.ParentID != nil {
			parent = codes[*n.Version.ParentID]
		}
		out[n.Unit.Code] = n.Version.Name + " < " + parent
	}
	return out
}

// TestReform2025 replays a small version of the 1 July 2025 reform: districts abolished, their
// communes merged or moved under the province, a department renamed, and the province itself
// joining its neighbour. Asked as of 30/06/2025 the old map comes back; as of 01/07/2025 the new.
func TestReform2025(t *testing.T) {
	for name, db := range backends() {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, db(t))
			v := testenv.Province(t, d.Client, "hoa-binh", "Hòa Bình")
			ctx := viewer.NewContext(context.Background(), v)
			s := unit.New(d.Client, nil)
			start, reform := calendar.NewDate(2020, 1, 1).UTC(), calendar.NewDate(2025, 7, 1).UTC()
			mk := func(code, name, typ string, parent *ent.Unit) *ent.Unit {
				t.Helper()
				a := unit.Attrs{Name: name, Type: typ}
				if parent != nil {
					a.ParentID = &parent.ID
				}
				u, err := s.Create(ctx, code, start, a)
				if err != nil {
					t.Fatalf("create %s: %v", code, err)
				}
				return u
			}
			hb := mk("HB", "UBND tỉnh Hòa Bình", "province", nil)
			luong := mk("H-LS", "UBND huyện Lương Sơn", "district", hb)
			kimboi := mk("H-KB", "UBND huyện Kim Bôi", "district", hb)
			x1 := mk("X-TS", "UBND xã Tân Vinh", "commune", luong)
			x2 := mk("X-CS", "UBND xã Cao Sơn", "commune", luong)
			x3 := mk("X-VT", "UBND xã Vĩnh Tiến", "commune", kimboi)
			noivu := mk("S-NV", "Sở Nội vụ", "department", hb)

			// 1 July 2025: the province joins Phú Thọ (a new root replaces it, its units follow).
			pt, err := s.Merge(ctx, []int{hb.ID}, reform, "PT", unit.Attrs{Name: "UBND tỉnh Phú Thọ", Type: "province"}, "Nghị quyết 202/2025/QH15")
			if err != nil {
				t.Fatalf("merge province: %v", err)
			}
			// Communes Tân Vinh + Cao Sơn → Lương Sơn commune, under the province.
			ls, err := s.Merge(ctx, []int{x1.ID, x2.ID}, reform, "X-LS", unit.Attrs{Name: "UBND xã Lương Sơn", Type: "commune", ParentID: &pt.ID}, "")
			if err != nil {
				t.Fatalf("merge communes: %v", err)
			}
			// Vĩnh Tiến moves under the province; the districts are abolished.
			v3, _ := s.VersionOn(ctx, x3.ID, reform.AddDate(0, 0, -1))
			moved := unit.AttrsOf(v3)
			moved.ParentID = &pt.ID
			if err := s.Change(ctx, x3.ID, reform, moved, "move"); err != nil {
				t.Fatalf("move: %v", err)
			}
			// Lương Sơn district still has no sub-units (they merged away), so it can go.
			if err := s.Dissolve(ctx, luong.ID, reform, "Luật Tổ chức chính quyền địa phương 2025"); err != nil {
				t.Fatalf("dissolve: %v", err)
			}
			if err := s.Dissolve(ctx, kimboi.ID, reform, ""); err != nil {
				t.Fatalf("dissolve: %v", err)
			}
			// A rename keeps the unit.
			vn, _ := s.VersionOn(ctx, noivu.ID, reform)
			renamed := unit.AttrsOf(vn)
			renamed.Name = "Sở Nội vụ tỉnh Phú Thọ"
			if err := s.Change(ctx, noivu.ID, reform, renamed, "rename"); err != nil {
				t.Fatalf("rename: %v", err)
			}

			before := names(t, s, ctx, reform.AddDate(0, 0, -1))
			want := map[string]string{
				"HB": "UBND tỉnh Hòa Bình < ", "H-LS": "UBND huyện Lương Sơn < HB", "H-KB": "UBND huyện Kim Bôi < HB",
				"X-TS": "UBND xã Tân Vinh < H-LS", "X-CS": "UBND xã Cao Sơn < H-LS", "X-VT": "UBND xã Vĩnh Tiến < H-KB",
				"S-NV": "Sở Nội vụ < HB",
			}
			if len(before) != len(want) {
				t.Errorf("as of 30/06/2025: %v", before)
			}
			for k, w := range want {
				if before[k] != w {
					t.Errorf("as of 30/06/2025 %s = %q, want %q", k, before[k], w)
				}
			}
			after := names(t, s, ctx, reform)
			want = map[string]string{
				"PT": "UBND tỉnh Phú Thọ < ", "X-LS": "UBND xã Lương Sơn < PT", "X-VT": "UBND xã Vĩnh Tiến < PT",
				"S-NV": "Sở Nội vụ tỉnh Phú Thọ < PT",
			}
			if len(after) != len(want) {
				t.Errorf("as of 01/07/2025: %v", after)
			}
			for k, w := range want {
				if after[k] != w {
					t.Errorf("as of 01/07/2025 %s = %q, want %q", k, after[k], w)
				}
			}
			// History keeps pointing at what existed: the merged commune knows its successor.
			h, err := s.HistoryOf(ctx, x1.ID)
			if err != nil {
				t.Fatal(err)
			}
			if h.Unit.SuccessorID == nil || *h.Unit.SuccessorID != ls.ID || h.Unit.ValidTo == nil || !h.Unit.ValidTo.Equal(reform) {
				t.Errorf("merged commune: %+v", h.Unit)
			}
			// A tree of today has one root.
			tree, err := s.Tree(ctx, reform)
			if err != nil || len(tree) != 1 || len(tree[0].Children) != 3 {
				t.Errorf("tree on 01/07/2025: %d roots (err %v)", len(tree), err)
			}
			// Diacritics- and case-insensitive search.
			for _, q := range []string{"luong son", "LƯƠNG SƠN", "Lương Sơn"} {
				found, err := s.AsOf(ctx, reform, q)
				if err != nil || len(found) != 1 || found[0].Unit.Code != "X-LS" {
					t.Errorf("search %q on 01/07/2025: %d results (err %v)", q, len(found), err)
				}
			}
		})
	}
}

func TestRules(t *testing.T) {
	d := testenv.OpenDB(t, testenv.SQLite(t))
	v := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	ctx := viewer.NewContext(context.Background(), v)
	s := unit.New(d.Client, nil)
	day := calendar.NewDate(2024, 1, 1).UTC()
	root, err := s.Create(ctx, "NA", day, unit.Attrs{Name: "UBND tỉnh Nghệ An", Type: "province"})
	if err != nil {
		t.Fatal(err)
	}
	child, err := s.Create(ctx, "S-TC", day, unit.Attrs{Name: "Sở Tài chính", Type: "department", ParentID: &root.ID})
	if err != nil {
		t.Fatal(err)
	}
	// Limits count characters, not bytes: 300 Vietnamese letters (600+ bytes) fit a 300 limit.
	long := strings.Repeat("Ở", 300)
	if _, err := s.Create(ctx, "S-DAI", day, unit.Attrs{Name: long, Type: "department", ParentID: &root.ID}); err != nil {
		t.Errorf("a 300-character Vietnamese name: %v", err)
	}
	for name, tc := range map[string]struct {
		err  error
		want string
	}{
		"duplicate code": {func() error { _, err := s.Create(ctx, "NA", day, unit.Attrs{Name: "x", Type: "other"}); return err }(), "unit_code_taken"},
		"bad fields": {func() error {
			_, err := s.Create(ctx, "bad code!", day, unit.Attrs{Name: "", Type: "kingdom", LeaderEmail: "a b", LeaderPhone: "abc"})
			return err
		}(), "code"},
		"cycle":                  {s.Change(ctx, root.ID, day.AddDate(0, 1, 0), unit.Attrs{Name: "UBND tỉnh Nghệ An", Type: "province", ParentID: &child.ID}, "move"), "parent_cycle"},
		"dissolve with children": {s.Dissolve(ctx, root.ID, day.AddDate(1, 0, 0), ""), "unit_has_children"},
		"before history":         {s.Change(ctx, child.ID, day.AddDate(-1, 0, 0), unit.Attrs{Name: "Sở TC", Type: "department"}, "rename"), "date_before_history"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: %v, want %s", name, tc.err, tc.want)
		}
		if k := apperr.KindOf(tc.err); k != apperr.KindInvalid && k != apperr.KindConflict {
			t.Errorf("%s: kind %v", name, k)
		}
	}
	// Another province sees none of it.
	other := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	octx := viewer.NewContext(context.Background(), other)
	if nodes, _ := s.AsOf(octx, day, ""); len(nodes) != 0 {
		t.Errorf("another province lists %d units", len(nodes))
	}
	if _, err := s.HistoryOf(octx, root.ID); !ent.IsNotFound(err) {
		t.Errorf("another province reads history: %v", err)
	}
}
