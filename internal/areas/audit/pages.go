package audit

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func auditQuery(c echo.Context) string {
	q := url.Values{}
	for _, k := range []string{"action", "entity", "actor", "from", "to"} {
		if v := strings.TrimSpace(c.QueryParam(k)); v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func (h *handler) auditPage(c echo.Context) error {
	pr := newPresenter(c)
	p := web.AuditPage{Page: httpapi.PageOf(c, "audit.title"), Actions: pr.actions(), Entities: pr.entities(), Query: auditQuery(c)}
	p.Filter = web.AuditFilter{Action: c.QueryParam("action"), Entity: c.QueryParam("entity"), User: c.QueryParam("actor"),
		From: c.QueryParam("from"), To: c.QueryParam("to")}
	f, err := audit.ParseFilter(c.QueryParam)
	status := http.StatusOK
	if err != nil {
		p.Errors, _ = httpapi.FieldKeys(err)
		status = http.StatusUnprocessableEntity
	} else {
		page, err := pageParam(c)
		if err != nil {
			return err
		}
		p.Page_ = max(page, 1)
		rows, more, err := h.trail.List(c.Request().Context(), f, p.Page_)
		if err != nil {
			return err
		}
		p.HasNext = more
		if pr.names, err = h.names(c.Request().Context(), rows); err != nil {
			return err
		}
		for _, r := range rows {
			p.Rows = append(p.Rows, pr.row(r))
		}
	}
	return httpapi.HTML(c, status, "audit", p)
}

func (h *handler) auditExport(c echo.Context) error {
	f, err := audit.ParseFilter(c.QueryParam)
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format]
	if ctype == "" {
		return apperr.Invalid(map[string]string{"format": "invalid"})
	}
	t := httpapi.Tenant(c)
	name := "nhat-ky-" + t.Slug + "-" + time.Now().In(calendar.Location()).Format("20060102-1504") + "." + format
	c.Response().Header().Set(echo.HeaderContentType, ctype)
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return h.trail.Export(c.Request().Context(), f, format, c.Response())
}
