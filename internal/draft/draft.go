// Package draft turns a directive's text into a draft a person reviews, and confirms the
// reviewed draft: the register's document, its citations, the plan, the tasks with one
// assignment per unit, the implementation-plan obligations and the reporting regimes, all in one
// transaction. Nothing is written before the confirmation: the draft travels with the request
// (the review page's form, the API's JSON), never in the database.
package draft

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/directive"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/intake"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/unit"
)

// MaxTextRunes caps a pasted or uploaded text, in characters.
const MaxTextRunes = intake.MaxTextRunes

// MaxTasks caps the tasks of one draft.
const MaxTasks = 500

// Draft is a directive read from its text, to be reviewed. Spans index Text in runes.
type Draft struct {
	Source     string          `json:"source" maxLength:"255" doc:"paste, or the uploaded file's name"`
	Text       string          `json:"text" maxLength:"2000000" doc:"the text, normalized (NFC); every span indexes it in characters"`
	Document   DocDraft        `json:"document"`
	Citations  []CitationDraft `json:"citations"`
	Plan       PlanDraft       `json:"plan"`
	Tasks      []TaskDraft     `json:"tasks"`
	Regimes    []RegimeDraft   `json:"regimes"`
	Addressees []UnitMatch     `json:"addressees"`
}

// DocDraft is the register entry the confirmation creates.
type DocDraft struct {
	Type         string `json:"type" doc:"register type code: cong_van, ke_hoach, nghi_quyet…"`
	NumberSymbol string `json:"number_symbol" maxLength:"100"`
	Date         string `json:"date" doc:"YYYY-MM-DD or empty"`
	Place        string `json:"place" maxLength:"100"`
	Summary      string `json:"summary" maxLength:"2000"`
	Issuer       string `json:"issuer" maxLength:"300"`
	IssuerUnitID *int   `json:"issuer_unit_id,omitempty"`
	Signer       string `json:"signer" maxLength:"200"`
	Direction    string `json:"direction" enum:"received,issued"`
	Span         [2]int `json:"span"`
}

// CitationDraft is a cited document; ResolvedID is the register's document with that key.
type CitationDraft struct {
	Type         string `json:"type" doc:"register type code"`
	TypeName     string `json:"type_name" doc:"the type in Vietnamese, as the text names it"`
	NumberSymbol string `json:"number_symbol" maxLength:"100"`
	Date         string `json:"date" doc:"YYYY-MM-DD or empty"`
	Issuer       string `json:"issuer" maxLength:"300"`
	Title        string `json:"title" maxLength:"2000"`
	Span         [2]int `json:"span"`
	ResolvedID   *int   `json:"resolved_id,omitempty"`
}

// PlanDraft is the plan the document issues.
type PlanDraft struct {
	Title  string `json:"title" maxLength:"500"`
	Kind   string `json:"kind" enum:"ke_hoach,chuong_trinh,cong_van,other"`
	Year   int    `json:"year"`
	UnitID int    `json:"unit_id" doc:"the issuing unit (the province's root unit for a province plan)"`
}

// TaskDraft is a numbered item as a task: its units matched to the province's.
type TaskDraft struct {
	Number       string      `json:"number" maxLength:"20"`
	Content      string      `json:"content" maxLength:"10000"`
	DeadlineKind string      `json:"deadline_kind" enum:"date,yearly,continuous,none"`
	DueOn        string      `json:"due_on" doc:"YYYY-MM-DD (deadline kind date)"`
	DueDay       int         `json:"due_day"`
	DueMonth     int         `json:"due_month"`
	DeadlineText string      `json:"deadline_text" maxLength:"300"`
	Lead         []int       `json:"lead" doc:"lead unit ids: one assignment each"`
	Coordinating []int       `json:"coordinating" doc:"coordinating unit ids"`
	LeadFound    []UnitMatch `json:"lead_found" doc:"the lead phrases of the text and the units they matched"`
	CoordFound   []UnitMatch `json:"coordinating_found"`
	RequiresPlan bool        `json:"requires_plan" doc:"the lead units must issue their own implementation plan"`
	PlanDue      string      `json:"plan_due" doc:"YYYY-MM-DD or empty"`
	Span         [2]int      `json:"span"`
}

