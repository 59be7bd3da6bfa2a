package directive

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// Normalize returns text in NFC with \r\n and \r turned into \n, form feeds and Unicode line
// separators into \n, tabs, NBSP and other spaces into plain spaces, and zero-width characters
// and soft hyphens removed, the look-alike eth (Ð, ð) made Đ, đ. Every Span is in runes of Normalize(text); Extract calls it itself.
func Normalize(text string) string {
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\n':
			b.WriteByte('\n')
		case r == '\f' || r == '\u2028' || r == '\u2029' || r == '\v':
			b.WriteByte('\n')
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			// zero-width and soft hyphen: invisible, and they break words apart
		case r == '\t' || unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case r < ' ' || r == 0x7f:
			// other control characters carry nothing
		case r == 'Ð' || r == 'ð':
			// the Icelandic eth that TCVN3/VNI converters and OCR put for Đ ("NÐ-CP"): it looks
			// the same, and Vietnamese never means it
			if r == 'Ð' {
				b.WriteRune('Đ')
			} else {
				b.WriteRune('đ')
			}
		case (r == 's' || r == 'S' || r == 'q' || r == 'Q') && splitSyllable(rs, i):
			// OCR splits a syllable after its first consonant ("s ố", "Nghị q uyết"); a lone
			// "s" or "q" is never a Vietnamese word, so the space is noise.
			b.WriteRune(r)
			i++
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitSyllable reports whether rs[i] is a lone "s" or "q" followed by one space and the rest of
// its syllable: "s ố" (only with the circumflex-acute, so "s o" in a list stays) or "q u…".
func splitSyllable(rs []rune, i int) bool {
	if i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
		return false
	}
	if i+2 >= len(rs) || rs[i+1] != ' ' {
		return false
	}
	next := rs[i+2]
	switch rs[i] {
	case 's', 'S':
		return (next == 'ố' || next == 'Ố') && (i+3 >= len(rs) || !unicode.IsLetter(rs[i+3]))
	default:
		return (next == 'u' || next == 'U') && i+3 < len(rs) && unicode.IsLetter(rs[i+3])
	}
}

// doc is a normalized text with its folded view: a[i] is rune r[i] in lower case without
// diacritics (đ → d), one byte per rune, so byte offsets in a are rune offsets in r. Markdown
// bold ("**") folds to spaces, typographic quotes to '"', dashes to '-'; other runes become '~'.
type doc struct {
	r     []rune
	a     []byte
	n     int
	lines []span // each line without its '\n'
	ref   calendar.Date

	// filled while reading
	headerEnd int  // first rune after the header block
	bodyStart int  // first rune of the body (after "Kính gửi" when present)
	bodyEnd   int  // "Nơi nhận" / signature, or n
	headSpan  Span // of "Số: …"
	cites     []citeRange
}

type span struct{ s, e int }

// foldTab folds the runes below U+2000, which hold every Vietnamese letter.
var foldTab = func() (t [0x2000]byte) {
	for r := rune(0); r < 0x2000; r++ {
		t[r] = foldRune(r)
	}
	return t
}()

func foldRune(r rune) byte {
	switch {
	case r == '\n':
		return '\n'
	case r == ' ' || r == '\t' || r == '*':
		return ' '
	case r == 'đ' || r == 'Đ':
		return 'd'
	case r >= 'A' && r <= 'Z':
		return byte(r) + 32
	case r < 0x80:
		return byte(r)
	case unicode.IsLetter(r):
		base := []rune(norm.NFD.String(string(r)))[0]
		base = unicode.ToLower(base)
		if base >= 'a' && base <= 'z' {
			return byte(base)
		}
		return '~'
	case unicode.IsSpace(r):
		return ' '
	}
	switch r {
	case '«', '»':
		return '"'
	case '´':
		return '\''
	}
	return '~'
}

