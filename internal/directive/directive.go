// Package directive reads a Vietnamese directive text (Công văn, Kế hoạch, Thông báo, Chỉ thị,
// Nghị quyết…) and returns its own header, every document it cites, the draft tasks of its
// numbered items, the units it is addressed to and the reports it asks for.
//
// It is pure: no I/O, no database. Text arrives messy (OCR double spaces, lines broken inside a
// number-symbol, mixed quotes, markdown bold from converters), so the reader works on a folded,
// rune-aligned view of the text (lower case, no diacritics, one byte per rune) and every Span is in
// runes of Normalize(text).
package directive

import (
	"strings"
	"unicode"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// Span is [start, end) in runes of the normalized text.
type Span [2]int

// Result is what Extract finds in one text.
type Result struct {
	Document   Header      `json:"document"`
	Citations  []Citation  `json:"citations"`  // deduplicated by Key, first occurrence's span, in text order
	Tasks      []Task      `json:"tasks"`      // numbered items of the body, depth first
	Addressees []UnitRef   `json:"addressees"` // from the "Kính gửi:" block
	Reports    []ReportDue `json:"reports"`    // reporting obligations found anywhere in the body
}

// Header is the document's own identity, read from its first lines.
type Header struct {
	Type         string        `json:"type"`          // "Công văn", "Kế hoạch", "Thông báo"… or ""
	NumberSymbol string        `json:"number_symbol"` // "1639/UBND-NC"
	Date         calendar.Date `json:"-"`
	DateISO      string        `json:"date"`    // YYYY-MM-DD or ""
	Place        string        `json:"place"`   // "Quảng Ngãi"
	Summary      string        `json:"summary"` // trích yếu, lines joined: "Về việc …", "V/v …"
	Span         Span          `json:"span"`    // of the "Số: …" token, or zero
}

// Citation is one document the text refers to by its number-symbol.
type Citation struct {
	Type         string        `json:"type"`          // "Nghị quyết", "Kế hoạch"… or "" when neither written nor guessable
	NumberSymbol string        `json:"number_symbol"` // spaces removed: "04/CT- UBND" → "04/CT-UBND"
	Key          string        `json:"-"`             // Key(NumberSymbol)
	Date         calendar.Date `json:"-"`
	DateISO      string        `json:"date"`   // YYYY-MM-DD or ""
	Issuer       string        `json:"issuer"` // the phrase after "của", without "của"
	Title        string        `json:"title"`  // quoted title, else the "về …" phrase, else ""
	Span         Span          `json:"span"`   // type word (or "số", or the symbol) through the date when written
}

// Task is one numbered item of the body: a draft task for the register.
type Task struct {
	Number       string    `json:"number"`            // "1", "3.1", "2.a", "3.1.1"; "II.1" under Roman sections
	Section      string    `json:"section,omitempty"` // heading of the Roman-numeral section holding it
	Content      string    `json:"content"`           // the item's own text without its marker; paragraphs joined with "\n"
	Lead         []UnitRef `json:"lead"`              // chủ trì / làm đầu mối / "Giao X" / subject units
	Coordinating []UnitRef `json:"coordinating"`      // "phối hợp (với) …"
	Deadline     Deadline  `json:"deadline"`
	RequiresPlan bool      `json:"requires_plan"`      // units are told to build or issue their own plan
	PlanDue      string    `json:"plan_due,omitempty"` // YYYY-MM-DD when the text dates that plan
	Span         Span      `json:"span"`               // marker through the item's own last line (children excluded)
	Parent       string    `json:"parent,omitempty"`   // parent task number, "" at top level
}

// UnitRef names a unit, or a kind of unit, as written.
type UnitRef struct {
	Text  string `json:"text"`            // "Sở Nội vụ", "các sở, ban, ngành", "UBND các huyện, thành phố"
	Group string `json:"group,omitempty"` // one of the Group constants when it names a kind of unit
	Span  Span   `json:"span"`
}

// The unit groups of UnitRef.Group.
const (
	GroupDepartment    = "department"     // các sở, ban, ngành [tỉnh]
	GroupDistrict      = "district"       // UBND các huyện, thành phố, thị xã (before 1/7/2025)
	GroupCommune       = "commune"        // UBND các xã, phường, thị trấn / đặc khu; cấp xã
	GroupPublicService = "public_service" // đơn vị sự nghiệp công lập
	GroupFront         = "front"          // MTTQ và các đoàn thể, tổ chức chính trị - xã hội
)

// Deadline is when a task is due.
type Deadline struct {
	Kind    string        `json:"kind"` // one of the Kind constants
	Date    calendar.Date `json:"-"`
	DateISO string        `json:"date"`            // resolved date or ""
	Day     int           `json:"day,omitempty"`   // yearly: day of month
	Month   int           `json:"month,omitempty"` // yearly: month
	Text    string        `json:"text"`            // the phrase as written
}

// The deadline kinds.
const (
	KindDate       = "date"       // a day ("trước ngày 30/9/2021"; "trong tháng 5/2021" is its last day)
	KindYearly     = "yearly"     // hằng năm / hàng năm, with a day and month when written
	KindContinuous = "continuous" // thường xuyên, liên tục
	KindQuarter    = "quarter"    // quý III/2021: the quarter's last day
	KindNone       = "none"
)

// ReportDue is a reporting obligation: "báo cáo 06 tháng đầu năm gửi trước ngày 15/6".
type ReportDue struct {
	Frequency string `json:"frequency"` // "semiannual", "annual", "quarterly", "monthly"
	Label     string `json:"label"`     // "Báo cáo 6 tháng đầu năm", "Báo cáo năm"
	Day       int    `json:"day"`
	Month     int    `json:"month"`    // 0 when relative to the period's end
	Rule      string `json:"rule"`     // calendar.ParseRule syntax: "15/6", "M/15", "M+1/5"; "" when no deadline is written
	Receiver  string `json:"receiver"` // "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)"
	Text      string `json:"text"`
	Span      Span   `json:"span"`
}

// The report frequencies (danvan's regime frequencies, plus monthly).
const (
	FreqSemiannual = "semiannual"
	FreqAnnual     = "annual"
	FreqQuarterly  = "quarterly"
	FreqMonthly    = "monthly"
)

// Options tune Extract.
type Options struct {
	// DocumentDate resolves deadlines written without a year ("trước ngày 15/6") when the text
	// has no dated header; a dated header wins.
	DocumentDate calendar.Date
}

// Extract reads text with default options. It never panics; an empty text gives an empty Result.
func Extract(text string) Result { return ExtractWith(text, Options{}) }

// ExtractWith reads text. It never panics: a bug on a strange text yields what was found before
// it rather than crashing the caller (an upload handler).
func ExtractWith(text string, opt Options) (res Result) {
	res = emptyResult()
	if recoverPanics {
		defer func() {
			if recover() != nil {
				fill(&res)
			}
		}()
	}
	d := newDoc(Normalize(text))
	if d.n == 0 {
		return res
	}
	d.header(&res.Document)
	ref := res.Document.Date
	if ref.IsZero() {
		ref = opt.DocumentDate
	}
	d.ref = ref
	res.Citations = d.citations(res.Document)
	res.Addressees = d.addressees()
	res.Tasks = d.tasks()
	res.Reports = d.reports()
	fill(&res)
	return res
}

// recoverPanics is switched off by the tests, so that fuzzing finds what the recovery would hide.
var recoverPanics = true

func emptyResult() Result {
	r := Result{}
	fill(&r)
	return r
}

// fill replaces nil slices by empty ones so JSON shows [] rather than null.
func fill(r *Result) {
	if r.Citations == nil {
		r.Citations = []Citation{}
	}
	if r.Tasks == nil {
		r.Tasks = []Task{}
	}
	if r.Addressees == nil {
		r.Addressees = []UnitRef{}
	}
	if r.Reports == nil {
		r.Reports = []ReportDue{}
	}
	for i := range r.Tasks {
		if r.Tasks[i].Lead == nil {
			r.Tasks[i].Lead = []UnitRef{}
		}
		if r.Tasks[i].Coordinating == nil {
			r.Tasks[i].Coordinating = []UnitRef{}
		}
		if r.Tasks[i].Deadline.Kind == "" {
			r.Tasks[i].Deadline.Kind = KindNone
		}
	}
}

// Key is the lookup key of a number-symbol: upper case, diacritics folded, Đ→D, spaces removed
// ("86/TB-BCĐ" and "86/tb-bcd" give "86/TB-BCD"). The register resolves citations by it.
func Key(numberSymbol string) string {
	s := strings.ToUpper(textnorm.Fold(numberSymbol))
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '–' || r == '—' || r == '‐' || r == '‑' || r == '−':
			return '-'
		}
		return r
	}, s)
	return s
}

