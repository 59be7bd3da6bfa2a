package report

import (
	"context"
	"errors"
	"fmt"

	"github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TypeOpenPeriods is the daily task that opens every province's periods ahead of time.
const TypeOpenPeriods = "report:open-periods"

// OpenPeriodsCron is when it runs: 01:00 in Vietnam, every day.
const OpenPeriodsCron = "0 1 * * *"

// OpenDueEverywhere runs OpenDue in every active province (the scheduled task). It is
// idempotent; a province that fails does not stop the others, and the error names it.
func (s *Service) OpenDueEverywhere(ctx context.Context) (opened int, err error) {
	ts, err := s.db.Tenant.Query().Where(tenant.StatusEQ(tenant.StatusActive)).All(tenancy.SystemContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("report: open periods: list provinces: %w", err)
	}
	var errs []error
	for _, t := range ts {
		tctx, err := jobs.TenantContext(ctx, s.db, t.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ps, err := s.OpenDue(tctx, s.today())
		opened += len(ps)
		if err != nil {
			errs = append(errs, fmt.Errorf("province %s: %w", t.Slug, err))
		}
	}
	return opened, errors.Join(errs...)
}