// RegimeDraft is a reporting obligation of the text as a suggested reporting regime.
type RegimeDraft struct {
	Include            bool     `json:"include" doc:"create it on confirmation"`
	Name               string   `json:"name" maxLength:"300"`
	Frequency          string   `json:"frequency" enum:"quarterly,semiannual,annual,adhoc"`
	Rule               string   `json:"rule" doc:"deadline rule: 15/6, M/15, M+1/5"`
	ReportingUnitTypes []string `json:"reporting_unit_types"`
	ReceivingUnitID    *int     `json:"receiving_unit_id,omitempty"`
	Text               string   `json:"text" maxLength:"10000"`
	Span               [2]int   `json:"span"`
}

// UnitMatch is a unit phrase of the text and the units it names on the document's day.
type UnitMatch struct {
	Text    string `json:"text" maxLength:"2000"`
	Group   string `json:"group,omitempty" doc:"a kind of unit: department, district, commune, public_service, front"`
	Span    [2]int `json:"span"`
	UnitIDs []int  `json:"unit_ids"`
}

// Result is what a confirmation created.
type Result struct {
	DocumentID  int `json:"document_id"`
	PlanID      int `json:"plan_id"`
	Tasks       int `json:"tasks"`
	Assignments int `json:"assignments"`
	Obligations int `json:"obligations"`
	Regimes     int `json:"regimes"`
}

// Documents is the register, written inside the confirmation's transaction.
type Documents interface {
	CreateTx(ctx context.Context, tx *ent.Tx, in document.Input) (*ent.Document, error)
	Resolve(ctx context.Context, typ, numberSymbol string, on *time.Time) (int, error)
}

// Plans creates the plan and its tasks inside the confirmation's transaction.
type Plans interface {
	CreatePlanTx(ctx context.Context, tx *ent.Tx, in plan.PlanInput) (*ent.WorkPlan, error)
	AddTaskTx(ctx context.Context, tx *ent.Tx, planID int, in plan.TaskInput) (*ent.Task, error)
}

// Regimes creates the suggested reporting regimes inside the transaction.
type Regimes interface {
	CreateTx(ctx context.Context, tx *ent.Tx, in regime.Input) (*ent.ReportingRegime, error)
}

// Units lists the province's units as of a day.
type Units interface {
	AsOf(ctx context.Context, d time.Time, q string) ([]unit.Node, error)
}

// Service drafts and confirms.
type Service struct {
	db      *ent.Client
	docs    Documents
	plans   Plans
	regimes Regimes
	units   Units
}

// New returns the service.
func New(c *ent.Client, docs Documents, plans Plans, regimes Regimes, units Units) *Service {
	return &Service{db: c, docs: docs, plans: plans, regimes: regimes, units: units}
}

// FromFile reads an uploaded file's text (see internal/intake) and drafts it.
func (s *Service) FromFile(ctx context.Context, name string, data []byte) (*Draft, error) {
	text, _, err := intake.Text(name, data)
	if err != nil {
		if ie, ok := err.(*intake.Error); ok {
			return nil, apperr.Invalid(map[string]string{"file": "intake_" + ie.Code})
		}
		return nil, err
	}
	d, err := s.FromText(ctx, text)
	if err != nil {
		return nil, err
	}
	d.Source = name
	return d, nil
}

