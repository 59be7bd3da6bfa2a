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
	p.API(httpapi.GET, "/units", h.apiUnits, permUnitRead, httpapi.Out[UnitsJSON](),
		httpapi.Summary("The units that existed on a day, with their version of that day (?date=dd/mm/yyyy or yyyy-mm-dd, default today; "+
			"?q= search code and names, ignoring diacritics; ?tree=1 nests children, without q)"))
	p.API(httpapi.POST, "/units", h.apiUnitCreate, permUnitUpdate, httpapi.In[unitRequest](), httpapi.Out[UnitCreatedJSON](),
		httpapi.Created(), httpapi.Summary("Create a unit from a day (code, name, type and the other attributes)"))
	p.API(httpapi.GET, "/units/import/template", h.unitTemplate, permUnitRead,
		httpapi.Summary("Download the XLSX template for importing units"))
	p.API(httpapi.POST, "/units/import", h.apiUnitImport, permUnitImport, httpapi.Out[ImportResultJSON](),
		httpapi.Summary("Import units from a CSV or XLSX file: a multipart/form-data upload, field file, and date "+
			"(dd/mm/yyyy or yyyy-mm-dd, default today); all or nothing"))
	p.API(httpapi.POST, "/units/merge", h.apiUnitMerge, permUnitUpdate, httpapi.In[unitRequest](), httpapi.Out[UnitCreatedJSON](),
		httpapi.Created(), httpapi.Summary("Merge units (unit_ids) on a day into a new unit (code and attributes); their sub-units move under it"))
	p.API(httpapi.GET, "/units/:id", h.apiUnit, permUnitRead, httpapi.Out[UnitHistoryJSON](),
		httpapi.Summary("A unit's whole history: its versions and the operations on it"))
	p.API(httpapi.POST, "/units/:id/change", h.apiUnitChange, permUnitUpdate, httpapi.In[unitRequest](),
		httpapi.Summary("Change a unit from a day: a new version with the body's attributes (kind rename, move or update); 204"))
	p.API(httpapi.POST, "/units/:id/dissolve", h.apiUnitDissolve, permUnitUpdate, httpapi.In[unitRequest](),
		httpapi.Summary("Dissolve a unit on a day (only date and note are read; its sub-units must have moved); 204"))
}
