package directives

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/web"
)

// NewPage is the paste-or-upload form.
type NewPage struct {
	web.Page
	URL    string
	Text   string
	Errors map[string]string
}

func (h *handler) renderNew(c echo.Context, status int, text string, errs map[string]string) error {
	p := NewPage{Page: httpapi.PageOf(c, "directives.new_title"), URL: httpapi.ProvinceURL(c, "/directives"), Text: text, Errors: errs}
	return httpapi.HTML(c, status, "directive_new", p)
}

// ReviewPage shows the draft beside its text.
type ReviewPage struct {
	web.Page
	URL       string
	PlansURL  string
	DocsURL   string
	D         *draft.Draft
	Date      string // the document's day, dd/mm/yyyy
	Segments  []Segment
	DocTypes  []Option
	Citations []CitationVM
	CitesJSON string
	Tasks     []TaskVM
	NewTask   TaskVM
	Regimes   []RegimeVM
	Units     []UnitCheck // every unit of the day, for the receiving unit select
	Errors    map[string]string
	Kinds     []string
	// PlanKinds and Frequencies are the choices of the plan's kind and a regime's frequency.
	PlanKinds, Frequencies []string
	Counts                 struct{ Tasks, Units, Citations, Resolved int }
}

// Segment is a run of the text, highlighted when Class is set.
type Segment struct {
	Text, Class, Title string
}

// Option is a select option.
type Option struct {
	Value, Label string
	Selected     bool
}

// CitationVM is a cited document as the review shows it.
type CitationVM struct {
	draft.CitationDraft
	DateDMY string
}

// TaskVM is a task row of the review form.
type TaskVM struct {
	I         int
	T         draft.TaskDraft
	DueDMY    string
	PlanDMY   string
	Lead      []UnitCheck
	Coord     []UnitCheck
	Found     []FoundVM
	LeadAdd   string
	CoordAdd  string
	ErrPrefix string
}

// UnitCheck is a unit ticked for a task.
type UnitCheck struct {
	ID      int
	Name    string
	Checked bool
}

// FoundVM is a phrase of the text and how many units it matched.
type FoundVM struct {
	Text, Role string
	Group      string
	N          int
}

// RegimeVM is a suggested regime row.
type RegimeVM struct {
	I         int
	R         draft.RegimeDraft
	Types     string
	Receiving int
}

func dmy(iso string) string {
	if iso == "" {
		return ""
	}
	d, err := calendar.Parse(iso)
	if err != nil {
		return iso
	}
	return d.String()
}

func (h *handler) renderReview(c echo.Context, status int, d *draft.Draft, errs map[string]string) error {
	ctx := c.Request().Context()
	day := calendar.Today()
	if d.Document.Date != "" {
		if dd, err := calendar.Parse(d.Document.Date); err == nil {
			day = dd
		}
	}
	names, _, err := h.drafts.UnitNames(ctx, day)
	if err != nil {
		return err
	}
	p := ReviewPage{Page: httpapi.PageOf(c, "directives.review_title"), URL: httpapi.ProvinceURL(c, "/directives"),
		PlansURL: httpapi.ProvinceURL(c, "/plans"), DocsURL: httpapi.ProvinceURL(c, "/documents"), D: d,
		Date: dmy(d.Document.Date), Errors: errs, Kinds: DeadlineKinds,
		PlanKinds: []string{"ke_hoach", "chuong_trinh", "cong_van", "other"}, Frequencies: []string{"quarterly", "semiannual", "annual", "adhoc"}}
	for _, code := range entschema.DocumentTypes {
		p.DocTypes = append(p.DocTypes, Option{Value: code, Label: httpapi.T(c, "doctype."+code), Selected: code == d.Document.Type})
	}
	for _, ct := range d.Citations {
		p.Citations = append(p.Citations, CitationVM{CitationDraft: ct, DateDMY: dmy(ct.Date)})
		if ct.ResolvedID != nil {
			p.Counts.Resolved++
		}
	}
	cj, _ := json.Marshal(d.Citations)
	p.CitesJSON = string(cj)
	seen := map[int]bool{}
	for i, t := range d.Tasks {
		vm := taskVM(i, t, names)
		key := "tasks[" + strconv.Itoa(i) + "]."
		vm.LeadAdd, vm.CoordAdd = errs["typed:"+key+"lead_add"], errs["typed:"+key+"coord_add"]
		vm.ErrPrefix = key
		p.Tasks = append(p.Tasks, vm)
		for _, id := range t.Lead {
			seen[id] = true
		}
	}
	p.NewTask = TaskVM{I: len(d.Tasks), T: draft.TaskDraft{DeadlineKind: "none"}, ErrPrefix: "new"}
	p.Counts.Tasks, p.Counts.Units, p.Counts.Citations = len(d.Tasks), len(seen), len(d.Citations)
	for i, r := range d.Regimes {
		vm := RegimeVM{I: i, R: r, Types: strings.Join(r.ReportingUnitTypes, ",")}
		if r.ReceivingUnitID != nil {
			vm.Receiving = *r.ReceivingUnitID
		}
		p.Regimes = append(p.Regimes, vm)
	}
	for id, n := range names {
		p.Units = append(p.Units, UnitCheck{ID: id, Name: n})
	}
	textnorm.Sort(p.Units, func(u UnitCheck) string { return u.Name })
	p.Segments = segments(d)
	return httpapi.HTML(c, status, "directive_review", p)
}

