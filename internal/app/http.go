package app

import (
	"context"
	"reflect"
	"slices"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/areas/access"
	auditarea "github.com/danvan-vn/danvan/internal/areas/audit"
	calendararea "github.com/danvan-vn/danvan/internal/areas/calendar"
	"github.com/danvan-vn/danvan/internal/areas/committees"
	"github.com/danvan-vn/danvan/internal/areas/directives"
	"github.com/danvan-vn/danvan/internal/areas/documents"
	"github.com/danvan-vn/danvan/internal/areas/home"
	"github.com/danvan-vn/danvan/internal/areas/identity"
	jobsarea "github.com/danvan-vn/danvan/internal/areas/jobs"
	"github.com/danvan-vn/danvan/internal/areas/notifications"
	"github.com/danvan-vn/danvan/internal/areas/plans"
	"github.com/danvan-vn/danvan/internal/areas/platform"
	"github.com/danvan-vn/danvan/internal/areas/regimes"
	remindersarea "github.com/danvan-vn/danvan/internal/areas/reminders"
	"github.com/danvan-vn/danvan/internal/areas/reports"
	settingsarea "github.com/danvan-vn/danvan/internal/areas/settings"
	"github.com/danvan-vn/danvan/internal/areas/unitnotes"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/unitnote"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Areas are the parts of the web app and the JSON API, each given only the services it uses.
// Adding an area is one line here.
func (a *App) Areas() []httpapi.Area {
	return []httpapi.Area{
		identity.New(a.Accounts, a.Members, a.Units, a.Cfg.BaseURL),
		platform.New(a.Tenants, a.Grants),
		home.New(a.Quota, a.Store, a.JobService, a.Members, a.Regimes, a.Committees, a.Plans),
		jobsarea.New(a.JobService),
		access.New(a.Grants),
		auditarea.New(audit.NewTrail(a.DB.Client), a.Units, a.Committees),
		units.New(a.Units),
		unitnotes.New(unitnote.New(a.DB.Client)),
		committees.New(a.Committees, a.Units, a.Store),
		documents.New(a.Documents, a.Units),
		regimes.New(a.Regimes, a.Units),
		calendararea.New(a.Regimes),
		plans.New(a.Plans, a.Units, a.Reminders),
		reports.New(a.Reports, a.Regimes, a.JobService),
		remindersarea.New(a.Reminders, a.Units),
		directives.New(a.Drafts),
		settingsarea.New(a.Settings, a.Quota),
		notifications.New(a.Notify),
	}
}

// Server builds the HTTP server over the app's services and areas (and extra ones: a test's).
// An extra area of the same Go type as one of the app's replaces it: a test can run an area
// over a fake of its services.
func (a *App) Server(extra ...httpapi.Area) (*httpapi.Server, error) {
	areas := []httpapi.Area{}
	for _, ar := range a.Areas() {
		if !slices.ContainsFunc(extra, func(x httpapi.Area) bool { return reflect.TypeOf(x) == reflect.TypeOf(ar) }) {
			areas = append(areas, ar)
		}
	}
	return httpapi.New(httpapi.Deps{
		Config:   a.Cfg,
		Log:      a.Log,
		Identity: identityOf{accounts: a.Accounts},
		Authz:    authorizer{e: a.Authz, c: a.DB.Client},
		Ready: func(ctx context.Context) []httpapi.Check {
			var out []httpapi.Check
			for _, c := range a.Ready(ctx) {
				out = append(out, httpapi.Check{Name: c.Name, Mode: c.Mode, OK: c.OK, Error: c.Error, Took: c.Took})
			}
			return out
		},
		Collectors: jobs.Collectors(),
	}, append(areas, extra...)...)
}

// identityOf answers the kernel's "who is asking" from the account service: a session and its
// user in one query, a province and the user's memberships there in another.
type identityOf struct {
	accounts *account.Service
}

func (i identityOf) Authenticate(ctx context.Context, cookie string) (httpapi.Who, error) {
	u, sid, err := i.accounts.Authenticate(ctx, cookie)
	if err != nil {
		return httpapi.Who{}, err
	}
	return httpapi.Who{UserID: u.ID, Name: u.FullName, Email: u.Email, PlatformAdmin: u.PlatformAdmin,
		MustChangePassword: u.MustChangePassword, SessionID: sid}, nil
}

func (i identityOf) AuthenticateToken(ctx context.Context, token string) (httpapi.Who, error) {
	id, err := i.accounts.AuthenticateToken(ctx, token)
	if err != nil {
		return httpapi.Who{}, err
	}
	u := id.User
	return httpapi.Who{UserID: u.ID, Name: u.FullName, Email: u.Email, TokenTenantID: id.TenantID}, nil
}

func (i identityOf) Standing(ctx context.Context, userID int, slug string) (*ent.Tenant, httpapi.Standing, error) {
	t, ms, err := i.accounts.StandingIn(ctx, userID, slug)
	if err != nil {
		return nil, httpapi.Standing{}, err
	}
	v := tenancy.InProvince(&viewer.Viewer{UserID: userID}, t.ID, t.Slug, ms)
	return t, httpapi.Standing{Roles: v.Roles, UnitIDs: v.UnitIDs}, nil
}

// authorizer is casbin with the province's grants synced from the database.
type authorizer struct {
	e *authz.Enforcer
	c *ent.Client
}

func (z authorizer) Allowed(v *viewer.Viewer, domain string, p authz.Permission) bool {
	return z.e.Allowed(v, domain, p)
}
func (z authorizer) Catalog() []authz.Permission                   { return z.e.Catalog() }
func (z authorizer) Sync(ctx context.Context, t *ent.Tenant) error { return z.e.Sync(ctx, z.c, t) }
