package report_test

import (
	"slices"
	"testing"

	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/report"
)

func TestTemplateInput_Validate(t *testing.T) {
	base := smallTemplate
	for _, c := range []struct {
		name        string
		edit        func(in *report.TemplateInput)
		field, want string
	}{
		{"duplicate section key", func(in *report.TemplateInput) { in.Sections[1].Key = "results" }, "sections[1].key", "duplicate"},
		{"bad section key", func(in *report.TemplateInput) { in.Sections[1].Key = "Kiến nghị" }, "sections[1].key", "key"},
		{"key starting with a digit", func(in *report.TemplateInput) { in.Sections[0].Key = "1results" }, "sections[0].key", "key"},
		{"section without title", func(in *report.TemplateInput) { in.Sections[1].Title = "  " }, "sections[1].title", "required"},
		{"section level", func(in *report.TemplateInput) { in.Sections[0].Level = 4 }, "sections[0].level", "invalid"},
		{"duplicate code", func(in *report.TemplateInput) { in.Indicators[2].Code = "sessions" }, "indicators[2].code", "duplicate"},
		{"bad code", func(in *report.TemplateInput) { in.Indicators[0].Code = "so-buoi" }, "indicators[0].code", "key"},
		{"text summed", func(in *report.TemplateInput) { in.Indicators[2].Agg = "sum" }, "indicators[2].agg", "invalid"},
		{"unknown aggregation", func(in *report.TemplateInput) { in.Indicators[0].Agg = "median" }, "indicators[0].agg", "invalid"},
		{"unknown type", func(in *report.TemplateInput) { in.Indicators[0].Type = "money" }, "indicators[0].type", "invalid"},
		{"min above max", func(in *report.TemplateInput) { in.Indicators[1].Min = f64(50); in.Indicators[1].Max = f64(10) }, "indicators[1].max", "bounds_order"},
		{"bounds on text", func(in *report.TemplateInput) { in.Indicators[2].Min = f64(0) }, "indicators[2].min", "invalid"},
		{"unknown section", func(in *report.TemplateInput) { in.Indicators[0].Section = "nowhere" }, "indicators[0].section", "unknown_section"},
		{"unknown source", func(in *report.TemplateInput) { in.Indicators[0].Source = "tasks_everything" }, "indicators[0].source", "invalid"},
		{"source on a percent", func(in *report.TemplateInput) { in.Indicators[1].Source = "tasks_total" }, "indicators[1].source", "invalid"},
		{"no name", func(in *report.TemplateInput) { in.Name = "" }, "name", "required"},
		{"no sections", func(in *report.TemplateInput) { in.Sections = nil }, "sections", "required"},
		{"label required", func(in *report.TemplateInput) { in.Indicators[0].Label = "" }, "indicators[0].label", "required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(&in)
			err := in.Validate()
			if err == nil {
				t.Fatalf("accepted")
			}
			if got := fields(t, err)[c.field]; got != c.want {
				t.Errorf("field %s = %q, want %q (all: %v)", c.field, got, c.want, fields(t, err))
			}
		})
	}
	in := base()
	if err := in.Validate(); err != nil {
		t.Fatalf("the small template: %v", err)
	}
	def := report.TemplateInput{Name: "Mặc định", Sections: report.DefaultSections(), Indicators: report.DefaultIndicators()}
	if err := def.Validate(); err != nil {
		t.Fatalf("the default template does not validate: %v", err)
	}
	// An empty aggregation means sum.
	in = base()
	in.Indicators[0].Agg = ""
	if err := in.Validate(); err != nil || in.Indicators[0].Agg != "sum" {
		t.Errorf("empty agg: %q, %v", in.Indicators[0].Agg, err)
	}
}

func TestSaveTemplate_VersionsAndRefusals(t *testing.T) {
	f := setup(t)
	t1, err := f.svc.Template(f.ctx, f.regime.ID)
	if err != nil || t1.Version != 1 || len(t1.Indicators) != len(report.DefaultIndicators()) {
		t.Fatalf("default template: %v, %v", t1, err)
	}
	bad := smallTemplate()
	bad.Indicators[0].Min, bad.Indicators[0].Max = f64(10), f64(1)
	_, err = f.svc.SaveTemplate(f.ctx, f.regime.ID, bad)
	if fields(t, err)["indicators[0].max"] != "bounds_order" {
		t.Errorf("save with min > max: %v", err)
	}
	t2, err := f.svc.SaveTemplate(f.ctx, f.regime.ID, smallTemplate())
	if err != nil || t2.Version != 2 || t2.CreatedBy == nil {
		t.Fatalf("save: %+v, %v", t2, err)
	}
	t3, err := f.svc.SaveTemplate(f.ctx, f.regime.ID, smallTemplate())
	if err != nil || t3.Version != 3 {
		t.Fatalf("save again: %v", err)
	}
	ts, err := f.svc.Templates(f.ctx, f.regime.ID)
	if err != nil || len(ts) != 3 || ts[0].Version != 3 || ts[2].Version != 1 {
		t.Errorf("templates: %d, %v", len(ts), err)
	}
	if got, err := f.svc.TemplateVersion(f.ctx, t1.ID); err != nil || got.Version != 1 {
		t.Errorf("version 1: %v", err)
	}
}

