package home

import (
	"github.com/danvan-vn/danvan/internal/areas/platform"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permProvinceRead = authz.Permission{Object: "province", Action: "read"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("home")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.home", Path: "/", Perm: permProvinceRead, Order: 0, Exact: true})
	r.Templates("home")
	p := r.Province()
	p.Page(httpapi.GET, "", h.homePage, permProvinceRead)
	p.Page(httpapi.GET, "/", h.homePage, permProvinceRead)
	p.API(httpapi.GET, "", h.apiProvince, permProvinceRead, httpapi.Out[platform.TenantJSON](),
		httpapi.Summary("The province: slug, name, status, plan, settings"))
}
