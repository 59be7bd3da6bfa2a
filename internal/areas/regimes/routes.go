package regimes

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permRegimeRead   = authz.Permission{Object: "regime", Action: "read"}
	permRegimeUpdate = authz.Permission{Object: "regime", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("regimes")
	r.Flash("regimes_saved", "regimes.saved")
	r.Flash("regimes_deleted", "regimes.deleted")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.regimes", Path: "/regimes", Perm: permRegimeRead, Order: 30})
	r.Templates("regimes", "regime")
	p := r.Province()
	p.Page(httpapi.GET, "/regimes", h.regimesPage, permRegimeRead)
	p.Page(httpapi.GET, "/regimes/new", h.regimeEditor, permRegimeRead)
	p.Page(httpapi.POST, "/regimes", h.regimeSubmit, permRegimeUpdate)
	p.Page(httpapi.GET, "/regimes/:id", h.regimeEditor, permRegimeRead)
	p.Page(httpapi.POST, "/regimes/:id", h.regimeSubmit, permRegimeUpdate)
	p.Page(httpapi.POST, "/regimes/:id/delete", h.regimeDelete, permRegimeUpdate)
	p.API(httpapi.GET, "/regimes", h.apiRegimes, permRegimeRead, httpapi.Out[RegimesJSON](),
		httpapi.Summary("The province's reporting regimes, each with its next four deadlines"))
	p.API(httpapi.POST, "/regimes", h.apiRegimeCreate, permRegimeUpdate, httpapi.In[regimeRequest](), httpapi.Out[RegimeJSON](),
		httpapi.Created(), httpapi.Summary("Create a reporting regime"))
	p.API(httpapi.POST, "/regimes/preview", h.apiRegimePreview, permRegimeRead, httpapi.In[regimeRequest](),
		httpapi.Out[PreviewJSON](), httpapi.Summary("The next four deadlines of a draft regime from today, without saving it"))
	p.API(httpapi.GET, "/regimes/:id", h.apiRegime, permRegimeRead, httpapi.Out[RegimeJSON](),
		httpapi.Summary("A reporting regime, with its next four deadlines"))
	p.API(httpapi.PUT, "/regimes/:id", h.apiRegimeUpdate, permRegimeUpdate, httpapi.In[regimeRequest](), httpapi.Out[RegimeJSON](),
		httpapi.Summary("Change a reporting regime (all fields)"))
	p.API(httpapi.DELETE, "/regimes/:id", h.apiRegimeDelete, permRegimeUpdate,
		httpapi.Summary("Delete a reporting regime; 204"))
}