func fold(r rune) byte {
	if r < 0x2000 {
		return foldTab[r]
	}
	switch r {
	case '“', '”', '„', '‟', '″':
		return '"'
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '–', '—', '‐', '‑', '‒', '−':
		return '-'
	case '…':
		return '.'
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return '~'
}

func newDoc(text string) *doc {
	rs := []rune(text)
	d := &doc{r: rs, n: len(rs), a: make([]byte, len(rs))}
	for i, r := range rs {
		d.a[i] = fold(r)
	}
	start := 0
	for i := 0; i <= d.n; i++ {
		if i == d.n || rs[i] == '\n' {
			d.lines = append(d.lines, span{start, i})
			start = i + 1
		}
	}
	d.bodyEnd = d.n
	return d
}

// isAlnum reports whether r[i] is a letter or digit (false out of range).
func (d *doc) isAlnum(i int) bool {
	if i < 0 || i >= d.n {
		return false
	}
	r := d.r[i]
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func (d *doc) isDigit(i int) bool { return i >= 0 && i < d.n && d.r[i] >= '0' && d.r[i] <= '9' }

func (d *doc) isSpace(i int) bool { return i >= 0 && i < d.n && (d.a[i] == ' ' || d.a[i] == '\n') }

// isUpper reports whether r[i] is an upper-case letter.
func (d *doc) isUpper(i int) bool { return i >= 0 && i < d.n && unicode.IsUpper(d.r[i]) }

// skipWS skips spaces and at most maxNL newlines from i; it returns the first other rune's index.
func (d *doc) skipWS(i, maxNL int) int {
	nl := 0
	for i < d.n && (d.a[i] == ' ' || d.a[i] == '\n') {
		if d.a[i] == '\n' {
			nl++
			if nl > maxNL {
				break
			}
		}
		i++
	}
	return i
}

// skipWSBack moves left from i (exclusive) over spaces and at most maxNL newlines; it returns the
// index just after the first other rune to the left.
func (d *doc) skipWSBack(i, maxNL int) int {
	nl := 0
	for i > 0 && (d.a[i-1] == ' ' || d.a[i-1] == '\n') {
		if d.a[i-1] == '\n' {
			nl++
			if nl > maxNL {
				break
			}
		}
		i--
	}
	return i
}

// match matches the folded pattern p at i: a space in p matches one or more spaces or newlines
// (at most one newline). It returns the end of the match. The caller checks word boundaries.
func (d *doc) match(i int, p string) (int, bool) {
	for k := 0; k < len(p); k++ {
		if p[k] == ' ' {
			if i >= d.n || !d.isSpace(i) {
				return 0, false
			}
			i = d.skipWS(i, 1)
			continue
		}
		if i >= d.n || d.a[i] != p[k] {
			return 0, false
		}
		i++
	}
	return i, true
}

// word matches p at i as whole words: no letter or digit right before i or right after the end.
func (d *doc) word(i int, p string) (int, bool) {
	if d.isAlnum(i - 1) {
		return 0, false
	}
	e, ok := d.match(i, p)
	if !ok || d.isAlnum(e) {
		return 0, false
	}
	return e, true
}

// wordVN matches the lower-case Vietnamese pattern p at i as whole words, diacritics included
// (so "quý" is not "quy", "năm" is not "Nam", "sáu" is not "sau").
func (d *doc) wordVN(i int, p string) (int, bool) {
	if d.isAlnum(i - 1) {
		return 0, false
	}
	for _, pr := range p {
		if pr == ' ' {
			if !d.isSpace(i) {
				return 0, false
			}
			i = d.skipWS(i, 1)
			continue
		}
		if i >= d.n || unicode.ToLower(d.r[i]) != pr {
			return 0, false
		}
		i++
	}
	if d.isAlnum(i) {
		return 0, false
	}
	return i, true
}

// wordBefore matches p as whole words ending exactly at end; it returns where the match starts.
func (d *doc) wordBefore(end int, p string) (int, bool) {
	i := end
	for k := len(p) - 1; k >= 0; k-- {
		if p[k] == ' ' {
			if !d.isSpace(i - 1) {
				return 0, false
			}
			i = d.skipWSBack(i, 1)
			continue
		}
		if i <= 0 || d.a[i-1] != p[k] {
			return 0, false
		}
		i--
	}
	if d.isAlnum(i-1) || d.isAlnum(end) {
		return 0, false
	}
	return i, true
}

// text returns r[s:e] with its whitespace collapsed and markdown bold markers removed.
func (d *doc) text(s, e int) string {
	s, e = d.clamp(s, e)
	return clean(string(d.r[s:e]))
}

// clean collapses whitespace and removes '*' (markdown bold from converters).
func clean(s string) string {
	if strings.ContainsRune(s, '*') {
		s = strings.ReplaceAll(s, "*", "")
	}
	return strings.Join(strings.Fields(s), " ")
}

// lineOf returns the index of the line holding rune i.
func (d *doc) lineOf(i int) int {
	lo, hi := 0, len(d.lines)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if d.lines[m].s <= i {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// trimLine returns the first and last+1 non-space rune of line l (markdown '*' counts as space).
func (d *doc) trimLine(l int) (int, int) {
	s, e := d.lines[l].s, d.lines[l].e
	for s < e && d.a[s] == ' ' {
		s++
	}
	for e > s && d.a[e-1] == ' ' {
		e--
	}
	return s, e
}

// readWord returns the end of the run of letters and digits starting at i.
func (d *doc) readWord(i int) int {
	for i < d.n && d.isAlnum(i) {
		i++
	}
	return i
}

// lowerWord returns r[s:e] in lower case with its diacritics.
func (d *doc) lowerWord(s, e int) string {
	return strings.ToLower(string(d.r[s:e]))
}

// fstr returns the folded view a[s:e] as a string.
func (d *doc) fstr(s, e int) string {
	s, e = d.clamp(s, e)
	return string(d.a[s:e])
}

// clamp keeps s:e inside the text; a span that is empty or reversed becomes an empty one.
func (d *doc) clamp(s, e int) (int, int) {
	s, e = max(s, 0), min(e, d.n)
	if s >= e {
		return 0, 0
	}
	return s, e
}

// indexFold returns the first index ≥ from and < to where the folded text has p as whole words
// (spaces in p match runs of whitespace), or -1.
func (d *doc) indexFold(from, to int, p string) (int, int) {
	if to > d.n {
		to = d.n
	}
	first := p[0]
	for i := from; i < to; i++ {
		if d.a[i] != first {
			continue
		}
		if e, ok := d.word(i, p); ok && e <= to {
			return i, e
		}
	}
	return -1, -1
}
