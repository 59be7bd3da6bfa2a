// Package tenant manages provinces: creating one (with its first admin), provisioning it in the
// background (its own bucket, default settings), listing and suspending.
package tenant

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/plan"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Buckets is the part of storage provisioning needs.
type Buckets interface {
	EnsureBucket(ctx context.Context, tenantSlug string) error
}

// Service manages tenants.
type Service struct {
	db      *ent.Client
	jobs    *jobs.Runner
	buckets Buckets
}

// New returns the service. The composition root registers its job handlers (see jobs.go).
func New(db *ent.Client, runner *jobs.Runner, buckets Buckets) *Service {
	return &Service{db: db, jobs: runner, buckets: buckets}
}

// ReservedSlugs cannot name a province: "platform" is the Casbin domain of the SaaS itself.
var ReservedSlugs = []string{"platform", "api", "static", "admin"}

// DefaultSettings are the settings a new province starts with.
var DefaultSettings = map[string]string{
	"locale":      "vi",
	"date_format": "02/01/2006",
}

// CreateInput describes a new province and, optionally, its first admin.
type CreateInput struct {
	Slug, Name, Plan string
	// AdminEmail and AdminName, when set, create (or reuse) a user and make them province admin.
	AdminEmail, AdminName, AdminPassword string
}

func validate(in *CreateInput) error {
	f := apperr.Fields{}
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	in.Name = strings.TrimSpace(in.Name)
	in.Plan = strings.TrimSpace(in.Plan)
	switch {
	case in.Slug == "":
		f.Add("slug", "required")
	case !entschema.SlugPattern.MatchString(in.Slug):
		f.Add("slug", "slug")
	case slices.Contains(ReservedSlugs, in.Slug):
		f.Add("slug", "slug_reserved")
	}
	switch {
	case in.Name == "":
		f.Add("name", "required")
	case utf8.RuneCountInString(in.Name) > 200:
		f.Add("name", "too_long")
	}
	if in.Plan == "" {
		f.Add("plan", "required")
	}
	if in.AdminEmail != "" || in.AdminName != "" {
		if in.AdminEmail == "" {
			f.Add("admin_email", "required")
		}
		if strings.TrimSpace(in.AdminName) == "" {
			f.Add("admin_name", "required")
		}
	}
	return f.Err()
}

// Create creates a province in one transaction (tenant, admin membership, provisioning job row),
// then dispatches provisioning. Only the platform admin (or the system) may call it.
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Tenant, *ent.Job, error) {
	if v := viewer.FromContext(ctx); !tenancy.IsSystem(ctx) && (v == nil || !v.PlatformAdmin) {
		return nil, nil, apperr.Forbidden(errors.New("tenant: create needs the platform admin"))
	}
	if err := validate(&in); err != nil {
		return nil, nil, err
	}
	var t *ent.Tenant
	var j *ent.Job
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		t, j, err = s.create(ctx, tx.Client(), in)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	// The row is committed; if Redis is down now, the sweep dispatches it later.
	_ = s.jobs.Dispatch(ctx, j)
	return t, j, nil
}

func (s *Service) create(ctx context.Context, c *ent.Client, in CreateInput) (*ent.Tenant, *ent.Job, error) {
	sys := tenancy.SystemContext(ctx) // slug uniqueness and plans are platform-wide
	p, err := c.Plan.Query().Where(plan.Code(in.Plan)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil, apperr.Invalid(map[string]string{"plan": "unknown_plan"})
	}
	if err != nil {
		return nil, nil, err
	}
	if exists, err := c.Tenant.Query().Where(enttenant.Slug(in.Slug)).Exist(sys); err != nil {
		return nil, nil, err
	} else if exists {
		return nil, nil, apperr.Conflict("slug_taken", nil)
	}
	t, err := c.Tenant.Create().SetSlug(in.Slug).SetName(in.Name).SetPlanID(p.ID).
		SetStatus(enttenant.StatusProvisioning).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, nil, apperr.Conflict("slug_taken", err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("tenant: create %s: %w", in.Slug, err)
	}
	inT := viewer.NewContext(ctx, &viewer.Viewer{TenantID: t.ID, TenantSlug: t.Slug, System: true})
	if in.AdminEmail != "" {
		if err := s.addAdmin(sys, inT, c, in); err != nil {
			return nil, nil, err
		}
	}
	task, err := NewProvisionTask(ProvisionPayload{TenantID: t.ID})
	if err != nil {
		return nil, nil, err
	}
	j, err := s.jobs.Create(inT, c, task)
	if err != nil {
		return nil, nil, err
	}
	return t, j, nil
}