// FromText drafts a pasted text: what it cites, its tasks with their units matched to the
// province's units that existed on the document's day, its reporting obligations.
func (s *Service) FromText(ctx context.Context, text string) (*Draft, error) {
	// Text copied from Word or a PDF viewer carries vertical tabs, NULs and other control
	// characters: Normalize turns them into line breaks or drops them, so only what is left is
	// checked.
	if !utf8.ValidString(text) {
		return nil, apperr.Invalid(map[string]string{"text": "utf8"})
	}
	text = directive.Normalize(text)
	if err := checkText("text", text); err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, apperr.Invalid(map[string]string{"text": "required"})
	}
	res := directive.ExtractWith(text, directive.Options{DocumentDate: calendar.Today()})
	day := res.Document.Date
	if day.IsZero() {
		day = calendar.Today()
	}
	idx, err := s.index(ctx, day)
	if err != nil {
		return nil, err
	}
	d := &Draft{Source: "paste", Text: text}
	d.Document = DocDraft{
		Type: document.TypeFromWord(res.Document.Type), NumberSymbol: res.Document.NumberSymbol,
		Date: res.Document.DateISO, Place: res.Document.Place, Summary: res.Document.Summary,
		Direction: "issued", Span: res.Document.Span,
	}
	if d.Document.Type == "other" && res.Document.NumberSymbol != "" {
		d.Document.Type = document.TypeFromWord(directive.TypeOfSymbol(res.Document.NumberSymbol))
	}
	if d.Document.Type == "other" && directive.IsCongVanShape(res.Document.NumberSymbol) {
		d.Document.Type = "cong_van"
	}
	root := idx.rootFor(res.Document.Place)
	if root != nil && issuedByProvince(res.Document.NumberSymbol) {
		d.Document.Issuer, d.Document.IssuerUnitID = root.Version.Name, &root.Unit.ID
	}
	for _, c := range res.Citations {
		cd := CitationDraft{Type: document.TypeFromWord(c.Type), TypeName: c.Type, NumberSymbol: c.NumberSymbol,
			Date: c.DateISO, Issuer: c.Issuer, Title: c.Title, Span: c.Span}
		var on *time.Time
		if !c.Date.IsZero() {
			t := c.Date.UTC()
			on = &t
		}
		id, err := s.docs.Resolve(ctx, cd.Type, c.NumberSymbol, on)
		if err != nil {
			return nil, err
		}
		if id > 0 {
			cd.ResolvedID = &id
		}
		d.Citations = append(d.Citations, cd)
	}
	year := day.Year
	d.Plan = PlanDraft{Title: planTitle(res.Document), Kind: planKind(d.Document.Type), Year: year}
	if root != nil {
		d.Plan.UnitID = root.Unit.ID
	}
	for _, a := range res.Addressees {
		d.Addressees = append(d.Addressees, idx.match(a))
	}
	byNumber := map[string]int{}
	parents := map[string]bool{}
	for _, t := range res.Tasks {
		if t.Parent != "" {
			parents[t.Parent] = true
		}
	}
	for _, t := range res.Tasks {
		// "3. … trọng tâm là:" only introduces its items 3.1, 3.2…: they are the tasks.
		if parents[t.Number] && strings.HasSuffix(strings.TrimSpace(t.Content), ":") {
			continue
		}
		td := TaskDraft{Number: t.Number, Content: t.Content, DeadlineText: t.Deadline.Text, RequiresPlan: t.RequiresPlan,
			PlanDue: t.PlanDue, Span: t.Span}
		switch t.Deadline.Kind {
		case directive.KindDate, directive.KindQuarter:
			td.DeadlineKind, td.DueOn = "date", t.Deadline.DateISO
		case directive.KindYearly:
			td.DeadlineKind, td.DueDay, td.DueMonth = "yearly", t.Deadline.Day, t.Deadline.Month
			if td.DueDay == 0 || td.DueMonth == 0 {
				td.DeadlineKind = "continuous" // "hằng năm" without a day: every year, no fixed day
			}
		case directive.KindContinuous:
			td.DeadlineKind = "continuous"
		default:
			td.DeadlineKind = "none"
		}
		for _, r := range t.Lead {
			m := idx.match(r)
			td.LeadFound = append(td.LeadFound, m)
			td.Lead = appendNew(td.Lead, m.UnitIDs...)
		}
		for _, r := range t.Coordinating {
			m := idx.match(r)
			td.CoordFound = append(td.CoordFound, m)
			td.Coordinating = appendNew(td.Coordinating, m.UnitIDs...)
		}
		if len(td.Lead) == 0 {
			// An item that names no unit falls to its parent item's units, else to the
			// document's addressees ("Kính gửi: các sở, ban, ngành"): the reviewer sees them ticked.
			if i, ok := byNumber[t.Parent]; ok && t.Parent != "" {
				td.Lead = slices.Clone(d.Tasks[i].Lead)
			} else {
				for _, a := range d.Addressees {
					td.Lead = appendNew(td.Lead, a.UnitIDs...)
				}
			}
		}
		td.Coordinating = slices.DeleteFunc(td.Coordinating, func(id int) bool { return slices.Contains(td.Lead, id) })
		byNumber[t.Number] = len(d.Tasks)
		d.Tasks = append(d.Tasks, td)
	}
	for _, r := range res.Reports {
		d.Regimes = append(d.Regimes, s.regime(r, res, d, idx))
	}
	d.fill()
	return d, nil
}

