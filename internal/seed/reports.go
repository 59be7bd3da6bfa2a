package seed

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/report"
)

// Reports is the periodic-report service the demo's unit reports are written with, and its
// database. The seed moves the service's clock (each submission is dated in its period): give
// it a service of its own, not the one the app serves with.
type Reports struct {
	DB      *ent.Client
	Service *report.Service
}

// ClosedPeriod is the period of the semiannual regime the demo fills with submissions.
const ClosedPeriod = "2025-H1"

// Outcomes of a unit's report in the demo's closed period.
const (
	outAccepted    = iota // submitted on time, accepted
	outPending            // submitted on time, not reviewed yet
	outLate               // submitted late, accepted
	outLatePending        // submitted late, not reviewed yet
	outReturned           // submitted on time, returned with comments (still returned)
	outResubmitted        // returned, corrected, submitted again and accepted
	outDraft              // a draft never submitted (missing)
	outMissing            // never started (missing)
)

// closedPlan spreads the outcomes over a period's reports (in an order hashed from the unit
// ids): in 25 reports, 14 accepted on time (one after a return), 4 late, 2 returned, 4 missing
// and one waiting for review. Its first eight have every outcome the board shows, for the
// provinces with few units in the window.
var closedPlan = []int{
	outAccepted, outLate, outReturned, outMissing, outAccepted, outResubmitted, outDraft, outAccepted,
	outAccepted, outAccepted, outLatePending, outAccepted, outPending, outAccepted, outMissing, outAccepted,
	outLate, outAccepted, outReturned, outAccepted, outAccepted, outDraft, outAccepted, outLate, outAccepted,
}

// reports opens the semiannual regime's closed period (H1 2025) and fills it as the units and
// the standing agency would have: most reports on time and accepted, some late, some returned
// (one corrected and accepted), some missing (a draft or nothing), a unit dissolved during the
// window excused; and opens the current period with a few drafts. Idempotent: only reports
// still not started are touched, and those the plan leaves missing stay so.
func (s *seeder) reports() error {
	r := s.d.Reports
	if r == nil || r.Service == nil {
		return nil
	}
	reg, err := r.DB.ReportingRegime.Query().Where(reportingregime.FrequencyEQ(reportingregime.FrequencySemiannual),
		reportingregime.Active(true)).Order(ent.Asc(reportingregime.FieldID)).First(s.ctx)
	if ent.IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	defer r.Service.SetClock(time.Now)
	closed, _, err := r.Service.Open(s.ctx, reg.ID, ClosedPeriod)
	if err != nil {
		return err
	}
	if err := s.fillClosed(closed); err != nil {
		return fmt.Errorf("period %s: %w", closed.Key, err)
	}
	today := calendar.Today()
	per := calendar.PeriodOf(calendar.SemiAnnual, today)
	open, _, err := r.Service.Open(s.ctx, reg.ID, per.String())
	if err != nil {
		return err
	}
	if !open.DueOn.Before(today.UTC()) {
		return s.fillOpen(open)
	}
	// Past this period's due day: the next one is the open one.
	if open, _, err = r.Service.Open(s.ctx, reg.ID, per.Next().String()); err != nil {
		return err
	}
	return s.fillOpen(open)
}

// periodReports returns a period's reports in the demo's order (hashed from the unit ids), with
// its template.
func (s *seeder) periodReports(p *ent.ReportPeriod) ([]*ent.UnitReport, *ent.ReportTemplate, error) {
	db := s.d.Reports.DB
	rs, err := db.UnitReport.Query().Where(unitreport.PeriodID(p.ID)).Order(ent.Asc(unitreport.FieldID)).All(s.ctx)
	if err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(rs, func(a, b *ent.UnitReport) int {
		return cmp.Compare(pick(a.UnitID, p.ID, 1<<30), pick(b.UnitID, p.ID, 1<<30))
	})
	t, err := db.ReportTemplate.Get(s.ctx, p.TemplateID)
	return rs, t, err
}

