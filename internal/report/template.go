package report

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/reporttemplate"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Indicator types, aggregations and the figures danvan computes itself.
var (
	IndicatorTypes = []string{"integer", "decimal", "percent", "text"}
	Aggregations   = []string{"sum", "average", "count"}
	// Sources are the computed indicators: a unit's lead task assignments (from the plan
	// module) by status today.
	Sources = []string{"tasks_total", "tasks_done_on_time", "tasks_done_late", "tasks_open", "tasks_overdue"}
)

// Limits of a template.
const (
	MaxSections   = 60
	MaxIndicators = 100
	MaxTitle      = 300
	MaxGuidance   = 2000
	MaxLabel      = 300
	MaxMeasure    = 30
)

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

func f64(v float64) *float64 { return &v }

// DefaultSections is the outline of a dân vận chính quyền report, modelled on the provinces'
// six-month and annual reports.
func DefaultSections() []schematype.ReportSection {
	return []schematype.ReportSection{
		{Key: "results", No: "I", Title: "KẾT QUẢ THỰC HIỆN", Level: 1,
			Guidance: "Đánh giá kết quả thực hiện công tác dân vận chính quyền trong kỳ báo cáo."},
		{Key: "leadership", No: "1", Title: "Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền", Level: 2, Required: true,
			Guidance: "Các văn bản lãnh đạo, chỉ đạo đã ban hành; hình thức và số buổi tuyên truyền, số lượt người tham gia."},
		{Key: "state_agencies", No: "2", Title: "Công tác dân vận trong cơ quan hành chính nhà nước", Level: 2, Required: true,
			Guidance: "Thực hiện quy tắc ứng xử, văn hóa công vụ; tinh thần, thái độ phục vụ Nhân dân của cán bộ, công chức."},
		{Key: "admin_reform", No: "3", Title: "Cải cách hành chính", Level: 2, Required: true,
			Guidance: "Kết quả giải quyết thủ tục hành chính, dịch vụ công trực tuyến, hồ sơ trễ hạn và nguyên nhân."},
		{Key: "citizen_reception", No: "4", Title: "Tiếp công dân, giải quyết khiếu nại, tố cáo", Level: 2, Required: true,
			Guidance: "Số lượt tiếp công dân; số đơn tiếp nhận, đã giải quyết, giải quyết đúng hạn; vụ việc phức tạp, kéo dài."},
		{Key: "grassroots_democracy", No: "5", Title: "Thực hiện dân chủ ở cơ sở", Level: 2, Required: true,
			Guidance: "Công khai, minh bạch; lấy ý kiến Nhân dân; đối thoại với Nhân dân; hoạt động của Ban Thanh tra nhân dân."},
		{Key: "skilful_models", No: "6", Title: "Phong trào thi đua \"Dân vận khéo\"", Level: 2, Required: true,
			Guidance: "Số mô hình, điển hình \"Dân vận khéo\" được công nhận, nhân rộng; tập thể, cá nhân được khen thưởng."},
		{Key: "shortcomings", No: "II", Title: "HẠN CHẾ, KHÓ KHĂN, NGUYÊN NHÂN", Level: 1, Required: true,
			Guidance: "Những hạn chế, khó khăn, vướng mắc; nguyên nhân khách quan và chủ quan."},
		{Key: "directions", No: "III", Title: "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", Level: 1, Required: true,
			Guidance: "Nhiệm vụ, giải pháp trọng tâm trong kỳ tới."},
		{Key: "proposals", No: "IV", Title: "ĐỀ XUẤT, KIẾN NGHỊ", Level: 1,
			Guidance: "Đề xuất, kiến nghị với Ban Chỉ đạo, UBND tỉnh và các cơ quan liên quan (nếu có)."},
	}
}

