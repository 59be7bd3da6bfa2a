package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/privacy"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/web"
)

// Problem is an RFC 9457 problem document with danvan's stable code.
type Problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Code     string            `json:"code" doc:"Stable problem code: not_found, forbidden, unauthorized, invalid, conflict, quota_exceeded, csrf, too_large, … or a specific one (slug_taken, quota_units, …)."`
	Errors   map[string]string `json:"errors,omitempty" doc:"Bad input: field → message in the request's language."`
	Rows     []ProblemRow      `json:"rows,omitempty" doc:"A refused file (an import): every problem by row and column."`

	err error // the cause, for logs
}

// ProblemRow is one problem of a refused file, in the request's language.
type ProblemRow struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	Value   string `json:"value,omitempty"`
}

// Error implements error (and huma's StatusError).
func (p *Problem) Error() string {
	if p.err != nil {
		return p.Code + ": " + p.err.Error()
	}
	return p.Code
}

// GetStatus implements huma's StatusError.
func (p *Problem) GetStatus() int { return p.Status }

// ContentType implements huma's ContentTypeFilter: problems are application/problem+json.
func (p *Problem) ContentType(string) string { return "application/problem+json" }

// csrfError is a missing or wrong CSRF token.
type csrfError struct{ err error }

func (e *csrfError) Error() string { return "csrf: " + e.err.Error() }
func (e *csrfError) Unwrap() error { return e.err }

// classify maps any error to a status and a classified error, in one place. Domains return
// apperr kinds (translating their storage errors themselves); the rest is the HTTP layer's own.
func classify(err error) (int, *apperr.Error) {
	var ce *csrfError
	if errors.As(err, &ce) {
		return http.StatusForbidden, &apperr.Error{Kind: apperr.KindForbidden, Code: "csrf", Err: err}
	}
	if e := storageError(err); e != nil {
		err = e
	}
	if e, ok := apperr.As(err); ok {
		status := map[apperr.Kind]int{
			apperr.KindNotFound: http.StatusNotFound, apperr.KindForbidden: http.StatusForbidden,
			apperr.KindUnauthorized: http.StatusUnauthorized, apperr.KindInvalid: http.StatusUnprocessableEntity,
			apperr.KindConflict: http.StatusConflict, apperr.KindQuotaExceeded: http.StatusForbidden,
			apperr.KindThrottled: http.StatusTooManyRequests, apperr.KindTooLarge: http.StatusRequestEntityTooLarge,
			apperr.KindInternal: http.StatusInternalServerError,
		}[e.Kind]
		return status, e
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if tooLarge(he) {
			return http.StatusRequestEntityTooLarge, &apperr.Error{Kind: apperr.KindTooLarge, Code: "too_large", Err: err}
		}
		code := map[int]string{
			http.StatusNotFound: "not_found", http.StatusMethodNotAllowed: "method_not_allowed",
			http.StatusForbidden: "forbidden", http.StatusBadRequest: "invalid", http.StatusRequestEntityTooLarge: "too_large",
			http.StatusServiceUnavailable: "timeout", http.StatusUnauthorized: "unauthorized",
		}[he.Code]
		if code == "" {
			code = "internal"
		}
		status := he.Code
		if status == http.StatusBadRequest {
			status = http.StatusUnprocessableEntity // a body that does not parse is bad input
			return status, &apperr.Error{Kind: apperr.KindInvalid, Code: "invalid", Fields: map[string]string{"body": "json"}, Err: err}
		}
		return status, &apperr.Error{Code: code, Err: err}
	}
	return http.StatusInternalServerError, &apperr.Error{Code: "internal", Err: err}
}