func (s *seeder) fillClosed(p *ent.ReportPeriod) error {
	svc := s.d.Reports.Service
	rs, t, err := s.periodReports(p)
	if err != nil {
		return err
	}
	end := report.LateAfter(p.DueOn) // midnight in Vietnam after the due day
	var at time.Time
	svc.SetClock(func() time.Time { return at })
	for i, r := range rs {
		if r.Status != unitreport.StatusNotStarted || r.Excused {
			continue // written before (or excused): a second run leaves it
		}
		u := r.UnitID
		if r.UnitEndedOn != nil {
			at = r.UnitEndedOn.Add(48 * time.Hour)
			if _, err := svc.Excuse(s.ctx, r.ID, true, "Đơn vị kết thúc hoạt động trong kỳ báo cáo do sắp xếp đơn vị hành chính."); err != nil {
				return err
			}
			if err := s.stamp(r.ID, at); err != nil {
				return err
			}
			continue
		}
		out := closedPlan[i%len(closedPlan)]
		if out == outMissing {
			continue
		}
		content := ReportContent(u, r.UnitType, t, 0)
		// Submitted 1–12 days before the end of the due day, in office hours; late ones 0–14
		// days after it.
		sent := end.AddDate(0, 0, -1-pick(u, 11, 12)).Add(-time.Duration(7+pick(u, 12, 9)) * time.Hour)
		if out == outLate || out == outLatePending {
			sent = end.AddDate(0, 0, pick(u, 13, 15)).Add(time.Duration(8+pick(u, 14, 8)) * time.Hour)
		}
		at = sent.AddDate(0, 0, -2)
		if out == outDraft {
			content = partial(content, t, 3)
			at = end.AddDate(0, 0, -5)
		}
		if _, err := svc.Save(s.ctx, r.ID, content); err != nil {
			return fmt.Errorf("save report of %s: %w", r.UnitName, err)
		}
		if out == outDraft {
			continue
		}
		if err := s.act(r.ID, sent, func() error { _, err := svc.Submit(s.ctx, r.ID); return err }); err != nil {
			return fmt.Errorf("submit report of %s: %w", r.UnitName, err)
		}
		reviewed := sent.AddDate(0, 0, 1+pick(u, 15, 4))
		switch out {
		case outAccepted, outLate:
			note := acceptNotes[pick(u, 16, len(acceptNotes))]
			err = s.act(r.ID, reviewed, func() error { _, err := svc.Accept(s.ctx, r.ID, note); return err })
		case outReturned, outResubmitted:
			note := returnNotes[pick(u, 17, len(returnNotes))]
			err = s.act(r.ID, reviewed, func() error { _, err := svc.Return(s.ctx, r.ID, note); return err })
			if err != nil || out == outReturned {
				break
			}
			at = reviewed.AddDate(0, 0, 2)
			fixed := content
			fixed.Texts = maps.Clone(content.Texts)
			if txt, ok := fixed.Texts["shortcomings"]; ok {
				fixed.Texts["shortcomings"] = txt + "\n" + resubmitAddendum
			}
			if _, err = svc.Save(s.ctx, r.ID, fixed); err != nil {
				break
			}
			again := reviewed.AddDate(0, 0, 3)
			if err = s.act(r.ID, again, func() error { _, err := svc.Submit(s.ctx, r.ID); return err }); err != nil {
				break
			}
			err = s.act(r.ID, again.AddDate(0, 0, 2), func() error { _, err := svc.Accept(s.ctx, r.ID, acceptNotes[1]); return err })
		}
		if err != nil {
			return fmt.Errorf("review report of %s: %w", r.UnitName, err)
		}
	}
	return nil
}

// fillOpen gives one report in five of the open period a draft (its first sections).
func (s *seeder) fillOpen(p *ent.ReportPeriod) error {
	rs, t, err := s.periodReports(p)
	if err != nil {
		return err
	}
	for i, r := range rs {
		if i%5 != 2 || r.Status != unitreport.StatusNotStarted || r.Excused {
			continue
		}
		c := partial(ReportContent(r.UnitID, r.UnitType, t, 0), t, 2+i%4)
		if _, err := s.d.Reports.Service.Save(s.ctx, r.ID, c); err != nil {
			return fmt.Errorf("draft of %s: %w", r.UnitName, err)
		}
	}
	return nil
}