// DefaultIndicators are the default template's figures.
func DefaultIndicators() []schematype.ReportIndicator {
	zero := f64(0)
	pct := func(code, label, section string) schematype.ReportIndicator {
		return schematype.ReportIndicator{Code: code, Label: label, Unit: "%", Type: "percent", Min: zero, Max: f64(100), Agg: "average", Section: section}
	}
	n := func(code, label, unit, section string, required bool) schematype.ReportIndicator {
		return schematype.ReportIndicator{Code: code, Label: label, Unit: unit, Type: "integer", Min: zero, Agg: "sum", Section: section, Required: required}
	}
	return []schematype.ReportIndicator{
		n("docs_issued", "Văn bản lãnh đạo, chỉ đạo ban hành", "văn bản", "leadership", true),
		n("propaganda_sessions", "Buổi tuyên truyền, quán triệt đã tổ chức", "buổi", "leadership", true),
		n("propaganda_participants", "Lượt người tham dự tuyên truyền", "lượt", "leadership", false),
		n("conduct_violations", "Cán bộ, công chức vi phạm quy tắc ứng xử", "người", "state_agencies", false),
		n("procedures_received", "Hồ sơ thủ tục hành chính tiếp nhận", "hồ sơ", "admin_reform", false),
		n("procedures_late", "Hồ sơ giải quyết trễ hạn", "hồ sơ", "admin_reform", false),
		pct("procedures_online_rate", "Tỷ lệ hồ sơ trực tuyến", "admin_reform"),
		n("citizens_received", "Lượt công dân được tiếp", "lượt", "citizen_reception", true),
		n("complaints_received", "Đơn khiếu nại, tố cáo tiếp nhận", "đơn", "citizen_reception", true),
		n("complaints_resolved", "Đơn đã giải quyết", "đơn", "citizen_reception", true),
		n("complaints_on_time", "Đơn giải quyết đúng hạn", "đơn", "citizen_reception", false),
		n("dialogues_held", "Buổi đối thoại với Nhân dân", "buổi", "grassroots_democracy", false),
		n("consultations_held", "Lần lấy ý kiến Nhân dân", "lần", "grassroots_democracy", false),
		n("models_recognised", "Mô hình \"Dân vận khéo\" được công nhận", "mô hình", "skilful_models", true),
		n("people_commended", "Tập thể, cá nhân được khen thưởng", "lượt", "skilful_models", false),
		{Code: "tasks_total", Label: "Nhiệm vụ được giao chủ trì", Unit: "nhiệm vụ", Type: "integer", Min: zero, Agg: "sum", Section: "results", Source: "tasks_total"},
		{Code: "tasks_done_on_time", Label: "Nhiệm vụ hoàn thành đúng hạn", Unit: "nhiệm vụ", Type: "integer", Min: zero, Agg: "sum", Section: "results", Source: "tasks_done_on_time"},
		{Code: "tasks_overdue", Label: "Nhiệm vụ quá hạn chưa hoàn thành", Unit: "nhiệm vụ", Type: "integer", Min: zero, Agg: "sum", Section: "results", Source: "tasks_overdue"},
		pct("satisfaction_rate", "Tỷ lệ hài lòng của người dân", "admin_reform"),
		{Code: "highlights", Label: "Mô hình, cách làm tiêu biểu (tên)", Type: "text", Agg: "count", Section: "skilful_models"},
	}
}

// TemplateInput is a template version to save.
type TemplateInput struct {
	Name       string
	Sections   []schematype.ReportSection
	Indicators []schematype.ReportIndicator
}

// Validate checks a template: fields are named sections[i].title, indicators[j].code, ….
func (in *TemplateInput) Validate() error {
	f := apperr.Fields{}
	in.Name = strings.TrimSpace(in.Name)
	if f.Text("name", in.Name, MaxTitle, false) && in.Name == "" {
		f.Add("name", "required")
	}
	switch {
	case len(in.Sections) == 0:
		f.Add("sections", "required")
	case len(in.Sections) > MaxSections:
		f.Add("sections", "too_many")
	}
	if len(in.Indicators) > MaxIndicators {
		f.Add("indicators", "too_many")
	}
	keys := map[string]bool{}
	for i := range in.Sections {
		sec := &in.Sections[i]
		p := fmt.Sprintf("sections[%d].", i)
		sec.Key, sec.No = strings.TrimSpace(sec.Key), strings.TrimSpace(sec.No)
		sec.Title, sec.Guidance = strings.TrimSpace(sec.Title), strings.TrimSpace(sec.Guidance)
		switch {
		case !keyRE.MatchString(sec.Key):
			f.Add(p+"key", "key")
		case keys[sec.Key]:
			f.Add(p+"key", "duplicate")
		}
		keys[sec.Key] = true
		f.Text(p+"no", sec.No, 10, false)
		if f.Text(p+"title", sec.Title, MaxTitle, false) && sec.Title == "" {
			f.Add(p+"title", "required")
		}
		f.Text(p+"guidance", sec.Guidance, MaxGuidance, true)
		if sec.Level == 0 {
			sec.Level = 1
		}
		if sec.Level < 1 || sec.Level > 3 {
			f.Add(p+"level", "invalid")
		}
	}
	codes := map[string]bool{}
	for i := range in.Indicators {
		ind := &in.Indicators[i]
		p := fmt.Sprintf("indicators[%d].", i)
		ind.Code, ind.Label, ind.Unit = strings.TrimSpace(ind.Code), strings.TrimSpace(ind.Label), strings.TrimSpace(ind.Unit)
		switch {
		case !keyRE.MatchString(ind.Code):
			f.Add(p+"code", "key")
		case codes[ind.Code]:
			f.Add(p+"code", "duplicate")
		}
		codes[ind.Code] = true
		if f.Text(p+"label", ind.Label, MaxLabel, false) && ind.Label == "" {
			f.Add(p+"label", "required")
		}
		f.Text(p+"unit", ind.Unit, MaxMeasure, false)
		if !slices.Contains(IndicatorTypes, ind.Type) {
			f.Add(p+"type", "invalid")
		}
		if ind.Agg == "" {
			ind.Agg = "sum"
		}
		if !slices.Contains(Aggregations, ind.Agg) || (ind.Type == "text" && ind.Agg != "count") {
			f.Add(p+"agg", "invalid")
		}
		if ind.Min != nil && ind.Max != nil && *ind.Min > *ind.Max {
			f.Add(p+"max", "bounds_order")
		}
		if ind.Type == "text" && (ind.Min != nil || ind.Max != nil) {
			f.Add(p+"min", "invalid")
		}
		if ind.Section != "" && !keys[ind.Section] {
			f.Add(p+"section", "unknown_section")
		}
		if ind.Source != "" && (!slices.Contains(Sources, ind.Source) || ind.Type != "integer") {
			f.Add(p+"source", "invalid")
		}
	}
	return f.Err()
}

