package directive

import (
	"strings"
	"unicode"
)

// typeWord is a document type as written before a number ("Kế hoạch số …") or as a header line
// ("KẾ HOẠCH"); fold is its folded form, longest first so "thong tu lien tich" wins over
// "thong tu".
type typeWord struct{ fold, name string }

var typeWords = []typeWord{
	{"nghi quyet lien tich", "Nghị quyết liên tịch"},
	{"thong tu lien tich", "Thông tư liên tịch"},
	{"thong bao ket luan", "Thông báo"},
	{"ke hoach lien tich", "Kế hoạch"},
	{"chuong trinh hanh dong", "Chương trình"},
	{"chuong trinh phoi hop", "Chương trình"},
	{"chuong trinh cong tac", "Chương trình"},
	{"huong dan lien tich", "Hướng dẫn"},
	{"nghi quyet", "Nghị quyết"},
	{"ket luan", "Kết luận"},
	{"chi thi", "Chỉ thị"},
	{"ke hoach", "Kế hoạch"},
	{"chuong trinh", "Chương trình"},
	{"cong van", "Công văn"},
	{"cong dien", "Công điện"},
	{"thong bao", "Thông báo"},
	{"quyet dinh", "Quyết định"},
	{"nghi dinh", "Nghị định"},
	{"thong tu", "Thông tư"},
	{"phap lenh", "Pháp lệnh"},
	{"de an", "Đề án"},
	{"huong dan", "Hướng dẫn"},
	{"quy dinh", "Quy định"},
	{"bao cao", "Báo cáo"},
	{"quy che", "Quy chế"},
	{"to trinh", "Tờ trình"},
	{"luat", "Luật"},
	{"van ban", ""}, // "văn bản số …": a citation, type from the symbol
}

// Line classification.
type markKind int

const (
	mkNone markKind = iota
	mkRoman
	mkNum
	mkLetter
	mkDash
	mkPlus
)

type marker struct {
	kind  markKind
	label string // "II", "3", "3.1", "a"
	depth int    // mkNum: number of levels ("3.1" → 2)
	s     int    // marker start
	text  int    // first rune of the item's text
}

var romans = map[string]bool{"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true,
	"VII": true, "VIII": true, "IX": true, "X": true, "XI": true, "XII": true, "XIII": true, "XIV": true, "XV": true}

