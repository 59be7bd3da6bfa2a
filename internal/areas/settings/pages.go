package settings

import (
	"cmp"
	"net/http"
	"strings"

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
	return httpapi.HTML(c, http.StatusOK, "settings", web.SettingsPage{Page: httpapi.PageOf(c, "settings.title"), Keys: settings.Keys, Values: all,
		Letterhead: letterhead(all)})
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
		Values: values, Errors: fields, Letterhead: letterhead(values)})
}

// blank stands for what each document fills in: its number, its type, the day.
const blank = "…"

// letterhead is the preview of the documents' header block from the settings' values.
func letterhead(values map[string]string) web.LetterheadVM {
	number := strings.NewReplacer("{n}", blank, "{type}", blank, "{issuer}", blank).Replace(values[settings.DocNumberFormat])
	return web.LetterheadVM{
		Parent: strings.ToUpper(strings.TrimSpace(values[settings.LetterheadParent])),
		Issuer: cmp.Or(strings.ToUpper(strings.TrimSpace(values[settings.LetterheadIssuer])), blank),
		Number: cmp.Or(number, blank),
		Place:  cmp.Or(strings.TrimSpace(values[settings.LetterheadPlace]), blank),
	}
}
