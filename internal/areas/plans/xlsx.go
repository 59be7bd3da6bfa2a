package plans

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/web"
)

// TaskSheets is what the area needs of the plan service for spreadsheets of tasks.
type TaskSheets interface {
	ExportTasks(ctx context.Context, planID int, w io.Writer) error
	ImportTasks(ctx context.Context, planID int, filename string, r io.Reader, units plan.UnitDirectory) (*plan.ImportResult, error)
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// registerTaskSheets declares the export, the import and its template.
func (h *handler) registerTaskSheets(r *httpapi.Router, p *httpapi.Group) {
	r.Templates("tasks_import")
	r.Flash("tasks_imported", "workplans.flash.tasks_imported")
	p.Page(httpapi.GET, "/plans/tasks-template.xlsx", h.tasksTemplate, permPlanRead)
	p.Page(httpapi.GET, "/plans/:id/tasks.xlsx", h.tasksExport, permPlanRead)
	p.Page(httpapi.GET, "/plans/:id/tasks/import", h.tasksImportPage, permPlanUpdate)
	p.Page(httpapi.POST, "/plans/:id/tasks/import", h.tasksImportSubmit, permPlanUpdate)
	p.API(httpapi.GET, "/plans/tasks-template.xlsx", h.tasksTemplate, permPlanRead,
		httpapi.Summary("Download the XLSX template for importing a plan's tasks ("+xlsxType+")"))
	p.API(httpapi.GET, "/plans/:id/tasks.xlsx", h.tasksExport, permPlanRead,
		httpapi.Summary("Download a plan's tasks as XLSX ("+xlsxType+"): sheet Nhiệm vụ, one row per task and unit with its status "+
			"today, and sheet Tổng hợp with the counts per status; unit staff get their units' rows only"))
	p.API(httpapi.POST, "/plans/:id/tasks/import", h.apiTasksImport, permPlanUpdate, httpapi.Out[ImportResultJSON](), httpapi.Created(),
		httpapi.Summary("Import tasks from an XLSX file (multipart/form-data, field file; 20 MB, 2,000 rows) all or nothing: "+
			"a refused file answers 422 import_invalid with every problem by row and column, and nothing is written"))
}

// ImportResultJSON says what an import created.
type ImportResultJSON struct {
	Tasks       int `json:"tasks"`
	Assignments int `json:"assignments" doc:"Lead and coordinating units' assignments created"`
}

func (h *handler) tasksTemplate(c echo.Context) error {
	var buf bytes.Buffer
	if err := plan.TasksTemplate(&buf); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, httpapi.ContentDisposition("mau-nhap-nhiem-vu.xlsx"))
	return c.Blob(http.StatusOK, xlsxType, buf.Bytes())
}

// tasksExport builds the whole workbook before answering, so a refusal (not found) is still a
// proper error response.
func (h *handler) tasksExport(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.plans.ExportTasks(c.Request().Context(), id, &buf); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, httpapi.ContentDisposition("nhiem-vu-ke-hoach-"+strconv.Itoa(id)+".xlsx"))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, xlsxType, buf.Bytes())
}

// importTasks reads the uploaded file of a multipart request and imports it into plan :id.
func (h *handler) importTasks(c echo.Context) (int, string, *plan.ImportResult, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, "", nil, err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return id, "", nil, apperr.Invalid(map[string]string{"file": "required"})
	}
	f, err := fh.Open()
	if err != nil {
		return id, fh.Filename, nil, err
	}
	defer f.Close()
	res, err := h.plans.ImportTasks(c.Request().Context(), id, fh.Filename, f, h.units)
	return id, fh.Filename, res, err
}

func (h *handler) apiTasksImport(c echo.Context) error {
	_, _, res, err := h.importTasks(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, ImportResultJSON{Tasks: res.Tasks, Assignments: res.Assignments})
}

// TasksImportPage is /t/{slug}/plans/{id}/tasks/import: the upload form (POST multipart, field
// "file"), the template link, the columns, and a refused file's report (Rows): nothing written.
type TasksImportPage struct {
	web.Page
	Plan     PlanRowVM
	FileName string
	Rows     []web.ImportRowVM
	Errors   map[string]string
}

func (h *handler) renderTasksImport(c echo.Context, status int, p TasksImportPage) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	wp, err := h.plans.GetPlan(c.Request().Context(), id)
	if err != nil {
		return err
	}
	p.Page, p.Plan = httpapi.PageOf(c, "workplans.import.title"), planRow(wp, 0, plan.Counts{})
	return httpapi.HTML(c, status, "tasks_import", p)
}

func (h *handler) tasksImportPage(c echo.Context) error {
	return h.renderTasksImport(c, http.StatusOK, TasksImportPage{})
}

func (h *handler) tasksImportSubmit(c echo.Context) error {
	id, name, _, err := h.importTasks(c)
	if err == nil {
		return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(id)), "tasks_imported")
	}
	p := TasksImportPage{FileName: name}
	if ae, ok := apperr.As(err); ok && len(ae.Rows) > 0 {
		for _, r := range ae.Rows {
			p.Rows = append(p.Rows, web.ImportRowVM{Row: r.Row, Column: r.Column, Reason: "field." + r.Reason, Value: r.Value})
		}
		return h.renderTasksImport(c, http.StatusUnprocessableEntity, p)
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p.Errors = fields
	return h.renderTasksImport(c, http.StatusUnprocessableEntity, p)
}
