// Package directives is the area where a directive's text becomes tracked work: paste it or
// upload it, review the draft beside the text (citations, tasks, their units and deadlines, the
// reports it asks for), then confirm, which writes the document, the plan, the tasks and their
// assignments in one go. Nothing is stored before the confirmation.
package directives

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/intake"
)

// Drafts is what the area needs of the draft service.
type Drafts interface {
	FromText(ctx context.Context, text string) (*draft.Draft, error)
	FromFile(ctx context.Context, name string, data []byte) (*draft.Draft, error)
	Confirm(ctx context.Context, d *draft.Draft) (*draft.Result, error)
	Resolve(ctx context.Context, day calendar.Date, names []string) ([][]int, error)
	UnitNames(ctx context.Context, day calendar.Date) (map[int]string, map[int]string, error)
}

type handler struct{ drafts Drafts }

// New builds the area.
func New(d Drafts) httpapi.Area { return &handler{drafts: d} }

// The area registers documents and creates plans: it asks for the register's create grant (the
// plan is the document's own).
var permCreate = authz.Permission{Object: "document", Action: "create"}

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("directives")
	r.Templates("directive_new", "directive_review")
	r.Flash("directive_confirmed", "directives.confirmed")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.directives", Path: "/directives/new", Perm: permCreate, Order: 24})
	p := r.Province()
	p.Page(httpapi.GET, "/directives/new", h.newPage, permCreate)
	p.Page(httpapi.POST, "/directives/extract", h.extractPage, permCreate)
	p.Page(httpapi.POST, "/directives/review", h.reviewPage, permCreate)
	p.API(httpapi.POST, "/directives/extract", h.apiExtract, permCreate, httpapi.In[ExtractRequest](), httpapi.Out[draft.Draft](),
		httpapi.Summary("Read a directive's text (JSON {\"text\"} or a multipart .txt/.docx \"file\") into a draft; nothing is stored"))
	p.API(httpapi.POST, "/directives/confirm", h.apiConfirm, permCreate, httpapi.In[draft.Draft](), httpapi.Out[draft.Result](),
		httpapi.Created(), httpapi.Summary("Confirm a reviewed draft: the document, plan, tasks, assignments, obligations and regimes, in one transaction"))
}

// ExtractRequest is a pasted text.
type ExtractRequest struct {
	Text string `json:"text" form:"text" required:"true" maxLength:"2000000" doc:"the directive's text, up to 2,000,000 characters"`
}

// readDraft drafts the request's text or file: the page and the API share it.
func (h *handler) readDraft(c echo.Context) (*draft.Draft, string, error) {
	ctx := c.Request().Context()
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
		if fh.Size > intake.MaxFileBytes {
			return nil, "", apperr.Invalid(map[string]string{"file": "intake_too_large"})
		}
		f, err := fh.Open()
		if err != nil {
			return nil, "", err
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, intake.MaxFileBytes+1))
		if err != nil {
			return nil, "", err
		}
		d, err := h.drafts.FromFile(ctx, fh.Filename, data)
		return d, "", err
	}
	var in ExtractRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return nil, in.Text, err
	}
	d, err := h.drafts.FromText(ctx, in.Text)
	return d, in.Text, err
}

func (h *handler) apiExtract(c echo.Context) error {
	d, _, err := h.readDraft(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (h *handler) apiConfirm(c echo.Context) error {
	var d draft.Draft
	if err := httpapi.Bind(c, &d); err != nil {
		return err
	}
	res, err := h.drafts.Confirm(c.Request().Context(), &d)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, res)
}

func (h *handler) newPage(c echo.Context) error {
	return h.renderNew(c, http.StatusOK, "", nil)
}

func (h *handler) extractPage(c echo.Context) error {
	d, text, err := h.readDraft(c)
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		return h.renderNew(c, http.StatusUnprocessableEntity, text, fields)
	}
	return h.renderReview(c, http.StatusOK, d, nil)
}

// reviewPage takes the reviewed form: "refresh" shows it again with the typed unit names
// matched; "confirm" writes it all and opens the plan.
func (h *handler) reviewPage(c echo.Context) error {
	d, errs := h.formDraft(c)
	if len(errs) == 0 && c.FormValue("action") == "confirm" {
		res, err := h.drafts.Confirm(c.Request().Context(), d)
		if err == nil {
			return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(res.PlanID)), "directive_confirmed")
		}
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		return h.renderReview(c, http.StatusUnprocessableEntity, d, fields)
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return h.renderReview(c, status, d, errs)
}

