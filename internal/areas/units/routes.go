package units

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permUnitImport = authz.Permission{Object: "unit", Action: "import"}
	permUnitRead   = authz.Permission{Object: "unit", Action: "read"}
	permUnitUpdate = authz.Permission{Object: "unit", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("units")
	r.Flash("units_created", "units.created")
	r.Flash("units_changed", "units.changed")
	r.Flash("units_dissolved", "units.dissolved")
	r.Flash("units_merged", "units.merged")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.units", Path: "/units", Perm: permUnitRead, Order: 10})
	r.Templates("units", "unit", "units_import")
	p := r.Province()
	p.Page(httpapi.GET, "/units", h.unitsPage, permUnitRead)
	p.Page(httpapi.POST, "/units", h.unitsCreate, permUnitUpdate)
	p.Page(httpapi.GET, "/units/import", h.importPage, permUnitImport)
	p.Page(httpapi.POST, "/units/import", h.importSubmit, permUnitImport)
	p.Page(httpapi.GET, "/units/import/template", h.unitTemplate, permUnitRead)
	p.Page(httpapi.POST, "/units/merge", h.unitsMerge, permUnitUpdate)
	p.Page(httpapi.GET, "/units/:id", h.unitPage, permUnitRead)
	p.Page(httpapi.POST, "/units/:id/change", h.unitChange, permUnitUpdate)
	p.Page(httpapi.POST, "/units/:id/dissolve", h.unitDissolve, permUnitUpdate)
	p.API(httpapi.GET, "/units", h.apiUnits, permUnitRead)
	p.API(httpapi.POST, "/units", h.apiUnitCreate, permUnitUpdate)
	p.API(httpapi.GET, "/units/import/template", h.unitTemplate, permUnitRead)
	p.API(httpapi.POST, "/units/import", h.apiUnitImport, permUnitImport)
	p.API(httpapi.POST, "/units/merge", h.apiUnitMerge, permUnitUpdate)
	p.API(httpapi.GET, "/units/:id", h.apiUnit, permUnitRead)
	p.API(httpapi.POST, "/units/:id/change", h.apiUnitChange, permUnitUpdate)
	p.API(httpapi.POST, "/units/:id/dissolve", h.apiUnitDissolve, permUnitUpdate)
}
