package directive

import (
	"strings"

	"github.com/danvan-vn/danvan/internal/calendar"
)

type citeRange struct{ s, e int }

// cand is a citation before deduplication.
type cand struct {
	start, end int // type word (or "số", or symbol) … date or symbol end
	sym        symbol
	typ        string
	date       calendar.Date
	issuer     string
	issuerEnd  int // end of "của …", or end
	title      string
	typed      bool // a type word is written before it ("Quyết định số …"), not only "số" or nothing
}

// issuerStops are lower-case words that end an issuer phrase ("của Ban Bí thư về …", "của Ban
// Chỉ đạo nhấn mạnh"). Capitalized words never stop it: "Ban Chỉ đạo", "Tỉnh ủy".
var issuerStops = toSet("về", "theo", "tại", "để", "nhằm", "thực", "hướng", "quy", "trong", "đối",
	"đã", "gắn", "cho", "là", "được", "nhấn", "yêu", "chỉ", "đề", "kết", "triển", "tổ", "phê",
	"sửa", "bổ", "giao", "có", "như", "nêu", "nay", "này", "đến", "từ", "qua", "với", "khi",
	"thì", "nên", "vì", "mà", "sau", "trước", "lần", "trên", "dưới", "bằng", "cũng", "đều",
	"đang", "sẽ", "vừa", "mới", "phải", "cần", "nhưng", "hoặc", "hay", "rằng", "số", "ngày",
	"tháng", "kế", "nghị", "quyết", "chương", "thông", "tăng", "đẩy", "tiếp", "tiến", "nâng",
	"thống", "tuyên", "đánh", "xây", "hỗ", "sơ", "tổng", "lãnh", "ban-hành", "v", "vv", "gồm",
	"trình", "ký", "hiện", "quán", "tham", "phối", "chủ", "làm", "đôn", "kiểm", "giám", "năm")

// issuerSyllables may follow a lower-case word in an issuer besides nameSyllables: "Hội đồng
// nhân dân tỉnh khóa XVII, kỳ họp thứ 5".
var issuerSyllables = toSet("khóa", "khoá", "kỳ", "họp", "thứ", "phủ", "tướng", "hành", "thư", "vụ")

func toSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// citations finds every number-symbol cited in the text, deduplicated by Key in text order.
func (d *doc) citations(h Header) []Citation {
	var cs []cand
	for i := 0; i < d.bodyEnd; i++ {
		if !d.isDigit(i) {
			continue
		}
		sym, ok := d.scanSymbol(i)
		if !ok {
			for i+1 < d.n && d.isDigit(i+1) {
				i++
			}
			continue
		}
		i = sym.e - 1
		if sym.s < d.headSpan[1] && sym.e > d.headSpan[0] {
			continue // the document's own "Số: …"
		}
		c := cand{start: sym.s, end: sym.e, sym: sym}
		explicit := false
		j := d.skipWSBack(sym.s, 1)
		if j > 0 && d.r[j-1] == ':' {
			j = d.skipWSBack(j-1, 1)
		}
		if st, ok := d.wordBefore(j, "so"); ok {
			explicit = true
			c.start = st
			j = d.skipWSBack(st, 1)
			if j > 0 && d.r[j-1] == ':' {
				j = d.skipWSBack(j-1, 1)
			}
		}
		typed := false
		for _, tw := range typeWords {
			if st, ok := d.wordBefore(j, tw.fold); ok {
				c.typ, c.start, typed, explicit = tw.name, st, true, true
				break
			}
		}
		if !explicit && (!sym.hasSlash || TypeOfSymbol(sym.norm) == "") {
			continue
		}
		if !typed || c.typ == "" {
			c.typ = TypeOfSymbol(sym.norm)
			if c.typ == "" && IsCongVanShape(sym.norm) {
				c.typ = "Công văn"
			}
		}
		c.typed = typed
		cs = append(cs, c)
	}
	for k := range cs {
		limit := d.bodyEnd
		if k+1 < len(cs) {
			limit = cs[k+1].start
		}
		d.describe(&cs[k], limit)
		d.cites = append(d.cites, citeRange{cs[k].start, cs[k].end})
	}
	// "Quyết định số 12/QĐ-UBND và Quyết định số 13/QĐ-UBND của UBND tỉnh": the issuer after
	// a pair of the same type belongs to both. Across types it usually does not ("Nghị quyết
	// số 25-NQ/TW … và Kết luận số 43-KL/TW … của Ban Bí thư": the Resolution is the Central
	// Committee's), so it is left empty there.
	for k := len(cs) - 2; k >= 0; k-- {
		if cs[k].issuer != "" || cs[k+1].issuer == "" || cs[k].typ != cs[k+1].typ {
			continue
		}
		gap := strings.TrimSpace(d.fstr(cs[k].end, cs[k+1].start))
		if gap == "va" || gap == "," || gap == ", va" {
			cs[k].issuer = cs[k+1].issuer
		}
	}

	// "Quyết định số 217-QĐ/TW, 218-QĐ/TW ngày 12/12/2013": a bare symbol listed after another
	// of the same type shares its date. A repeated type word ("Nghị định số 04/2015/NĐ-CP và
	// Nghị định số 24/2021/NĐ-CP ngày 23/3/2021") marks separate references, each with its own.
	for k := len(cs) - 2; k >= 0; k-- {
		a, b := &cs[k], &cs[k+1]
		if !a.date.IsZero() || b.date.IsZero() || a.typ != b.typ || a.typ == "" {
			continue
		}
		// "Nghị quyết số 18-NQ/TW, Nghị quyết số 19-NQ/TW ngày 25/10/2017": even with the type
		// repeated, consecutive numbers of one series were issued together.
		if b.typed && !consecutive(a.sym.norm, b.sym.norm) {
			continue
		}
		gap := strings.TrimSpace(d.fstr(a.end, b.start))
		if gap != "va" && gap != "," && gap != ", va" {
			continue
		}
		if y := symbolYear(a.sym.norm); y != 0 && y != b.date.Year {
			continue
		}
		a.date = b.date
	}

	self := ""
	if h.NumberSymbol != "" {
		self = Key(h.NumberSymbol)
	}
	out := []Citation{}
	idx := map[string]int{}
	for _, c := range cs {
		key := Key(c.sym.norm)
		if key == self {
			continue
		}
		if k, ok := idx[key]; ok {
			o := &out[k]
			if o.Type == "" {
				o.Type = c.typ
			}
			if o.Date.IsZero() && !c.date.IsZero() {
				o.Date, o.DateISO = c.date, c.date.ISO()
			}
			if o.Issuer == "" {
				o.Issuer = c.issuer
			}
			if o.Title == "" {
				o.Title = c.title
			}
			continue
		}
		idx[key] = len(out)
		out = append(out, Citation{Type: c.typ, NumberSymbol: c.sym.norm, Key: key, Date: c.date,
			DateISO: c.date.ISO(), Issuer: c.issuer, Title: c.title, Span: Span{c.start, c.end}})
	}
	return out
}

