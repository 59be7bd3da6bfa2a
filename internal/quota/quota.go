// Package quota enforces a province's SaaS plan: how many units and users, how much storage and
// how many report generations a month it may have. Every place that creates a counted thing
// asks first; the province admin's home page shows the usage.
package quota

import (
	"context"
	"errors"
	"fmt"
	"github.com/danvan-vn/danvan/internal/calendar"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/tenant"
	entunit "github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TypeReportGenerate is the job type counted against the monthly report quota.
const TypeReportGenerate = "report:generate"

// Objects lists a province's stored objects (storage.Store).
type Objects interface {
	List(ctx context.Context, tenantSlug, prefix string) ([]storage.ObjectInfo, error)
}

// Service reads plans and usage.
type Service struct {
	db      *ent.Client
	objects Objects
}

// New returns the service.
func New(db *ent.Client, objects Objects) *Service { return &Service{db: db, objects: objects} }

// Usage is a province's use of its plan; a limit of 0 means unlimited.
type Usage struct {
	Plan                              string
	Units, MaxUnits                   int
	Users, MaxUsers                   int
	StorageBytes, MaxStorageBytes     int64
	ReportsThisMonth, MaxReportsMonth int
	Objects                           int // files stored
	Modules                           []string
}

func (s *Service) plan(ctx context.Context) (*ent.Tenant, *ent.Plan, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.TenantID == 0 {
		return nil, nil, errors.New("quota: no province in context")
	}
	// The plan is platform data on the tenant row.
	t, err := s.db.Tenant.Query().Where(tenant.ID(v.TenantID)).WithPlan().Only(tenancy.SystemContext(ctx))
	if err != nil {
		return nil, nil, fmt.Errorf("quota: plan: %w", err)
	}
	return t, t.Edges.Plan, nil
}

func (s *Service) units(ctx context.Context) (int, error) {
	return s.db.Unit.Query().Where(entunit.ValidToIsNil()).Count(ctx)
}

func (s *Service) users(ctx context.Context) (int, error) {
	ids, err := s.db.Membership.Query().Where(membership.Active(true)).GroupBy(membership.FieldUserID).Ints(ctx)
	return len(ids), err
}

func monthStart(now time.Time) time.Time {
	loc := calendar.Location()
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc).UTC()
}

// Usage returns the viewer's province's usage.
func (s *Service) Usage(ctx context.Context) (Usage, error) {
	t, p, err := s.plan(ctx)
	if err != nil {
		return Usage{}, err
	}
	u := Usage{Plan: p.Name, MaxUnits: p.MaxUnits, MaxUsers: p.MaxUsers, MaxStorageBytes: p.MaxStorageBytes,
		MaxReportsMonth: p.MaxReportGenerationsMonth, Modules: p.Modules}
	if u.Units, err = s.units(ctx); err != nil {
		return u, err
	}
	if u.Users, err = s.users(ctx); err != nil {
		return u, err
	}
	if u.ReportsThisMonth, err = s.db.Job.Query().Where(job.Type(TypeReportGenerate), job.CreatedAtGTE(monthStart(time.Now()))).Count(ctx); err != nil {
		return u, err
	}
	if s.objects != nil {
		objs, err := s.objects.List(ctx, t.Slug, "")
		if err == nil {
			u.Objects = len(objs)
			for _, o := range objs {
				u.StorageBytes += o.Size
			}
		}
	}
	return u, nil
}

func over(limit, have, adding int64) bool { return limit > 0 && have+adding > limit }

// CheckUnits refuses adding units beyond the plan.
func (s *Service) CheckUnits(ctx context.Context, adding int) error {
	_, p, err := s.plan(ctx)
	if err != nil {
		return err
	}
	n, err := s.units(ctx)
	if err != nil {
		return err
	}
	if over(int64(p.MaxUnits), int64(n), int64(adding)) {
		return apperr.QuotaExceeded("quota_units")
	}
	return nil
}

// CheckUsers refuses adding people beyond the plan.
func (s *Service) CheckUsers(ctx context.Context, adding int) error {
	_, p, err := s.plan(ctx)
	if err != nil {
		return err
	}
	n, err := s.users(ctx)
	if err != nil {
		return err
	}
	if over(int64(p.MaxUsers), int64(n), int64(adding)) {
		return apperr.QuotaExceeded("quota_users")
	}
	return nil
}

// CheckStorage refuses storing bytes beyond the plan.
func (s *Service) CheckStorage(ctx context.Context, adding int64) error {
	u, err := s.Usage(ctx)
	if err != nil {
		return err
	}
	if over(u.MaxStorageBytes, u.StorageBytes, adding) {
		return apperr.QuotaExceeded("quota_storage")
	}
	return nil
}

// CheckReports refuses a report generation beyond the month's allowance.
func (s *Service) CheckReports(ctx context.Context) error {
	u, err := s.Usage(ctx)
	if err != nil {
		return err
	}
	if over(int64(u.MaxReportsMonth), int64(u.ReportsThisMonth), 1) {
		return apperr.QuotaExceeded("quota_reports")
	}
	return nil
}