// problem builds the problem document of err in lang.
func (s *Server) problem(lang, requestID string, err error) *Problem {
	status, e := classify(err)
	p := &Problem{
		Type:     "https://danvan.vn/problems/" + e.Code,
		Title:    s.i18n.T(lang, "error."+e.Code),
		Status:   status,
		Instance: requestID,
		Code:     e.Code,
		err:      err,
	}
	if e.Code != "invalid" && e.Code != "internal" && e.Kind != apperr.KindInternal && e.Err == nil {
		p.Detail = p.Title
	}
	if len(e.Args) > 0 {
		p.Detail = s.detail(lang, e)
	}
	if len(e.Fields) > 0 {
		p.Errors = map[string]string{}
		for f, reason := range e.Fields {
			p.Errors[f] = s.i18n.T(lang, "field."+reason)
		}
	}
	for _, r := range e.Rows {
		p.Rows = append(p.Rows, ProblemRow{Row: r.Row, Column: r.Column, Reason: r.Reason, Value: r.Value,
			Message: s.i18n.T(lang, "field."+r.Reason)})
	}
	return p
}

// detail is the message "detail.<code>" with the error's parameters, or the title followed by
// the parameters in brackets when the catalogs have no such message.
func (s *Server) detail(lang string, e *apperr.Error) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if t, ok := a.(time.Time); ok {
			a = t.In(calendar.Location()).Format("15:04 02/01/2006")
		}
		args[i] = a
	}
	if s.i18n.Has(web.DefaultLang, "detail."+e.Code) {
		return s.i18n.T(lang, "detail."+e.Code, args...)
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprint(a)
	}
	return s.i18n.T(lang, "error."+e.Code) + " (" + strings.Join(parts, ", ") + ")"
}

func (s *Server) logFailure(c echo.Context, p *Problem) {
	if p.Status >= 500 {
		s.log.ErrorContext(c.Request().Context(), "request failed", "err", p.err, "request_id", p.Instance, "path", c.Path())
	}
}

// errorHandler answers API paths with problem JSON and pages with the error page, both in the
// request's language.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := s.problem(Lang(c), c.Response().Header().Get(echo.HeaderXRequestID), err)
	s.logFailure(c, p)
	if isAPI(c) {
		if p.Code == "csrf" {
			// An API client reloads no page: say what to send instead.
			p.Detail = s.i18n.T(Lang(c), "error.csrf_api")
		}
		writeProblem(c.Response(), p)
		return
	}
	if p.Status == http.StatusUnauthorized {
		_ = c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
		return
	}
	page := web.ErrorPage{Page: s.pageOf(c, "error.title"), Status: p.Status, Code: p.Code}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(p.Status)
	if err := s.render.Render(c.Response(), "error", page); err != nil {
		s.log.Error("render error page", "err", err)
	}
}

func writeProblem(w http.ResponseWriter, p *Problem) {
	w.Header().Set(echo.HeaderContentType, "application/problem+json; charset=UTF-8")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

// tooLarge finds echo's 413 under the 400 its binder wraps a failed read in (a chunked body over
// the limit fails while it is read, not before).
func tooLarge(he *echo.HTTPError) bool {
	for e := error(he); e != nil; {
		if h, ok := e.(*echo.HTTPError); ok {
			if h.Code == http.StatusRequestEntityTooLarge {
				return true
			}
			e = h.Internal
			continue
		}
		return errors.Is(e, echo.ErrStatusRequestEntityTooLarge)
	}
	return false
}

// storageError classifies what storage refused when a domain passed it on untranslated.
func storageError(err error) *apperr.Error {
	switch {
	case ent.IsNotFound(err):
		return &apperr.Error{Kind: apperr.KindNotFound, Code: "not_found", Err: err}
	case errors.Is(err, privacy.Deny):
		return &apperr.Error{Kind: apperr.KindForbidden, Code: "forbidden", Err: err}
	case ent.IsValidationError(err):
		var ve *ent.ValidationError
		errors.As(err, &ve)
		reason := "invalid"
		if strings.Contains(ve.Error(), "length") { // ent's MaxLen/MinLen validators
			reason = "too_long"
		}
		return &apperr.Error{Kind: apperr.KindInvalid, Code: "invalid", Fields: map[string]string{ve.Name: reason}, Err: err}
	}
	return nil
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }
