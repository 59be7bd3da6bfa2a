// Package viewer says who is asking: a user acting in one province (tenant), or the system acting
// for one province on behalf of a job. Identity travels only on the request context.
package viewer

import "context"

// Viewer is the identity behind a request or a job.
type Viewer struct {
	UserID        int
	UserName      string
	UserEmail     string
	TenantID      int    // 0 when the viewer acts outside any province (platform pages)
	TenantSlug    string // slug of TenantID, for logs and URLs
	Roles         []string
	PlatformAdmin bool
	// TokenTenantID is set when the request came with a personal access token: it may act only
	// in that province.
	TokenTenantID int
	// System is true when a background job acts for TenantID; it is never set from a request.
	System bool
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer on ctx, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// System returns the viewer a job uses to act inside one province.
func System(tenantID int, slug string) *Viewer {
	return &Viewer{TenantID: tenantID, TenantSlug: slug, System: true}
}

// HasRole reports whether the viewer holds role in its current province.
func (v *Viewer) HasRole(role string) bool {
	if v == nil {
		return false
	}
	for _, r := range v.Roles {
		if r == role {
			return true
		}
	}
	return false
}
