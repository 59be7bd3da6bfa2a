package tenant_test

import (
	"context"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TestRename: a province's display name is effective-dated. Its name before the rename stays
// for the days before (old periods keep the name they were reported under), the slug never
// changes, a rename from the same day replaces the earlier one and an empty name removes it;
// only the platform may rename.
func TestRename(t *testing.T) {
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	sys := tenancy.SystemContext(context.Background())
	if err := db.InTx(sys, d.Client, func(tx *ent.Tx) error {
		return tx.Plan.Create().SetCode("rename").SetName("Thử").SetMaxUnits(0).SetMaxUsers(0).
			SetMaxStorageBytes(0).SetMaxReportGenerationsMonth(0).Exec(sys)
	}); err != nil {
		t.Fatal(err)
	}
	svc := tenant.New(d.Client, nil, nil)
	var tn *ent.Tenant
	err := db.InTx(sys, d.Client, func(tx *ent.Tx) (err error) {
		tn, err = tx.Tenant.Create().SetSlug("hb-rename").SetName("Hòa Bình").SetPlanID(mustPlan(t, tx.Client(), sys)).Save(sys)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reform := calendar.NewDate(2025, time.July, 1)
	if _, err := svc.Rename(sys, "hb-rename", "Hòa Bình (nay là tỉnh Phú Thọ)", reform); err != nil {
		t.Fatal(err)
	}
	tn, _ = svc.BySlug(sys, "hb-rename")
	for day, want := range map[calendar.Date]string{
		calendar.NewDate(2025, time.June, 30):    "Hòa Bình",
		reform:                                   "Hòa Bình (nay là tỉnh Phú Thọ)",
		calendar.NewDate(2026, time.December, 2): "Hòa Bình (nay là tỉnh Phú Thọ)",
	} {
		if got := tenant.NameOn(tn, day); got != want {
			t.Errorf("name on %s = %q, want %q", day, got, want)
		}
	}
	if tn.Slug != "hb-rename" || tn.Name != "Hòa Bình" {
		t.Errorf("rename touched the slug or the joining name: %q %q", tn.Slug, tn.Name)
	}

	// Same day again: replaced, not doubled; a later one follows; an empty name removes one.
	if _, err := svc.Rename(sys, "hb-rename", "Hòa Bình (nay thuộc tỉnh Phú Thọ)", reform); err != nil {
		t.Fatal(err)
	}
	tn, err = svc.Rename(sys, "hb-rename", "Phú Thọ (khu vực Hòa Bình)", calendar.NewDate(2027, time.January, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(tn.Names) != 2 || tenant.NameOn(tn, calendar.NewDate(2026, time.March, 1)) != "Hòa Bình (nay thuộc tỉnh Phú Thọ)" ||
		tenant.NameOn(tn, calendar.NewDate(2027, time.March, 1)) != "Phú Thọ (khu vực Hòa Bình)" {
		t.Errorf("names %+v", tn.Names)
	}
	tn, err = svc.Rename(sys, "hb-rename", " ", calendar.NewDate(2027, time.January, 1))
	if err != nil || len(tn.Names) != 1 {
		t.Errorf("removing a rename: %+v %v", tn.Names, err)
	}

	// Bad input and the wrong caller change nothing.
	if _, err := svc.Rename(sys, "hb-rename", "x", calendar.Date{}); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("no day: %v", err)
	}
	if _, err := svc.Rename(sys, "khong-co", "x", reform); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("unknown province: %v", err)
	}
	inProvince := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: 1, TenantID: tn.ID, TenantSlug: tn.Slug,
		Roles: []string{"province_admin"}})
	if _, err := svc.Rename(inProvince, "hb-rename", "Tên khác", reform); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("a province admin renamed the province: %v", err)
	}
	tn, _ = svc.BySlug(sys, "hb-rename")
	if len(tn.Names) != 1 || tn.Names[0].Name != "Hòa Bình (nay thuộc tỉnh Phú Thọ)" {
		t.Errorf("after refused renames: %+v", tn.Names)
	}
}

func mustPlan(t *testing.T, c *ent.Client, ctx context.Context) int {
	id, err := c.Plan.Query().FirstID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