// fill makes every list a list: the JSON shows [] rather than null.
func (d *Draft) fill() {
	d.Citations, d.Tasks, d.Regimes, d.Addressees = orEmpty(d.Citations), orEmpty(d.Tasks), orEmpty(d.Regimes), orEmpty(d.Addressees)
	for i := range d.Tasks {
		t := &d.Tasks[i]
		t.Lead, t.Coordinating, t.LeadFound, t.CoordFound = orEmpty(t.Lead), orEmpty(t.Coordinating), orEmpty(t.LeadFound), orEmpty(t.CoordFound)
	}
	for i := range d.Regimes {
		d.Regimes[i].ReportingUnitTypes = orEmpty(d.Regimes[i].ReportingUnitTypes)
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// issuedByProvince: a number-symbol whose issuer part is the province's people's committee
// ("1639/UBND-NC", "82/KH-UBND").
func issuedByProvince(ns string) bool {
	k := directive.Key(ns)
	if i := strings.IndexByte(k, '/'); i >= 0 {
		k = k[i+1:]
	}
	for _, p := range strings.FieldsFunc(k, func(r rune) bool { return r == '-' || r == '/' }) {
		if p == "UBND" {
			return true
		}
	}
	return false
}

func planTitle(h directive.Header) string {
	var b strings.Builder
	if h.Type != "" {
		b.WriteString(h.Type)
	}
	if h.NumberSymbol != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(h.NumberSymbol)
	}
	if s := strings.TrimSpace(h.Summary); s != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(s)
	}
	t := b.String()
	if t == "" {
		t = "Kế hoạch"
	}
	if utf8.RuneCountInString(t) > 500 {
		t = string([]rune(t)[:499]) + "…"
	}
	return t
}

func planKind(docType string) string {
	switch docType {
	case "ke_hoach", "chuong_trinh", "cong_van":
		return docType
	}
	return "other"
}

