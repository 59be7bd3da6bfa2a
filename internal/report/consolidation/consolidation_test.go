package consolidation_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/ent/reportoutput"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

const redisDB = 24

// The child process a test kills: it runs a worker whose storage hangs on the second object.
const childEnv = "DANVAN_CONSOLIDATION_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		if err := child(); err != nil {
			fmt.Fprintln(os.Stderr, "child worker:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

type fx struct {
	ctx    context.Context
	v      *viewer.Viewer
	db     *ent.Client
	dbURL  string
	s3     storage.Config
	store  *storage.Store
	redis  string
	runner *jobs.Runner
	svc    *report.Service
	period *ent.ReportPeriod
	units  map[string]int
	values map[string]map[string]string // unit code → indicator → value as submitted
}

func newService(c *ent.Client, files report.Files, runner *jobs.Runner, q *quota.Service) *report.Service {
	return report.New(report.Deps{DB: c, Calendar: regime.New(c), Files: files, Quota: q, Settings: settings.New(c), Jobs: runner})
}

// setup makes Quảng Ngãi with its letterhead, six units and a closed H1 2025 period: four
// reports submitted (one late, one returned), one missing.
func setup(t *testing.T) *fx {
	t.Helper()
	pg := testenv.Postgres(t)
	d := testenv.OpenDB(t, pg.AppURL)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ctx := viewer.NewContext(context.Background(), v)
	s3 := testenv.S3(t)
	st, err := storage.New(s3)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureBucket(ctx, v.TenantSlug); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.RemoveBucket(context.Background(), v.TenantSlug) })
	rurl := testenv.Redis(t, redisDB)
	opt, err := asynq.ParseRedisURI(rurl)
	if err != nil {
		t.Fatal(err)
	}
	runner := jobs.NewRunner(d.Client, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = runner.Close() })
	q := quota.New(d.Client, st)
	f := &fx{ctx: ctx, v: v, db: d.Client, dbURL: pg.AppURL, s3: s3, store: st, redis: rurl, runner: runner,
		svc: newService(d.Client, st, runner, q), units: map[string]int{}, values: map[string]map[string]string{}}
	jobs.Register(runner, report.TypeGenerate, f.svc.HandleGenerate)

	if err := settings.New(d.Client).Set(ctx, map[string]string{settings.LetterheadParent: "UBND TỈNH QUẢNG NGÃI",
		settings.LetterheadIssuer: "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH", settings.LetterheadPlace: "Quảng Ngãi",
		settings.LetterheadSigner: "TRƯỞNG BAN"}); err != nil {
		t.Fatal(err)
	}
	us := unit.New(d.Client, q)
	from := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	root, err := us.Create(ctx, "QN", from, unit.Attrs{Name: "UBND tỉnh Quảng Ngãi", Type: "province"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ code, name, typ string }{
		{"STP", "Sở Tư pháp", "department"}, {"SNV", "Sở Nội vụ", "department"}, {"SYT", "Sở Y tế", "department"},
		{"X-TA", "UBND xã Tịnh Ấn", "commune"}, {"X-NH", "UBND xã Nghĩa Hành", "commune"}, {"X-BS", "UBND xã Bình Sơn", "commune"},
	} {
		u, err := us.Create(ctx, c.code, from, unit.Attrs{Name: c.name, Type: c.typ, ParentID: &root.ID})
		if err != nil {
			t.Fatal(err)
		}
		f.units[c.code] = u.ID
	}
	snv := f.units["SNV"]
	r, err := regime.New(d.Client).Create(ctx, regime.Input{Name: "Báo cáo công tác dân vận chính quyền 6 tháng, năm",
		Frequency: "semiannual", DeadlineRule: "M/15", ReportingUnitTypes: []string{"department", "commune"},
		ReceivingUnitID: &snv, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 1, 9, 0, 0, 0, calendar.Location()) })
	p, created, err := f.svc.Open(ctx, r.ID, "2025-H1")
	if err != nil || !created {
		t.Fatalf("open: %v %v", created, err)
	}
	f.period = p
	// The due day is Sunday 15/6/2025, moved to Friday 13/6.
	if got := p.DueOn.Format("2006-01-02"); got != "2025-06-13" {
		t.Fatalf("due %s", got)
	}
	submit := func(code string, at time.Time, n int) {
		t.Helper()
		rep, err := f.svc.ReportOf(ctx, p.ID, f.units[code])
		if err != nil {
			t.Fatal(err)
		}
		c := schematype.ReportContent{Texts: map[string]string{}, Values: map[string]string{}}
		for _, sec := range report.DefaultSections() {
			if sec.Required {
				c.Texts[sec.Key] = fmt.Sprintf("%s: nội dung mục %s của đơn vị.", code, sec.No)
			}
		}
		for _, ind := range report.DefaultIndicators() {
			switch {
			case ind.Source != "":
			case ind.Type == "percent":
				c.Values[ind.Code] = strconv.Itoa(80 + n)
			case ind.Type == "text":
				c.Values[ind.Code] = "Mô hình " + code
			default:
				c.Values[ind.Code] = strconv.Itoa(n * 10)
			}
		}
		if code == "STP" {
			c.Values["citizens_received"] = "1.234" // grouped thousands, as typed
		}
		f.values[code] = c.Values
		if _, err := f.svc.Save(ctx, rep.ID, c); err != nil {
			t.Fatal(err)
		}
		f.svc.SetClock(func() time.Time { return at })
		if _, err := f.svc.Submit(ctx, rep.ID); err != nil {
			t.Fatalf("submit %s: %v", code, err)
		}
	}
	vn := calendar.Location()
	submit("STP", time.Date(2025, 6, 10, 9, 0, 0, 0, vn), 1)
	submit("SNV", time.Date(2025, 6, 12, 9, 0, 0, 0, vn), 2)
	submit("X-TA", time.Date(2025, 6, 13, 23, 0, 0, 0, vn), 3)
	submit("X-NH", time.Date(2025, 6, 16, 8, 0, 0, 0, vn), 4) // late
	submit("SYT", time.Date(2025, 6, 11, 8, 0, 0, 0, vn), 5)
	rep, _ := f.svc.ReportOf(ctx, p.ID, f.units["SYT"])
	if _, err := f.svc.Return(ctx, rep.ID, "Bổ sung số liệu tiếp công dân."); err != nil {
		t.Fatal(err)
	}
	delete(f.values, "SYT") // its text waits for the corrected version
	f.svc.SetClock(func() time.Time { return time.Date(2025, 6, 20, 10, 0, 0, 0, vn) })
	return f
}

