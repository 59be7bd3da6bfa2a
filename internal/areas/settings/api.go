package settings

import (
	"encoding/json"
	"net/http"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/labstack/echo/v4"
)

func (h *handler) apiSettings(c echo.Context) error {
	all, err := h.settings.All(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"settings": all})
}

func (h *handler) apiSettingsUpdate(c echo.Context) error {
	var in map[string]string
	// Decode the body only: echo's Bind would add the path's slug to the map.
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
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
	return c.JSON(http.StatusOK, map[string]any{
		"plan":    u.Plan,
		"units":   map[string]any{"used": u.Units, "limit": u.MaxUnits},
		"users":   map[string]any{"used": u.Users, "limit": u.MaxUsers},
		"storage": map[string]any{"used": u.StorageBytes, "limit": u.MaxStorageBytes},
		"reports": map[string]any{"used": u.ReportsThisMonth, "limit": u.MaxReportsMonth},
		"modules": u.Modules,
	})
}
