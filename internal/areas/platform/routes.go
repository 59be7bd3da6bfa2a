package platform

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permTenantCreate = authz.Permission{Object: "tenant", Action: "create"}
	permTenantRead   = authz.Permission{Object: "tenant", Action: "read"}
	permTenantUpdate = authz.Permission{Object: "tenant", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("platform")
	r.Nav(httpapi.NavItem{Section: httpapi.NavPlatform, Label: "nav.platform", Path: "/platform/tenants", Order: 10, Exact: true},
		httpapi.NavItem{Section: httpapi.NavPlatform, Label: "nav.plans", Path: "/platform/plans", Order: 20, Exact: true})
	r.Flash("created", "tenants.created")
	r.Flash("plans", "plans.saved")
	r.Templates("tenants", "plans")
	plat := r.Platform()
	plat.Page(httpapi.GET, "/tenants", h.tenantsPage, permTenantRead)
	plat.Page(httpapi.POST, "/tenants", h.tenantsCreate, permTenantCreate)
	plat.Page(httpapi.POST, "/tenants/:slug/suspend", h.tenantsSuspend, permTenantUpdate)
	plat.Page(httpapi.POST, "/tenants/:slug/activate", h.tenantsActivate, permTenantUpdate)
	plat.Page(httpapi.GET, "/plans", h.plansPage, permTenantRead)
	plat.Page(httpapi.POST, "/plans/assign", h.plansAssign, permTenantUpdate)
	plat.Page(httpapi.POST, "/plans/:code", h.plansSave, permTenantUpdate)
	plat.API(httpapi.GET, "/tenants", h.apiTenants, permTenantRead)
	plat.API(httpapi.POST, "/tenants", h.apiTenantCreate, permTenantCreate)
	plat.API(httpapi.POST, "/tenants/:slug/suspend", h.apiTenantSuspend, permTenantUpdate)
	plat.API(httpapi.POST, "/tenants/:slug/activate", h.apiTenantActivate, permTenantUpdate)
	plat.API(httpapi.PUT, "/tenants/:slug/ceiling", h.apiTenantCeiling, permTenantUpdate)
	plat.API(httpapi.PUT, "/tenants/:slug/plan", h.apiTenantPlan, permTenantUpdate)
	plat.API(httpapi.GET, "/plans", h.apiPlans, permTenantRead)
	plat.API(httpapi.PUT, "/plans/:code", h.apiPlanSet, permTenantUpdate)
}
