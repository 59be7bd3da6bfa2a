package httpapi

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/privacy"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/web"
)

// Problem is an RFC 9457 problem document with danvan's stable code.
type Problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Code     string            `json:"code"`
	Errors   map[string]string `json:"errors,omitempty"` // field → message in the request's language
	Rows     []ImportRow       `json:"rows,omitempty"`   // a refused import: every problem by row and column
}

// ImportRow is one problem of a refused import file, in the request's language.
type ImportRow struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	Value   string `json:"value,omitempty"`
}

// classify maps any error to a status and a stable code, in one place.
func classify(err error) (int, *apperr.Error) {
	var he *echo.HTTPError
	var ie *unit.ImportError
	switch {
	case errors.As(err, &ie):
		return http.StatusUnprocessableEntity, &apperr.Error{Kind: apperr.KindInvalid, Code: "import_invalid", Err: err}
	case errors.As(err, &he):
		code := map[int]string{
			http.StatusNotFound: "not_found", http.StatusMethodNotAllowed: "method_not_allowed",
			http.StatusForbidden: "csrf", http.StatusBadRequest: "invalid", http.StatusRequestEntityTooLarge: "too_large",
			http.StatusServiceUnavailable: "timeout", http.StatusUnauthorized: "unauthorized",
		}[he.Code]
		if code == "" {
			code = "internal"
		}
		status := he.Code
		switch {
		case isCSRF(he): // missing (400) or wrong (403) token
			status, code = http.StatusForbidden, "csrf"
		case he.Code == http.StatusForbidden:
			code = "forbidden"
		}
		return status, &apperr.Error{Code: code, Err: err}
	case ent.IsNotFound(err):
		return http.StatusNotFound, &apperr.Error{Kind: apperr.KindNotFound, Code: "not_found", Err: err}
	case errors.Is(err, privacy.Deny):
		return http.StatusForbidden, &apperr.Error{Kind: apperr.KindForbidden, Code: "forbidden", Err: err}
	case ent.IsValidationError(err):
		var ve *ent.ValidationError
		errors.As(err, &ve)
		return http.StatusUnprocessableEntity, &apperr.Error{Kind: apperr.KindInvalid, Code: "invalid", Fields: map[string]string{ve.Name: "invalid"}, Err: err}
	}
	e, ok := apperr.As(err)
	if !ok {
		return http.StatusInternalServerError, &apperr.Error{Code: "internal", Err: err}
	}
	status := map[apperr.Kind]int{
		apperr.KindNotFound: http.StatusNotFound, apperr.KindForbidden: http.StatusForbidden,
		apperr.KindUnauthorized: http.StatusUnauthorized, apperr.KindInvalid: http.StatusUnprocessableEntity,
		apperr.KindConflict: http.StatusConflict, apperr.KindQuotaExceeded: http.StatusForbidden,
		apperr.KindThrottled: http.StatusTooManyRequests,
		apperr.KindInternal:  http.StatusInternalServerError,
	}[e.Kind]
	return status, e
}

func isCSRF(he *echo.HTTPError) bool {
	m, _ := he.Message.(string)
	return strings.Contains(strings.ToLower(m), "csrf")
}

// errorHandler answers API paths with problem JSON and pages with the error page, both in the
// request's language.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, e := classify(err)
	lang := langOf(c)
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	if status >= 500 {
		s.log.ErrorContext(c.Request().Context(), "request failed", "err", err, "request_id", reqID, "path", c.Path())
	}
	if isAPI(c) {
		p := Problem{
			Type:     "https://danvan.vn/problems/" + e.Code,
			Title:    s.i18n.T(lang, "error."+e.Code),
			Status:   status,
			Instance: reqID,
			Code:     e.Code,
		}
		if e.Code != "invalid" && e.Code != "internal" && e.Kind != apperr.KindInternal && e.Err == nil {
			p.Detail = p.Title
		}
		if until, locked := account.IsLocked(err); locked {
			p.Detail = p.Title + " (" + until.In(vnTime).Format("15:04 02/01/2006") + ")"
		}
		if ie := (*unit.ImportError)(nil); errors.As(err, &ie) {
			p.Rows = s.importRows(lang, ie)
		}
		if len(e.Fields) > 0 {
			p.Errors = map[string]string{}
			for f, reason := range e.Fields {
				p.Errors[f] = s.i18n.T(lang, "field."+reason)
			}
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json; charset=UTF-8")
		c.Response().WriteHeader(status)
		_ = jsonEncode(c.Response(), p)
		return
	}
	if status == http.StatusUnauthorized {
		_ = c.Redirect(http.StatusSeeOther, "/login?next="+urlQueryEscape(c.Request().URL.RequestURI()))
		return
	}
	page := web.ErrorPage{Page: s.page(c, "error.title"), Status: status, Code: e.Code}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	if err := s.render.Render(c.Response(), "error", page); err != nil {
		s.log.Error("render error page", "err", err)
	}
}

func (s *Server) importRows(lang string, ie *unit.ImportError) []ImportRow {
	out := make([]ImportRow, 0, len(ie.Rows))
	for _, r := range ie.Rows {
		out = append(out, ImportRow{Row: r.Row, Column: r.Column, Reason: r.Reason, Value: r.Value, Message: s.i18n.T(lang, "field."+r.Reason)})
	}
	return out
}

func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}