// computedTemplate asks for two figures danvan computes from the task module.
func computedTemplate() report.TemplateInput {
	in := smallTemplate()
	in.Indicators = append(in.Indicators,
		schematype.ReportIndicator{Code: "tasks_on_time", Label: "Nhiệm vụ đúng hạn", Type: "integer", Min: f64(0), Agg: "sum", Source: "tasks_done_on_time"},
		schematype.ReportIndicator{Code: "tasks_late", Label: "Nhiệm vụ quá hạn", Type: "integer", Min: f64(0), Agg: "sum", Source: "tasks_overdue", Required: true},
	)
	return in
}

func TestComputedIndicators(t *testing.T) {
	f := setup(t)
	if _, err := f.svc.SaveTemplate(f.ctx, f.regime.ID, computedTemplate()); err != nil {
		t.Fatal(err)
	}
	p := f.open(t, f.regime.ID, "2025-H1")
	f.tasks.set(f.u["A"], report.TaskCounts{Total: 9, DoneOnTime: 7, DoneLate: 1, Open: 1, Overdue: 3})
	id := f.reportOf(t, p.ID, "A").ID

	// The form is pre-filled.
	v, err := f.svc.Report(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.Prefill(f.ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	if c.Values["tasks_on_time"] != "7" || c.Values["tasks_late"] != "3" || !slices.Equal(c.Computed, []string{"tasks_on_time", "tasks_late"}) {
		t.Errorf("prefill: %+v", c)
	}
	if len(v.Report.Content.Values) != 0 {
		t.Errorf("prefill wrote into the report: %v", v.Report.Content.Values)
	}

	// What the unit types over a computed figure does not stick.
	in := valid("Kết quả")
	in.Values["tasks_on_time"] = "100"
	r, err := f.svc.Save(f.ctx, id, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Content.Values["tasks_on_time"] != "7" || r.Content.Values["tasks_late"] != "3" || r.Content.Values["sessions"] != "12" ||
		!slices.Equal(r.Content.Computed, []string{"tasks_on_time", "tasks_late"}) {
		t.Errorf("saved: %+v", r.Content)
	}

	// Submitting computes again, with the figures of the day.
	f.tasks.set(f.u["A"], report.TaskCounts{DoneOnTime: 8, Overdue: 2})
	r, err = f.svc.Submit(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Content.Values["tasks_on_time"] != "8" || r.Content.Values["tasks_late"] != "2" {
		t.Errorf("submitted: %+v", r.Content.Values)
	}
	ev := f.events(t, id, "submitted")
	if len(ev) != 1 || ev[0].Content.Values["tasks_on_time"] != "8" || !slices.Equal(ev[0].Content.Computed, []string{"tasks_on_time", "tasks_late"}) {
		t.Errorf("snapshot: %+v", ev)
	}
	// Submitted: the view shows the figures as sent, not today's.
	f.tasks.set(f.u["A"], report.TaskCounts{DoneOnTime: 50})
	v, _ = f.svc.Report(f.ctx, id)
	if c, _ := f.svc.Prefill(f.ctx, v); c.Values["tasks_on_time"] != "8" {
		t.Errorf("prefill of a submitted report recomputed: %v", c.Values)
	}

	// Without a task module nothing is computed: the required computed figure is then missing.
	plain := report.New(report.Deps{DB: f.db, Calendar: f.regimes, Quota: noQuota{}})
	idB := f.reportOf(t, p.ID, "B").ID
	in = valid("B")
	in.Values["tasks_on_time"] = "4"
	r, err = plain.Save(f.ctx, idB, in)
	if err != nil || r.Content.Values["tasks_on_time"] != "4" || len(r.Content.Computed) != 0 {
		t.Errorf("save without tasks: %+v, %v", r.Content, err)
	}
	_, err = plain.Submit(f.ctx, idB)
	if fields(t, err)["values.tasks_late"] != "required" {
		t.Errorf("submit without tasks: %v", err)
	}
}