// regime suggests a reporting regime for a report the text asks for; the reporting units are
// the kinds of unit the enclosing task addresses (departments when none is said).
func (s *Service) regime(r directive.ReportDue, res directive.Result, d *Draft, idx *unitIndex) RegimeDraft {
	rd := RegimeDraft{Include: true, Frequency: r.Frequency, Rule: r.Rule, Text: r.Text, Span: r.Span}
	name := strings.TrimSpace(r.Label)
	switch r.Frequency {
	case directive.FreqSemiannual:
		// A semiannual regime makes both halves; "15/6" for the first half is day 15 of the
		// period's last month, which gives 15/12 for the second.
		name = strings.NewReplacer(" đầu năm", "", " cuối năm", "").Replace(name)
		if r.Month == 6 || r.Month == 12 {
			rd.Rule = fmt.Sprintf("M/%d", r.Day)
		} else if r.Month == 7 || r.Month == 1 {
			rd.Rule = fmt.Sprintf("M+1/%d", r.Day)
		}
	case directive.FreqMonthly:
		rd.Frequency, rd.Include = "adhoc", false // danvan has no monthly regime: shown, not created
	}
	if name == "" {
		name = "Báo cáo"
	}
	if ref := strings.TrimSpace(d.Document.NumberSymbol); ref != "" {
		name += " theo " + ref
	}
	rd.Name = name
	var types []string
	for _, t := range res.Tasks {
		if t.Span[0] <= r.Span[0] && r.Span[0] < t.Span[1] {
			for _, l := range t.Lead {
				if l.Group != "" && !slices.Contains(types, l.Group) {
					types = append(types, l.Group)
				}
			}
		}
	}
	if len(types) == 0 {
		types = []string{"department"}
	}
	rd.ReportingUnitTypes = types
	if r.Receiver != "" {
		// "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)": the unit that receives is the one in brackets.
		rcv := r.Receiver
		if i := strings.Index(rcv, "qua "); i >= 0 {
			rcv = strings.Trim(rcv[i+len("qua "):], " )")
		}
		if m := idx.match(directive.UnitRef{Text: rcv}); len(m.UnitIDs) == 1 {
			rd.ReceivingUnitID = &m.UnitIDs[0]
		}
	}
	return rd
}

func appendNew(s []int, ids ...int) []int {
	for _, id := range ids {
		if !slices.Contains(s, id) {
			s = append(s, id)
		}
	}
	return s
}

// checkText refuses text that is not UTF-8, holds control characters other than tab, newline,
// carriage return and form feed, or is too long.
func checkText(field, s string) error {
	f := apperr.Fields{}
	f.Text(field, s, MaxTextRunes, true)
	return f.Err()
}