// typeCodes maps a symbol's type code (upper case, Đ kept) to its type word.
var typeCodes = map[string]string{
	"NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "KH": "Kế hoạch", "CTR": "Chương trình",
	"TB": "Thông báo", "QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "PL": "Pháp lệnh",
	"ĐA": "Đề án", "HD": "Hướng dẫn", "QĐI": "Quy định", "BC": "Báo cáo", "TTR": "Tờ trình",
	"QC": "Quy chế", "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết liên tịch", "CĐ": "Công điện",
	"KHLT": "Kế hoạch", "CV": "Công văn", "HDLT": "Hướng dẫn", "CTLT": "Chương trình",
}

// TypeOfSymbol guesses the type word from a number-symbol's type code: "25-NQ/TW" → "Nghị quyết",
// "82/KH-UBND" → "Kế hoạch", "04/2015/NĐ-CP" → "Nghị định", "42/2013/QH13" → "Luật". It returns
// "" for an unknown code, and for a Công văn, whose symbol carries no type code
// ("1639/UBND-NC": number/ISSUER-DIVISION; see IsCongVanShape).
func TypeOfSymbol(numberSymbol string) string {
	code := typeCode(numberSymbol)
	if code == "" {
		return ""
	}
	u := strings.ToUpper(code)
	if t, ok := typeCodes[u]; ok {
		return t
	}
	if len(u) > 2 && strings.HasPrefix(u, "QH") && allDigits(u[2:]) {
		return "Luật"
	}
	return ""
}

