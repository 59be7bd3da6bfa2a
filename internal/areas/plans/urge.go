package plans

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// Urger is the reminder engine's manual urge: the same path as the scheduled reminders
// (decision, notification, outbox mail), once per urge.
type Urger interface {
	Urge(ctx context.Context, subjectKind string, ids []int, note string) (int, error)
}

// urgeRequest urges units from a task or a plan's obligations board.
type urgeRequest struct {
	IDs  []int  `json:"ids,omitempty" form:"id" required:"false" doc:"Assignments (task) or obligations (plan) to urge; empty: every unit that has not finished"`
	Note string `json:"note" form:"note" required:"false" maxLength:"2000" doc:"A message to the units"`
}

// UrgedJSON says how many units' work was urged.
type UrgedJSON struct {
	Count int `json:"count"`
}

// pick keeps the open subjects, and of those the ones asked for when some were.
func pick(open, asked []int) []int {
	if len(asked) == 0 {
		return open
	}
	return slices.DeleteFunc(slices.Clone(open), func(id int) bool { return !slices.Contains(asked, id) })
}

// urgeTask urges the units of task :id that have not completed it.
func (h *handler) urgeTask(c echo.Context) (taskID, n int, err error) {
	var r urgeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return 0, 0, err
	}
	id, td, err := h.task(c)
	if err != nil {
		return 0, 0, err
	}
	var open []int
	for _, a := range td.Assignments {
		if a.Assignment.CompletedOn == nil {
			open = append(open, a.Assignment.ID)
		}
	}
	ids := pick(open, r.IDs)
	if len(ids) == 0 {
		return id, 0, nil
	}
	n, err = h.urger.Urge(c.Request().Context(), reminder.SubjectTask, ids, r.Note)
	return id, n, err
}

// urgeObligations urges the units of plan :id that have not issued their implementation plan.
func (h *handler) urgeObligations(c echo.Context) (planID, n int, err error) {
	var r urgeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return 0, 0, err
	}
	b, err := h.obligationBoard(c)
	if err != nil {
		return 0, 0, err
	}
	var open []int
	for _, row := range b.Rows {
		if row.Obligation.FulfilledOn == nil {
			open = append(open, row.Obligation.ID)
		}
	}
	ids := pick(open, r.IDs)
	if len(ids) == 0 {
		return b.Plan.ID, 0, nil
	}
	n, err = h.urger.Urge(c.Request().Context(), reminder.SubjectObligation, ids, r.Note)
	return b.Plan.ID, n, err
}

func (h *handler) taskUrgeSubmit(c echo.Context) error {
	id, _, err := h.urgeTask(c)
	if err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/tasks/"+strconv.Itoa(id)), "units_urged")
}

func (h *handler) apiTaskUrge(c echo.Context) error {
	_, n, err := h.urgeTask(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, UrgedJSON{Count: n})
}

func (h *handler) obligationsUrgeSubmit(c echo.Context) error {
	id, _, err := h.urgeObligations(c)
	if err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(id)+"/obligations"), "units_urged")
}

func (h *handler) apiObligationsUrge(c echo.Context) error {
	_, n, err := h.urgeObligations(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, UrgedJSON{Count: n})
}
