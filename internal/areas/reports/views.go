package reports

import (
	"strconv"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/web"
)

// classes are the board's classes drawn in its charts, in order.
var classes = []string{"on_time", "late", "missing"}

// chartOf lays out counts as a stacked bar of on time, late and missing.
func chartOf(c report.Counts) web.StatusChart {
	return web.NewStatusChart(classes, []int{c.OnTime, c.Late, c.Missing})
}

// PeriodRow is a period in a list.
type PeriodRow struct {
	ID         int
	Key, Name  string
	RegimeID   int
	RegimeName string
	DueOn      time.Time
	CutoffFrom time.Time
	CutoffTo   time.Time
	Status     string // open, overdue, closed
	Counts     report.Counts
	Chart      web.StatusChart
}

func periodRow(p *ent.ReportPeriod, c report.Counts) PeriodRow {
	r := PeriodRow{ID: p.ID, Key: p.Key, Name: p.Name, RegimeID: p.RegimeID, DueOn: p.DueOn, CutoffFrom: p.CutoffFrom,
		CutoffTo: p.CutoffTo, Status: periodStatus(p, c), Counts: c, Chart: chartOf(c)}
	if p.Edges.Regime != nil {
		r.RegimeName = p.Edges.Regime.Name
	}
	return r
}

// TypeRow is one unit type's counts on the board.
type TypeRow struct {
	Type   string
	Counts report.Counts
	Chart  web.StatusChart
}

// TrendSeg is one class of a trend bar: its place in the SVG's 0–100 × 0–50 box.
type TrendSeg struct {
	Class string
	Count int
	Y, H  float64
}

// TrendBar is one past period in the trends chart.
type TrendBar struct {
	PeriodID  int
	Key, Name string
	X, W      float64
	LabelX    float64
	Counts    report.Counts
	Segs      []TrendSeg
}

// TrendChart is the counts of a regime's last periods as stacked bars drawn by the server.
type TrendChart struct {
	Bars []TrendBar
	Max  int
}

// chartHeight is the trend chart's bar area in SVG units (the box is 100 × 50, labels under it).
const chartHeight = 42.0

func trendChart(ts []report.TrendPoint) TrendChart {
	var ch TrendChart
	for _, t := range ts {
		ch.Max = max(ch.Max, t.Expected)
	}
	if len(ts) == 0 {
		return ch
	}
	slot := 100.0 / float64(len(ts))
	for i, t := range ts {
		b := TrendBar{PeriodID: t.PeriodID, Key: t.Key, Name: t.Name, X: float64(i)*slot + slot*0.2, W: slot * 0.6,
			LabelX: float64(i)*slot + slot/2, Counts: t.Counts}
		y := chartHeight
		for j, n := range []int{t.OnTime, t.Late, t.Missing} {
			if n == 0 || ch.Max == 0 {
				continue
			}
			h := chartHeight * float64(n) / float64(ch.Max)
			y -= h
			b.Segs = append(b.Segs, TrendSeg{Class: classes[j], Count: n, Y: y, H: h})
		}
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// IndicatorVM is one indicator's input.
type IndicatorVM struct {
	Code, Label, Unit, Type string
	Required, Computed      bool
	Min, Max                string
	Value                   string
	Error                   string // message key
	Section                 string
}

// InputMode is the keyboard a phone shows for the indicator.
func (i IndicatorVM) InputMode() string {
	switch i.Type {
	case "integer":
		return "numeric"
	case "decimal", "percent":
		return "decimal"
	}
	return "text"
}

// SectionVM is one section of a unit's report with its text and its indicators.
type SectionVM struct {
	Key, No, Title, Guidance string
	Required                 bool
	Level                    int
	Text                     string
	Error                    string // message key
	Indicators               []IndicatorVM
}

func bound(x *float64) string {
	if x == nil {
		return ""
	}
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(*x, 'f', 4, 64), "0"), ".")
}

// sectionsOf lays a template out as the form: each section with its text and its indicators;
// indicators of no section (or of a section the template lacks) come back apart.
func sectionsOf(t *ent.ReportTemplate, c schematype.ReportContent, errs map[string]string) ([]SectionVM, []IndicatorVM) {
	computed := map[string]bool{}
	for _, code := range c.Computed {
		computed[code] = true
	}
	var out []SectionVM
	at := map[string]int{}
	for _, s := range t.Sections {
		at[s.Key] = len(out)
		out = append(out, SectionVM{Key: s.Key, No: s.No, Title: s.Title, Guidance: s.Guidance, Required: s.Required, Level: s.Level,
			Text: c.Texts[s.Key], Error: errs["texts."+s.Key]})
	}
	var loose []IndicatorVM
	for _, ind := range t.Indicators {
		vm := IndicatorVM{Code: ind.Code, Label: ind.Label, Unit: ind.Unit, Type: ind.Type, Required: ind.Required,
			Computed: computed[ind.Code] || ind.Source != "", Min: bound(ind.Min), Max: bound(ind.Max), Value: c.Values[ind.Code],
			Error: errs["values."+ind.Code], Section: ind.Section}
		if i, ok := at[ind.Section]; ok {
			out[i].Indicators = append(out[i].Indicators, vm)
		} else {
			loose = append(loose, vm)
		}
	}
	return out, loose
}