// Confirm writes the reviewed draft in one transaction: the document and its citations, the
// plan, each task with one assignment per unit, the obligations, the included regimes. On any
// error nothing is written; a field error names the draft's field ("tasks[2].lead").
func (s *Service) Confirm(ctx context.Context, d *Draft) (*Result, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	docIn, err := d.documentInput()
	if err != nil {
		return nil, err
	}
	res := &Result{}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		doc, err := s.docs.CreateTx(ctx, tx, docIn)
		if err != nil {
			return prefix("document.", err)
		}
		res.DocumentID = doc.ID
		pin := plan.PlanInput{DocumentID: &doc.ID, UnitID: d.Plan.UnitID, Title: strings.TrimSpace(d.Plan.Title),
			Kind: d.Plan.Kind, Year: d.Plan.Year, Status: "issued", IssuedOn: docIn.IssuedOn}
		p, err := s.plans.CreatePlanTx(ctx, tx, pin)
		if err != nil {
			return prefix("plan.", err)
		}
		res.PlanID = p.ID
		for i, t := range d.Tasks {
			in, err := t.input(i)
			if err != nil {
				return err
			}
			if _, err := s.plans.AddTaskTx(ctx, tx, p.ID, in); err != nil {
				return prefix(fmt.Sprintf("tasks[%d].", i), err)
			}
			res.Tasks++
			res.Assignments += len(in.Lead) + len(in.Coordinating)
			if in.RequiresPlan {
				res.Obligations += len(in.Lead)
			}
		}
		for i, r := range d.Regimes {
			if !r.Include {
				continue
			}
			if _, err := s.regimes.CreateTx(ctx, tx, regime.Input{Name: r.Name, Frequency: r.Frequency, DeadlineRule: r.Rule,
				ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: r.ReceivingUnitID, Content: r.Text, Active: true,
				ReminderOffsets: []int{-7, -3, -1, 1, 3}}); err != nil {
				return prefix(fmt.Sprintf("regimes[%d].", i), err)
			}
			res.Regimes++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// check validates what the services below do not: the text, counts, task text.
func (d *Draft) check() error {
	f := apperr.Fields{}
	if err := checkText("text", d.Text); err != nil {
		return err
	}
	for _, sf := range []struct{ name, v string }{{"source", d.Source}, {"document.number_symbol", d.Document.NumberSymbol},
		{"document.place", d.Document.Place}, {"document.summary", d.Document.Summary}, {"document.issuer", d.Document.Issuer},
		{"document.signer", d.Document.Signer}, {"plan.title", d.Plan.Title}} {
		if err := checkText(sf.name, sf.v); err != nil {
			return err
		}
	}
	if len(d.Tasks) > MaxTasks {
		f.Add("tasks", "too_many")
	}
	if d.Plan.UnitID <= 0 {
		f.Add("plan.unit_id", "required")
	}
	if d.Plan.Year < 1945 || d.Plan.Year > 2100 {
		f.Add("plan.year", "invalid")
	}
	for i, t := range d.Tasks {
		if err := checkText(fmt.Sprintf("tasks[%d].content", i), t.Content); err != nil {
			return err
		}
		if strings.TrimSpace(t.Content) == "" {
			f.Add(fmt.Sprintf("tasks[%d].content", i), "required")
		}
	}
	for i, r := range d.Regimes {
		if err := checkText(fmt.Sprintf("regimes[%d].name", i), r.Name); err != nil {
			return err
		}
	}
	return f.Err()
}

func (d *Draft) documentInput() (document.Input, error) {
	in := document.Input{Type: d.Document.Type, NumberSymbol: d.Document.NumberSymbol, Issuer: d.Document.Issuer,
		IssuerUnitID: d.Document.IssuerUnitID, Place: d.Document.Place, Summary: d.Document.Summary,
		Signer: d.Document.Signer, FullText: d.Text, Direction: d.Document.Direction}
	var err error
	if in.IssuedOn, err = isoDay("document.date", d.Document.Date); err != nil {
		return in, err
	}
	for i, c := range d.Citations {
		on, err := isoDay(fmt.Sprintf("citations[%d].date", i), c.Date)
		if err != nil {
			return in, err
		}
		in.Citations = append(in.Citations, document.CitationInput{Type: c.Type, NumberSymbol: c.NumberSymbol, CitedOn: on,
			Issuer: c.Issuer, Title: c.Title, Span: c.Span})
	}
	return in, nil
}

func (t TaskDraft) input(i int) (plan.TaskInput, error) {
	in := plan.TaskInput{Number: strings.TrimSpace(t.Number), Content: strings.TrimSpace(t.Content), Position: i + 1,
		DeadlineKind: t.DeadlineKind, DueDay: t.DueDay, DueMonth: t.DueMonth, DeadlineText: t.DeadlineText,
		Lead: t.Lead, Coordinating: slices.DeleteFunc(slices.Clone(t.Coordinating), func(id int) bool { return slices.Contains(t.Lead, id) }),
		RequiresPlan: t.RequiresPlan}
	var err error
	if in.DueOn, err = isoDay(fmt.Sprintf("tasks[%d].due_on", i), t.DueOn); err != nil {
		return in, err
	}
	if in.PlanDue, err = isoDay(fmt.Sprintf("tasks[%d].plan_due", i), t.PlanDue); err != nil {
		return in, err
	}
	return in, nil
}

// isoDay reads YYYY-MM-DD (empty: none) as the UTC midnight the schema stores.
func isoDay(field, s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	d, err := calendar.Parse(s)
	if err != nil {
		return nil, apperr.Invalid(map[string]string{field: "date"})
	}
	t := d.UTC()
	return &t, nil
}

// prefix names a field error by its place in the draft ("title" of the plan → "plan.title").
func prefix(p string, err error) error {
	ae, ok := apperr.As(err)
	if !ok || len(ae.Fields) == 0 {
		return err
	}
	fields := make(map[string]string, len(ae.Fields))
	for k, v := range ae.Fields {
		fields[p+k] = v
	}
	cp := *ae
	cp.Fields = fields
	return &cp
}
