package access

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permGrantRead   = authz.Permission{Object: "grant", Action: "read"}
	permGrantUpdate = authz.Permission{Object: "grant", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("access")
	r.Flash("grants", "grants.saved")
	r.Flash("grants_reset", "grants.reset_done")
	r.Nav(httpapi.NavItem{Section: httpapi.NavAdmin, Label: "nav.grants", Path: "/grants", Perm: permGrantRead, Order: 20, Exact: true})
	r.Templates("grants")
	p := r.Province()
	p.Page(httpapi.GET, "/grants", h.grantsPage, permGrantRead)
	p.Page(httpapi.POST, "/grants", h.grantsSave, permGrantUpdate)
	p.Page(httpapi.POST, "/grants/reset", h.grantsReset, permGrantUpdate)
	p.API(httpapi.GET, "/grants", h.apiGrants, permGrantRead, httpapi.Out[GrantsJSON](),
		httpapi.Summary("The province's role × permission matrix: each cell's default, override and effective grant"))
	p.API(httpapi.PUT, "/grants", h.apiGrantSet, permGrantUpdate, httpapi.In[grantRequest](),
		httpapi.Summary("Set one role's permission to default, allow or deny (allow only within the province's grant ceiling); 204"))
	p.API(httpapi.PUT, "/grants/batch", h.apiGrantsBatch, permGrantUpdate, httpapi.In[grantsRequest](),
		httpapi.Summary("Set many cells at once, all or nothing: one refused cell (its error is keyed role:object:action) changes none; 204"))
}
