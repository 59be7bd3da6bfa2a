package platform

import (
	"net/http"
	"time"

	jobspkg "github.com/danvan-vn/danvan/internal/jobs"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/areas/jobs"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/labstack/echo/v4"
)

// TenantJSON is the API's view of a province.
type TenantJSON struct {
	ID           int               `json:"id"`
	Slug         string            `json:"slug"`
	Name         string            `json:"name" doc:"The display name today"`
	JoinedName   string            `json:"joined_name" doc:"The name the province joined with"`
	Names        []NameJSON        `json:"names" doc:"Later display names, each in force from a day"`
	Status       string            `json:"status"`
	Timezone     string            `json:"timezone"`
	Plan         string            `json:"plan,omitempty"`
	Settings     map[string]string `json:"settings,omitempty"`
	GrantCeiling []string          `json:"grant_ceiling,omitempty"`
	CreatedAt    time.Time         `json:"created_at"`
}

// TenantJSONOf is a province as the API shows it.
func TenantJSONOf(t *ent.Tenant) TenantJSON {
	out := TenantJSON{ID: t.ID, Slug: t.Slug, Name: tenant.Name(t), JoinedName: t.Name, Names: []NameJSON{},
		Status: string(t.Status), Timezone: t.Timezone, Settings: t.Settings, GrantCeiling: t.GrantCeiling, CreatedAt: t.CreatedAt}
	for _, n := range t.Names {
		out.Names = append(out.Names, NameJSON{From: n.From, Name: n.Name})
	}
	if t.Edges.Plan != nil {
		out.Plan = t.Edges.Plan.Code
	}
	return out
}

// NameJSON is a display name from a day on.
type NameJSON struct {
	From string `json:"from" format:"date" doc:"yyyy-mm-dd"`
	Name string `json:"name"`
}

type renameRequest struct {
	Name string `json:"name" form:"name" maxLength:"200" doc:"The display name from that day, e.g. \"Hòa Bình (nay là tỉnh Phú Thọ)\"; empty removes the rename of that day"`
	From string `json:"from" form:"from" required:"true" maxLength:"10" doc:"The first day of the name: dd/mm/yyyy or yyyy-mm-dd"`
}

// rename gives the province of the path a display name from the request's day on; the page
// and the API share it.
func (h *handler) rename(c echo.Context) (renameRequest, *ent.Tenant, error) {
	var in renameRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return in, nil, err
	}
	from, err := calendar.Parse(in.From)
	if err != nil {
		return in, nil, httpapi.Invalid("from", "date")
	}
	t, err := h.tenants.Rename(c.Request().Context(), c.Param("slug"), in.Name, from)
	return in, t, err
}

func (h *handler) apiTenantRename(c echo.Context) error {
	_, t, err := h.rename(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TenantJSONOf(t))
}

func (h *handler) apiTenants(c echo.Context) error {
	ts, err := h.tenants.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]TenantJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, TenantJSONOf(t))
	}
	return c.JSON(http.StatusOK, TenantsJSON{Tenants: out})
}

// TenantsJSON is every province.
type TenantsJSON struct {
	Tenants []TenantJSON `json:"tenants"`
}

// TenantCreatedJSON is a new province and the job provisioning it (fields in the order of their
// JSON names).
type TenantCreatedJSON struct {
	Job    jobs.JobJSON `json:"job"`
	Tenant TenantJSON   `json:"tenant"`
}

type tenantCreateRequest struct {
	Slug          string `json:"slug" maxLength:"40" doc:"3–40 of a-z, 0-9 and -, starting with a letter; the province's address (/t/{slug})"`
	Name          string `json:"name" maxLength:"200"`
	Plan          string `json:"plan" maxLength:"40" doc:"A plan's code"`
	AdminEmail    string `json:"admin_email" required:"false" maxLength:"254" doc:"With admin_name: make this user (created or reused) the province admin"`
	AdminName     string `json:"admin_name" required:"false" maxLength:"200"`
	AdminPassword string `json:"admin_password" required:"false" maxLength:"200" doc:"A new admin account's password"`
}

