// Package authz answers "may this role do this action on this kind of object in this province?"
// with Casbin (RBAC with domains; model and default grants in policies/). Which roles a user holds
// comes from the memberships table; a province's own grant changes (RoleGrant rows) are loaded
// into its domain and reloaded whenever the province's grants_version moves, so every process
// sees a change on its next request.
package authz

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"
	"github.com/casbin/casbin/v2/util"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/rolegrant"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/policies"
)

// Pseudo-roles every check considers.
const (
	RoleAuthenticated = "authenticated" // any logged-in user
	RolePlatformAdmin = "platform_admin"
	DomainPlatform    = "platform"
)

// Permission is an (object, action) pair a route declares.
type Permission struct{ Object, Action string }

func (p Permission) String() string { return p.Object + ":" + p.Action }

// Grant is one province-specific change to the defaults.
type Grant struct{ Role, Object, Action, Effect string }

// Enforcer wraps the Casbin enforcer.
type Enforcer struct {
	e        *casbin.SyncedEnforcer
	mu       sync.Mutex // held while a province's grants reload
	versions sync.Map   // domain → grants_version loaded (int); read without mu on every request
	ceiling  map[string]bool
	defaults map[string]bool // role|object|action allowed by default (with inheritance)
	catalog  []Permission
}

// New loads the embedded model, default grants and ceiling.
func New() (*Enforcer, error) {
	m, err := model.NewModelFromString(policies.Model)
	if err != nil {
		return nil, fmt.Errorf("authz: model: %w", err)
	}
	e, err := casbin.NewSyncedEnforcer(m, stringadapter.NewAdapter(policies.Roles))
	if err != nil {
		return nil, fmt.Errorf("authz: enforcer: %w", err)
	}
	e.EnableAutoSave(false)
	e.AddNamedDomainMatchingFunc("g", "KeyMatch", util.KeyMatch)
	if err := e.LoadPolicy(); err != nil {
		return nil, fmt.Errorf("authz: load roles.csv: %w", err)
	}
	a := &Enforcer{e: e, ceiling: map[string]bool{}, defaults: map[string]bool{}}
	seen := map[Permission]bool{}
	sc := bufio.NewScanner(strings.NewReader(policies.Ceiling))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := splitCSV(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("authz: ceiling.csv: bad line %q", line)
		}
		a.ceiling[key(f[0], f[1], f[2])] = true
		seen[Permission{f[1], f[2]}] = true
	}
	pols, _ := e.GetPolicy()
	for _, p := range pols {
		if p[1] == DomainPlatform || p[0] == RoleAuthenticated {
			continue
		}
		seen[Permission{p[2], p[3]}] = true
	}
	for p := range seen {
		a.catalog = append(a.catalog, p)
	}
	sort.Slice(a.catalog, func(i, j int) bool { return a.catalog[i].String() < a.catalog[j].String() })
	for _, r := range ProvinceRoles {
		for _, p := range a.catalog {
			if ok, _ := e.Enforce(r, "__defaults__", p.Object, p.Action); ok {
				a.defaults[key(r, p.Object, p.Action)] = true
			}
		}
	}
	return a, nil
}

// ProvinceRoles are the roles a membership can hold, in display order.
var ProvinceRoles = []string{"province_admin", "committee_head", "committee_member", "standing_agency", "unit_leader", "unit_officer", "readonly_leader"}

func key(role, obj, act string) string { return role + "|" + obj + "|" + act }

func splitCSV(line string) []string {
	parts := strings.Split(line, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// Catalog lists the province permissions a grant editor shows.
func (a *Enforcer) Catalog() []Permission { return a.catalog }

// Default reports whether role holds obj:act by default.
func (a *Enforcer) Default(role, obj, act string) bool { return a.defaults[key(role, obj, act)] }

// Grantable reports whether a province may allow role obj:act: it is a default, in the
// platform's ceiling, or in the province's extra ceiling ("role:object:action" entries).
func (a *Enforcer) Grantable(role, obj, act string, extra []string) bool {
	if role == "province_admin" {
		return false // the province admin's grants are fixed: a province cannot lock itself out
	}
	if a.defaults[key(role, obj, act)] || a.ceiling[key(role, obj, act)] {
		return true
	}
	for _, x := range extra {
		if x == role+":"+obj+":"+act {
			return true
		}
	}
	return false
}

// Allowed reports whether the viewer may do obj:act in domain (a province slug, or "platform").
// It checks every role the viewer holds there, plus "authenticated".
func (a *Enforcer) Allowed(v *viewer.Viewer, domain string, p Permission) bool {
	if v == nil {
		return false
	}
	roles := []string{RoleAuthenticated}
	if domain == DomainPlatform {
		if v.PlatformAdmin {
			roles = append(roles, RolePlatformAdmin)
		}
	} else {
		roles = append(roles, v.Roles...)
	}
	for _, r := range roles {
		if ok, err := a.e.Enforce(r, domain, p.Object, p.Action); err == nil && ok {
			return true
		}
	}
	return false
}

// Sync loads a province's grants into its domain unless the loaded version is current. It runs
// on every province request: the check takes no lock; only a reload does.
func (a *Enforcer) Sync(ctx context.Context, c *ent.Client, t *ent.Tenant) error {
	if a.synced(t) {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.synced(t) { // another request reloaded it meanwhile
		return nil
	}
	inT := viewer.NewContext(ctx, viewer.System(t.ID, t.Slug))
	rows, err := c.RoleGrant.Query().Order(ent.Asc(rolegrant.FieldID)).All(inT)
	if err != nil {
		return fmt.Errorf("authz: load grants of %s: %w", t.Slug, err)
	}
	if _, err := a.e.RemoveFilteredPolicy(1, t.Slug); err != nil {
		return fmt.Errorf("authz: clear grants of %s: %w", t.Slug, err)
	}
	var rules [][]string
	for _, g := range rows {
		if g.Effect == rolegrant.EffectAllow && !a.Grantable(string(g.Role), g.Object, g.Action, t.GrantCeiling) {
			continue // the ceiling was lowered since: the widening no longer applies
		}
		rules = append(rules, []string{string(g.Role), t.Slug, g.Object, g.Action, string(g.Effect)})
	}
	if len(rules) > 0 {
		if _, err := a.e.AddPolicies(rules); err != nil {
			return fmt.Errorf("authz: add grants of %s: %w", t.Slug, err)
		}
	}
	a.versions.Store(t.Slug, t.GrantsVersion)
	return nil
}

func (a *Enforcer) synced(t *ent.Tenant) bool {
	v, ok := a.versions.Load(t.Slug)
	return ok && v.(int) == t.GrantsVersion
}

// ErrNotGrantable is returned when a grant exceeds the ceiling.
var ErrNotGrantable = errors.New("authz: grant beyond the platform's ceiling")
