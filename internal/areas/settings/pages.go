package settings

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) settingsPage(c echo.Context) error {
	all, err := h.settings.All(c.Request().Context())
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "settings", web.SettingsPage{Page: httpapi.PageOf(c, "settings.title"), Keys: settings.Keys, Values: all})
}

func (h *handler) settingsSubmit(c echo.Context) error {
	values := map[string]string{}
	for _, k := range settings.Keys {
		values[k] = c.FormValue(k)
	}
	if values[settings.AssignmentExclusive] == "" {
		values[settings.AssignmentExclusive] = "false" // an unchecked box sends nothing
	}
	err := h.settings.Set(c.Request().Context(), values)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/settings?done=settings_saved"))
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "settings", web.SettingsPage{Page: httpapi.PageOf(c, "settings.title"), Keys: settings.Keys,
		Values: values, Errors: fields})
}
