// Package tenancy keeps provinces apart. It holds the ent privacy rules every tenant-owned schema
// uses, the PostgreSQL row-level security setting applied to every statement, and the single
// explicit way to act across tenants: SystemContext.
package tenancy

import (
	"context"

	"github.com/danvan-vn/danvan/internal/viewer"
)

type systemKey struct{}

// SystemContext returns a context that reads and writes across every province: ent privacy is
// skipped and PostgreSQL row-level security is bypassed for statements run with it. It is the
// only bypass in danvan; grep for it. Use it for platform work (provisioning, sweeps over all
// tenants), never with a request's identity.
func SystemContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, systemKey{}, true)
}

// IsSystem reports whether ctx was made by SystemContext.
func IsSystem(ctx context.Context) bool {
	b, _ := ctx.Value(systemKey{}).(bool)
	return b
}

// TenantOf returns the province the context's viewer acts in.
func TenantOf(ctx context.Context) (int, bool) {
	v := viewer.FromContext(ctx)
	if v == nil || v.TenantID <= 0 {
		return 0, false
	}
	return v.TenantID, true
}
