package directive

import (
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// dl is a deadline found at a position.
type dl struct {
	Deadline
	s, e int
}

// sentence returns the bounds of the sentence holding i inside [s, e): from the '.' before to
// the '.' after (not a decimal point). A ';' does not end it: a report's frequency and its
// deadline often sit on either side of one.
func (d *doc) sentence(i, s, e int) (int, int) {
	a := i
	for a > s && !(d.r[a-1] == '.' && !d.isDigit(a-2)) {
		a--
	}
	b := i
	for b < e && !(d.r[b] == '.' && !d.isDigit(b+1)) {
		b++
	}
	return a, b
}

func lastDay(year, month int) calendar.Date {
	return calendar.NewDate(year, time.Month(month)+1, 0)
}

// year returns y, or the reference year when y is 0 (0 when there is none).
func (d *doc) year(y int) int {
	if y != 0 {
		return y
	}
	return d.ref.Year
}

// dateDeadline reads "trước ngày 15/6", "chậm nhất ngày 30/9/2021", "trước 15 tháng 6 năm
// 2021", "hạn chót …" at i within [s, e).
func (d *doc) dateDeadline(i, s, e int) (dl, bool) {
	for _, p := range []string{"truoc ngay", "cham nhat la ngay", "cham nhat vao ngay", "cham nhat ngay",
		"han chot ngay", "han chot la ngay", "truoc", "cham nhat", "han chot", "hoan thanh ngay"} {
		pe, ok := d.word(i, p)
		if !ok {
			continue
		}
		day, month, yr, end, ok := d.parseDM(d.skipWS(pe, 1))
		if !ok || end > e {
			return dl{}, false
		}
		out := dl{s: i, e: end}
		out.Text = d.text(i, end)
		a, b := d.sentence(i, s, e)
		if yr == 0 {
			x, _ := d.indexFold(a, b, "hang nam")
			if x < 0 {
				x, _ = d.indexFold(a, b, "dinh ky") // "Định kỳ 6 tháng, một năm … trước ngày 10/6"
			}
			if x >= 0 {
				out.Kind, out.Day, out.Month = KindYearly, day, month
				if !d.ref.IsZero() {
					dt := calendar.NewDate(d.ref.Year, time.Month(month), day)
					if dt.Before(d.ref) {
						dt = calendar.NewDate(d.ref.Year+1, time.Month(month), day)
					}
					out.Date = dt
				}
				return out, true
			}
		}
		out.Kind = KindDate
		y := d.year(yr)
		if ne, ok := d.match(d.skipWS(end, 0), "nam sau"); ok && yr == 0 && ne <= e {
			out.e, out.Text = ne, d.text(i, ne)
			if y != 0 {
				y++ // "trước ngày 15/01 năm sau"
			}
		}
		if y != 0 {
			out.Date = calendar.NewDate(y, time.Month(month), day)
		}
		return out, true
	}
	return dl{}, false
}

// monthDeadline reads "trong tháng 5/2021", "trong tháng 5 năm 2021", "trong tháng 5" (the
// month's last day) at i.
func (d *doc) monthDeadline(i, e int, label bool) (dl, bool) {
	pe, ok := d.word(i, "trong thang")
	if !ok && label {
		pe, ok = d.word(i, "thang")
	}
	if !ok {
		pe, ok = d.word(i, "truoc thang")
	}
	if !ok {
		return dl{}, false
	}
	k := d.skipWS(pe, 1)
	month, me, ok := d.readInt(k, 2)
	if !ok || month < 1 || month > 12 {
		return dl{}, false
	}
	yr, end := 0, me
	if me < d.n && d.r[me] == '/' {
		if y, ye, ok := d.readInt(me+1, 4); ok && ye-me-1 == 4 {
			yr, end = y, ye
		}
	} else if ne, ok := d.match(me, " nam "); ok {
		if y, ye, ok := d.readInt(ne, 4); ok && ye-ne == 4 {
			yr, end = y, ye
		}
	}
	if end > e || d.isAlnum(end) {
		return dl{}, false
	}
	out := dl{s: i, e: end}
	out.Kind, out.Text = KindDate, d.text(i, end)
	if y := d.year(yr); y != 0 {
		out.Date = lastDay(y, month)
	}
	return out, true
}

var quarterNums = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// quarterDeadline reads "quý III/2021", "Quý IV năm 2025", "quý II" at i.
func (d *doc) quarterDeadline(i, e int) (dl, bool) {
	pe, ok := d.wordVN(i, "quý")
	if !ok {
		return dl{}, false
	}
	k := d.skipWS(pe, 0)
	ke := d.readWord(k)
	q, ok := quarterNums[d.fstr(k, ke)]
	if !ok {
		return dl{}, false
	}
	yr, end := 0, ke
	if ke < d.n && d.r[ke] == '/' {
		if y, ye, ok := d.readInt(ke+1, 4); ok && ye-ke-1 == 4 {
			yr, end = y, ye
		}
	} else if ne, ok := d.match(ke, " nam "); ok {
		if y, ye, ok := d.readInt(ne, 4); ok && ye-ne == 4 {
			yr, end = y, ye
		}
	}
	if end > e {
		return dl{}, false
	}
	out := dl{s: i, e: end}
	out.Kind, out.Text = KindQuarter, d.text(i, end)
	if y := d.year(yr); y != 0 {
		out.Date = lastDay(y, q*3)
	}
	return out, true
}

// continuousDeadline reads "thường xuyên" / "liên tục" used as a time ("Thời gian: thường
// xuyên", "(thường xuyên)", "… thực hiện thường xuyên."), not as an adjective ("nhiệm vụ quan
// trọng, thường xuyên và lâu dài").
func (d *doc) continuousDeadline(i, e int, label bool) (dl, bool) {
	var pe int
	ok := false
	for _, p := range []string{"thuong xuyen", "lien tuc"} {
		if pe, ok = d.word(i, p); ok {
			break
		}
	}
	if !ok || pe > e {
		return dl{}, false
	}
	end := pe
	if k := d.skipWS(pe, 0); k < e && d.r[k] == ',' {
		if le, ok := d.word(d.skipWS(k+1, 0), "lien tuc"); ok {
			end = le
		}
	}
	k := d.skipWS(end, 0)
	after := k >= e || strings.ContainsRune(".;)", d.r[k])
	b := d.skipWSBack(i, 0)
	before := b > 0 && strings.ContainsRune("(:", d.r[b-1])
	if !label && !after && !before {
		return dl{}, false
	}
	out := dl{s: i, e: end}
	out.Kind, out.Text = KindContinuous, d.text(i, end)
	return out, true
}

// yearlyDeadline reads "hằng năm" / "hàng năm" alone.
func (d *doc) yearlyDeadline(i, e int) (dl, bool) {
	pe, ok := d.word(i, "hang nam")
	if !ok || pe > e {
		return dl{}, false
	}
	out := dl{s: i, e: pe}
	out.Kind, out.Text = KindYearly, d.text(i, pe)
	return out, true
}

// deadline finds the item's deadline in r[s:e]: a labelled one ("Thời gian thực hiện: …")
// first, then the first date, month or quarter, then "hằng năm", then "thường xuyên".
func (d *doc) deadline(s, e int) Deadline {
	var first, yearly, cont *dl
	for i := s; i < e; i++ {
		c := d.a[i]
		if c != 't' && c != 'c' && c != 'h' && c != 'q' && c != 'l' {
			continue
		}
		if d.isAlnum(i - 1) {
			continue
		}
		if c == 't' {
			for _, p := range []string{"thoi gian thuc hien", "thoi gian hoan thanh", "thoi han hoan thanh", "thoi han", "thoi gian"} {
				pe, ok := d.word(i, p)
				if !ok {
					continue
				}
				k := d.skipWS(pe, 0)
				if k < e && d.r[k] == ':' {
					if x, ok := d.labelled(d.skipWS(k+1, 0), s, e); ok {
						return x.Deadline
					}
				}
				break
			}
		}
		if first == nil {
			if x, ok := d.dateDeadline(i, s, e); ok {
				first = &x
			} else if x, ok := d.monthDeadline(i, e, false); ok {
				first = &x
			} else if x, ok := d.quarterDeadline(i, e); ok {
				first = &x
			}
		}
		if yearly == nil {
			if x, ok := d.yearlyDeadline(i, e); ok {
				yearly = &x
			}
		}
		if cont == nil {
			if x, ok := d.continuousDeadline(i, e, false); ok {
				cont = &x
			}
		}
	}
	for _, x := range []*dl{first, yearly, cont} {
		if x != nil {
			x.DateISO = x.Date.ISO()
			return x.Deadline
		}
	}
	return Deadline{Kind: KindNone}
}

// labelled reads the value of "Thời gian thực hiện: …" at k.
func (d *doc) labelled(k, s, e int) (dl, bool) {
	var x dl
	ok := false
	if day, month, yr, end, ok2 := d.parseDM(k); ok2 && end <= e {
		x = dl{s: k, e: end}
		if h, _ := d.indexFold(end, minInt(end+20, e), "hang nam"); h >= 0 && yr == 0 {
			x.Kind, x.Day, x.Month = KindYearly, day, month
		} else {
			x.Kind = KindDate
			if y := d.year(yr); y != 0 {
				x.Date = calendar.NewDate(y, time.Month(month), day)
			}
		}
		x.Text, ok = d.text(k, end), true
	}
	if !ok {
		for _, f := range []func() (dl, bool){
			func() (dl, bool) { return d.dateDeadline(k, s, e) },
			func() (dl, bool) { return d.monthDeadline(k, e, true) },
			func() (dl, bool) { return d.quarterDeadline(k, e) },
			func() (dl, bool) { return d.yearlyDeadline(k, e) },
			func() (dl, bool) { return d.continuousDeadline(k, e, true) },
		} {
			if x, ok = f(); ok {
				break
			}
		}
	}
	if !ok {
		if ne, ok2 := d.word(k, "nam"); ok2 {
			kk := d.skipWS(ne, 0)
			if y, ye, ok3 := d.readInt(kk, 4); ok3 && ye-kk == 4 && !d.isAlnum(ye) {
				x = dl{s: k, e: ye}
				x.Kind, x.Date, x.Text, ok = KindDate, calendar.NewDate(y, 12, 31), d.text(k, ye), true
			}
		}
	}
	if ok && (x.Kind == KindDate || x.Kind == KindQuarter || x.Kind == KindYearly && x.Date.IsZero() && x.Day > 0) {
		if x.Kind == KindYearly && !d.ref.IsZero() {
			dt := calendar.NewDate(d.ref.Year, time.Month(x.Month), x.Day)
			if dt.Before(d.ref) {
				dt = calendar.NewDate(d.ref.Year+1, time.Month(x.Month), x.Day)
			}
			x.Date = dt
		}
	}
	x.DateISO = x.Date.ISO()
	return x, ok
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// plan reports whether r[s:e] tells units to build or issue their own plan ("xây dựng kế hoạch
// thực hiện", "ban hành kế hoạch"), and the plan's due date when the same sentence gives one.
func (d *doc) plan(s, e int) (bool, string) {
	for i := s; i < e; i++ {
		if d.a[i] != 'k' && d.a[i] != 'c' {
			continue
		}
		ke, ok := d.word(i, "ke hoach")
		if !ok {
			if ke, ok = d.word(i, "chuong trinh"); !ok {
				continue
			}
		}
		if d.inCitation(i) {
			continue
		}
		// the verb at most three words before: "xây dựng (và ban hành) kế hoạch", "xây dựng
		// chương trình, kế hoạch", "lập kế hoạch"
		w := d.fstr(maxInt(s, i-40), i)
		v := max(strings.LastIndex(w, "xay dung "), strings.LastIndex(w, "ban hanh "))
		lap := strings.HasSuffix(w, " lap ") || w == "lap "
		if !lap && (v < 0 || strings.Count(w[v+len("xay dung "):], " ") > 3) {
			continue
		}
		_, b := d.sentence(i, s, e)
		for k := ke; k < b; k++ {
			if d.r[k] == ';' {
				break
			}
			if _, ok := d.word(k, "bao cao"); ok {
				break // "…và định kỳ báo cáo … trước ngày 15/6": the report's date, not the plan's
			}
			if x, ok := d.dateDeadline(k, s, e); ok && !x.Date.IsZero() {
				return true, x.Date.ISO()
			}
			if x, ok := d.monthDeadline(k, e, false); ok && !x.Date.IsZero() {
				return true, x.Date.ISO()
			}
		}
		return true, ""
	}
	return false, ""
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func (d *doc) inCitation(i int) bool {
	for _, c := range d.cites {
		if i >= c.s && i < c.e {
			return true
		}
	}
	return false
}
