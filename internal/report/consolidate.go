package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/ent/reportoutput"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/reportdoc"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TypeGenerate is the consolidation job (counted against the plan's monthly report quota).
const TypeGenerate = quota.TypeReportGenerate

// GeneratePayload names the period to consolidate.
type GeneratePayload struct {
	TenantID int `json:"tenant_id"`
	PeriodID int `json:"period_id"`
}

// Province implements jobs.Payload.
func (p GeneratePayload) Province() int { return p.TenantID }

// Content types of the outputs.
const (
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypePDF  = "application/pdf"
)

// Rendered is a period's province report in its three forms.
type Rendered struct {
	DOCX, XLSX, PDF []byte
	Base            string // file name without extension: bao-cao-2025-H1
}

// submission is one unit's submitted content, for consolidation.
type submission struct {
	name, typ string
	content   schematype.ReportContent
}

// Consolidated is what the province report says, before it is laid out.
type Consolidated struct {
	Period *ent.ReportPeriod
	Doc    reportdoc.Doc
	Annex  reportdoc.Annex
}

// letterhead reads the province's letterhead settings.
func (s *Service) letterhead(ctx context.Context) (reportdoc.Letterhead, error) {
	lh := reportdoc.Letterhead{SignerTitle: "TRƯỞNG BAN"}
	if s.settings == nil {
		return lh, nil
	}
	all, err := s.settings.All(ctx)
	if err != nil {
		return lh, err
	}
	lh.Parent, lh.Issuer, lh.Place = all[settings.LetterheadParent], all[settings.LetterheadIssuer], all[settings.LetterheadPlace]
	if t := all[settings.LetterheadSigner]; t != "" {
		lh.SignerTitle = t
	}
	if lh.Place == "" {
		if v := viewer.FromContext(ctx); v != nil {
			t, err := s.db.Tenant.Get(ctx, v.TenantID)
			if err == nil {
				lh.Place = strings.TrimPrefix(t.Name, "Tỉnh ")
			}
		}
	}
	return lh, nil
}

// periodLabel is the period as the summary line says it: "6 tháng đầu năm 2025".
func periodLabel(key string) string {
	p, err := calendar.ParsePeriod(key)
	if err != nil {
		return key
	}
	l := p.LabelVI()
	if p.Kind == calendar.Annual {
		l = "năm " + strconv.Itoa(p.Year)
	}
	return l
}

// Consolidate gathers a period's submitted reports into the province report: for each outline
// section the units' texts attributed and grouped by unit type, the indicator totals, the late
// and missing units, and the sentences danvan can compute. A report returned to its unit
// counts as sent, but its text waits for the corrected version. progress (may be nil) hears
// 0–100 and may stop the work by returning an error (a cancelled job).
func (s *Service) Consolidate(ctx context.Context, periodID int, progress func(int) error) (*Consolidated, error) {
	step := func(pct int) error {
		if progress == nil {
			return nil
		}
		return progress(pct)
	}
	b, err := s.Board(ctx, periodID) // the counts, the late and missing units, and the period
	if err != nil {
		return nil, err
	}
	p, t := b.Period, b.Period.Edges.Template
	if err := step(5); err != nil {
		return nil, err
	}
	// The submissions, in pages, content included.
	var subs []submission
	const page = 500
	for after := 0; ; {
		rs, err := s.db.UnitReport.Query().Where(unitreport.PeriodID(periodID), unitreport.IDGT(after),
			unitreport.StatusIn(unitreport.StatusSubmitted, unitreport.StatusAccepted), unitreport.Excused(false)).
			Order(ent.Asc(unitreport.FieldID)).Limit(page).
			Select(unitreport.FieldID, unitreport.FieldUnitName, unitreport.FieldUnitType, unitreport.FieldContent).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			subs = append(subs, submission{name: r.UnitName, typ: r.UnitType, content: r.Content})
		}
		if len(rs) < page {
			break
		}
		after = rs[len(rs)-1].ID
		if err := step(5 + min(25, 25*len(subs)/max(b.Expected, 1))); err != nil {
			return nil, err
		}
	}
	textnorm.Sort(subs, func(s submission) string { return s.name })
	slices.SortStableFunc(subs, func(a, c submission) int { return typeRank(a.typ) - typeRank(c.typ) })

	lh, err := s.letterhead(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now().In(calendar.Location())
	label := periodLabel(p.Key)
	regimeName := p.Name
	if p.Edges.Regime != nil {
		regimeName = p.Edges.Regime.Name
	}
	doc := reportdoc.Doc{
		Letterhead: lh, Number: "/BC-BCĐ", Date: now, Kind: "BÁO CÁO",
		Summary: "Kết quả công tác dân vận chính quyền " + label,
		Intro: []string{
			fmt.Sprintf("Thực hiện chế độ báo cáo \u201c%s\u201d, trên cơ sở báo cáo của các cơ quan, đơn vị, %s báo cáo kết quả công tác dân vận chính quyền %s (số liệu từ ngày %s đến ngày %s) như sau:",
				regimeName, sentenceCase(lh.Issuer, "Ban Chỉ đạo"), label, dateOf(p.CutoffFrom).String(), dateOf(p.CutoffTo).String()),
			Sentence(b.Counts, p.DueOn),
		},
		Recipients: []string{"Ban Thường vụ Tỉnh ủy (để b/c)", "Thường trực HĐND tỉnh (để b/c)", "Chủ tịch, các PCT UBND tỉnh",
			"Ban Dân vận Tỉnh ủy", "Các thành viên Ban Chỉ đạo", "Lưu: VT"},
	}
	doc.Sections = s.sections(t, subs)
	if err := step(40); err != nil {
		return nil, err
	}
	// The figures: totals in the body, one row per unit in the annex.
	totals := reportdoc.Section{Number: "", Title: "SỐ LIỆU TỔNG HỢP"}
	if tbl, ok := indicatorTable(t.Indicators, subs); ok {
		totals.Tables = []reportdoc.Table{tbl}
		totals.Paras = []reportdoc.Para{{Text: "Số liệu chi tiết của từng đơn vị tại Phụ lục kèm theo.", Italic: true}}
		doc.Sections = append(doc.Sections, totals)
	}
	doc.Sections = append(doc.Sections, lateMissing(b))
	annex := reportdoc.Annex{Title: "PHỤ LỤC SỐ LIỆU " + strings.ToUpper(p.Name)}
	for _, ind := range t.Indicators {
		annex.Indicators = append(annex.Indicators, reportdoc.Indicator{Code: ind.Code, Label: ind.Label, Unit: ind.Unit, Type: ind.Type, Agg: ind.Agg})
	}
	for _, sub := range subs {
		if n := len(annex.Groups); n == 0 || annex.Groups[n-1].Name != TypeLabel(sub.typ) {
			annex.Groups = append(annex.Groups, reportdoc.Group{Name: TypeLabel(sub.typ)})
		}
		g := &annex.Groups[len(annex.Groups)-1]
		g.Rows = append(g.Rows, reportdoc.AnnexRow{Unit: sub.name, Values: sub.content.Values})
	}
	return &Consolidated{Period: p, Doc: doc, Annex: annex}, step(50)
}

// sentenceCase turns an issuer in capitals into a phrase for a sentence ("BAN CHỈ ĐẠO …" →
// "Ban Chỉ đạo …" is beyond a rule: keep the first word capital, the rest lower case).
func sentenceCase(s, fallback string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return fallback
	}
	r := []rune(strings.ToLower(s))
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// Sentence is the computed sentence on submissions: "Đến hết ngày 15/06/2025 (hạn gửi báo cáo),
// 37/45 đơn vị gửi báo cáo đúng hạn; 5 đơn vị gửi trễ hạn; 3 đơn vị chưa gửi báo cáo."
func Sentence(c Counts, due time.Time) string {
	s := fmt.Sprintf("Đến hết ngày %s (hạn gửi báo cáo), %d/%d đơn vị gửi báo cáo đúng hạn", dateOf(due).String(), c.OnTime, c.Expected)
	if c.Late > 0 {
		s += fmt.Sprintf("; %d đơn vị gửi trễ hạn", c.Late)
	}
	if c.Missing > 0 {
		s += fmt.Sprintf("; %d đơn vị chưa gửi báo cáo", c.Missing)
	}
	if c.Excused > 0 {
		s += fmt.Sprintf(" (%d đơn vị được miễn báo cáo)", c.Excused)
	}
	return s + "."
}

// sections lays the template's outline out with the units' texts under each section, grouped
// by unit type and attributed.
func (s *Service) sections(t *ent.ReportTemplate, subs []submission) []reportdoc.Section {
	var out []reportdoc.Section
	for _, sec := range t.Sections {
		rs := reportdoc.Section{Number: sec.No, Title: sec.Title}
		group := ""
		for _, sub := range subs {
			text := strings.TrimSpace(sub.content.Texts[sec.Key])
			if text == "" {
				continue
			}
			if g := TypeLabel(sub.typ); g != group {
				group = g
				rs.Paras = append(rs.Paras, reportdoc.Para{Text: g + ":", Italic: true})
			}
			rs.Paras = append(rs.Paras, reportdoc.Para{Lead: sub.name + ": ", Text: text})
		}
		if len(rs.Paras) == 0 && sec.Level <= 1 && !hasChildren(t.Sections, sec) {
			rs.Paras = []reportdoc.Para{{Text: "Chưa có đơn vị báo cáo nội dung này.", Italic: true}}
		}
		if sec.Level >= 2 && len(out) > 0 {
			parent := &out[len(out)-1]
			parent.Children = append(parent.Children, rs)
			continue
		}
		out = append(out, rs)
	}
	return out
}

func hasChildren(all []schematype.ReportSection, sec schematype.ReportSection) bool {
	i := slices.IndexFunc(all, func(x schematype.ReportSection) bool { return x.Key == sec.Key })
	return i >= 0 && i+1 < len(all) && all[i+1].Level > max(sec.Level, 1)
}

// Aggregate computes an indicator over the units' values: the sum, the average or the count
// of units that gave a value; ok is false when no unit gave one.
func Aggregate(ind schematype.ReportIndicator, values []string) (float64, int, bool) {
	var sum float64
	n := 0
	for _, raw := range values {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if ind.Type == "text" || ind.Agg == "count" {
			n++
			continue
		}
		x, ok := ParseValue(ind.Type, raw)
		if !ok {
			continue
		}
		sum += x
		n++
	}
	switch {
	case n == 0:
		return 0, 0, false
	case ind.Type == "text" || ind.Agg == "count":
		return float64(n), n, true
	case ind.Agg == "average":
		return sum / float64(n), n, true
	}
	return sum, n, true
}

// FormatNumber writes a figure the Vietnamese way: thousands grouped with "." and one decimal
// after ",": 1.234 and 1.234,5.
func FormatNumber(x float64, typ string) string {
	neg := x < 0
	if neg {
		x = -x
	}
	s := strconv.FormatFloat(x, 'f', 1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if typ != "integer" && frac != "0" {
		out += "," + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// indicatorTable is the body's table of figures: one row per indicator with its aggregate and
// how many units gave it.
func indicatorTable(inds []schematype.ReportIndicator, subs []submission) (reportdoc.Table, bool) {
	if len(inds) == 0 {
		return reportdoc.Table{}, false
	}
	tbl := reportdoc.Table{Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Số đơn vị báo cáo"}}
	vals := make([]string, len(subs))
	for i, ind := range inds {
		for j, sub := range subs {
			vals[j] = sub.content.Values[ind.Code]
		}
		x, n, ok := Aggregate(ind, vals)
		cell := "—"
		switch {
		case ok && (ind.Type == "text" || ind.Agg == "count"):
			cell = strconv.Itoa(n) + " đơn vị"
		case ok && ind.Agg == "average":
			cell = "TB " + FormatNumber(x, "decimal")
		case ok:
			cell = FormatNumber(x, ind.Type)
		}
		unit := ind.Unit
		if ind.Type == "text" {
			unit = ""
		}
		tbl.Rows = append(tbl.Rows, []string{strconv.Itoa(i + 1), ind.Label, unit, cell, strconv.Itoa(n)})
	}
	return tbl, true
}

// lateMissing is the section listing late and missing units.
func lateMissing(b *Board) reportdoc.Section {
	sec := reportdoc.Section{Title: "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ"}
	sec.Paras = append(sec.Paras, reportdoc.Para{Text: Sentence(b.Counts, b.Period.DueOn)})
	var late, missing, returned []string
	for _, r := range b.Rows {
		switch {
		case r.Excused:
		case r.Class == "late":
			late = append(late, r.UnitName)
		case r.Class == "missing":
			missing = append(missing, r.UnitName)
		}
		if r.Status == StatusReturned && !r.Excused {
			returned = append(returned, r.UnitName)
		}
	}
	list := func(lead string, names []string) {
		if len(names) > 0 {
			sec.Paras = append(sec.Paras, reportdoc.Para{Lead: fmt.Sprintf("%s (%d): ", lead, len(names)), Text: strings.Join(names, "; ") + "."})
		}
	}
	list("Đơn vị gửi báo cáo trễ hạn", late)
	list("Đơn vị chưa gửi báo cáo", missing)
	list("Đơn vị được trả lại để hoàn thiện báo cáo", returned)
	return sec
}

// docxTemplate is the province's own DOCX template, or nil for the built-in one.
func (s *Service) docxTemplate(ctx context.Context) ([]byte, error) {
	if s.files == nil {
		return nil, nil
	}
	rc, _, err := s.files.Get(ctx, viewer.FromContext(ctx).TenantSlug, TemplateKey)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil // none uploaded: the built-in template
	}
	if err != nil {
		return nil, fmt.Errorf("report: read the province's template: %w", err) // retried, never replaced by the built-in one
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, reportdoc.MaxTemplateSize+1))
}

// Render consolidates a period and lays it out as DOCX (in the province's template), XLSX and
// PDF: what the job stores and the operator CLI writes.
func (s *Service) Render(ctx context.Context, periodID int, progress func(int) error) (*Rendered, error) {
	step := func(pct int) error {
		if progress == nil {
			return nil
		}
		return progress(pct)
	}
	c, err := s.Consolidate(ctx, periodID, progress)
	if err != nil {
		return nil, err
	}
	tpl, err := s.docxTemplate(ctx)
	if err != nil {
		return nil, err
	}
	out := &Rendered{Base: "bao-cao-" + c.Period.Key}
	var buf bytes.Buffer
	if err := reportdoc.DOCX(&buf, tpl, c.Doc); err != nil {
		return nil, fmt.Errorf("report: DOCX of period %d: %w", periodID, err)
	}
	out.DOCX = bytes.Clone(buf.Bytes())
	if err := step(65); err != nil {
		return nil, err
	}
	buf.Reset()
	if err := reportdoc.XLSX(&buf, c.Annex); err != nil {
		return nil, fmt.Errorf("report: XLSX of period %d: %w", periodID, err)
	}
	out.XLSX = bytes.Clone(buf.Bytes())
	if err := step(75); err != nil {
		return nil, err
	}
	buf.Reset()
	if err := reportdoc.PDF(&buf, c.Doc); err != nil {
		return nil, fmt.Errorf("report: PDF of period %d: %w", periodID, err)
	}
	out.PDF = bytes.Clone(buf.Bytes())
	return out, step(90)
}

// Generate starts the consolidation of a period in the background: the plan's monthly quota
// is checked, a job row is written, and the period points at it. One generation at a time per
// period: another while one is pending or running is a conflict.
func (s *Service) Generate(ctx context.Context, periodID int) (*ent.Job, error) {
	if s.jobs == nil {
		return nil, errors.New("report: no job runner")
	}
	p, err := s.Period(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if p.LastJobID != nil {
		if j, err := s.db.Job.Get(ctx, *p.LastJobID); err == nil && (j.Status == job.StatusPending || j.Status == job.StatusRunning) {
			return nil, apperr.Conflict("generation_running", fmt.Errorf("job %d is %s", j.ID, j.Status))
		}
	}
	if s.quota != nil {
		if err := s.quota.CheckReports(ctx); err != nil {
			return nil, err
		}
	}
	spec, err := jobs.NewSpec(TypeGenerate, GeneratePayload{TenantID: viewer.FromContext(ctx).TenantID, PeriodID: periodID})
	if err != nil {
		return nil, err
	}
	spec.MaxAttempts = 5
	var j *ent.Job
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		locked, err := tx.ReportPeriod.Query().Where(reportperiod.ID(periodID)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		if locked.LastJobID != nil { // again under the lock: two clicks at once start one job
			if j, err := tx.Job.Get(ctx, *locked.LastJobID); err == nil && (j.Status == job.StatusPending || j.Status == job.StatusRunning) {
				return apperr.Conflict("generation_running", fmt.Errorf("job %d is %s", j.ID, j.Status))
			}
		}
		if j, err = s.jobs.Create(ctx, tx.Client(), spec); err != nil {
			return err
		}
		return tx.ReportPeriod.UpdateOneID(periodID).SetLastJobID(j.ID).Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	_ = s.jobs.Dispatch(ctx, j) // logged; the sweep dispatches it if Redis cannot take it now
	return j, nil
}

// HandleGenerate is the consolidation job. It is safe under at-least-once delivery: each
// output is keyed by the job's id and kind, so a second delivery (or two at once) stores no
// second output; a delivery after a crash makes what is missing only.
func (s *Service) HandleGenerate(ctx context.Context, p GeneratePayload) error {
	jobID := jobs.ID(ctx)
	have, err := s.db.ReportOutput.Query().Where(reportoutput.PeriodID(p.PeriodID), reportoutput.JobIDEQ(jobID)).
		Select(reportoutput.FieldKind).Strings(ctx)
	if err != nil {
		return err
	}
	if len(have) == 3 {
		return nil
	}
	r, err := s.Render(ctx, p.PeriodID, func(pct int) error { return jobs.Checkpoint(ctx, pct) })
	if apperr.KindOf(err) == apperr.KindNotFound { // the period is gone: retrying cannot help
		return fmt.Errorf("report: period %d: %w", p.PeriodID, errors.Join(err, asynq.SkipRetry))
	}
	if err != nil {
		return err
	}
	for _, o := range []struct {
		kind reportoutput.Kind
		ext  string
		ct   string
		data []byte
	}{{reportoutput.KindDocx, "docx", TypeDOCX, r.DOCX}, {reportoutput.KindXlsx, "xlsx", TypeXLSX, r.XLSX}, {reportoutput.KindPdf, "pdf", TypePDF, r.PDF}} {
		if slices.Contains(have, string(o.kind)) {
			continue
		}
		if err := jobs.Checkpoint(ctx, 90); err != nil {
			return err
		}
		// A key of this delivery's own: a concurrent delivery never overwrites the bytes of the
		// output it recorded.
		key := fmt.Sprintf("reports/%d/job-%d-%s.%s", p.PeriodID, jobID, objectID(), o.ext)
		if _, err := s.store(ctx, p.PeriodID, &jobID, o.kind, r.Base+"."+o.ext, o.ct, key, o.data); err != nil {
			return err
		}
	}
	return jobs.Checkpoint(ctx, 100)
}