// docXML reads a part of a DOCX.
func docPart(t *testing.T, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("DOCX has no %s", name)
	return ""
}

// plainText is the text of a WordprocessingML part, one line per paragraph.
func plainText(t *testing.T, x string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(x))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("DOCX XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "t"
			if e.Name.Local == "br" {
				b.WriteString("\n")
			}
		case xml.EndElement:
			if e.Name.Local == "p" {
				b.WriteString("\n")
			}
			inText = false
		case xml.CharData:
			if inText {
				b.Write(e)
			}
		}
	}
	return b.String()
}

func attr(t *testing.T, x, elem, name string) int {
	t.Helper()
	m := regexp.MustCompile(`<w:` + elem + `\b[^>]*\bw:` + name + `="(\d+)"`).FindStringSubmatch(x)
	if m == nil {
		t.Fatalf("no w:%s of w:%s", name, elem)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestRender_DOCXLayout opens the generated province report and checks the Nghị định 30 layout
// and what it says.
func TestRender_DOCXLayout(t *testing.T) {
	f := setup(t)
	r, err := f.svc.Render(f.ctx, f.period.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	body := docPart(t, r.DOCX, "word/document.xml")
	// A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm (in twips: 1 mm = 56.7).
	if w, h := attr(t, body, "pgSz", "w"), attr(t, body, "pgSz", "h"); w != 11906 || h != 16838 {
		t.Errorf("page %dx%d twips, want A4 11906x16838", w, h)
	}
	for _, m := range []struct {
		side     string
		min, max int
	}{{"top", 1134, 1417}, {"bottom", 1134, 1417}, {"left", 1701, 1984}, {"right", 850, 1134}} {
		if v := attr(t, body, "pgMar", m.side); v < m.min || v > m.max {
			t.Errorf("margin %s %d twips, want %d–%d", m.side, v, m.min, m.max)
		}
	}
	if !strings.Contains(body, "<w:titlePg") {
		t.Error("no distinct first page: the page number would show on page 1")
	}
	styles := docPart(t, r.DOCX, "word/styles.xml")
	if !regexp.MustCompile(`<w:rFonts[^>]*w:ascii="Times New Roman"`).MatchString(styles) {
		t.Error("default font is not Times New Roman")
	}
	if sz := regexp.MustCompile(`<w:docDefaults>.*?<w:sz w:val="(\d+)"`).FindStringSubmatch(strings.ReplaceAll(styles, "\n", "")); sz == nil || (sz[1] != "26" && sz[1] != "28") {
		t.Errorf("default size %v, want 13 or 14 pt", sz)
	}
	text := plainText(t, body)
	for _, want := range []string{
		"UBND TỈNH QUẢNG NGÃI", "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"/BC-BCĐ", "Quảng Ngãi, ngày 20 tháng 6 năm 2025", "BÁO CÁO",
		"Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2025",
		"TRƯỞNG BAN", "Nơi nhận", "Lưu: VT",
		// attributed and grouped texts, the computed sentence, the late and missing units
		"Các sở, ban, ngành:", "UBND các xã, phường, đặc khu:", "Sở Tư pháp: ", "STP: nội dung mục 1",
		"4/6 đơn vị gửi báo cáo đúng hạn; 1 đơn vị gửi trễ hạn; 1 đơn vị chưa gửi báo cáo",
		"Đơn vị gửi báo cáo trễ hạn (1): UBND xã Nghĩa Hành.", "UBND xã Bình Sơn",
		"Đơn vị được trả lại để hoàn thiện báo cáo (1): Sở Y tế.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("DOCX lacks %q", want)
		}
	}
	if strings.Contains(text, "SYT: nội dung") {
		t.Error("a returned report's text is in the province report")
	}
	// Departments come before communes, and the attribution lead is bold.
	if i, j := strings.Index(text, "Sở Tư pháp: "), strings.Index(text, "UBND xã Tịnh Ấn: "); i < 0 || j < 0 || i > j {
		t.Errorf("grouping by unit type: departments at %d, communes at %d", i, j)
	}
	if !regexp.MustCompile(`<w:b/>(?:<[^>]+>)*<w:t[^>]*>Sở Tư pháp: </w:t>`).MatchString(body) {
		t.Error("attribution lead is not bold")
	}
	// A page number field in the header of pages after the first.
	var header string
	for _, name := range []string{"word/header1.xml", "word/header2.xml"} {
		if h := tryPart(r.DOCX, name); strings.Contains(h, "PAGE") {
			header = h
		}
	}
	if header == "" || !strings.Contains(header, `w:val="center"`) {
		t.Error("no centred PAGE field in a header")
	}
	if !bytes.HasPrefix(r.PDF, []byte("%PDF")) {
		t.Error("PDF output is not a PDF")
	}
}

func tryPart(docx []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	return ""
}

// TestRender_XLSXTotals: the annex's totals are formulas, and they equal the sum (and the
// average) of the units' values.
func TestRender_XLSXTotals(t *testing.T) {
	f := setup(t)
	r, err := f.svc.Render(f.ctx, f.period.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(r.XLSX))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetName(0)
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Find the header row and the total row.
	header, total := -1, -1
	for i, row := range rows {
		if len(row) > 1 && row[0] == "STT" {
			header = i
		}
		if len(row) > 1 && strings.Contains(strings.Join(row, "|"), "Tổng cộng") {
			total = i
		}
	}
	if header < 0 || total < 0 {
		t.Fatalf("annex rows: header %d total %d", header, total)
	}
	inds := report.DefaultIndicators()
	checked := 0
	for col, h := range rows[header] {
		var ind *schematype.ReportIndicator
		for i := range inds {
			if strings.HasPrefix(h, inds[i].Label) {
				ind = &inds[i]
			}
		}
		if ind == nil || ind.Source != "" {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, total+1)
		formula, _ := x.GetCellFormula(sheet, cell)
		if formula == "" {
			t.Errorf("%s total %s is not a formula", ind.Code, cell)
			continue
		}
		got, err := x.CalcCellValue(sheet, cell)
		if err != nil {
			t.Fatalf("%s: %v", cell, err)
		}
		var sum float64
		n := 0
		for _, vals := range f.values {
			if raw := vals[ind.Code]; raw != "" {
				if ind.Type == "text" {
					n++
					continue
				}
				x, _ := report.ParseValue(ind.Type, raw)
				sum += x
				n++
			}
		}
		want := sum
		switch {
		case ind.Type == "text" || ind.Agg == "count":
			want = float64(n)
		case ind.Agg == "average":
			want = sum / float64(n)
		}
		g, err := strconv.ParseFloat(strings.ReplaceAll(got, ",", ""), 64) // shown with grouped thousands
		if err != nil {
			t.Errorf("%s: total %q is not a number", cell, got)
		}
		if diff := g - want; diff > 1e-6 || diff < -1e-6 {
			t.Errorf("%s (%s): total %s = %v, want %v", ind.Code, formula, cell, g, want)
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("checked %d indicator totals, want every entered one", checked)
	}
	if f.values["STP"]["citizens_received"] != "1.234" {
		t.Fatal("fixture")
	}
}

func (f *fx) startWorker(t *testing.T) *jobs.Worker {
	t.Helper()
	opt, _ := asynq.ParseRedisURI(f.redis)
	w, err := f.runner.NewWorker(opt, jobs.WorkerConfig{Concurrency: 2, ShutdownTimeout: 5 * time.Second,
		RetryDelay: func(int, error, *asynq.Task) time.Duration { return 100 * time.Millisecond }}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Shutdown)
	return w
}

func (f *fx) wait(t *testing.T, id int, within time.Duration, cond func(*ent.Job) bool) *ent.Job {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		j, err := f.db.Job.Get(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if cond(j) {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d: still %s (progress %d, attempts %d, error %q)", id, j.Status, j.Progress, j.Attempts, j.LastError)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (f *fx) outputs(t *testing.T) []*ent.ReportOutput {
	t.Helper()
	os, err := f.db.ReportOutput.Query().Where(reportoutput.PeriodID(f.period.ID)).All(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return os
}

func (f *fx) objects(t *testing.T) int {
	t.Helper()
	objs, err := f.store.List(f.ctx, f.v.TenantSlug, "reports/")
	if err != nil {
		t.Fatal(err)
	}
	return len(objs)
}

// TestGenerate_AtLeastOnce: a job's deliveries, one after another or two at once, make one
// DOCX, one XLSX and one PDF; a second generation makes version 2 beside them.
func TestGenerate_AtLeastOnce(t *testing.T) {
	f := setup(t)
	// Six clicks at once start one job; the others are told one is running.
	started := make([]*ent.Job, 6)
	errs6 := make([]error, 6)
	var wg6 sync.WaitGroup
	for i := range started {
		wg6.Add(1)
		go func() { defer wg6.Done(); started[i], errs6[i] = f.svc.Generate(f.ctx, f.period.ID) }()
	}
	wg6.Wait()
	var j *ent.Job
	for i, err := range errs6 {
		switch {
		case err == nil && j == nil:
			j = started[i]
		case err == nil:
			t.Errorf("two generations started at once: jobs %d and %d", j.ID, started[i].ID)
		case !strings.Contains(err.Error(), "generation_running"):
			t.Errorf("concurrent generation: %v, want generation_running", err)
		}
	}
	if j == nil {
		t.Fatal("no generation started")
	}
	if n, _ := f.db.Job.Query().Where(job.Type(report.TypeGenerate)).Count(f.ctx); n != 1 {
		t.Fatalf("%d generation jobs, want 1", n)
	}
	if _, err := f.svc.Generate(f.ctx, f.period.ID); err == nil || !strings.Contains(err.Error(), "generation_running") {
		t.Errorf("second generation while one is pending: %v, want generation_running", err)
	}
	// Unit staff never see the province report (every unit's text and figures).
	staff := *f.v
	staff.Roles = []string{"unit_leader"}
	sctx := viewer.NewContext(context.Background(), viewer.WithUnits(&staff, f.units["STP"]))
	if _, err := f.svc.Outputs(sctx, f.period.ID); err == nil || !strings.Contains(err.Error(), "not_found") {
		t.Errorf("unit staff listing outputs: %v, want not found", err)
	}
	// Two deliveries of the same task at once, then a third after they are done.
	task := asynq.NewTask(report.TypeGenerate, mustJSON(jobs.Envelope{JobID: j.ID, TenantID: f.v.TenantID}))
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = f.runner.ProcessTask(context.Background(), task) }()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("deliveries: %v", err)
	}
	if err := f.runner.ProcessTask(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	outs := f.outputs(t)
	kinds := map[reportoutput.Kind]int{}
	for _, o := range outs {
		kinds[o.Kind]++
		if o.JobID == nil || *o.JobID != j.ID || o.Version != 1 {
			t.Errorf("output %+v", o)
		}
	}
	if len(outs) != 3 || kinds["docx"] != 1 || kinds["xlsx"] != 1 || kinds["pdf"] != 1 {
		t.Fatalf("outputs after three deliveries: %v", kinds)
	}
	if n := f.objects(t); n != 3 {
		t.Errorf("%d objects stored, want 3", n)
	}
	// Each recorded output is the bytes stored under its key, whichever delivery won.
	for _, o := range outs {
		rc, _, err := f.store.Get(f.ctx, f.v.TenantSlug, o.ObjectKey)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != o.Sha256 || int64(len(b)) != o.Size {
			t.Errorf("%s: stored object does not match its row", o.Kind)
		}
	}
	if j := f.wait(t, j.ID, time.Second, func(j *ent.Job) bool { return true }); j.Status != job.StatusSucceeded || j.Progress != 100 {
		t.Errorf("job %s %d%%", j.Status, j.Progress)
	}
	// The period points at the job; a new generation is a new version, nothing overwritten.
	if p, _ := f.svc.Period(f.ctx, f.period.ID); p.LastJobID == nil || *p.LastJobID != j.ID {
		t.Errorf("period's last job %v, want %d", p.LastJobID, j.ID)
	}
	f.startWorker(t)
	j2, err := f.svc.Generate(f.ctx, f.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.wait(t, j2.ID, 30*time.Second, func(j *ent.Job) bool { return j.Status == job.StatusSucceeded })
	outs = f.outputs(t)
	if len(outs) != 6 || f.objects(t) != 6 {
		t.Fatalf("after a second generation: %d outputs, %d objects, want 6 and 6", len(outs), f.objects(t))
	}
	for _, o := range outs {
		if *o.JobID == j2.ID && o.Version != 2 {
			t.Errorf("second generation's %s is version %d", o.Kind, o.Version)
		}
	}
	// The plan's monthly allowance: two generations this month, a limit of two, no third.
	sys := tenancy.SystemContext(context.Background())
	if err := db.InTx(sys, f.db, func(tx *ent.Tx) error {
		return tx.Plan.Update().SetMaxReportGenerationsMonth(2).Exec(sys)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Generate(f.ctx, f.period.ID); err == nil || !strings.Contains(err.Error(), "quota_reports") {
		t.Errorf("a third generation on a plan of two a month: %v, want quota_reports", err)
	}
	// A download reads the stored bytes back.
	rc, o, err := f.svc.OpenOutput(f.ctx, f.period.ID, outs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if int64(len(b)) != o.Size {
		t.Errorf("download %d bytes, recorded %d", len(b), o.Size)
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// hangingFiles stores the first object and hangs on the next: the worker is killed there.
type hangingFiles struct {
	*storage.Store
	mu sync.Mutex
	n  int
}

func (h *hangingFiles) Put(ctx context.Context, slug, key string, r io.Reader, size int64, ct string) (storage.ObjectInfo, error) {
	h.mu.Lock()
	h.n++
	n := h.n
	h.mu.Unlock()
	if n > 1 {
		select {} // killed here
	}
	return h.Store.Put(ctx, slug, key, r, size, ct)
}

type childConfig struct {
	DB    string
	Redis string
	S3    storage.Config
}

// child runs a worker whose storage hangs after the first output, until it is killed.
func child() error {
	var cfg childConfig
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &cfg); err != nil {
		return err
	}
	ctx := context.Background()
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	st, err := storage.New(cfg.S3)
	if err != nil {
		return err
	}
	opt, err := asynq.ParseRedisURI(cfg.Redis)
	if err != nil {
		return err
	}
	runner := jobs.NewRunner(d.Client, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	svc := newService(d.Client, &hangingFiles{Store: st}, runner, quota.New(d.Client, st))
	jobs.Register(runner, report.TypeGenerate, svc.HandleGenerate)
	w, err := runner.NewWorker(opt, jobs.WorkerConfig{Concurrency: 1}, false)
	if err != nil {
		return err
	}
	if err := w.Start(ctx); err != nil {
		return err
	}
	select {} // until killed
}

// TestGenerate_WorkerKilledMidway: a worker killed while it stores the outputs (after the
// DOCX, before the XLSX) leaves the job running; another worker takes it over when its lease
// expires and finishes it once: one output of each kind, the DOCX not made twice.
func TestGenerate_WorkerKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for Asynq's lease to expire (about a minute)")
	}
	f := setup(t)
	j, err := f.svc.Generate(f.ctx, f.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := json.Marshal(childConfig{DB: f.dbURL, Redis: f.redis, S3: f.s3})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(cfg))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	// Wait until the child has stored the DOCX and hangs on the XLSX.
	deadline := time.Now().Add(60 * time.Second)
	for len(f.outputs(t)) < 1 {
		if time.Now().After(deadline) {
			t.Fatal("the child worker stored nothing")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killed = true
	if got, _ := f.db.Job.Get(f.ctx, j.ID); got.Status != job.StatusRunning || got.Attempts != 1 {
		t.Fatalf("after the kill: job %s, attempts %d", got.Status, got.Attempts)
	}
	// A new worker (this process) picks the job up once Asynq sees the dead worker's lease expire.
	f.startWorker(t)
	done := f.wait(t, j.ID, 4*time.Minute, func(j *ent.Job) bool { return j.Status != job.StatusRunning && j.Status != job.StatusPending })
	if done.Status != job.StatusSucceeded || done.Attempts != 2 {
		t.Fatalf("job %s after %d attempts (%s)", done.Status, done.Attempts, done.LastError)
	}
	outs := f.outputs(t)
	kinds := map[reportoutput.Kind]int{}
	for _, o := range outs {
		kinds[o.Kind]++
	}
	if len(outs) != 3 || kinds["docx"] != 1 || kinds["xlsx"] != 1 || kinds["pdf"] != 1 {
		t.Fatalf("outputs after the restart: %v", kinds)
	}
}
