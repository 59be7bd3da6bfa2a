package tenant

import (
	"context"
	"fmt"

	"github.com/danvan-vn/danvan/ent"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TypeProvision is the job that prepares a new province.
const TypeProvision = "tenant:provision"

// ProvisionPayload names the province to prepare.
type ProvisionPayload struct {
	TenantID int `json:"tenant_id"`
}

// Province is the province the job acts in.
func (p ProvisionPayload) Province() int { return p.TenantID }

// NewProvisionTask returns the provisioning job to create (on the critical queue: a new
// province waits for it).
func NewProvisionTask(p ProvisionPayload) (jobs.Spec, error) {
	s, err := jobs.NewSpec(TypeProvision, p)
	s.Queue = jobs.QueueCritical
	return s, err
}

// HandleProvision prepares a new province: its bucket and default settings, then marks it
// active. Running it twice changes nothing more.
func (s *Service) HandleProvision(ctx context.Context, p ProvisionPayload) error {
	ctx, err := jobs.TenantContext(ctx, s.db, p.TenantID)
	if err != nil {
		return fmt.Errorf("provision tenant %d: %w", p.TenantID, err)
	}
	sys := tenancy.SystemContext(ctx) // the tenants table is platform data
	t, err := s.db.Tenant.Get(sys, p.TenantID)
	if err != nil {
		return fmt.Errorf("provision tenant %d: %w", p.TenantID, err)
	}
	if err := s.buckets.EnsureBucket(ctx, t.Slug); err != nil {
		return fmt.Errorf("provision %s: bucket: %w", t.Slug, err)
	}
	jobs.SetProgress(ctx, 60)
	settings := map[string]string{}
	for k, val := range DefaultSettings {
		settings[k] = val
	}
	for k, val := range t.Settings {
		settings[k] = val // keep what the province already set
	}
	err = db.InTx(sys, s.db, func(tx *ent.Tx) error {
		upd := tx.Tenant.UpdateOneID(t.ID).SetSettings(settings)
		if t.Status == enttenant.StatusProvisioning {
			upd.SetStatus(enttenant.StatusActive)
		}
		return upd.Exec(sys)
	})
	if err != nil {
		return fmt.Errorf("provision %s: settings: %w", t.Slug, err)
	}
	return nil
}
