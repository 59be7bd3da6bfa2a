package directive

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// want is a fixture's expected result (testdata/NAME.want.json). Optional parts are checked only
// when present.
type want struct {
	Document struct {
		Type         string  `json:"type"`
		NumberSymbol string  `json:"number_symbol"`
		Date         string  `json:"date"`
		Place        string  `json:"place"`
		Summary      *string `json:"summary"`
	} `json:"document"`
	Citations []struct {
		Type         string  `json:"type"`
		NumberSymbol string  `json:"number_symbol"`
		Date         string  `json:"date"`
		Issuer       *string `json:"issuer"`
		Title        *string `json:"title"`
	} `json:"citations"`
	Tasks *[]struct {
		Number       string    `json:"number"`
		Parent       *string   `json:"parent"`
		Lead         *[]string `json:"lead"`
		LeadGroups   *[]string `json:"lead_groups"`
		Coordinating *[]string `json:"coordinating"`
		DeadlineKind *string   `json:"deadline_kind"`
		Deadline     *string   `json:"deadline"`
		RequiresPlan *bool     `json:"requires_plan"`
		PlanDue      *string   `json:"plan_due"`
		Content      *string   `json:"content_prefix"`
	} `json:"tasks"`
	Addressees *[]string `json:"addressee_groups"`
	Reports    *[]struct {
		Frequency string  `json:"frequency"`
		Rule      string  `json:"rule"`
		Receiver  *string `json:"receiver"`
	} `json:"reports"`
}

type fixture struct {
	name string
	text string
	want want
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		wb, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".want.json")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var w want
		dec := json.NewDecoder(strings.NewReader(string(wb)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&w); err != nil {
			t.Fatalf("%s.want.json: %v", name, err)
		}
		out = append(out, fixture{name, string(b), w})
	}
	return out
}

func citeKey(typ, num, date string) string { return typ + " | " + num + " | " + date }

// TestExtract_CitationAccuracy computes precision, recall and F1 over (type, number_symbol,
// date) of the citations of every fixture, and fails under 0.95.
func TestExtract_CitationAccuracy(t *testing.T) {
	fx := loadFixtures(t)
	if len(fx) < 20 {
		t.Fatalf("%d fixtures, want at least 20", len(fx))
	}
	tp, fp, fn := 0, 0, 0
	for _, f := range fx {
		got := Extract(f.text)
		g := map[string]bool{}
		for _, c := range got.Citations {
			g[citeKey(c.Type, c.NumberSymbol, c.DateISO)] = true
		}
		w := map[string]bool{}
		for _, c := range f.want.Citations {
			w[citeKey(c.Type, c.NumberSymbol, c.Date)] = true
		}
		for k := range g {
			if w[k] {
				tp++
			} else {
				fp++
				t.Logf("%s: extra citation %s", f.name, k)
			}
		}
		for k := range w {
			if !g[k] {
				fn++
				t.Logf("%s: missed citation %s", f.name, k)
			}
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("citations over %d fixtures: %d true, %d false positives, %d missed; precision %.3f recall %.3f F1 %.3f",
		len(fx), tp, fp, fn, p, r, f1)
	if f1 < 0.95 {
		t.Errorf("citation F1 %.3f < 0.95", f1)
	}
}

// TestExtract_Fixtures checks each fixture's header, citation details, tasks, addressees and
// reports where its want file states them.
func TestExtract_Fixtures(t *testing.T) {
	for _, f := range loadFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			got := Extract(f.text)
			wd, gd := f.want.Document, got.Document
			if gd.Type != wd.Type || gd.NumberSymbol != wd.NumberSymbol || gd.DateISO != wd.Date || gd.Place != wd.Place {
				t.Errorf("document = %q %q %q %q, want %q %q %q %q", gd.Type, gd.NumberSymbol, gd.DateISO, gd.Place,
					wd.Type, wd.NumberSymbol, wd.Date, wd.Place)
			}
			if wd.Summary != nil && gd.Summary != *wd.Summary {
				t.Errorf("summary = %q, want %q", gd.Summary, *wd.Summary)
			}
			byNum := map[string]Citation{}
			for _, c := range got.Citations {
				byNum[c.NumberSymbol] = c
			}
			for _, wc := range f.want.Citations {
				c, ok := byNum[wc.NumberSymbol]
				if !ok {
					continue // counted by the accuracy test
				}
				if wc.Issuer != nil && c.Issuer != *wc.Issuer {
					t.Errorf("%s issuer = %q, want %q", wc.NumberSymbol, c.Issuer, *wc.Issuer)
				}
				if wc.Title != nil && c.Title != *wc.Title {
					t.Errorf("%s title = %q, want %q", wc.NumberSymbol, c.Title, *wc.Title)
				}
			}
			if f.want.Tasks != nil {
				checkTasks(t, got.Tasks, *f.want.Tasks)
			}
			if f.want.Addressees != nil {
				var gs []string
				for _, a := range got.Addressees {
					gs = append(gs, a.Group+":"+a.Text)
				}
				if !slices.Equal(gs, *f.want.Addressees) {
					t.Errorf("addressees = %q, want %q", gs, *f.want.Addressees)
				}
			}
			if f.want.Reports != nil {
				var gs, ws []string
				for _, r := range got.Reports {
					gs = append(gs, r.Frequency+" "+r.Rule)
				}
				for k, r := range *f.want.Reports {
					ws = append(ws, r.Frequency+" "+r.Rule)
					if r.Receiver != nil && k < len(got.Reports) && got.Reports[k].Receiver != *r.Receiver {
						t.Errorf("report %d receiver = %q, want %q", k, got.Reports[k].Receiver, *r.Receiver)
					}
				}
				if !slices.Equal(gs, ws) {
					t.Errorf("reports = %q, want %q", gs, ws)
				}
			}
		})
	}
}

