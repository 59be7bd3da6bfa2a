package jobs

import (
	"net/http"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

// JobJSON is the API's view of a background job.
type JobJSON struct {
	ID         int        `json:"id"`
	Type       string     `json:"type"`
	Status     string     `json:"status"`
	Progress   int        `json:"progress"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// JSON is a job row as the API shows it.
func JSON(j *ent.Job) JobJSON {
	return JobJSON{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.LastError, CreatedAt: j.CreatedAt, FinishedAt: j.FinishedAt}
}

func (h *handler) apiJobs(c echo.Context) error {
	js, err := h.jobs.Recent(c.Request().Context(), 20)
	if err != nil {
		return err
	}
	out := make([]JobJSON, 0, len(js))
	for _, j := range js {
		out = append(out, JSON(j))
	}
	return c.JSON(http.StatusOK, map[string]any{"jobs": out})
}

func (h *handler) apiJob(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	j, err := h.jobs.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, JSON(j))
}
