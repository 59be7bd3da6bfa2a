package unitnote_test

import (
	"context"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/unitnote"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func backends() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
	}
}

type fx struct {
	svc          *unitnote.Service
	admin        *viewer.Viewer
	ctx          context.Context // province admin
	u1, u2       int
	other        context.Context // another province's admin
	otherUnit    int
	officer1Ctx  context.Context // unit officer of u1
	noUnitCtx    context.Context // unit officer whose membership names no unit
	mixedRoleCtx context.Context // unit officer of u1 who also sits on the committee
}

func setup(t *testing.T, url string) *fx {
	t.Helper()
	d := testenv.OpenDB(t, url)
	units := unit.New(d.Client, nil)
	day := calendar.NewDate(2025, 7, 1).UTC()
	mk := func(ctx context.Context, code string) int {
		t.Helper()
		u, err := units.Create(ctx, code, day, unit.Attrs{Name: "Đơn vị " + code, Type: "department"})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	b := testenv.Province(t, d.Client, "tinh-b", "Tỉnh B")
	f := &fx{svc: unitnote.New(d.Client), admin: a, ctx: viewer.NewContext(context.Background(), a),
		other: viewer.NewContext(context.Background(), b)}
	f.u1, f.u2 = mk(f.ctx, "U1"), mk(f.ctx, "U2")
	f.otherUnit = mk(f.other, "U1")
	staff := func(roles []string, units ...int) context.Context {
		v := *a
		v.Roles = roles
		return viewer.NewContext(context.Background(), viewer.WithUnits(&v, units...))
	}
	f.officer1Ctx = staff([]string{"unit_officer"}, f.u1)
	f.noUnitCtx = staff([]string{"unit_officer"})
	f.mixedRoleCtx = staff([]string{"unit_officer", "committee_member"}, f.u1)
	return f
}

func TestService_Create(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			for _, c := range []struct {
				name, body, want, reason string
			}{
				{"plain", "Họp giao ban dân vận tháng 7.", "Họp giao ban dân vận tháng 7.", ""},
				{"trimmed, CRLF to LF, tab kept", "  dòng 1\r\n\tdòng 2 \n", "dòng 1\n\tdòng 2", ""},
				{"exactly the limit", strings.Repeat("ệ", unitnote.MaxLen), strings.Repeat("ệ", unitnote.MaxLen), ""},
				{"empty", " \n ", "", "required"},
				{"too long", strings.Repeat("ệ", unitnote.MaxLen+1), "", "too_long"},
				{"invalid UTF-8", "ghi chú \xff", "", "invalid"},
				{"NUL", "a\x00b", "", "invalid"},
				{"other control", "a\x1bb", "", "invalid"},
			} {
				t.Run(c.name, func(t *testing.T) {
					n, err := f.svc.Create(f.ctx, f.u1, c.body)
					if c.reason != "" {
						e, ok := apperr.As(err)
						if !ok || e.Kind != apperr.KindInvalid || e.Fields["body"] != c.reason {
							t.Fatalf("got %v, want invalid body %s", err, c.reason)
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					if n.Body != c.want || n.UnitID != f.u1 || n.AuthorID != f.admin.UserID || n.TenantID != f.admin.TenantID {
						t.Errorf("stored %+v, want body %q in unit %d by %d", n, c.want, f.u1, f.admin.UserID)
					}
				})
			}
		})
	}
}

func TestService_UnitWall(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			mine, err := f.svc.Create(f.officer1Ctx, f.u1, "của U1")
			if err != nil {
				t.Fatalf("unit officer writes in its unit: %v", err)
			}
			theirs, err := f.svc.Create(f.ctx, f.u2, "của U2")
			if err != nil {
				t.Fatalf("province admin writes in any unit: %v", err)
			}
			notFound := func(what string, err error) {
				t.Helper()
				if apperr.KindOf(err) != apperr.KindNotFound && !ent.IsNotFound(err) {
					t.Errorf("%s: got %v, want not found", what, err)
				}
			}
			if _, err := f.svc.Create(f.officer1Ctx, f.u2, "x"); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("unit officer of U1 wrote in U2: %v", err)
			}
			_, err = f.svc.List(f.officer1Ctx, f.u2)
			notFound("unit officer of U1 lists U2", err)
			notFound("unit officer of U1 deletes U2's note", f.svc.Delete(f.officer1Ctx, theirs.UnitID, theirs.ID))
			notFound("unit officer without a unit lists U1", func() error { _, err := f.svc.List(f.noUnitCtx, f.u1); return err }())
			notFound("another province lists U1", func() error { _, err := f.svc.List(f.other, f.u1); return err }())
			notFound("another province deletes U1's note", f.svc.Delete(f.other, mine.UnitID, mine.ID))
			if _, err := f.svc.Create(f.ctx, f.otherUnit, "x"); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("province A wrote in province B's unit: %v", err)
			}

			for who, ctx := range map[string]context.Context{"admin": f.ctx, "committee member who is also unit staff": f.mixedRoleCtx} {
				for _, u := range []int{f.u1, f.u2} {
					ns, err := f.svc.List(ctx, u)
					if err != nil || len(ns) != 1 {
						t.Errorf("%s lists unit %d: %d notes, %v; want 1", who, u, len(ns), err)
					}
				}
			}
			ns, err := f.svc.List(f.officer1Ctx, f.u1)
			if err != nil || len(ns) != 1 || ns[0].ID != mine.ID {
				t.Errorf("unit officer lists its unit: %v, %v", ns, err)
			}
			// A note is deleted through its own unit only: the province admin naming another unit
			// finds nothing.
			notFound("note of U1 deleted as U2's", f.svc.Delete(f.ctx, f.u2, mine.ID))
			if err := f.svc.Delete(f.officer1Ctx, mine.UnitID, mine.ID); err != nil {
				t.Errorf("unit officer deletes its unit's note: %v", err)
			}
			if err := f.svc.Delete(f.ctx, theirs.UnitID, theirs.ID); err != nil {
				t.Errorf("province admin deletes a note: %v", err)
			}
		})
	}
}
