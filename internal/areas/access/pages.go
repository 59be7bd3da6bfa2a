package access

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) grantsPage(c echo.Context) error {
	t := httpapi.Tenant(c)
	cells, err := h.grants.Matrix(c.Request().Context(), t)
	if err != nil {
		return err
	}
	p := web.GrantsPage{Page: httpapi.PageOf(c, "grants.title"), Roles: authz.ProvinceRoles}
	idx := map[authz.Permission]int{}
	for _, cell := range cells {
		i, ok := idx[cell.Perm]
		if !ok {
			i = len(p.Rows)
			idx[cell.Perm] = i
			p.Rows = append(p.Rows, web.GrantRow{Object: cell.Perm.Object, Action: cell.Perm.Action})
		}
		p.Rows[i].Cells = append(p.Rows[i].Cells, web.GrantCell{Role: cell.Role, Object: cell.Perm.Object, Action: cell.Perm.Action,
			Default: cell.Default, Override: cell.Override, Effective: cell.Effective, Editable: cell.Editable})
	}
	return httpapi.HTML(c, http.StatusOK, "grants", p)
}

func (h *handler) grantsSet(c echo.Context) error {
	t := httpapi.Tenant(c)
	p := authz.Permission{Object: c.FormValue("object"), Action: c.FormValue("action")}
	if err := h.grants.Set(c.Request().Context(), t, c.FormValue("role"), p, c.FormValue("state")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/grants?done=grants"))
}
