package directive

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// item is a list item of the body while tasks are read.
type item struct {
	m       marker
	rank    int
	number  string
	parent  *item
	section string
	lines   []int // own lines: the marker line and its continuation paragraphs
	kids    int
	task    int // index in the result
	row     *tableItem
}

// tableItem is a task table's row.
type tableItem struct {
	t     taskTable
	cells []span
}

// readTable reads the rows after the header at line h into items, numbered prefix + the row's
// number; it returns the last line of the table. Rows of a skipped section are read and dropped.
func (d *doc) readTable(t taskTable, h int, prefix, section string, skip bool, items *[]*item, used map[string]int) int {
	last := h
	for l := h + 1; l < len(d.lines); l++ {
		s, e := d.trimLine(l)
		if s >= e {
			continue // a blank line between rows
		}
		number, cs, isRow, ok := d.tableRow(t, l)
		if !isRow {
			break
		}
		last = l
		if !ok || skip {
			continue
		}
		it := &item{number: prefix + number, section: section, lines: []int{l}, row: &tableItem{t, cs}}
		if n := used[it.number]; n > 0 {
			used[it.number] = n + 1
			it.number += "-" + strconv.Itoa(n+1)
		} else {
			used[it.number] = 1
		}
		*items = append(*items, it)
	}
	return last
}

// skippedSections are Roman-numeral headings whose items are not tasks: the purpose and
// requirements of a plan, a review's results.
var skippedSections = []string{"muc dich", "muc tieu", "quan diem", "yeu cau", "danh gia", "ket qua",
	"tinh hinh", "can cu", "dac diem", "thuc trang", "han che", "nguyen nhan", "bai hoc", "nhung ket qua",
	"mot so ket qua", "tom tat"}

func rankOf(m marker) int {
	switch m.kind {
	case mkNum:
		return m.depth
	case mkLetter:
		return 10
	case mkDash:
		return 20
	case mkPlus:
		return 30
	}
	return 0
}

// tasks reads the numbered items of the body. Roman-numeral headings are sections, not tasks;
// "1.", "a)", "-", "+" nest in that order; an unmarked paragraph belongs to the item before it;
// the closing paragraph ("…./.", "Trên đây là …"), "Nơi nhận" and the signature end the list.
func (d *doc) tasks() []Task {
	first := len(d.lines)
	for l := range d.lines {
		if d.lines[l].s >= d.bodyStart {
			first = l
			break
		}
	}
	hasSections := false
	for l := first; l < len(d.lines) && d.lines[l].s < d.bodyEnd; l++ {
		if d.lineMarker(l).kind == mkRoman {
			hasSections = true
			break
		}
	}
	var items []*item
	var stack []*item
	var cur *item
	section, sectionTitle, skip := "", "", false
	topCount := 0
	used := map[string]int{}
	for l := first; l < len(d.lines) && d.lines[l].s < d.bodyEnd; l++ {
		s, e := d.trimLine(l)
		if s >= e {
			continue
		}
		if tt, ok := d.tableHeader(l); ok {
			prefix := ""
			if hasSections && section != "" {
				prefix = section + "."
			}
			l = d.readTable(tt, l, prefix, sectionTitle, skip, &items, used)
			stack, cur = nil, nil
			continue
		}
		m := d.lineMarker(l)
		if m.kind == mkNone {
			if d.closing(s, e) {
				break
			}
			if cur != nil {
				cur.lines = append(cur.lines, l)
			}
			continue
		}
		if m.kind == mkRoman {
			section, skip = m.label, d.skippedSection(m.text, e)
			sectionTitle = d.text(m.text, e)
			stack, cur, topCount = nil, nil, 0
			continue
		}
		if skip {
			cur = nil
			continue
		}
		if _, ok := d.word(m.text, "can cu"); ok && (m.kind == mkDash || m.kind == mkPlus) {
			cur = nil
			continue
		}
		rank := rankOf(m)
		for len(stack) > 0 && stack[len(stack)-1].rank >= rank {
			stack = stack[:len(stack)-1]
		}
		it := &item{m: m, rank: rank, lines: []int{l}}
		if hasSections {
			it.section = sectionTitle
		}
		prefix := ""
		if hasSections && section != "" {
			prefix = section + "."
		}
		if len(stack) > 0 {
			it.parent = stack[len(stack)-1]
			it.parent.kids++
		} else {
			topCount++
		}
		switch {
		case m.kind == mkNum && it.parent != nil && m.depth > 1:
			it.number = prefix + m.label
		case m.kind == mkNum && it.parent == nil:
			it.number = prefix + m.label
		case m.kind == mkLetter && it.parent != nil:
			it.number = it.parent.number + "." + m.label
		case m.kind == mkLetter:
			it.number = prefix + m.label
		case it.parent != nil:
			it.number = it.parent.number + "." + strconv.Itoa(it.parent.kids)
		default:
			it.number = prefix + strconv.Itoa(topCount)
		}
		if n := used[it.number]; n > 0 {
			used[it.number] = n + 1
			it.number += "-" + strconv.Itoa(n+1)
		} else {
			used[it.number] = 1
		}
		stack = append(stack, it)
		items = append(items, it)
		cur = it
		if d.endsDocument(s, e) {
			break
		}
	}

	// Task tables in an appendix after the signature ("PHỤ LỤC … (Kèm theo Kế hoạch số …)"):
	// their rows are numbered PL.1, PL.2…
	bodyLast := len(d.lines)
	if d.bodyEnd < d.n {
		bodyLast = d.lineOf(d.bodyEnd)
	}
	for l := bodyLast; l < len(d.lines); l++ {
		if tt, ok := d.tableHeader(l); ok {
			l = d.readTable(tt, l, "PL.", "", false, &items, used)
		}
	}

	out := make([]Task, 0, len(items))
	for i, it := range items {
		if it.row != nil {
			t := d.tableTask(it.row.t, it.number, it.row.cells)
			t.Section = it.section
			it.task = i
			out = append(out, t)
			continue
		}
		last := it.lines[len(it.lines)-1]
		_, end := d.trimLine(last)
		t := Task{Number: it.number, Section: it.section, Content: d.itemContent(it), Span: Span{it.m.s, end}}
		if it.parent != nil {
			t.Parent = it.parent.number
		}
		t.Lead, t.Coordinating = d.leads(it.m.text, end)
		if len(t.Lead) == 0 && it.parent != nil {
			t.Lead = append([]UnitRef(nil), out[it.parent.task].Lead...)
		}
		t.Deadline = d.deadline(it.m.text, end)
		t.RequiresPlan, t.PlanDue = d.plan(it.m.text, end)
		it.task = i
		out = append(out, t)
	}
	return out
}

