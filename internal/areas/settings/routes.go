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
	p.API(httpapi.GET, "/settings", h.apiSettings, permSettingRead, httpapi.Out[SettingsJSON](),
		httpapi.Summary("The province's settings, key → value"))
	p.API(httpapi.PUT, "/settings", h.apiSettingsUpdate, permSettingUpdate, httpapi.In[map[string]string](), httpapi.Out[SettingsJSON](),
		httpapi.Summary("Change some settings: a JSON object key → value (known keys only, values up to 300 characters); answers all settings"))
	p.API(httpapi.GET, "/usage", h.apiUsage, permUsageRead, httpapi.Out[UsageJSON](),
		httpapi.Summary("The province's plan and its use: units, users, storage bytes and this month's reports, each used and limit"))
}