// lineMarker classifies line l by its list marker.
func (d *doc) lineMarker(l int) marker {
	s, e := d.trimLine(l)
	if s >= e {
		return marker{}
	}
	r := d.r[s]
	// text after the marker at i: spaces, then a letter, digit, quote or bracket
	textAt := func(i int, needSpace bool) int {
		j := i
		for j < e && d.a[j] == ' ' {
			j++
		}
		if j >= e || (needSpace && j == i) {
			return -1
		}
		c := d.r[j]
		if unicode.IsLetter(c) || unicode.IsDigit(c) || d.a[j] == '"' || c == '(' || c == '\'' {
			return j
		}
		return -1
	}
	switch {
	case r == '-' || r == '–' || r == '—' || r == '•' || r == '·' || r == '\uf0a7' || r == '\uf0b7' || r == '+':
		if s+1 < e && d.a[s+1] == '-' {
			return marker{} // "-----" separator
		}
		t := textAt(s+1, false)
		if t < 0 {
			return marker{}
		}
		k := mkDash
		if r == '+' {
			k = mkPlus
		}
		return marker{kind: k, s: s, text: t}
	case r >= '0' && r <= '9':
		var parts []string
		i := s
		for {
			v, j, ok := d.readInt(i, 2)
			if !ok {
				return marker{}
			}
			_ = v
			parts = append(parts, string(d.r[i:j]))
			if j < e && d.r[j] == '.' && d.isDigit(j+1) && len(parts) < 4 {
				i = j + 1
				continue
			}
			i = j
			break
		}
		punct := false
		if i < e && (d.r[i] == '.' || d.r[i] == ')' || d.r[i] == '-' && i+1 < e && d.r[i+1] == ' ') {
			i++ // "1.", "1)", and the typed "1- "
			punct = true
		}
		if !punct && len(parts) == 1 {
			return marker{}
		}
		t := textAt(i, true)
		if t < 0 || d.isDigit(t) {
			return marker{}
		}
		for k, p := range parts {
			parts[k] = strings.TrimLeft(p, "0")
			if parts[k] == "" {
				parts[k] = "0"
			}
		}
		return marker{kind: mkNum, label: strings.Join(parts, "."), depth: len(parts), s: s, text: t}
	case r >= 'a' && r <= 'z' || r == 'đ':
		if s+1 < e && (d.r[s+1] == ')' || d.r[s+1] == '.') && !d.isAlnum(s-1) {
			if t := textAt(s+2, true); t >= 0 {
				return marker{kind: mkLetter, label: string(r), s: s, text: t}
			}
		}
	case r == 'I' || r == 'V' || r == 'X':
		j := s
		for j < e && (d.r[j] == 'I' || d.r[j] == 'V' || d.r[j] == 'X') {
			j++
		}
		if !romans[string(d.r[s:j])] || j >= e || (d.r[j] != '.' && d.r[j] != ')' && !(d.r[j] == '-' && j+1 < e && d.r[j+1] == ' ')) {
			return marker{}
		}
		if t := textAt(j+1, true); t >= 0 {
			return marker{kind: mkRoman, label: string(d.r[s:j]), s: s, text: t}
		}
	}
	return marker{}
}