func (d *doc) skippedSection(s, e int) bool {
	f := d.fstr(s, e)
	for _, p := range skippedSections {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// closing reports whether an unmarked paragraph closes the text: "… thực hiện./.", "Trên đây
// là …", "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc …".
func (d *doc) closing(s, e int) bool {
	if d.endsDocument(s, e) {
		return true
	}
	if _, ok := d.word(s, "tren day"); ok {
		return true
	}
	if _, ok := d.word(s, "trong qua trinh"); ok {
		f := d.fstr(s, e)
		return strings.Contains(f, "vuong mac") || strings.Contains(f, "kho khan")
	}
	return false
}

// endsDocument reports whether r[s:e] ends with "./." (the end-of-text mark).
func (d *doc) endsDocument(s, e int) bool {
	for e > s && (d.r[e-1] == '*' || d.r[e-1] == ' ') {
		e--
	}
	return e-s >= 3 && string(d.r[e-3:e]) == "./."
}

// itemContent joins an item's own lines: a line that ends a sentence and a line that starts a new
// one are separate paragraphs ("\n"); otherwise the line was wrapped (" ").
func (d *doc) itemContent(it *item) string {
	var b strings.Builder
	prevEnd := rune(0)
	for k, l := range it.lines {
		s, e := d.trimLine(l)
		if k == 0 {
			s = it.m.text
		}
		t := d.text(s, e)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			first := []rune(t)[0]
			newPara := unicode.IsUpper(first) || unicode.IsDigit(first) || first == '"' || first == '“'
			// "1. Đánh giá chung" then its text: a short heading stands alone
			heading := k == 1 && utf8.RuneCountInString(b.String()) < 60
			if newPara && (strings.ContainsRune(".;:!?", prevEnd) || heading) {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		rs := []rune(t)
		prevEnd = rs[len(rs)-1]
	}
	return strings.TrimSuffix(b.String(), "./.")
}

// leads finds the lead and coordinating units of the item text r[s:e].
func (d *doc) leads(s, e int) (lead, coord []UnitRef) {
	if _, ok := d.unitStart(s); ok {
		// "UBND tỉnh giao Sở Nội vụ chủ trì …": the one who assigns is not the lead
		pe := d.readUnitPhrase(s, e)
		if _, giao := d.word(d.skipWS(pe, 1), "giao"); !giao {
			lead = addUnits(lead, d.unitsAt(s, e))
		}
	}
	for i := s; i < e; i++ {
		switch d.a[i] {
		case 'g', 'd', 'y':
			for _, p := range []string{"giao", "de nghi", "yeu cau"} {
				if we, ok := d.word(i, p); ok {
					lead = addUnits(lead, d.unitsAt(d.skipWS(we, 1), e))
					break
				}
			}
		case 'c', 'l':
			for _, p := range []string{"chu tri", "lam dau moi", "la co quan dau moi", "la co quan chu tri", "la co quan thuong truc"} {
				if _, ok := d.word(i, p); ok && !d.isUpper(i) {
					lead = addUnits(lead, d.subjectBefore(s, i))
					break
				}
			}
		case 'p':
			if we, ok := d.word(i, "phoi hop"); ok {
				k := d.skipWS(we, 1)
				if ce, ok := d.word(k, "chat che"); ok {
					k = d.skipWS(ce, 1)
				}
				if ve, ok := d.word(k, "voi"); ok {
					k = d.skipWS(ve, 1)
				}
				coord = addUnits(coord, d.unitsAt(k, e))
			}
		}
	}
	return lead, coord
}

// subjectBefore returns the units written just before the verb at v ("Sở Nội vụ chủ trì"): the
// clause from the last '.', ';', ':' or "Giao"/"Đề nghị" before v.
func (d *doc) subjectBefore(s, v int) []UnitRef {
	cs := s
	for k := v - 1; k >= s; k-- {
		if c := d.r[k]; c == '.' || c == ';' || c == ':' || c == '\n' && k > s && d.r[k-1] == '\n' {
			cs = k + 1
			break
		}
	}
	cs = d.skipWS(cs, 1)
	for _, p := range []string{"giao", "de nghi", "yeu cau"} {
		if e, ok := d.word(cs, p); ok {
			cs = d.skipWS(e, 1)
		}
	}
	if _, ok := d.unitStart(cs); !ok {
		return nil
	}
	pe := d.readUnitPhrase(cs, v)
	k := d.skipWS(pe, 1)
	if k < v && d.r[k] == ',' {
		k = d.skipWS(k+1, 1)
	}
	if k != v {
		return nil
	}
	return d.splitUnits(cs, d.trimUnitEnd(cs, pe))
}