// act runs a report action at time at and dates the event it wrote then.
func (s *seeder) act(reportID int, at time.Time, f func() error) error {
	s.clock(at)
	if err := f(); err != nil {
		return err
	}
	return s.stamp(reportID, at)
}

// clock sets the time the report service reads.
func (s *seeder) clock(at time.Time) { s.d.Reports.Service.SetClock(func() time.Time { return at }) }

// stamp dates a report's latest timeline event at (the service writes it at the real time).
func (s *seeder) stamp(reportID int, at time.Time) error {
	db := s.d.Reports.DB
	ev, err := db.UnitReportEvent.Query().Where(unitreportevent.ReportID(reportID)).
		Order(ent.Desc(unitreportevent.FieldID)).First(s.ctx)
	if err != nil {
		return err
	}
	return db.UnitReportEvent.UpdateOneID(ev.ID).Modify(func(u *entsql.UpdateBuilder) {
		u.Set(unitreportevent.FieldCreatedAt, at.UTC())
	}).Exec(s.ctx)
}

// partial keeps the texts of the template's first n written sections and the figures of
// those sections (a draft under way).
func partial(c schematype.ReportContent, t *ent.ReportTemplate, n int) schematype.ReportContent {
	out := schematype.ReportContent{Texts: map[string]string{}, Values: map[string]string{}}
	keep := map[string]bool{}
	for _, sec := range t.Sections {
		if txt, ok := c.Texts[sec.Key]; ok && len(out.Texts) < n {
			out.Texts[sec.Key] = txt
			keep[sec.Key] = true
		}
	}
	for _, ind := range t.Indicators {
		if v, ok := c.Values[ind.Code]; ok && keep[ind.Section] && ind.Source == "" {
			out.Values[ind.Code] = v
		}
	}
	return out
}

// ReportContent writes the report of unit unitID (of type unitType) against template t: for
// each section a few of the demo's paragraphs picked by the unit (at least minChars characters
// when minChars > 0; the paragraph with the section's figures always among them), and every
// indicator filled with a plausible, stable figure. Sections the demo has no paragraphs for are
// written only when required.
func ReportContent(unitID int, unitType string, t *ent.ReportTemplate, minChars int) schematype.ReportContent {
	dept := unitType == "department"
	c := schematype.ReportContent{Texts: map[string]string{}, Values: map[string]string{}}
	vals := unitValues(unitID, dept)
	for _, ind := range t.Indicators {
		v, ok := vals[ind.Code]
		if !ok {
			v = genericValue(unitID, ind)
		}
		if v != "" {
			c.Values[ind.Code] = v
		}
	}
	for _, sec := range t.Sections {
		pp, ok := reportParagraphs[sec.Key]
		if !ok {
			if sec.Required {
				c.Texts[sec.Key] = "Đơn vị đã triển khai đầy đủ các nội dung theo hướng dẫn của cơ quan Thường trực Ban Chỉ đạo."
			}
			continue
		}
		pool := append([]string(nil), pp.All...)
		if dept {
			pool = append(pool, pp.Dept...)
		} else {
			pool = append(pool, pp.Commune...)
		}
		c.Texts[sec.Key] = compose(unitID, sec.Key, pool, minChars, c.Values)
	}
	return c
}

// compose picks paragraphs of pool for a unit: the first with figures, then others in an order
// hashed from the unit, two or three of them (or up to minChars characters), kept in the pool's
// order, with the unit's figures filled in.
func compose(unitID int, key string, pool []string, minChars int, vals map[string]string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(key))
	salt := int(h.Sum32() % 100000)
	order := make([]int, len(pool))
	for i := range order {
		order[i] = i
	}
	keys := make([]int, len(pool))
	for i := range keys {
		keys[i] = pick(unitID, salt*100+i, 1<<30)
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	for i, p := range pool {
		if strings.Contains(p, "{") {
			j := slices.Index(order, i)
			order = append([]int{i}, slices.Delete(order, j, j+1)...)
			break
		}
	}
	want := 2 + pick(unitID, salt, 2)
	var chosen []int
	n := 0
	for _, i := range order {
		if len(chosen) >= want && (minChars <= 0 || n >= minChars) {
			break
		}
		chosen = append(chosen, i)
		n += len([]rune(pool[i])) + 1
	}
	slices.Sort(chosen)
	parts := make([]string, len(chosen))
	for k, i := range chosen {
		parts[k] = fill(pool[i], vals)
	}
	text := strings.Join(parts, "\n")
	for minChars > 0 && len([]rune(text)) < minChars { // a short pool: say more of it
		text += "\n" + fill(pool[pick(unitID, len(text), len(pool))], vals)
	}
	return text
}