// describe reads the date, issuer and title after a citation's symbol, not past limit (the next
// citation).
func (d *doc) describe(c *cand, limit int) {
	after := c.sym.e
	if dt, e, ok := d.dateAfterNgay(after); ok && e <= limit {
		c.date, c.end, after = dt, e, e
	}
	c.issuerEnd = after
	j := d.skipWS(after, 1)
	if e, ok := d.word(j, "nam"); ok && c.date.IsZero() {
		// "Kế hoạch số 123/KH-UBND năm 2022 của UBND tỉnh": a year is no date, but the issuer follows
		if y, ye, ok := d.readInt(d.skipWS(e, 0), 4); ok && y >= 1945 && ye < limit {
			j = d.skipWS(ye, 1)
		}
	}
	if j < limit && d.r[j] == ',' {
		j = d.skipWS(j+1, 1)
	}
	if e, ok := d.word(j, "cua"); ok && e < limit {
		s := d.skipWS(e, 1)
		ie := d.readIssuer(s, limit)
		if ie > s {
			c.issuer = trimIssuer(d.text(s, ie))
			after = ie
			c.issuerEnd = ie
			// "Quyết định số 178/QĐ-UBND của UBND tỉnh ngày 31/01/2024": the date may follow the
			// issuer instead of the symbol.
			if c.date.IsZero() && after < limit && d.r[after] != ',' {
				if dt, e, ok := d.dateAfterNgay(after); ok && e <= limit {
					c.date, c.end, after = dt, e, e
				}
			}
		}
	}
	c.title = d.readTitle(after, limit)
}

// nextWord skips the whitespace from i (not past limit) to where a phrase's next word starts,
// counting the line breaks it crosses. ok is false where the phrase ends there: at limit, at a
// blank line, or at a line that starts something else (d.lineStops).
func (d *doc) nextWord(i, limit int) (j, nl int, ok bool) {
	j = i
	for j < limit && d.isSpace(j) {
		if d.a[j] == '\n' {
			nl++
		}
		j++
	}
	return j, nl, !(j >= limit || nl >= 2 || nl == 1 && d.lineStops(j))
}

