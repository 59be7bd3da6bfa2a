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
	r.Flash("renamed", "tenants.renamed")
	r.Templates("tenants", "plans")
	plat := r.Platform()
	plat.Page(httpapi.GET, "/tenants", h.tenantsPage, permTenantRead)
	plat.Page(httpapi.POST, "/tenants", h.tenantsCreate, permTenantCreate)
	plat.Page(httpapi.POST, "/tenants/:slug/suspend", h.tenantsSuspend, permTenantUpdate)
	plat.Page(httpapi.POST, "/tenants/:slug/activate", h.tenantsActivate, permTenantUpdate)
	plat.Page(httpapi.POST, "/tenants/:slug/names", h.tenantRename, permTenantUpdate)
	plat.Page(httpapi.GET, "/plans", h.plansPage, permTenantRead)
	plat.Page(httpapi.POST, "/plans/assign", h.plansAssign, permTenantUpdate)
	plat.Page(httpapi.POST, "/plans/:code", h.plansSave, permTenantUpdate)
	plat.API(httpapi.GET, "/tenants", h.apiTenants, permTenantRead, httpapi.Out[TenantsJSON](),
		httpapi.Summary("Every province"))
	plat.API(httpapi.POST, "/tenants", h.apiTenantCreate, permTenantCreate, httpapi.In[tenantCreateRequest](),
		httpapi.Out[TenantCreatedJSON](), httpapi.Created(),
		httpapi.Summary("Create a province (optionally with its admin); answers it and the background job provisioning it"))
	plat.API(httpapi.POST, "/tenants/:slug/suspend", h.apiTenantSuspend, permTenantUpdate, httpapi.Out[TenantJSON](),
		httpapi.Summary("Suspend a province"))
	plat.API(httpapi.POST, "/tenants/:slug/activate", h.apiTenantActivate, permTenantUpdate, httpapi.Out[TenantJSON](),
		httpapi.Summary("Activate a suspended province"))
	plat.API(httpapi.POST, "/tenants/:slug/names", h.apiTenantRename, permTenantUpdate, httpapi.In[renameRequest](),
		httpapi.Out[TenantJSON](),
		httpapi.Summary("Give the province a display name from a day on (its slug stays); an empty name removes that day's rename"))
	plat.API(httpapi.PUT, "/tenants/:slug/ceiling", h.apiTenantCeiling, permTenantUpdate, httpapi.In[ceilingRequest](),
		httpapi.Out[TenantJSON](),
		httpapi.Summary("Replace the province's grant ceiling: the role:object:action grants its admin may add beyond the defaults"))
	plat.API(httpapi.PUT, "/tenants/:slug/plan", h.apiTenantPlan, permTenantUpdate, httpapi.In[planAssignRequest](),
		httpapi.Out[TenantJSON](), httpapi.Summary("Move the province to a plan"))
	plat.API(httpapi.GET, "/plans", h.apiPlans, permTenantRead, httpapi.Out[PlansJSON](),
		httpapi.Summary("Every plan, and the modules a plan may include"))
	plat.API(httpapi.PUT, "/plans/:code", h.apiPlanSet, permTenantUpdate, httpapi.In[PlanJSON](), httpapi.Out[PlanJSON](),
		httpapi.Summary("Create or change the plan with the path's code (the body's code is ignored; quotas ≥ 0)"))
}
