// Package seed creates the demo data `make run` starts with: the SaaS plans, a platform admin
// and the four seed provinces, each with a province admin. Running it again changes nothing.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/plan"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// DemoPassword is every demo account's password. Demo data only: never in production.
const DemoPassword = "danvan-demo-2026"

// Province is a seed province. Renamed, when set, is its display name from the 1/7/2025 reform on.
type Province struct{ Slug, Name, AdminEmail, AdminName, Renamed string }

// ReformDay is the day the 2025 administrative reform took effect (Nghị quyết 202/2025/QH15).
var ReformDay = calendar.NewDate(2025, time.July, 1)

// Provinces are the four seed tenants. Hòa Bình joined Phú Thọ on 1/7/2025: its tenant keeps its
// slug and its data, and is shown as "Hòa Bình (nay là tỉnh Phú Thọ)" from that day.
var Provinces = []Province{
	{"nghe-an", "Nghệ An", "admin@nghe-an.danvan.vn", "Nguyễn Văn Hùng", ""},
	{"thai-nguyen", "Thái Nguyên", "admin@thai-nguyen.danvan.vn", "Trần Thị Lan", ""},
	{"hoa-binh", "Hòa Bình", "admin@hoa-binh.danvan.vn", "Bùi Văn Thắng", "Hòa Bình (nay là tỉnh Phú Thọ)"},
	{"quang-ngai", "Quảng Ngãi", "admin@quang-ngai.danvan.vn", "Phạm Thị Hoa", ""},
}

// PlatformAdminEmail is the demo platform admin.
const PlatformAdminEmail = "admin@danvan.vn"

// Plans are the SaaS plans.
var Plans = []ent.Plan{
	{Code: "standard", Name: "Tiêu chuẩn", MaxUnits: 300, MaxUsers: 500, MaxStorageBytes: 20 << 30, MaxReportGenerationsMonth: 200,
		Modules: []string{"committee", "documents", "plans", "reports", "reminders"}},
	{Code: "advanced", Name: "Nâng cao", MaxUnits: 0, MaxUsers: 0, MaxStorageBytes: 200 << 30, MaxReportGenerationsMonth: 0,
		Modules: []string{"committee", "documents", "plans", "reports", "reminders", "inspections", "evaluation"}},
}

// Demo seeds plans, the platform admin and the four provinces; it is idempotent.
func Demo(ctx context.Context, c *ent.Client, tenants *tenant.Service, deps Deps) ([]string, error) {
	created, err := platform(ctx, c, tenants)
	if err != nil {
		return nil, err
	}
	if deps.Units == nil {
		return created, nil // provinces without their configuration (tests that do not need it)
	}
	// Each province's configuration is written inside that province, as the system: its rows
	// are stamped with it and filtered to it like any viewer's.
	for _, p := range Provinces {
		t, err := tenants.BySlug(ctx, p.Slug)
		if err != nil {
			return nil, err
		}
		if err := FillProvince(viewer.NewContext(ctx, viewer.System(t.ID, t.Slug)), deps, p.Slug); err != nil {
			return nil, fmt.Errorf("seed: %s: %w", p.Slug, err)
		}
	}
	return created, nil
}

func platform(ctx context.Context, c *ent.Client, tenants *tenant.Service) ([]string, error) {
	ctx = tenancy.SystemContext(ctx) // plans, the platform admin and the provinces themselves
	var created []string
	for _, p := range Plans {
		exists, err := c.Plan.Query().Where(plan.Code(p.Code)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !exists {
			if err := db.InTx(ctx, c, func(tx *ent.Tx) error {
				return tx.Plan.Create().SetCode(p.Code).SetName(p.Name).SetMaxUnits(p.MaxUnits).SetMaxUsers(p.MaxUsers).
					SetMaxStorageBytes(p.MaxStorageBytes).SetMaxReportGenerationsMonth(p.MaxReportGenerationsMonth).
					SetModules(p.Modules).Exec(ctx)
			}); err != nil {
				return nil, fmt.Errorf("seed: plan %s: %w", p.Code, err)
			}
			created = append(created, "plan "+p.Code)
		}
	}
	exists, err := c.User.Query().Where(user.Email(PlatformAdminEmail)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !exists {
		if err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			_, err := account.CreateUser(ctx, tx.Client(), account.NewUser{Email: PlatformAdminEmail, FullName: "Đỗ Minh Khang",
				Password: DemoPassword, PlatformAdmin: true})
			return err
		}); err != nil {
			return nil, fmt.Errorf("seed: platform admin: %w", err)
		}
		created = append(created, "user "+PlatformAdminEmail)
	}
	for _, p := range Provinces {
		t, err := c.Tenant.Query().Where(enttenant.Slug(p.Slug)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
		if t == nil {
			if t, _, err = tenants.Create(ctx, tenant.CreateInput{Slug: p.Slug, Name: p.Name, Plan: "standard",
				AdminEmail: p.AdminEmail, AdminName: p.AdminName, AdminPassword: DemoPassword}); err != nil {
				return nil, fmt.Errorf("seed: province %s: %w", p.Slug, err)
			}
			created = append(created, "province "+p.Slug)
		}
		// The rename is seeded once: a platform admin's later change is kept.
		if p.Renamed != "" && len(t.Names) == 0 {
			if _, err := tenants.Rename(ctx, p.Slug, p.Renamed, ReformDay); err != nil {
				return nil, fmt.Errorf("seed: province %s: rename: %w", p.Slug, err)
			}
		}
	}
	return created, nil
}
