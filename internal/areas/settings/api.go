package settings

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

func (h *handler) apiSettings(c echo.Context) error {
	all, err := h.settings.All(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SettingsJSON{Settings: all})
}

// SettingsJSON is the province's settings, key → value.
type SettingsJSON struct {
	Settings map[string]string `json:"settings"`
}

// UsageJSON is the province's use of its plan (fields in the order of their JSON names).
type UsageJSON struct {
	Modules []string  `json:"modules"`
	Plan    string    `json:"plan"`
	Reports UsedLimit `json:"reports" doc:"Report generations this month"`
	Storage UsedLimit `json:"storage" doc:"Bytes of stored files"`
	Units   UsedLimit `json:"units"`
	Users   UsedLimit `json:"users"`
}

// UsedLimit is how much of a quota is used.
type UsedLimit struct {
	Limit int64 `json:"limit"`
	Used  int64 `json:"used"`
}

func (h *handler) apiSettingsUpdate(c echo.Context) error {
	var in map[string]string
	if err := httpapi.Bind(c, &in); err != nil { // the body only, never the path's slug
		return err
	}
	if err := h.settings.Set(c.Request().Context(), in); err != nil {
		return err
	}
	return h.apiSettings(c)
}

func (h *handler) apiUsage(c echo.Context) error {
	u, err := h.quota.Usage(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, UsageJSON{
		Plan:    u.Plan,
		Units:   UsedLimit{Used: int64(u.Units), Limit: int64(u.MaxUnits)},
		Users:   UsedLimit{Used: int64(u.Users), Limit: int64(u.MaxUsers)},
		Storage: UsedLimit{Used: u.StorageBytes, Limit: u.MaxStorageBytes},
		Reports: UsedLimit{Used: int64(u.ReportsThisMonth), Limit: int64(u.MaxReportsMonth)},
		Modules: u.Modules,
	})
}
