package directive

import (
	"strings"
	"time"
	"unicode"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// symbol is a number-symbol found in the text.
type symbol struct {
	s, e     int
	norm     string // spaces removed, dashes made '-'
	hasSlash bool
}

// scanSymbol reads a number-symbol starting at the digit r[i]: Party style 25-NQ/TW, state style
// 82/KH-UBND or 04/2015/NĐ-CP, a Công văn's 1639/UBND-NC, the old 26-TTg. A code part starts with
// an upper-case letter; spaces are tolerated on one side of a separator when the part after it
// is all upper case ("04/CT- UBND", "82 /KH-UBND"), and one line break after a separator. Dates
// ("15/6/2021"), terms ("2021-2026") and phone numbers have no code part and are refused.
func (d *doc) scanSymbol(i int) (symbol, bool) {
	if !d.isDigit(i) || d.isAlnum(i-1) {
		return symbol{}, false
	}
	if i > 0 {
		switch p := d.a[i-1]; p {
		case '/', '-', '.', ',':
			return symbol{}, false
		}
	}
	j := i
	for j < d.n && d.isDigit(j) {
		j++
	}
	if j-i > 5 {
		return symbol{}, false
	}
	var b strings.Builder
	b.WriteString(string(d.r[i:j]))
	end, comp, codes := j, 1, 0
	nlUsed, hasSlash := false, false
	for {
		k, sp1 := end, 0
		for k < d.n && d.a[k] == ' ' && d.r[k] != '*' && sp1 < 2 {
			k++
			sp1++
		}
		if k >= d.n {
			break
		}
		var sep byte
		switch {
		case d.r[k] == '/':
			sep = '/'
		case d.a[k] == '-':
			sep = '-'
		default:
		}
		if sep == 0 {
			break
		}
		k++
		sp2, nl := 0, false
		for k < d.n && sp2 < 3 && (d.a[k] == ' ' && d.r[k] != '*' || d.a[k] == '\n' && !nlUsed && !nl) {
			if d.a[k] == '\n' {
				nl = true
			}
			k++
			sp2++
		}
		if sp1 > 0 && sp2 > 0 && !(comp == 1 && sep == '-' && !nl && d.partySpaced(k)) {
			break // "… - UBND tỉnh": a dash between words, not inside a symbol
		}
		if sep == '/' && comp == 1 && codes == 0 && sp1 == 0 && sp2 == 0 {
			if y, ye, ok := d.readInt(k, 4); ok && ye-k == 4 && y >= 1945 && y <= 2200 && ye < d.n && d.r[ye] == '/' {
				b.WriteByte('/')
				b.WriteString(string(d.r[k:ye]))
				end, comp = ye, comp+1
				continue
			}
		}
		if !d.isUpper(k) {
			break
		}
		m := d.readWord(k)
		if m-k > 20 {
			break
		}
		if (sp1 > 0 || sp2 > 0) && !noLower(d.r[k:m]) && !(m-k > 2 && d.isUpper(k+1)) {
			break // "… - Sở Nội vụ"; but "1010/QĐ- TTg" keeps its issuer code
		}
		b.WriteByte(sep)
		b.WriteString(string(d.r[k:m]))
		if sep == '/' {
			hasSlash = true
		}
		if nl {
			nlUsed = true
		}
		end, comp, codes = m, comp+1, codes+1
	}
	if codes == 0 {
		return symbol{}, false
	}
	return symbol{s: i, e: end, norm: b.String(), hasSlash: hasSlash}, true
}

// partySpaced reports whether a Party-style "TYPE/ISSUER" starts at k, as after OCR's spaced dash
// in "25 - NQ/TW": an all-upper code, then a slash and another upper-case code with no space.
func (d *doc) partySpaced(k int) bool {
	if !d.isUpper(k) {
		return false
	}
	m := d.readWord(k)
	return m-k <= 6 && noLower(d.r[k:m]) && m+1 < d.n && d.r[m] == '/' && d.isUpper(m+1)
}

func noLower(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// readInt reads 1 to maxDigits digits at i, refusing a longer run.
func (d *doc) readInt(i, maxDigits int) (v, end int, ok bool) {
	j := i
	for j < d.n && d.isDigit(j) {
		v = v*10 + int(d.r[j]-'0')
		j++
		if j-i > maxDigits {
			return 0, 0, false
		}
	}
	if j == i {
		return 0, 0, false
	}
	return v, j, true
}

// parseDM reads a day and month with an optional year at i: "15/6", "15/06/2021", "3-6-2013",
// "03.6.2013", "8 tháng 4", "08 tháng 4 năm 2019". year is 0 when not written.
func (d *doc) parseDM(i int) (day, month, year, end int, ok bool) {
	day, j, ok := d.readInt(i, 2)
	if !ok {
		return 0, 0, 0, 0, false
	}
	// OCR splits a two-digit day: "ngày 1 2 tháng 4", "2 5/02/2022".
	if j == i+1 && j+2 < d.n && d.r[j] == ' ' && d.isDigit(j+1) && !d.isDigit(j+2) {
		if _, ok := d.match(j+2, " thang "); ok || d.r[j+2] == '/' {
			day, j = day*10+int(d.r[j+1]-'0'), j+2
		}
	}
	if day < 1 || day > 31 {
		return 0, 0, 0, 0, false
	}
	// OCR and hand-typed texts space the slashes out: "05 / 4 / 2022". Only the slash: "15 - 20"
	// is a range and "15 . 6" no date.
	spaced := j+2 < d.n && d.r[j] == ' ' && d.r[j+1] == '/' && d.r[j+2] == ' '
	if spaced {
		j++
	}
	if j < d.n && (d.r[j] == '/' || d.a[j] == '-' || d.r[j] == '.') {
		sep := d.a[j]
		ms := j + 1
		if spaced {
			ms++
		}
		month, k, ok := d.readInt(ms, 2)
		if !ok || month < 1 || month > 12 {
			return 0, 0, 0, 0, false
		}
		ys := k + 1
		if spaced && k+3 < d.n && d.r[k] == ' ' && d.r[k+1] == '/' && d.r[k+2] == ' ' {
			k, ys = k+1, k+3
		}
		if ys < d.n && d.a[k] == sep && d.isDigit(ys) {
			y, ye, ok := d.readInt(ys, 4)
			if ok && ye-ys == 4 {
				return day, month, y, ye, validDMY(day, month, y)
			}
			return 0, 0, 0, 0, false
		}
		if sep == '.' && d.isDigit(k) {
			return 0, 0, 0, 0, false
		}
		return day, month, 0, k, validDMY(day, month, 0)
	}
	if e, ok2 := d.match(j, " thang "); ok2 {
		month, k, ok := d.readInt(e, 2)
		if !ok || month < 1 || month > 12 {
			return 0, 0, 0, 0, false
		}
		if e2, ok := d.match(k, " nam "); ok {
			if y, ye, ok := d.readInt(e2, 4); ok && ye-e2 == 4 {
				return day, month, y, ye, validDMY(day, month, y)
			}
		}
		if k < d.n && d.r[k] == '/' {
			if y, ye, ok := d.readInt(k+1, 4); ok && ye-(k+1) == 4 {
				return day, month, y, ye, validDMY(day, month, y)
			}
		}
		return day, month, 0, k, validDMY(day, month, 0)
	}
	return 0, 0, 0, 0, false
}

func validDMY(day, month, year int) bool {
	if year == 0 {
		return calendar.Date{Year: 2000, Month: time.Month(month), Day: day}.Valid()
	}
	return year >= calendar.MinYear && year <= calendar.MaxYear &&
		calendar.Date{Year: year, Month: time.Month(month), Day: day}.Valid()
}

// parseDate reads a full date (with its year) at i.
func (d *doc) parseDate(i int) (calendar.Date, int, bool) {
	day, month, year, end, ok := d.parseDM(i)
	if !ok || year == 0 {
		return calendar.Date{}, 0, false
	}
	return calendar.Date{Year: year, Month: time.Month(month), Day: day}, end, true
}

// dateAfterNgay reads "ngày <date>" at i (after optional spaces, one line break and a comma);
// "năm 2019" alone is no date.
func (d *doc) dateAfterNgay(i int) (calendar.Date, int, bool) {
	j := d.skipWS(i, 1)
	if j < d.n && (d.r[j] == ',' || d.r[j] == '(') {
		j = d.skipWS(j+1, 1)
	}
	if e, ok := d.word(j, "ban hanh"); ok {
		j = d.skipWS(e, 1)
	}
	e, ok := d.word(j, "ngay")
	if !ok {
		return calendar.Date{}, 0, false
	}
	e = d.skipWS(e, 1)
	dt, end, ok := d.parseDate(e)
	if !ok {
		return calendar.Date{}, 0, false
	}
	return dt, end, true
}
