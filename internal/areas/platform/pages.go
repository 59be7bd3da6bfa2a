package platform

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) tenantRows(c echo.Context) ([]web.TenantRow, []web.PlanOption, error) {
	ctx := c.Request().Context()
	ts, err := h.tenants.List(ctx)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]web.TenantRow, 0, len(ts))
	for _, t := range ts {
		r := web.TenantRow{ID: t.ID, Slug: t.Slug, Name: tenant.Name(t), Status: string(t.Status), CreatedAt: t.CreatedAt}
		if r.Name != t.Name {
			r.JoinedName = t.Name
		}
		for _, n := range t.Names {
			if d, err := calendar.Parse(n.From); err == nil {
				r.Names = append(r.Names, web.DatedName{From: d.UTC(), Name: n.Name})
			}
		}
		if t.Edges.Plan != nil {
			r.PlanName = t.Edges.Plan.Name
		}
		rows = append(rows, r)
	}
	plans, err := h.tenants.Plans(ctx)
	if err != nil {
		return nil, nil, err
	}
	opts := make([]web.PlanOption, 0, len(plans))
	for _, p := range plans {
		opts = append(opts, web.PlanOption{Code: p.Code, Name: p.Name})
	}
	return rows, opts, nil
}

func (h *handler) tenantsPage(c echo.Context) error {
	rows, plans, err := h.tenantRows(c)
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "tenants", web.TenantsPage{Page: httpapi.PageOf(c, "tenants.title"), Tenants: rows, Plans: plans})
}

// tenantRename gives a province a display name from a day on.
func (h *handler) tenantRename(c echo.Context) error {
	in, _, err := h.rename(c)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants?done=renamed")
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	rows, plans, lerr := h.tenantRows(c)
	if lerr != nil {
		return lerr
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "tenants", web.TenantsPage{Page: httpapi.PageOf(c, "tenants.title"),
		Tenants: rows, Plans: plans, Rename: web.RenameForm{Slug: c.Param("slug"), Name: in.Name, From: in.From, Errors: fields}})
}

func (h *handler) tenantsCreate(c echo.Context) error {
	in := tenant.CreateInput{
		Slug: c.FormValue("slug"), Name: c.FormValue("name"), Plan: c.FormValue("plan"),
		AdminEmail: c.FormValue("admin_email"), AdminName: c.FormValue("admin_name"), AdminPassword: c.FormValue("admin_password"),
	}
	_, _, err := h.tenants.Create(c.Request().Context(), in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants?done=created")
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	if msg, conflict := fields["_"]; conflict {
		fields["slug"] = msg
	}
	rows, plans, lerr := h.tenantRows(c)
	if lerr != nil {
		return lerr
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "tenants", web.TenantsPage{
		Page: httpapi.PageOf(c, "tenants.title"), Tenants: rows, Plans: plans, Errors: fields,
		Form: web.TenantForm{Slug: in.Slug, Name: in.Name, Plan: in.Plan, AdminEmail: in.AdminEmail, AdminName: in.AdminName},
	})
}

func (h *handler) tenantsSuspend(c echo.Context) error {
	if _, err := h.tenants.SetStatus(c.Request().Context(), c.Param("slug"), tenant.Suspended); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/platform/tenants")
}

func (h *handler) tenantsActivate(c echo.Context) error {
	if _, err := h.tenants.SetStatus(c.Request().Context(), c.Param("slug"), tenant.Active); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/platform/tenants")
}

func (h *handler) plansPage(c echo.Context) error {
	return h.renderPlans(c, http.StatusOK, nil)
}

func (h *handler) renderPlans(c echo.Context, status int, errs map[string]string) error {
	ctx := c.Request().Context()
	ps, err := h.tenants.Plans(ctx)
	if err != nil {
		return err
	}
	rows, _, err := h.tenantRows(c)
	if err != nil {
		return err
	}
	p := web.PlansPage{Page: httpapi.PageOf(c, "plans.title"), Modules: tenant.Modules, Tenants: rows, Errors: errs}
	for _, x := range ps {
		p.Plans = append(p.Plans, web.PlanRow{Code: x.Code, Name: x.Name, MaxUnits: x.MaxUnits, MaxUsers: x.MaxUsers,
			MaxStorageGB: x.MaxStorageBytes >> 30, MaxReports: x.MaxReportGenerationsMonth, Modules: x.Modules})
	}
	return httpapi.HTML(c, status, "plans", p)
}

func (h *handler) plansSave(c echo.Context) error {
	num := func(k string) int64 {
		n, err := strconv.ParseInt(strings.TrimSpace(c.FormValue(k)), 10, 64)
		if err != nil {
			return -1 // refused by the service as invalid
		}
		return n
	}
	params, _ := c.FormParams()
	_, err := h.tenants.SetPlan(c.Request().Context(), c.Param("code"), tenant.PlanInput{Name: c.FormValue("name"),
		MaxUnits: int(num("max_units")), MaxUsers: int(num("max_users")), MaxStorageBytes: num("max_storage_gb") << 30,
		MaxReportGenerationsMonth: int(num("max_report_generations_month")), Modules: params["modules"]})
	return h.plansResult(c, err)
}

func (h *handler) plansAssign(c echo.Context) error {
	_, err := h.tenants.AssignPlan(c.Request().Context(), c.FormValue("slug"), c.FormValue("plan"))
	return h.plansResult(c, err)
}

func (h *handler) plansResult(c echo.Context, err error) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/plans?done=plans")
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	if _, conflict := fields["_"]; !conflict {
		fields["_"] = "error.invalid"
	}
	return h.renderPlans(c, http.StatusUnprocessableEntity, fields)
}
