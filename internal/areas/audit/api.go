package audit

import (
	"net/http"
	"time"

	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/labstack/echo/v4"
)

// AuditJSON is one audit record.
type AuditJSON struct {
	ID         int               `json:"id"`
	At         time.Time         `json:"at"`
	UserID     *int              `json:"user_id,omitempty"`
	Actor      string            `json:"actor"`
	Action     string            `json:"action"`
	EntityType string            `json:"entity_type,omitempty"`
	EntityID   *int              `json:"entity_id,omitempty"`
	Subject    string            `json:"subject,omitempty"`
	Changes    map[string]change `json:"changes,omitempty"`
	IP         string            `json:"ip,omitempty"`
	UserAgent  string            `json:"user_agent,omitempty"`
	RequestID  string            `json:"request_id,omitempty"`
}

type change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

func (h *handler) apiAudit(c echo.Context) error {
	f, err := audit.ParseFilter(c.QueryParam)
	if err != nil {
		return err
	}
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	rows, more, err := h.trail.List(c.Request().Context(), f, page)
	if err != nil {
		return err
	}
	out := []AuditJSON{}
	for _, r := range rows {
		a := AuditJSON{ID: r.ID, At: r.CreatedAt, UserID: r.UserID, Actor: r.Actor, Action: r.Action, EntityType: r.EntityType,
			EntityID: r.EntityID, Subject: r.Subject, IP: r.IP, UserAgent: r.UserAgent, RequestID: r.RequestID}
		if len(r.Changes) > 0 {
			a.Changes = map[string]change{}
			for k, ch := range r.Changes {
				a.Changes[k] = change{Before: ch.Before, After: ch.After}
			}
		}
		out = append(out, a)
	}
	return c.JSON(http.StatusOK, AuditPageJSON{HasNext: more, Page: max(page, 1), Records: out})
}

// AuditPageJSON is a page of the audit trail. Its fields are in the order of their JSON names.
type AuditPageJSON struct {
	HasNext bool        `json:"has_next"`
	Page    int         `json:"page"`
	Records []AuditJSON `json:"records"`
}