// addAdmin makes the named user (created when new) province admin of the new tenant.
func (s *Service) addAdmin(sys, inT context.Context, c *ent.Client, in CreateInput) error {
	u, err := c.User.Query().Where(userEmail(in.AdminEmail)).Only(sys)
	if ent.IsNotFound(err) {
		pw := in.AdminPassword
		if pw == "" {
			return apperr.Invalid(map[string]string{"admin_password": "required"})
		}
		u, err = account.CreateUser(sys, c, account.NewUser{Email: in.AdminEmail, FullName: in.AdminName, Password: pw})
	}
	if err != nil {
		if e, ok := apperr.As(err); ok && e.Kind == apperr.KindInvalid {
			// The account's fields are the form's admin_* fields.
			names := map[string]string{"email": "admin_email", "full_name": "admin_name", "password": "admin_password"}
			prefixed := map[string]string{}
			for k, v := range e.Fields {
				prefixed[names[k]] = v
			}
			return apperr.Invalid(prefixed)
		}
		return err
	}
	_, err = c.Membership.Create().SetUserID(u.ID).SetRole("province_admin").Save(inT)
	return err
}

// List returns every province (platform admin) or the viewer's own.
func (s *Service) List(ctx context.Context) ([]*ent.Tenant, error) {
	return s.db.Tenant.Query().WithPlan().Order(ent.Asc(enttenant.FieldName)).All(ctx)
}

// BySlug resolves a URL's province. It reads platform data, so it runs as the system; callers
// then check the viewer belongs to the result.
func (s *Service) BySlug(ctx context.Context, slug string) (*ent.Tenant, error) {
	t, err := s.db.Tenant.Query().Where(enttenant.Slug(slug)).Only(tenancy.SystemContext(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	return t, err
}

// Status is a province's state.
type Status = enttenant.Status

// The states a platform admin sets.
const (
	Active    = enttenant.StatusActive
	Suspended = enttenant.StatusSuspended
)

// SetStatus suspends or reactivates a province (platform admin).
func (s *Service) SetStatus(ctx context.Context, slug string, status enttenant.Status) (*ent.Tenant, error) {
	t, err := s.BySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		t, err = tx.Tenant.UpdateOneID(t.ID).SetStatus(status).Save(ctx)
		return err
	})
	if privacyDenied(err) {
		return nil, apperr.Forbidden(err)
	}
	return t, err
}

// PlanInput is a SaaS plan's quotas and modules (0 = unlimited).
type PlanInput struct {
	Name                      string
	MaxUnits, MaxUsers        int
	MaxStorageBytes           int64
	MaxReportGenerationsMonth int
	Modules                   []string
}

// Modules a plan can enable.
var Modules = []string{"committee", "documents", "plans", "reports", "reminders", "inspections", "evaluation"}

// Plans lists the SaaS plans.
func (s *Service) Plans(ctx context.Context) ([]*ent.Plan, error) {
	return s.db.Plan.Query().Order(ent.Asc(plan.FieldID)).All(ctx)
}

// SetPlan creates or updates the plan with code (platform admin).
func (s *Service) SetPlan(ctx context.Context, code string, in PlanInput) (*ent.Plan, error) {
	f := apperr.Fields{}
	code = strings.TrimSpace(code)
	if code == "" || !entschema.SlugPattern.MatchString(code) {
		f.Add("code", "slug")
	}
	if strings.TrimSpace(in.Name) == "" {
		f.Add("name", "required")
	}
	if in.MaxUnits < 0 || in.MaxUsers < 0 || in.MaxStorageBytes < 0 || in.MaxReportGenerationsMonth < 0 {
		f.Add("quota", "invalid")
	}
	for _, m := range in.Modules {
		if !slices.Contains(Modules, m) {
			f.Add("modules", "invalid")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var p *ent.Plan
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		id, err := tx.Plan.Query().Where(plan.Code(code)).OnlyID(ctx)
		switch {
		case ent.IsNotFound(err):
			p, err = tx.Plan.Create().SetCode(code).SetName(strings.TrimSpace(in.Name)).SetMaxUnits(in.MaxUnits).SetMaxUsers(in.MaxUsers).
				SetMaxStorageBytes(in.MaxStorageBytes).SetMaxReportGenerationsMonth(in.MaxReportGenerationsMonth).SetModules(in.Modules).Save(ctx)
		case err == nil:
			p, err = tx.Plan.UpdateOneID(id).SetName(strings.TrimSpace(in.Name)).SetMaxUnits(in.MaxUnits).SetMaxUsers(in.MaxUsers).
				SetMaxStorageBytes(in.MaxStorageBytes).SetMaxReportGenerationsMonth(in.MaxReportGenerationsMonth).SetModules(in.Modules).Save(ctx)
		}
		return err
	})
	if privacyDenied(err) {
		return nil, apperr.Forbidden(err)
	}
	return p, err
}

// AssignPlan moves a province to another plan (platform admin).
func (s *Service) AssignPlan(ctx context.Context, slug, code string) (*ent.Tenant, error) {
	t, err := s.BySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	p, err := s.db.Plan.Query().Where(plan.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(map[string]string{"plan": "unknown_plan"})
	}
	if err != nil {
		return nil, err
	}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		t, err = tx.Tenant.UpdateOneID(t.ID).SetPlanID(p.ID).Save(ctx)
		return err
	})
	if privacyDenied(err) {
		return nil, apperr.Forbidden(err)
	}
	return t, err
}