// readIssuer returns the end of the issuer phrase starting at s.
func (d *doc) readIssuer(s, limit int) int {
	i, last := s, s
	prevCap := false
	for words := 0; words < 14; words++ {
		j, nl, ok := d.nextWord(i, limit)
		if !ok {
			break
		}
		if d.a[j] == '-' && j > i && words > 0 {
			k := d.skipWS(j+1, 0)
			if k == j+1 || !d.isUpper(k) {
				break
			}
			j = k
		}
		if d.r[j] == ',' && words > 0 && nl == 0 {
			// "của Bộ Chính trị, Ban Bí thư;": a co-issuer when the next unit ends the clause;
			// "của Ban Bí thư, Sở Nội vụ đề nghị": the main clause's subject
			k := d.skipWS(j+1, 0)
			if _, ok := d.unitStart(k); ok && d.isUpper(k) {
				sub := d.readIssuer(k, limit)
				m := d.skipWS(sub, 0)
				_, ve := d.word(m, "ve")
				if sub > k && (m >= limit || strings.ContainsRune(";.,:", d.r[m]) || ve) {
					last = sub
				}
			}
			break
		}
		if !d.isAlnum(j) {
			break
		}
		if pe, ok := d.issuerPhrase(j); ok && words > 0 || ok && d.isUpper(j) {
			last, i, prevCap = pe, pe, true
			continue
		}
		we := d.readWord(j)
		if !d.isUpper(j) && !d.isDigit(j) {
			w := d.lowerWord(j, we)
			if issuerStops[w] {
				break
			}
			if w == "ban" {
				if _, ok := d.word(d.skipWS(we, 1), "hanh"); ok {
					break
				}
			}
			if w == "và" {
				k := d.skipWS(we, 1)
				if k >= limit || !d.isUpper(k) || d.startsType(k) {
					break
				}
			} else if !prevCap && !nameSyllables[w] && !issuerSyllables[w] {
				break // "của Ban Thường vụ Tỉnh ủy còn chậm"
			}
		} else if words > 0 && d.startsType(j) {
			break
		}
		prevCap = d.isUpper(j) && !(we-j > 1 && noLower(d.r[j:we]))
		last, i = we, we
	}
	return last
}

// startsType reports whether a type word followed by "số" or a digit starts at i.
func (d *doc) startsType(i int) bool {
	for _, tw := range typeWords {
		if e, ok := d.word(i, tw.fold); ok {
			k := d.skipWS(e, 1)
			if _, ok := d.word(k, "so"); ok || d.isDigit(k) {
				return true
			}
		}
	}
	return false
}

// lineStops reports whether the line starting at i cannot continue a phrase of the previous
// line: a place-date line, "Kính gửi", a list item, an upper-case line.
func (d *doc) lineStops(i int) bool {
	l := d.lineOf(i)
	s, e := d.trimLine(l)
	if s >= e {
		return true
	}
	if d.isPlaceDateLine(l) || d.lineMarker(l).kind != mkNone || d.allUpper(s, e) {
		return true
	}
	if _, ok := d.word(s, "kinh gui"); ok {
		return true
	}
	return false
}

func trimIssuer(s string) string {
	s = strings.TrimRight(s, " ,;:.-")
	return s
}

// readTitle reads a quoted title, or the "về …" phrase, at i.
func (d *doc) readTitle(i, limit int) string {
	k := d.skipWS(i, 1)
	if k < limit && d.r[k] == '(' {
		// "của Ban Chấp hành Trung ương Đảng (khóa XI) về …"
		for m := k + 1; m < limit && m < k+60; m++ {
			if d.r[m] == ')' {
				k = d.skipWS(m+1, 1)
				break
			}
		}
	}
	if k < limit && d.r[k] == ',' {
		k = d.skipWS(k+1, 1)
	}
	ve := false
	for _, p := range []string{"ve viec", "v/v", "ve"} {
		if e, ok := d.word(k, p); ok && e < limit {
			k, ve = d.skipWS(e, 1), true
			break
		}
	}
	verb := false
	if !ve && k < d.n && !d.isUpper(k) {
		// "… của Bộ Nội vụ hướng dẫn thể thức …", "… của Chính phủ quy định chi tiết …": the
		// summary of a Thông tư or Nghị định starts with its verb
		for _, p := range []string{"huong dan", "quy dinh"} {
			if e, ok := d.word(k, p); ok && e < limit && !d.startsType(k) {
				ve, verb = true, true
				break
			}
		}
	}
	if k < limit && k < d.n && d.r[k] == ':' {
		k = d.skipWS(k+1, 1)
	}
	for k < limit && k < d.n && d.r[k] == '*' {
		k++
	}
	if k < limit && k < d.n && d.a[k] == '"' {
		for m := k + 1; m < d.n && m < k+600; m++ {
			if d.a[m] == '"' {
				return strings.Trim(d.text(k+1, m), " \"'“”")
			}
			if d.a[m] == '\n' && m+1 < d.n && d.a[d.skipWS(m+1, 0)] == '\n' {
				break
			}
		}
		return ""
	}
	if !ve {
		return ""
	}
	m := k
	for ; m < limit && m < d.n && m-k < 300; m++ {
		c := d.a[m]
		if c == ';' || c == ':' || c == '(' || c == ')' { // ')': a citation inside brackets
			break
		}
		if c == '.' && !d.isDigit(m-1) && (m+1 >= d.n || d.isSpace(m+1)) {
			break
		}
		if c == ',' {
			// "…, chính quyền các cấp, Chủ tịch UBND tỉnh yêu cầu:": the main clause's subject
			if k := d.skipWS(m+1, 1); d.isUpper(k) {
				if _, ok := d.unitStart(k); ok {
					break
				}
			}
		}
		if c == '\n' && m+1 < d.n && d.a[d.skipWS(m+1, 0)] == '\n' {
			break
		}
		if c == ' ' && m+1 < d.n && d.a[m+1] == 'v' {
			// "… ở cơ sở và Luật Thực hiện dân chủ ở cơ sở, …": another document begins
			if ve, ok := d.word(m+1, "va"); ok {
				if t := d.skipWS(ve, 1); d.isUpper(t) && d.typeWordAt(t) {
					break
				}
			}
		}
	}
	t := trimTitle(d.text(k, m))
	if verb && strings.Contains(t, "như sau") {
		return "" // "… của Sở Nội vụ hướng dẫn như sau": the main clause, not a summary
	}
	return t
}