func taskVM(i int, t draft.TaskDraft, names map[int]string) TaskVM {
	vm := TaskVM{I: i, T: t, DueDMY: dmy(t.DueOn), PlanDMY: dmy(t.PlanDue)}
	checks := func(ids []int) []UnitCheck {
		out := make([]UnitCheck, 0, len(ids))
		for _, id := range ids {
			n := names[id]
			if n == "" {
				n = "#" + strconv.Itoa(id)
			}
			out = append(out, UnitCheck{ID: id, Name: n, Checked: true})
		}
		textnorm.Sort(out, func(u UnitCheck) string { return u.Name })
		return out
	}
	vm.Lead, vm.Coord = checks(t.Lead), checks(t.Coordinating)
	for _, f := range t.LeadFound {
		vm.Found = append(vm.Found, FoundVM{Text: f.Text, Role: "lead", Group: f.Group, N: len(f.UnitIDs)})
	}
	for _, f := range t.CoordFound {
		vm.Found = append(vm.Found, FoundVM{Text: f.Text, Role: "coord", Group: f.Group, N: len(f.UnitIDs)})
	}
	return vm
}

type mark struct {
	s, e  int
	class string
	title string
}

// segments cuts the text into runs, marking what the draft was read from: the document's
// number, the citations, the unit phrases (matched or not) and the reporting obligations.
func segments(d *draft.Draft) []Segment {
	rs := []rune(d.Text)
	var ms []mark
	add := func(sp [2]int, class, title string) {
		if sp[1] > sp[0] && sp[0] >= 0 && sp[1] <= len(rs) {
			ms = append(ms, mark{sp[0], sp[1], class, title})
		}
	}
	add(d.Document.Span, "hl-head", d.Document.NumberSymbol)
	for _, c := range d.Citations {
		cls := "hl-cite"
		if c.ResolvedID == nil {
			cls = "hl-cite hl-unresolved"
		}
		add(c.Span, cls, strings.TrimSpace(c.TypeName+" "+c.NumberSymbol))
	}
	for _, a := range d.Addressees {
		add(a.Span, unitClass(a), a.Text)
	}
	for _, t := range d.Tasks {
		for _, f := range t.LeadFound {
			add(f.Span, unitClass(f), f.Text)
		}
		for _, f := range t.CoordFound {
			add(f.Span, unitClass(f), f.Text)
		}
	}
	for _, r := range d.Regimes {
		add(r.Span, "hl-report", r.Name)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].s != ms[j].s {
			return ms[i].s < ms[j].s
		}
		return ms[i].e-ms[i].s > ms[j].e-ms[j].s
	})
	var out []Segment
	pos := 0
	for _, m := range ms {
		if m.s < pos {
			continue // overlaps one already marked: the longer, earlier one wins
		}
		if m.s > pos {
			out = append(out, Segment{Text: string(rs[pos:m.s])})
		}
		out = append(out, Segment{Text: string(rs[m.s:m.e]), Class: m.class, Title: m.title})
		pos = m.e
	}
	if pos < len(rs) {
		out = append(out, Segment{Text: string(rs[pos:])})
	}
	return out
}

func unitClass(m draft.UnitMatch) string {
	if len(m.UnitIDs) == 0 {
		return "hl-unit hl-unmatched"
	}
	return "hl-unit"
}

// DeadlineKinds are the task deadline kinds, in the form's order.
var DeadlineKinds = []string{"date", "yearly", "continuous", "none"}
