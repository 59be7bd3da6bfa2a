package jobs

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/web"
)

// ListPage is the jobs page.
type ListPage struct {
	web.Page
	Jobs          []Row
	Statuses      []string
	Status        string // the filter
	PageNo, Pages int
	Total         int
	PrevURL       string
	NextURL       string
	CanUpdate     bool
	ProvinceBase  string
	FilterApplied bool
}

// Row is one job in a list, or the job of the detail page.
type Row struct {
	ID                 int
	Type, Status       string
	Progress, Attempts int
	MaxAttempts        int
	LastError          string
	CreatedAt          time.Time
	StartedAt          *time.Time
	FinishedAt         *time.Time
	Live               bool // pending or running: the page follows it
	CanRetry           bool
	CanCancel          bool
}

// DetailPage is one job's page.
type DetailPage struct {
	web.Page
	Job       Row
	CanUpdate bool
	URL       string
}

func rowOf(j jobs.Job) Row {
	return Row{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		MaxAttempts: j.MaxAttempts, LastError: j.Error, CreatedAt: j.CreatedAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
		Live: j.Status == jobs.StatusPending || j.Status == jobs.StatusRunning, CanRetry: j.CanRetry(), CanCancel: j.CanCancel()}
}

func (h *handler) listPage(c echo.Context) error {
	js, total, f, err := h.list(c)
	if err != nil {
		return err
	}
	p := ListPage{Page: httpapi.PageOf(c, "jobs.title"), Status: string(f.Status), Total: total, PageNo: f.Page,
		CanUpdate: httpapi.Can(c, permJobUpdate), ProvinceBase: httpapi.ProvinceURL(c, "")}
	for _, s := range jobs.Statuses {
		p.Statuses = append(p.Statuses, string(s))
	}
	for _, j := range js {
		p.Jobs = append(p.Jobs, rowOf(j))
	}
	p.Pages = (total + f.PerPage - 1) / f.PerPage
	page := func(n int) string {
		u := httpapi.ProvinceURL(c, "/jobs?page="+strconv.Itoa(n))
		if f.Status != "" {
			u += "&status=" + string(f.Status)
		}
		return u
	}
	if f.Page > 1 {
		p.PrevURL = page(f.Page - 1)
	}
	if f.Page < p.Pages {
		p.NextURL = page(f.Page + 1)
	}
	return httpapi.HTML(c, http.StatusOK, "jobs", p)
}

func (h *handler) jobPage(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	j, err := h.jobs.Get(c.Request().Context(), httpapi.Tenant(c).ID, id)
	if err != nil {
		return err
	}
	p := DetailPage{Page: httpapi.PageOf(c, "jobs.detail.title"), Job: rowOf(j), CanUpdate: httpapi.Can(c, permJobUpdate),
		URL: httpapi.ProvinceURL(c, "/jobs/"+strconv.Itoa(j.ID))}
	return httpapi.HTML(c, http.StatusOK, "job", p)
}

func (h *handler) retryPage(c echo.Context) error { return h.action(c, h.jobs.Retry, "job_retried") }
func (h *handler) cancelPage(c echo.Context) error {
	return h.action(c, h.jobs.Cancel, "job_cancelled")
}

func (h *handler) action(c echo.Context, op jobOp, done string) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if _, err := op(c.Request().Context(), httpapi.Tenant(c).ID, id); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/jobs/"+strconv.Itoa(id)), done)
}