// trimTitle drops the conjunctions a "về …" phrase ends with before the next citation.
func trimTitle(s string) string {
	for {
		t := strings.TrimRight(s, " ,;-")
		for _, suf := range []string{" gắn với việc thực hiện", " gắn với thực hiện", " gắn với", " và",
			" với", " của", " theo", " cùng", " tại", " và các", " để thực hiện"} {
			t = strings.TrimSuffix(t, suf)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// symbolYear returns the year part of a state symbol ("23/2021/QĐ-UBND" → 2021), or 0.
func symbolYear(sym string) int {
	parts, seps := splitSymbol(sym)
	if len(parts) > 2 && seps[0] == '/' && len(parts[1]) == 4 && allDigits(parts[1]) {
		y := 0
		for _, c := range parts[1] {
			y = y*10 + int(c-'0')
		}
		return y
	}
	return 0
}

// ordinals are the folded words of "lần thứ …" in a conference's name.
var ordinals = []string{"muoi lam", "muoi bon", "muoi ba", "muoi hai", "muoi mot", "muoi", "nhat", "hai",
	"ba", "tu", "nam", "sau", "bay", "tam", "chin"}

// issuerPhrase matches at i a fixed lower-case run inside an issuer's name, which the word rules
// would cut: "Hội nghị lần thứ sáu Ban Chấp hành Trung ương", and a steering committee's
// "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh". It returns the run's end.
func (d *doc) issuerPhrase(i int) (int, bool) {
	if d.r[i] == 'H' {
		if e, ok := d.word(i, "hoi nghi"); ok {
			k := d.skipWS(e, 1)
			if le, ok := d.word(k, "lan thu"); ok {
				k = d.skipWS(le, 1)
				if d.isDigit(k) {
					return d.readWord(k), true
				}
				for _, o := range ordinals {
					if oe, ok := d.word(k, o); ok {
						return oe, true
					}
				}
			}
			return e, true
		}
	}
	if b, ok := d.wordBefore(d.skipWSBack(i, 1), "chi dao"); ok && b > 0 {
		for _, p := range []string{"thuc hien quy che dan chu o co so", "quy che dan chu o co so",
			"cong tac dan van chinh quyen", "cong tac dan van"} {
			if e, ok := d.word(i, p); ok {
				return e, true
			}
		}
	}
	return 0, false
}

// typeWordAt reports whether a document type word starts at i.
func (d *doc) typeWordAt(i int) bool {
	for _, tw := range typeWords {
		if _, ok := d.word(i, tw.fold); ok && tw.name != "" {
			return true
		}
	}
	return false
}

// consecutive reports whether two symbols are numbers n and n+1 of the same series
// ("18-NQ/TW", "19-NQ/TW"), with no year in them.
func consecutive(a, b string) bool {
	na, ra := leadingInt(a)
	nb, rb := leadingInt(b)
	return na > 0 && nb == na+1 && ra == rb && symbolYear(a) == 0 && symbolYear(b) == 0
}

// leadingInt splits a symbol into its leading number and the rest.
func leadingInt(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 6 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:]
}
