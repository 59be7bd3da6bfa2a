package access

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
)

func (h *handler) grantsPage(c echo.Context) error {
	cells, err := h.grants.Matrix(c.Request().Context(), httpapi.Tenant(c))
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "grants", grantsVM(c, cells, nil, nil))
}

// grantsVM lays the matrix out by object, then permission, then role. When the form comes back
// refused, checked holds the submitted boxes (by cell name) and refused the reasons (message
// keys, by cell name).
func grantsVM(c echo.Context, cells []authz.Cell, checked map[string]bool, refused map[string]string) web.GrantsPage {
	p := web.GrantsPage{Page: httpapi.PageOf(c, "grants.title"), Roles: authz.ProvinceRoles, Refused: len(refused)}
	if t := httpapi.Tenant(c); t != nil {
		p.Version = t.GrantsVersion
	}
	rows := map[authz.Permission]*web.GrantRow{}
	var order []authz.Permission
	for _, cell := range cells {
		r, ok := rows[cell.Perm]
		if !ok {
			r = &web.GrantRow{Object: cell.Perm.Object, Action: cell.Perm.Action}
			rows[cell.Perm] = r
			order = append(order, cell.Perm)
		}
		vm := web.GrantCell{Role: cell.Role, Object: cell.Perm.Object, Action: cell.Perm.Action, Default: cell.Default,
			Override: cell.Override, Effective: cell.Effective, Checked: cell.Effective, Editable: cell.Editable}
		if checked != nil && vm.Editable {
			vm.Checked = checked[vm.Name()]
		}
		if reason, ok := refused[vm.Name()]; ok {
			vm.Error = reason
			p.Problems = append(p.Problems, vm)
		}
		if cell.Override != "" {
			p.Overrides++
		}
		r.Cells = append(r.Cells, vm)
	}
	// The catalog comes sorted by object:action, so an object's permissions are together.
	for _, perm := range order {
		if n := len(p.Groups); n == 0 || p.Groups[n-1].Object != perm.Object {
			p.Groups = append(p.Groups, web.GrantGroup{Object: perm.Object})
		}
		g := &p.Groups[len(p.Groups)-1]
		g.Rows = append(g.Rows, *rows[perm])
	}
	return p
}

// grantsForm is the matrix form: a hidden cell per editable cell shown, and a checked box per
// cell to grant (both "role:object:action").
type grantsForm struct {
	Cells   []string `form:"cell" maxLength:"120"`
	Grants  []string `form:"grant" maxLength:"120"`
	Version string   `form:"version" maxLength:"20"`
}

// grantsSave saves the matrix at once: the cells whose box differs from what the role has now
// change; one refused cell changes nothing, and the page comes back with the boxes as submitted.
func (h *handler) grantsSave(c echo.Context) error {
	var in grantsForm
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	ctx, t := c.Request().Context(), httpapi.Tenant(c)
	cells, err := h.grants.Matrix(ctx, t)
	if err != nil {
		return err
	}
	// Someone saved since this form was made: its boxes would undo their changes. The page
	// comes back with the grants as they are now.
	stale := func() error {
		p := grantsVM(c, cells, nil, nil)
		p.Stale = true
		return httpapi.HTML(c, http.StatusConflict, "grants", p)
	}
	if in.Version != strconv.Itoa(t.GrantsVersion) {
		return stale()
	}
	byName := map[string]authz.Cell{}
	for _, cell := range cells {
		byName[authz.Change{Role: cell.Role, Perm: cell.Perm}.Cell()] = cell
	}
	checked := map[string]bool{}
	for _, g := range in.Grants {
		checked[g] = true
	}
	refused := apperr.Fields{}
	for _, g := range in.Grants {
		if !slices.Contains(in.Cells, g) {
			refused.Add(g, "invalid") // a box for a cell the form did not show
		}
	}
	var changes []authz.Change
	for _, name := range in.Cells {
		cell, ok := byName[name]
		if !ok {
			refused.Add(name, "unknown_permission")
			continue
		}
		want := checked[name]
		if want == cell.Effective {
			continue
		}
		state := "default" // back to the default, or away from it:
		switch {
		case want && !cell.Default:
			state = "allow"
		case !want && cell.Default:
			state = "deny"
		}
		if current := cell.Override; state == current || state == "default" && current == "" {
			// The cell is already as its own grant can make it: it has (or lacks) the permission
			// through a role it inherits from.
			refused.Add(name, "grant_inherited")
			continue
		}
		changes = append(changes, authz.Change{Role: cell.Role, Perm: cell.Perm, State: state})
	}
	err = refused.Err()
	if err == nil {
		err = h.grants.SetAll(ctx, t, changes)
	}
	if err == nil {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/grants?done=grants"))
	}
	if e, ok := apperr.As(err); ok && e.Code == "grants_stale" {
		if cells, err = h.grants.Matrix(ctx, t); err != nil {
			return err
		}
		return stale()
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "grants", grantsVM(c, cells, checked, fields))
}

// grantsReset puts every cell the province changed back to its default.
func (h *handler) grantsReset(c echo.Context) error {
	ctx, t := c.Request().Context(), httpapi.Tenant(c)
	cells, err := h.grants.Matrix(ctx, t)
	if err != nil {
		return err
	}
	var changes []authz.Change
	for _, cell := range cells {
		if cell.Override != "" && cell.Role != "province_admin" {
			changes = append(changes, authz.Change{Role: cell.Role, Perm: cell.Perm, State: "default"})
		}
	}
	if err := h.grants.SetAll(ctx, t, changes); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/grants?done=grants_reset"))
}
