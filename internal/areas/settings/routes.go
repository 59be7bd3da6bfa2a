package settings

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permSettingRead   = authz.Permission{Object: "setting", Action: "read"}
	permSettingUpdate = authz.Permission{Object: "setting", Action: "update"}
	permUsageRead     = authz.Permission{Object: "usage", Action: "read"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("settings")
	r.Flash("settings_saved", "settings.saved")
	r.Nav(httpapi.NavItem{Section: httpapi.NavAdmin, Label: "nav.settings", Path: "/settings", Perm: permSettingRead, Order: 40, Exact: true})
	r.Templates("settings")
	p := r.Province()
	p.Page(httpapi.GET, "/settings", h.settingsPage, permSettingRead)
	p.Page(httpapi.POST, "/settings", h.settingsSubmit, permSettingUpdate)
	p.API(httpapi.GET, "/settings", h.apiSettings, permSettingRead)
	p.API(httpapi.PUT, "/settings", h.apiSettingsUpdate, permSettingUpdate)
	p.API(httpapi.GET, "/usage", h.apiUsage, permUsageRead)
}
