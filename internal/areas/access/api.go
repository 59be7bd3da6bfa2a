package access

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

// GrantJSON is one role × permission cell.
type GrantJSON struct {
	Role      string `json:"role"`
	Object    string `json:"object"`
	Action    string `json:"action"`
	Default   bool   `json:"default"`
	Override  string `json:"override,omitempty"`
	Effective bool   `json:"effective"`
	Editable  bool   `json:"editable"`
}

func (h *handler) apiGrants(c echo.Context) error {
	cells, err := h.grants.Matrix(c.Request().Context(), httpapi.Tenant(c))
	if err != nil {
		return err
	}
	out := []GrantJSON{}
	for _, g := range cells {
		out = append(out, GrantJSON{Role: g.Role, Object: g.Perm.Object, Action: g.Perm.Action, Default: g.Default,
			Override: g.Override, Effective: g.Effective, Editable: g.Editable})
	}
	return c.JSON(http.StatusOK, GrantsJSON{Grants: out})
}

// GrantsJSON is the province's grant matrix.
type GrantsJSON struct {
	Grants []GrantJSON `json:"grants"`
}

type grantRequest struct {
	Role   string `json:"role" maxLength:"50" doc:"A province role other than province_admin"`
	Object string `json:"object" maxLength:"50" doc:"The permission's object, e.g. unit"`
	Action string `json:"action" maxLength:"50" doc:"The permission's action, e.g. update"`
	State  string `json:"state" enum:"default,allow,deny" doc:"default (as the role's defaults say), allow or deny"`
}

func (h *handler) apiGrantSet(c echo.Context) error {
	var in grantRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	t := httpapi.Tenant(c)
	if err := h.grants.Set(c.Request().Context(), t, in.Role, authz.Permission{Object: in.Object, Action: in.Action}, in.State); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type grantsRequest struct {
	Grants []grantRequest `json:"grants" doc:"The cells to set, each as the single PUT takes it"`
}

func (h *handler) apiGrantsBatch(c echo.Context) error {
	var in grantsRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	changes := make([]authz.Change, 0, len(in.Grants))
	for _, g := range in.Grants {
		changes = append(changes, authz.Change{Role: g.Role, Perm: authz.Permission{Object: g.Object, Action: g.Action}, State: g.State})
	}
	if err := h.grants.SetAll(c.Request().Context(), httpapi.Tenant(c), changes); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