func unitTexts(us []UnitRef) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.Text)
	}
	return out
}

func unitGroups(us []UnitRef) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.Group)
	}
	return out
}

func checkTasks(t *testing.T, got []Task, wantTasks []struct {
	Number       string    `json:"number"`
	Parent       *string   `json:"parent"`
	Lead         *[]string `json:"lead"`
	LeadGroups   *[]string `json:"lead_groups"`
	Coordinating *[]string `json:"coordinating"`
	DeadlineKind *string   `json:"deadline_kind"`
	Deadline     *string   `json:"deadline"`
	RequiresPlan *bool     `json:"requires_plan"`
	PlanDue      *string   `json:"plan_due"`
	Content      *string   `json:"content_prefix"`
}) {
	t.Helper()
	var gn, wn []string
	for _, g := range got {
		gn = append(gn, g.Number)
	}
	for _, w := range wantTasks {
		wn = append(wn, w.Number)
	}
	if !slices.Equal(gn, wn) {
		t.Errorf("task numbers = %v, want %v", gn, wn)
		return
	}
	for k, w := range wantTasks {
		g := got[k]
		errf := func(field string, gv, wv any) {
			t.Errorf("task %s %s = %v, want %v", w.Number, field, gv, wv)
		}
		if w.Parent != nil && g.Parent != *w.Parent {
			errf("parent", g.Parent, *w.Parent)
		}
		if w.Lead != nil && !slices.Equal(unitTexts(g.Lead), *w.Lead) {
			errf("lead", fmt.Sprintf("%q", unitTexts(g.Lead)), fmt.Sprintf("%q", *w.Lead))
		}
		if w.LeadGroups != nil && !slices.Equal(unitGroups(g.Lead), *w.LeadGroups) {
			errf("lead groups", unitGroups(g.Lead), *w.LeadGroups)
		}
		if w.Coordinating != nil && !slices.Equal(unitTexts(g.Coordinating), *w.Coordinating) {
			errf("coordinating", fmt.Sprintf("%q", unitTexts(g.Coordinating)), fmt.Sprintf("%q", *w.Coordinating))
		}
		if w.DeadlineKind != nil && g.Deadline.Kind != *w.DeadlineKind {
			errf("deadline kind", g.Deadline.Kind, *w.DeadlineKind)
		}
		if w.Deadline != nil && g.Deadline.DateISO != *w.Deadline {
			errf("deadline", g.Deadline.DateISO, *w.Deadline)
		}
		if w.RequiresPlan != nil && g.RequiresPlan != *w.RequiresPlan {
			errf("requires_plan", g.RequiresPlan, *w.RequiresPlan)
		}
		if w.PlanDue != nil && g.PlanDue != *w.PlanDue {
			errf("plan_due", g.PlanDue, *w.PlanDue)
		}
		if w.Content != nil && !strings.HasPrefix(g.Content, *w.Content) {
			errf("content", g.Content, *w.Content+"…")
		}
	}
}
