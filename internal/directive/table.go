package directive

import (
	"strings"
)

// taskTable is the column layout of a task table, as internal/intake renders a .docx table: one
// row per line, cells joined with " | ". Its header names the columns: "STT | Nội dung | Đơn vị
// chủ trì | Đơn vị phối hợp | Thời gian hoàn thành". A column index is -1 when absent.
type taskTable struct {
	num, content, lead, coord, due int
}

// cells splits line l at '|' into trimmed cell spans.
func (d *doc) cells(l int) []span {
	s, e := d.trimLine(l)
	var out []span
	cs := s
	for i := s; i <= e; i++ {
		if i < e && d.r[i] != '|' {
			continue
		}
		a, b := cs, i
		for a < b && d.a[a] == ' ' {
			a++
		}
		for b > a && d.a[b-1] == ' ' {
			b--
		}
		out = append(out, span{a, b})
		cs = i + 1
	}
	return out
}

// tableHeader reads line l as a task table's header: a numbering column first, and columns for
// the content and the lead unit at least. A statistics table ("STT | Chỉ tiêu | Năm 2023 | …")
// has no lead column and is no task table.
func (d *doc) tableHeader(l int) (taskTable, bool) {
	t := taskTable{-1, -1, -1, -1, -1}
	s, e := d.trimLine(l)
	if !d.hasPipe(s, e) {
		return t, false
	}
	cs := d.cells(l)
	if len(cs) < 3 {
		return t, false
	}
	for k, c := range cs {
		f := d.fstr(c.s, c.e)
		has := func(p string) bool { return strings.Contains(" "+f+" ", " "+p) }
		switch {
		case k == 0 && (f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu"):
			t.num = k
		case t.lead < 0 && (has("chu tri") || has("thuc hien") && has("don vi") || has("tham muu")):
			t.lead = k
		case t.coord < 0 && has("phoi hop"):
			t.coord = k
		case t.due < 0 && (has("thoi gian") || has("thoi han") || has("tien do") || has("han hoan thanh")):
			t.due = k
		case t.content < 0 && (has("noi dung") || has("nhiem vu") || has("cong viec") || has("ten")):
			t.content = k
		}
	}
	return t, t.num == 0 && t.content > 0 && t.lead > 0
}

// tableRow reads line l as a row of table t: its number cell (a plain number, "1." too) and its
// cells; ok is false for a line that is no row (the table ends there) and for a group row
// ("I | CÔNG TÁC TUYÊN TRUYỀN"), which tells the caller to skip it.
func (d *doc) tableRow(t taskTable, l int) (number string, cs []span, row, ok bool) {
	s, e := d.trimLine(l)
	if !d.hasPipe(s, e) {
		return "", nil, false, false
	}
	cs = d.cells(l)
	if len(cs) <= t.lead || len(cs) <= t.content {
		return "", nil, true, false
	}
	n := cs[t.num]
	v, ve, isNum := d.readInt(n.s, 3)
	if !isNum || !(ve == n.e || ve+1 == n.e && (d.r[ve] == '.' || d.r[ve] == ')')) || v == 0 {
		return "", nil, true, false
	}
	return d.text(n.s, ve), cs, true, true
}

// tableTask builds the task of one row.
func (d *doc) tableTask(t taskTable, number string, cs []span) Task {
	c := cs[t.content]
	task := Task{Number: number, Content: d.text(c.s, c.e), Span: Span{cs[0].s, cs[len(cs)-1].e}}
	task.Lead = d.cellUnits(cs[t.lead])
	if t.coord >= 0 && t.coord < len(cs) {
		task.Coordinating = d.cellUnits(cs[t.coord])
	}
	task.Deadline = Deadline{Kind: KindNone}
	if t.due >= 0 && t.due < len(cs) {
		if x, ok := d.labelled(cs[t.due].s, cs[t.due].s, cs[t.due].e); ok {
			task.Deadline = x.Deadline
		}
	}
	if task.Deadline.Kind == KindNone {
		task.Deadline = d.deadline(c.s, c.e)
	}
	task.RequiresPlan, task.PlanDue = d.plan(c.s, c.e)
	return task
}

// cellUnits reads the units of a table cell: "Sở Thông tin và Truyền thông; UBND các huyện,
// thành phố". A cell that opens no known unit phrase is one unit as written.
func (d *doc) cellUnits(c span) []UnitRef {
	if c.s >= c.e {
		return nil
	}
	if _, ok := d.unitStart(c.s); ok {
		if us := d.splitUnits(c.s, d.trimUnitEnd(c.s, c.e)); len(us) > 0 {
			return us
		}
	}
	e := d.trimUnitEnd(c.s, c.e)
	if e <= c.s {
		return nil
	}
	t := d.text(c.s, e)
	return []UnitRef{{Text: t, Group: unitGroup(FoldName(t)), Span: Span{c.s, e}}}
}

// hasPipe reports whether r[s:e] holds a cell separator.
func (d *doc) hasPipe(s, e int) bool {
	for i := s; i < e; i++ {
		if d.a[i] == '|' {
			return true
		}
	}
	return false
}