// Template returns the current (latest) version of a regime's template, writing the default
// as version 1 when the regime has none yet.
func (s *Service) Template(ctx context.Context, regimeID int) (*ent.ReportTemplate, error) {
	var t *ent.ReportTemplate
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		t, err = s.templateTx(ctx, tx, regimeID)
		return err
	})
	return t, err
}

func (s *Service) templateTx(ctx context.Context, tx *ent.Tx, regimeID int) (*ent.ReportTemplate, error) {
	r, err := tx.ReportingRegime.Get(ctx, regimeID)
	if err != nil {
		return nil, notFound(err)
	}
	t, err := tx.ReportTemplate.Query().Where(reporttemplate.RegimeID(regimeID)).
		Order(ent.Desc(reporttemplate.FieldVersion)).First(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return t, err
	}
	return tx.ReportTemplate.Create().SetRegimeID(regimeID).SetVersion(1).SetName(truncate("Mẫu "+r.Name, MaxTitle)).
		SetSections(DefaultSections()).SetIndicators(DefaultIndicators()).Save(ctx)
}

// Templates lists a regime's template versions, newest first.
func (s *Service) Templates(ctx context.Context, regimeID int) ([]*ent.ReportTemplate, error) {
	if _, err := s.Template(ctx, regimeID); err != nil {
		return nil, err
	}
	return s.db.ReportTemplate.Query().Where(reporttemplate.RegimeID(regimeID)).
		Order(ent.Desc(reporttemplate.FieldVersion)).All(ctx)
}

// TemplateVersion returns one template version.
func (s *Service) TemplateVersion(ctx context.Context, id int) (*ent.ReportTemplate, error) {
	t, err := s.db.ReportTemplate.Get(ctx, id)
	return t, notFound(err)
}

// SaveTemplate writes the next version of a regime's template. Periods already open keep the
// version they opened with.
func (s *Service) SaveTemplate(ctx context.Context, regimeID int, in TemplateInput) (*ent.ReportTemplate, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var t *ent.ReportTemplate
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		// Lock the regime: two saves must not both take the next version.
		if _, err := tx.ReportingRegime.Query().Where(reportingregime.ID(regimeID)).Modify(db.ForUpdate).Only(ctx); err != nil {
			return notFound(err)
		}
		cur, err := s.templateTx(ctx, tx, regimeID)
		if err != nil {
			return err
		}
		q := tx.ReportTemplate.Create().SetRegimeID(regimeID).SetVersion(cur.Version + 1).SetName(in.Name).
			SetSections(in.Sections).SetIndicators(in.Indicators)
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetCreatedBy(v.UserID)
		}
		t, err = q.Save(ctx)
		return err
	})
	if ent.IsConstraintError(err) {
		return nil, apperr.Conflict("template_changed", err)
	}
	return t, err
}

// notFound turns ent's not-found into the API's 404.
func notFound(err error) error {
	if ent.IsNotFound(err) {
		return apperr.NotFound(err)
	}
	return err
}

// truncate keeps the first n characters of s.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