// formDraft reads the review form back into a draft. Field errors are message keys by field.
func (h *handler) formDraft(c echo.Context) (*draft.Draft, map[string]string) {
	errs := map[string]string{}
	typed := map[string]string{}
	f := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	d := &draft.Draft{Source: f("source"), Text: c.FormValue("text")}
	d.Document = draft.DocDraft{Type: f("doc_type"), NumberSymbol: f("doc_number"), Place: f("doc_place"),
		Summary: f("doc_summary"), Issuer: f("doc_issuer"), Signer: f("doc_signer"), Direction: f("doc_direction")}
	if v := f("doc_issuer_unit_id"); v != "" {
		if id, err := strconv.Atoi(v); err == nil && id > 0 {
			d.Document.IssuerUnitID = &id
		}
	}
	day := calendar.Today()
	if v := f("doc_date"); v != "" {
		if dd, err := calendar.Parse(v); err == nil {
			d.Document.Date, day = dd.ISO(), dd
		} else {
			errs["document.date"] = "field.date"
		}
	}
	d.Plan = draft.PlanDraft{Title: f("plan_title"), Kind: f("plan_kind")}
	d.Plan.Year, _ = strconv.Atoi(f("plan_year"))
	d.Plan.UnitID, _ = strconv.Atoi(f("plan_unit_id"))
	if v := c.FormValue("citations_json"); v != "" {
		if err := json.Unmarshal([]byte(v), &d.Citations); err != nil {
			errs["citations"] = "field.invalid"
		}
	}
	ctx := c.Request().Context()
	n, _ := strconv.Atoi(f("tasks"))
	n = min(max(n, 0), draft.MaxTasks)
	for i := 0; i <= n; i++ { // the last one is the blank "new task" row
		k := func(s string) string { return "t." + strconv.Itoa(i) + "." + s }
		if c.FormValue(k("remove")) != "" {
			continue
		}
		t := draft.TaskDraft{Number: f(k("number")), Content: strings.TrimSpace(c.FormValue(k("content"))),
			DeadlineKind: f(k("deadline_kind")), DeadlineText: f(k("deadline_text")), RequiresPlan: c.FormValue(k("requires_plan")) != ""}
		if i == n && t.Content == "" {
			continue
		}
		idx := len(d.Tasks)
		if v := f(k("due_on")); v != "" {
			if dd, err := calendar.Parse(v); err == nil {
				t.DueOn = dd.ISO()
			} else {
				errs["tasks["+strconv.Itoa(idx)+"].due_on"] = "field.date"
			}
		}
		if v := f(k("plan_due")); v != "" {
			if dd, err := calendar.Parse(v); err == nil {
				t.PlanDue = dd.ISO()
			} else {
				errs["tasks["+strconv.Itoa(idx)+"].plan_due"] = "field.date"
			}
		}
		t.DueDay, _ = strconv.Atoi(f(k("due_day")))
		t.DueMonth, _ = strconv.Atoi(f(k("due_month")))
		t.Lead = ids(c, k("lead"))
		t.Coordinating = ids(c, k("coord"))
		for _, add := range []struct {
			field string
			to    *[]int
		}{{"lead_add", &t.Lead}, {"coord_add", &t.Coordinating}} {
			names := splitNames(c.FormValue(k(add.field)))
			if len(names) == 0 {
				continue
			}
			found, err := h.drafts.Resolve(ctx, day, names)
			if err != nil {
				errs["tasks["+strconv.Itoa(idx)+"]."+add.field] = "field.invalid"
				continue
			}
			var missing []string
			for j, f := range found {
				if len(f) == 0 {
					missing = append(missing, names[j])
				}
				for _, id := range f {
					if !slices.Contains(*add.to, id) {
						*add.to = append(*add.to, id)
					}
				}
			}
			if len(missing) > 0 {
				key := "tasks[" + strconv.Itoa(idx) + "]." + add.field
				errs[key], typed[key] = "field.unit_not_found", strings.Join(missing, "; ")
			}
		}
		d.Tasks = append(d.Tasks, t)
	}
	rn, _ := strconv.Atoi(f("regimes"))
	rn = min(max(rn, 0), 50)
	for i := 0; i < rn; i++ {
		k := func(s string) string { return "r." + strconv.Itoa(i) + "." + s }
		r := draft.RegimeDraft{Include: c.FormValue(k("include")) != "", Name: f(k("name")), Frequency: f(k("frequency")),
			Rule: f(k("rule")), Text: c.FormValue(k("text"))}
		if v := f(k("types")); v != "" {
			r.ReportingUnitTypes = strings.Split(v, ",")
		}
		if v := f(k("receiving")); v != "" {
			if id, err := strconv.Atoi(v); err == nil && id > 0 {
				r.ReceivingUnitID = &id
			}
		}
		d.Regimes = append(d.Regimes, r)
	}
	for k, v := range typed {
		errs["typed:"+k] = v
	}
	return d, errs
}

func ids(c echo.Context, name string) []int {
	var out []int
	form, _ := c.FormParams()
	for _, v := range form[name] {
		if id, err := strconv.Atoi(v); err == nil && id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// splitNames reads unit names typed one per line or separated by ";".
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