// IsCongVanShape reports whether numberSymbol has the shape of a Công văn's: a number, a slash,
// then an issuer code that is no type code, a hyphen and a division ("1639/UBND-NC").
func IsCongVanShape(numberSymbol string) bool {
	parts, seps := splitSymbol(numberSymbol)
	if len(parts) < 3 || seps[0] != '/' || !allDigits(parts[0]) || allDigits(parts[1]) {
		return false
	}
	return seps[1] == '-' && TypeOfSymbol(numberSymbol) == ""
}

// typeCode returns the first alphabetic part of a number-symbol ("NQ" of "25-NQ/TW", "NĐ" of
// "04/2015/NĐ-CP", "UBND" of "1639/UBND-NC").
func typeCode(s string) string {
	parts, _ := splitSymbol(s)
	for _, p := range parts {
		if p != "" && !allDigits(p) {
			return p
		}
	}
	return ""
}

// splitSymbol splits a number-symbol at "/" and "-" (spaces dropped), returning the parts and the
// separator after each part but the last.
func splitSymbol(s string) (parts []string, seps []rune) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '/' || r == '-' || r == '–' || r == '—':
			if r != '/' {
				r = '-'
			}
			parts = append(parts, b.String())
			seps = append(seps, r)
			b.Reset()
		default:
			b.WriteRune(r)
		}
	}
	parts = append(parts, b.String())
	return parts, seps
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