// fill replaces {code} with the unit's value of that indicator.
func fill(p string, vals map[string]string) string {
	for strings.Contains(p, "{") {
		i := strings.Index(p, "{")
		j := strings.Index(p[i:], "}")
		if j < 0 {
			break
		}
		code := p[i+1 : i+j]
		v := vals[code]
		if v == "" {
			v = "0"
		}
		p = p[:i] + v + p[i+j+1:]
	}
	return p
}

// unitValues are a unit's figures for the default template's indicators, within bounds that
// look like a department's or a commune's half year.
func unitValues(id int, dept bool) map[string]string {
	r := func(salt, lo, hi int) int { return lo + pick(id, salt, hi-lo+1) }
	itoa := strconv.Itoa
	pct := func(salt, lo, hi int) string { // one decimal, Vietnamese comma
		x := r(salt, lo*10, hi*10)
		if x%10 == 0 {
			return itoa(x / 10)
		}
		return fmt.Sprintf("%d,%d", x/10, x%10)
	}
	v := map[string]string{}
	sessions, received, citizens, complaints := r(2, 5, 30), r(5, 800, 6000), r(8, 20, 200), r(9, 1, 25)
	dialogues, models := r(12, 2, 8), communeModels[pick(id, 20, len(communeModels))]
	if dept {
		sessions, received, citizens, complaints = r(2, 3, 15), r(5, 300, 5000), r(8, 5, 60), r(9, 0, 10)
		dialogues, models = r(12, 1, 3), deptModels[pick(id, 20, len(deptModels))]
	}
	resolved := max(0, complaints-r(10, 0, 2))
	onTime := max(0, resolved-r(11, 0, 1))
	violations := 0
	if pick(id, 4, 100) >= 85 {
		violations = r(40, 1, 2)
	}
	total := r(15, 3, 12)
	v["docs_issued"] = itoa(r(1, 2, 10))
	v["propaganda_sessions"] = itoa(sessions)
	v["propaganda_participants"] = itoa(sessions * r(3, 40, 120))
	v["conduct_violations"] = itoa(violations)
	v["procedures_received"] = itoa(received)
	v["procedures_late"] = itoa(received * r(6, 0, 15) / 1000)
	v["procedures_online_rate"] = pct(7, 55, 98)
	v["citizens_received"] = itoa(citizens)
	v["complaints_received"] = itoa(complaints)
	v["complaints_resolved"] = itoa(resolved)
	v["complaints_on_time"] = itoa(onTime)
	v["dialogues_held"] = itoa(dialogues)
	v["consultations_held"] = itoa(r(13, 1, 10))
	v["models_recognised"] = itoa(r(14, 1, 4))
	v["people_commended"] = itoa(r(19, 2, 15))
	v["tasks_total"] = itoa(total)
	v["tasks_done_on_time"] = itoa(total - r(16, 0, 2))
	v["tasks_overdue"] = itoa(r(17, 0, 1))
	v["satisfaction_rate"] = pct(18, 85, 99)
	v["highlights"] = models
	return v
}

// genericValue fills an indicator the demo does not know (an admin's own) within its bounds.
func genericValue(id int, ind schematype.ReportIndicator) string {
	lo, hi := 0, 20
	if ind.Min != nil {
		lo = int(*ind.Min)
	}
	if ind.Max != nil && int(*ind.Max) < lo+20 {
		hi = int(*ind.Max) - lo
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(ind.Code))
	n := lo + pick(id, int(h.Sum32()%100000), max(1, hi+1))
	switch ind.Type {
	case "text":
		return "Có"
	default:
		return strconv.Itoa(n)
	}
}
