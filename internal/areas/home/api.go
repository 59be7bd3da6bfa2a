package home

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/areas/platform"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

func (h *handler) apiProvince(c echo.Context) error {
	return c.JSON(http.StatusOK, platform.TenantJSONOf(httpapi.Tenant(c)))
}
