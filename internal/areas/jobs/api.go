package jobs

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
)

// JobJSON is the API's view of a background job.
type JobJSON struct {
	ID         int        `json:"id"`
	Type       string     `json:"type"`
	Status     string     `json:"status" enum:"pending,running,succeeded,failed,cancelled"`
	Progress   int        `json:"progress" minimum:"0" maximum:"100"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	CanRetry   bool       `json:"can_retry"`
	CanCancel  bool       `json:"can_cancel"`
}

// ListJSON is a page of jobs.
type ListJSON struct {
	Jobs    []JobJSON `json:"jobs"`
	Total   int       `json:"total"`
	Page    int       `json:"page"`
	PerPage int       `json:"per_page"`
}

// JSON is a job as the API shows it.
func JSON(j jobs.Job) JobJSON {
	return JobJSON{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.Error, CreatedAt: j.CreatedAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
		CanRetry: j.CanRetry(), CanCancel: j.CanCancel()}
}

// filterOf reads the list's query: status, type, page, per_page (bounded by the service).
func filterOf(c echo.Context) (jobs.Filter, error) {
	f := jobs.Filter{Status: jobs.Status(c.QueryParam("status")), Type: c.QueryParam("type")}
	for name, dst := range map[string]*int{"page": &f.Page, "per_page": &f.PerPage} {
		if v := c.QueryParam(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return f, httpapi.Invalid(name, "number")
			}
			*dst = n
		}
	}
	return f.Normalize(), nil
}

func (h *handler) list(c echo.Context) ([]jobs.Job, int, jobs.Filter, error) {
	f, err := filterOf(c)
	if err != nil {
		return nil, 0, f, err
	}
	js, total, err := h.jobs.List(c.Request().Context(), httpapi.Tenant(c).ID, f)
	return js, total, f, err
}

func (h *handler) apiList(c echo.Context) error {
	js, total, f, err := h.list(c)
	if err != nil {
		return err
	}
	out := ListJSON{Jobs: make([]JobJSON, 0, len(js)), Total: total, Page: f.Page, PerPage: f.PerPage}
	for _, j := range js {
		out.Jobs = append(out.Jobs, JSON(j))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiGet(c echo.Context) error {
	return h.apiOne(c, h.jobs.Get)
}

func (h *handler) apiRetry(c echo.Context) error { return h.apiOne(c, h.jobs.Retry) }

func (h *handler) apiCancel(c echo.Context) error { return h.apiOne(c, h.jobs.Cancel) }

type jobOp func(ctx context.Context, tenantID, id int) (jobs.Job, error)

func (h *handler) apiOne(c echo.Context, op jobOp) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	j, err := op(c.Request().Context(), httpapi.Tenant(c).ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, JSON(j))
}