func (h *handler) apiTenantCreate(c echo.Context) error {
	var in tenantCreateRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	t, j, err := h.tenants.Create(c.Request().Context(), tenant.CreateInput(in))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, TenantCreatedJSON{Job: jobs.JSON(jobspkg.Of(j)), Tenant: TenantJSONOf(t)})
}

func (h *handler) apiTenantStatus(c echo.Context, st tenant.Status) error {
	t, err := h.tenants.SetStatus(c.Request().Context(), c.Param("slug"), st)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TenantJSONOf(t))
}

func (h *handler) apiTenantSuspend(c echo.Context) error {
	return h.apiTenantStatus(c, tenant.Suspended)
}

func (h *handler) apiTenantActivate(c echo.Context) error {
	return h.apiTenantStatus(c, tenant.Active)
}

type ceilingRequest struct {
	Grants []string `json:"grants" doc:"Entries role:object:action the province admin may grant beyond the defaults"` // "role:object:action"
}

func (h *handler) apiTenantCeiling(c echo.Context) error {
	var in ceilingRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.tenants.BySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	if err := h.grants.SetCeiling(ctx, t, in.Grants); err != nil {
		return err
	}
	t, err = h.tenants.BySlug(ctx, t.Slug)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TenantJSONOf(t))
}

// PlanJSON is a SaaS plan.
type PlanJSON struct {
	Code                      string   `json:"code" maxLength:"40"`
	Name                      string   `json:"name" maxLength:"200"`
	MaxUnits                  int      `json:"max_units"`
	MaxUsers                  int      `json:"max_users"`
	MaxStorageBytes           int64    `json:"max_storage_bytes"`
	MaxReportGenerationsMonth int      `json:"max_report_generations_month"`
	Modules                   []string `json:"modules"`
}

func planJSON(p *ent.Plan) PlanJSON {
	out := PlanJSON{Code: p.Code, Name: p.Name, MaxUnits: p.MaxUnits, MaxUsers: p.MaxUsers, MaxStorageBytes: p.MaxStorageBytes,
		MaxReportGenerationsMonth: p.MaxReportGenerationsMonth, Modules: p.Modules}
	if out.Modules == nil {
		out.Modules = []string{}
	}
	return out
}

func (h *handler) apiPlans(c echo.Context) error {
	ps, err := h.tenants.Plans(c.Request().Context())
	if err != nil {
		return err
	}
	out := []PlanJSON{}
	for _, p := range ps {
		out = append(out, planJSON(p))
	}
	return c.JSON(http.StatusOK, PlansJSON{Modules: tenant.Modules, Plans: out})
}

// PlansJSON is every plan, and the modules a plan may include (fields in the order of their JSON
// names).
type PlansJSON struct {
	Modules []string   `json:"modules"`
	Plans   []PlanJSON `json:"plans"`
}

// planAssignRequest moves a province to a plan.
type planAssignRequest struct {
	Plan string `json:"plan" maxLength:"40" doc:"A plan's code"`
}

func (h *handler) apiPlanSet(c echo.Context) error {
	var in PlanJSON
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	p, err := h.tenants.SetPlan(c.Request().Context(), c.Param("code"), tenant.PlanInput{Name: in.Name, MaxUnits: in.MaxUnits,
		MaxUsers: in.MaxUsers, MaxStorageBytes: in.MaxStorageBytes, MaxReportGenerationsMonth: in.MaxReportGenerationsMonth, Modules: in.Modules})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, planJSON(p))
}

func (h *handler) apiTenantPlan(c echo.Context) error {
	var in planAssignRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	t, err := h.tenants.AssignPlan(c.Request().Context(), c.Param("slug"), in.Plan)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TenantJSONOf(t))
}