// allUpper reports whether every letter of r[s:e] is upper case (and there are some).
func (d *doc) allUpper(s, e int) bool {
	letters := 0
	for i := s; i < e; i++ {
		if unicode.IsLetter(d.r[i]) {
			if !unicode.IsUpper(d.r[i]) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// header reads the document's own number, date, place, type and summary, and sets the body
// bounds (after "Kính gửi", before "Nơi nhận" or the signature).
func (d *doc) header(h *Header) {
	// The header block ends at "Kính gửi", "Căn cứ", the first list item, or the first long
	// paragraph.
	hzLine := len(d.lines)
	seen := 0
	for l := range d.lines {
		s, e := d.trimLine(l)
		if s >= e {
			continue
		}
		seen++
		if seen > 40 || s > 4000 {
			hzLine = l
			break
		}
		if _, ok := d.word(s, "kinh gui"); ok {
			hzLine = l
			break
		}
		if _, ok := d.word(s, "can cu"); ok {
			hzLine = l
			break
		}
		if d.lineMarker(l).kind != mkNone {
			hzLine = l
			break
		}
		if e-s > 220 && !d.allUpper(s, e) {
			hzLine = l
			break
		}
	}
	d.headerEnd = d.n
	if hzLine < len(d.lines) {
		d.headerEnd = d.lines[hzLine].s
	}

	typeLine, vvLine := -1, -1
	for l := 0; l < hzLine; l++ {
		s, e := d.trimLine(l)
		if s >= e {
			continue
		}
		if h.NumberSymbol == "" {
			d.headerNumber(l, h)
		}
		if h.Date.IsZero() {
			d.headerDate(l, h)
		}
		// The type line comes after "Số: …"; an issuer line above it may start with a type word
		// ("BAN CHỈ ĐẠO THỰC HIỆN / QUY CHẾ DÂN CHỦ Ở CƠ SỞ").
		retype := typeLine >= 0 && h.NumberSymbol != "" && typeLine < d.lineOf(d.headSpan[0]) && l > typeLine
		if (typeLine < 0 || retype) && d.allUpper(s, e) {
			for _, tw := range typeWords {
				if tw.name == "" {
					continue
				}
				if te, ok := d.word(s, tw.fold); ok && te <= e {
					if retype && vvLine < 0 {
						h.Summary = ""
					}
					h.Type = tw.name
					typeLine = l
					if rest := d.text(te, e); rest != "" && h.Summary == "" {
						h.Summary = d.summaryFrom(te, l, hzLine)
					}
					break
				}
			}
		}
		if vvLine < 0 && h.Summary == "" {
			if vs := d.vvStart(s, e); vs >= 0 {
				vvLine = l
				h.Summary = d.summaryFrom(vs, l, hzLine)
			}
		}
	}
	if h.Summary == "" && typeLine >= 0 {
		for l := typeLine + 1; l < hzLine; l++ {
			if s, e := d.trimLine(l); s < e {
				if d.isPlaceDateLine(l) {
					break
				}
				if d.allUpper(s, e) {
					// "THÔNG BÁO / KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY / về …": an upper-case first
					// line is the summary's when a lower-case line continues it
					if n := l + 1; n < hzLine {
						if ns, ne := d.trimLine(n); ns < ne && unicode.IsLower(d.r[ns]) {
							h.Summary = d.summaryFrom(s, l, hzLine)
						}
					}
					break
				}
				h.Summary = d.summaryFrom(s, l, hzLine)
				break
			}
			if l > typeLine+2 {
				break
			}
		}
	}
	if h.Type == "" && h.NumberSymbol != "" {
		h.Type = TypeOfSymbol(h.NumberSymbol)
		if h.Type == "" && (IsCongVanShape(h.NumberSymbol) || vvLine >= 0) {
			h.Type = "Công văn"
		}
	}
	if h.Type == "" && vvLine >= 0 && h.NumberSymbol != "" {
		h.Type = "Công văn"
	}
	if !h.Date.IsZero() {
		h.DateISO = h.Date.ISO()
	}

	d.bodyStart = d.headerEnd
	d.bodyEnd = d.n
	for l := d.lineOf(d.headerEnd); l < len(d.lines); l++ {
		s, e := d.trimLine(l)
		if s >= e {
			continue
		}
		if _, ok := d.word(s, "noi nhan"); ok {
			d.bodyEnd = d.lines[l].s
			break
		}
		if d.signatureLine(s, e) {
			d.bodyEnd = d.lines[l].s
			break
		}
	}
}

// signatureLine reports whether r[s:e] opens the signature block: "TM. ỦY BAN NHÂN DÂN",
// "KT. CHỦ TỊCH", "TL. …", "TUQ. …".
func (d *doc) signatureLine(s, e int) bool {
	for _, p := range []string{"TM.", "KT.", "TL.", "TUQ.", "Q."} {
		if e-s >= len(p)+2 && string(d.r[s:s+len(p)]) == p && d.allUpper(s, e) {
			return true
		}
	}
	return false
}

// headerNumber reads "Số: 1639/UBND-NC" on line l: "Số" at the line start or after a column gap.
func (d *doc) headerNumber(l int, h *Header) {
	ls, le := d.trimLine(l)
	if l > 0 {
		// "… thực hiện Kế hoạch\nsố 82/KH-UBND": a citation wrapped after its type word
		pe := d.skipWSBack(d.lines[l].s, 2)
		for _, tw := range typeWords {
			if _, ok := d.wordBefore(pe, tw.fold); ok {
				return
			}
		}
	}
	for i := ls; i < le; i++ {
		if d.r[i] != 'S' {
			continue
		}
		if i > ls && !(d.a[i-1] == ' ' && i-2 >= ls && d.a[i-2] == ' ') {
			continue
		}
		e, ok := d.word(i, "so")
		if !ok {
			continue
		}
		j := d.skipWS(e, 0)
		if j < le && (d.r[j] == ':' || d.r[j] == '.') {
			j = d.skipWS(j+1, 0)
		}
		sym, ok := d.scanSymbol(j)
		if !ok {
			continue
		}
		h.NumberSymbol = sym.norm
		h.Span = Span{i, sym.e}
		d.headSpan = h.Span
		return
	}
}

// headerDate reads "Quảng Ngãi, ngày 08 tháng 4 năm 2019" on line l; the place is the run of
// capitalized words before the comma.
func (d *doc) headerDate(l int, h *Header) {
	ls, le := d.trimLine(l)
	for i := ls; i < le; i++ {
		if d.a[i] != 'n' {
			continue
		}
		e, ok := d.word(i, "ngay")
		if !ok {
			continue
		}
		dt, _, ok := d.parseDate(d.skipWS(e, 0))
		if !ok {
			continue
		}
		b := d.skipWSBack(i, 0)
		if b == ls {
			// "ngày 08 tháng 4 năm 2019" alone on its line (no place); a line that goes on
			// ("ngày 06/3/2019 của Ban") is a wrapped summary
			if _, de, _ := d.parseDate(d.skipWS(e, 0)); d.skipWS(de, 0) >= le {
				h.Date = dt
				return
			}
			continue
		}
		if b <= ls || d.r[b-1] != ',' {
			continue
		}
		h.Date = dt
		h.Place = d.placeBefore(ls, b-1)
		return
	}
}

// placeBefore returns the capitalized words (at most five) ending at end.
func (d *doc) placeBefore(ls, end int) string {
	start := end
	i := end
	for words := 0; words < 5; words++ {
		j := d.skipWSBack(i, 0)
		if j <= ls || i-j > 1 && words > 0 {
			break // a column gap: "Số: 145/KH-UBND      Hòa Bình, ngày …"
		}
		k := j
		for k > ls && (d.isAlnum(k-1) || d.r[k-1] == '.') {
			k--
		}
		if k == j || !d.isUpper(k) || k > ls && !d.isSpace(k-1) {
			break
		}
		start = k
		i = k
	}
	return d.text(start, end)
}

// isPlaceDateLine reports whether line l holds "…, ngày D tháng M năm Y".
func (d *doc) isPlaceDateLine(l int) bool {
	var h Header
	d.headerDate(l, &h)
	return !h.Date.IsZero()
}

// vvStart returns where "V/v …" starts on r[s:e] (anywhere) or "Về việc …" (at the line
// start), or -1.
func (d *doc) vvStart(s, e int) int {
	if _, ok := d.word(s, "ve viec"); ok {
		return s
	}
	for i := s; i+3 <= e; i++ {
		if d.a[i] == 'v' && d.r[i] == 'V' {
			if _, ok := d.word(i, "v/v"); ok {
				return i
			}
		}
	}
	return -1
}

// summaryFrom joins the summary lines from rune s of line l: until a blank line, a place-date
// line, "Kính gửi", an upper-case line, a list item or the end of the header.
func (d *doc) summaryFrom(s, l, hzLine int) string {
	_, e := d.trimLine(l)
	parts := []string{d.text(s, e)}
	for k := l + 1; k < hzLine && k < l+8; k++ {
		ks, ke := d.trimLine(k)
		if ks >= ke || d.isPlaceDateLine(k) || d.allUpper(ks, ke) || d.lineMarker(k).kind != mkNone {
			break
		}
		if !d.hasAlnum(ks, ke) {
			break // a "-----" or "*" rule under the summary
		}
		if _, ok := d.word(ks, "kinh gui"); ok {
			break
		}
		if _, ok := d.word(ks, "can cu"); ok {
			break
		}
		if _, ok := d.word(ks, "so"); ok && d.r[ks] == 'S' {
			break
		}
		parts = append(parts, d.text(ks, ke))
	}
	return clean(strings.Join(parts, " "))
}

// hasAlnum reports whether r[s:e] holds a letter or digit.
func (d *doc) hasAlnum(s, e int) bool {
	for i := s; i < e; i++ {
		if d.isAlnum(i) {
			return true
		}
	}
	return false
}
