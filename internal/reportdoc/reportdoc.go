// Package reportdoc renders a Vietnamese official report ("BÁO CÁO") laid out after Nghị định
// 30/2020/NĐ-CP: as DOCX filled into a DOCX template, as PDF, and its annex of figures by unit
// as XLSX. It is pure: no database, no network.
//
// The DOCX is written as WordprocessingML by hand (archive/zip and strings): the template's
// parts are copied as they are, and only its placeholders ({{noi_dung}} and the others listed in
// Placeholders) are replaced. An uploaded template is never executed as a Go template.
package reportdoc

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Letterhead is who issues and signs the report.
type Letterhead struct {
	Parent      string // cơ quan chủ quản, e.g. "UBND TỈNH QUẢNG NGÃI" (may be empty)
	Issuer      string // cơ quan ban hành, e.g. "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH"
	Place       string // địa danh, e.g. "Quảng Ngãi"
	SignerTitle string // e.g. "TRƯỞNG BAN" (may contain "\n" for "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN")
	SignerName  string // may be empty
}

// Doc is one report.
type Doc struct {
	Letterhead Letterhead
	Number     string    // full "số, ký hiệu" e.g. "12/BC-BCĐ"; or just the symbol part "/BC-BCĐ" meaning unnumbered
	Date       time.Time // the date on the place-and-date line (its Y/M/D used as is; zero = left blank)
	Kind       string    // "BÁO CÁO"
	Summary    string    // trích yếu
	Intro      []string  // opening paragraphs
	Sections   []Section
	Recipients []string // Nơi nhận lines without the leading "- " and trailing ";"
}

// Section is a numbered part of the body; Children nest.
type Section struct {
	Number   string // "I", "1", "1.1", "a)" – printed before the title
	Title    string // printed bold
	Paras    []Para
	Tables   []Table
	Children []Section
}

// Para is a body paragraph.
type Para struct {
	Lead   string // optional bold lead-in, e.g. "Sở Tư pháp: " (attribution)
	Text   string // may contain "\n": each line becomes its own paragraph, the first one carrying Lead
	Italic bool
}

// Table is a bordered table of the body.
type Table struct {
	Title   string
	Columns []string
	Rows    [][]string
	Footer  []string // e.g. totals row ("Tổng cộng", "1.234", ...); optional
}

// Placeholder is one placeholder a DOCX template may hold, described for people.
type Placeholder struct{ Name, VI, EN string }

// Placeholders lists the template placeholders.
var Placeholders = []Placeholder{
	{"{{co_quan_chu_quan}}", "Tên cơ quan, tổ chức chủ quản trực tiếp (có thể để trống)", "Name of the parent body (may be empty)"},
	{"{{co_quan_ban_hanh}}", "Tên cơ quan, tổ chức ban hành văn bản", "Name of the issuing body"},
	{"{{so_ky_hieu}}", "Số, ký hiệu của văn bản (phần sau \"Số: \")", "Number and symbol of the document (the text after \"Số: \")"},
	{"{{dia_danh_ngay}}", "Địa danh và ngày, tháng, năm ban hành", "Place and date of issue"},
	{"{{loai_van_ban}}", "Tên loại văn bản, ví dụ BÁO CÁO", "Kind of document, e.g. BÁO CÁO"},
	{"{{trich_yeu}}", "Trích yếu nội dung văn bản", "Summary of the content (subject line)"},
	{"{{noi_dung}}", "Toàn bộ nội dung: phần mở đầu, các mục và bảng; phải đứng riêng một đoạn (bắt buộc)", "The whole body: opening, sections and tables; must be alone in its paragraph (required)"},
	{"{{chuc_vu_nguoi_ky}}", "Quyền hạn, chức vụ của người ký (mỗi dòng một dòng)", "Authority and title of the signer (one line each)"},
	{"{{nguoi_ky}}", "Họ và tên người ký", "Full name of the signer"},
	{"{{noi_nhan}}", "Danh sách nơi nhận; nên đứng riêng một đoạn (mỗi nơi nhận một đoạn)", "Recipients; best alone in its paragraph (one paragraph per recipient)"},
}

// DateLine returns the place-and-date line, e.g. "Quảng Ngãi, ngày 08 tháng 6 năm 2025": days
// 1–9 and months 1–2 take a leading zero. A zero time leaves room to write the date by hand.
func DateLine(place string, t time.Time) string {
	var date string
	if t.IsZero() {
		date = "ngày      tháng      năm      "
	} else {
		month := fmt.Sprint(int(t.Month()))
		if t.Month() <= time.February {
			month = "0" + month
		}
		date = fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	}
	place = strings.TrimSpace(clean(place))
	if place == "" {
		return date
	}
	return place + ", " + date
}

// numberText is what follows "Số: ": the number as given, or room for a hand-written number
// when only the symbol ("/BC-BCĐ") or nothing is given.
func numberText(n string) string {
	n = strings.TrimSpace(clean(n))
	if n == "" || strings.HasPrefix(n, "/") {
		return "     " + n
	}
	return n
}

// kindText is the kind of document, "BÁO CÁO" by default, in capitals.
func kindText(k string) string {
	k = strings.TrimSpace(clean(k))
	if k == "" {
		k = "BÁO CÁO"
	}
	return strings.ToUpper(k)
}

// headingText is a section's heading: "I. KẾT QUẢ", "1.1. Tiêu đề", "a) Tiêu đề".
func headingText(s Section) string {
	num := strings.TrimSpace(clean(s.Number))
	title := strings.TrimSpace(clean(s.Title))
	switch {
	case num == "":
		return title
	case strings.HasSuffix(num, ")") || strings.HasSuffix(num, "."):
		return num + " " + title
	default:
		return num + ". " + title
	}
}

// recipientLines formats the Nơi nhận list: "- Name;" each, the last one ending with "."; the
// "Lưu: ..." line goes last, and "Lưu: VT" is added when the list has none (every official
// document keeps a copy).
func recipientLines(rs []string) []string {
	var out, archive []string
	for _, r := range rs {
		r = strings.TrimSpace(clean(r))
		r = strings.TrimSpace(strings.TrimPrefix(r, "- "))
		r = strings.TrimRight(r, ";.,")
		switch {
		case r == "":
		case strings.HasPrefix(strings.ToLower(r), "lưu:"):
			archive = append(archive, r)
		default:
			out = append(out, r)
		}
	}
	if len(archive) == 0 {
		archive = []string{"Lưu: VT"}
	}
	out = append(out, archive...)
	for i := range out {
		end := ";"
		if i == len(out)-1 {
			end = "."
		}
		out[i] = "- " + out[i] + end
	}
	return out
}

// lines splits text into its lines ("\r\n", "\r" and "\n" all end a line).
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

// clean makes text safe for XML 1.0 and PDF: valid UTF-8 in NFC (Vietnamese typed with
// combining marks becomes precomposed letters), without C0 controls other than tab and line
// breaks, and without the non-characters U+FFFE and U+FFFF.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	ok := true
	for _, r := range s {
		if badRune(r) {
			ok = false
			break
		}
	}
	if !ok {
		s = strings.Map(func(r rune) rune {
			if badRune(r) {
				return -1
			}
			return r
		}, s)
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

func badRune(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7F || r == 0xFFFE || r == 0xFFFF
}
