package directive

import (
	"strconv"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// dl is a deadline found at a position.
type dl struct {
	Deadline
	s, e int
}

// sentence returns the bounds of the sentence holding i inside [s, e): up to '.', ';' is not a
// bound (deadlines of a report pair share one sentence).
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
		// the verb within the three words before: "xây dựng (và ban hành) kế hoạch",
		// "xây dựng chương trình, kế hoạch", "lập kế hoạch"
		w := d.fstr(maxInt(s, i-32), i)
		if !(strings.Contains(w, "xay dung") || strings.Contains(w, "ban hanh") || strings.HasSuffix(w, "lap ")) {
			continue
		}
		if tail := w[strings.LastIndex(w, "xay dung")+1:]; strings.Count(tail, " ") > 5 && !strings.Contains(w, "ban hanh") {
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

// freqMention is "báo cáo 6 tháng", "hằng năm", "quý"… in a reporting sentence.
type freqMention struct {
	freq, label string
	s, e        int
	used        bool
}

// reports finds reporting obligations in the body: in each sentence that mentions "báo cáo",
// every deadline ("trước ngày 15/6", "trước ngày 15 của tháng cuối quý") is paired with the
// nearest frequency before it ("báo cáo 06 tháng đầu năm", "báo cáo năm"); a frequency with no
// deadline is kept only when no other report of that frequency has one.
func (d *doc) reports() []ReportDue {
	var withRule, without []ReportDue
	s := 0 // not bodyStart: a short text may have no header, and a header holds no obligation
	for s < d.bodyEnd {
		a, b := d.sentence(s, s, d.bodyEnd)
		if b <= a {
			s = b + 1
			continue
		}
		if x, _ := d.indexFold(a, b, "bao cao"); x >= 0 {
			w, wo := d.sentenceReports(a, b)
			withRule = append(withRule, w...)
			without = append(without, wo...)
		}
		s = b + 1
	}
	out := []ReportDue{}
	seen := map[string]bool{}
	for _, r := range withRule {
		k := r.Frequency + " " + r.Rule
		if seen[k] {
			continue
		}
		seen[k], seen[r.Frequency] = true, true
		out = append(out, r)
	}
	for _, r := range without {
		if seen[r.Frequency] {
			continue
		}
		seen[r.Frequency] = true
		out = append(out, r)
	}
	return out
}

func (d *doc) sentenceReports(a, b int) (with, without []ReportDue) {
	var freqs []*freqMention
	var dues []reportDeadline
	hasDinhKy := false
	for i := a; i < b; i++ {
		if d.isAlnum(i-1) || d.inCitation(i) {
			continue
		}
		switch d.a[i] {
		case 'b':
			if pe, ok := d.word(i, "bao cao"); ok {
				if f := d.freqAfter(i, pe, b); f != nil {
					freqs = append(freqs, f)
					i = f.e - 1
				}
			}
		case 'd':
			if pe, ok := d.word(i, "dinh ky"); ok {
				hasDinhKy = true
				k := d.skipWS(pe, 1)
				for {
					f := d.freqAt(k, b)
					if f == nil {
						break
					}
					freqs = append(freqs, f)
					k = d.skipWS(f.e, 1)
					if k < b && d.r[k] == ',' {
						k = d.skipWS(k+1, 1)
					}
					if ve, ok := d.word(k, "va"); ok {
						k = d.skipWS(ve, 1)
					}
					if ve, ok := d.word(k, "hoac"); ok {
						k = d.skipWS(ve, 1)
					}
					i = f.e - 1
				}
			}
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 's', 'h', 'm', 'q':
			if f := d.freqAt(i, b); f != nil && (len(dues) == 0 || dues[len(dues)-1].e+3 < i || f.freq != FreqAnnual) {
				freqs = append(freqs, f)
				i = f.e - 1
			}
		case 't', 'c':
			if x, ok := d.reportDue(i, b); ok {
				dues = append(dues, x)
				i = x.e - 1
			}
		}
	}
	if len(freqs) == 0 {
		return nil, nil
	}
	if len(dues) == 0 && !hasDinhKy {
		// "báo cáo 6 tháng" in passing ("theo báo cáo 6 tháng…") is no obligation without a
		// deadline or "định kỳ"
		if x, _ := d.indexFold(a, b, "gui"); x < 0 {
			return nil, nil
		}
	}
	receiver := d.receiver(a, b)
	// A list of frequencies followed by as many deadlines ("Định kỳ 6 tháng, một năm … trước
	// ngày 10/6 và trước ngày 10/12") pairs in order; otherwise each deadline takes the nearest
	// frequency before it.
	inOrder := map[int]*freqMention{}
	for k := 0; k < len(dues); {
		var run []*freqMention
		for _, f := range freqs {
			if f.e <= dues[k].s && (k == 0 || f.s >= dues[k-1].e) {
				run = append(run, f)
			}
		}
		m := k
		for m < len(dues) && (m == k || !anyFreqBetween(freqs, dues[m-1].e, dues[m].s)) {
			m++
		}
		if len(run) > 1 && len(run) == m-k {
			for x := k; x < m; x++ {
				inOrder[x] = run[x-k]
			}
		}
		k = m
	}
	for x, du := range dues {
		var best *freqMention
		if f, ok := inOrder[x]; ok {
			best = f
		} else {
			for _, f := range freqs {
				if f.e <= du.s && !f.used {
					best = f
				}
			}
		}
		if best == nil {
			continue
		}
		best.used = true
		start := best.s
		if x := d.skipWSBack(best.s, 0); x >= 7 {
			if st, ok := d.wordBefore(x, "bao cao"); ok {
				start = st
			}
		}
		with = append(with, ReportDue{Frequency: best.freq, Label: best.label, Day: du.day, Month: du.month,
			Rule: du.rule, Receiver: d.receiverNear(start, a, b, receiver), Text: d.text(start, du.e), Span: Span{start, du.e}})
	}
	for _, f := range freqs {
		if !f.used {
			without = append(without, ReportDue{Frequency: f.freq, Label: f.label, Receiver: receiver,
				Text: d.text(f.s, f.e), Span: Span{f.s, f.e}})
		}
	}
	return with, without
}

func anyFreqBetween(fs []*freqMention, a, b int) bool {
	for _, f := range fs {
		if f.s >= a && f.e <= b {
			return true
		}
	}
	return false
}

// freqAfter reads the frequency right after "báo cáo" (which spans [i, pe)).
func (d *doc) freqAfter(i, pe, b int) *freqMention {
	k := d.skipWS(pe, 1)
	for _, p := range []string{"dinh ky", "tong ket", "ket qua"} {
		if e, ok := d.word(k, p); ok {
			k = d.skipWS(e, 1)
		}
	}
	f := d.freqAt(k, b)
	if f != nil {
		f.s = i
	}
	return f
}

// freqAt reads a frequency phrase at k: "06 tháng (đầu năm)", "sáu tháng", "năm", "hằng năm",
// "(01|một) năm", "quý", "hằng quý", "tháng", "hằng tháng".
func (d *doc) freqAt(k, b int) *freqMention {
	mk := func(freq, label string, e int) *freqMention {
		if e > b {
			return nil
		}
		return &freqMention{freq: freq, label: label, s: k, e: e}
	}
	for _, p := range []string{"06 tháng", "6 tháng", "sáu tháng"} {
		if e, ok := d.wordVN(k, p); ok {
			if de, ok := d.match(d.skipWS(e, 0), "dau nam"); ok {
				return mk(FreqSemiannual, "Báo cáo 6 tháng đầu năm", de)
			}
			if de, ok := d.match(d.skipWS(e, 0), "cuoi nam"); ok {
				return mk(FreqSemiannual, "Báo cáo 6 tháng cuối năm", de)
			}
			return mk(FreqSemiannual, "Báo cáo 6 tháng", e)
		}
	}
	for _, p := range []string{"hằng năm", "hàng năm", "01 năm", "1 năm", "một năm"} {
		if e, ok := d.wordVN(k, p); ok {
			return mk(FreqAnnual, "Báo cáo năm", e)
		}
	}
	for _, p := range []string{"hằng quý", "hàng quý", "quý"} {
		if e, ok := d.wordVN(k, p); ok {
			if x := d.skipWS(e, 0); p == "quý" && (d.isDigit(x) || d.a[x] == 'i') {
				return nil // "quý III/2021" is a time, not a frequency
			}
			return mk(FreqQuarterly, "Báo cáo quý", e)
		}
	}
	for _, p := range []string{"hằng tháng", "hàng tháng"} {
		if e, ok := d.wordVN(k, p); ok {
			return mk(FreqMonthly, "Báo cáo tháng", e)
		}
	}
	// bare "năm" / "tháng" only right after "báo cáo"
	if x := d.skipWSBack(k, 1); x >= 7 {
		if _, ok := d.wordBefore(x, "bao cao"); ok {
			if e, ok := d.wordVN(k, "năm"); ok {
				return mk(FreqAnnual, "Báo cáo năm", e)
			}
			if e, ok := d.wordVN(k, "tháng"); ok && !d.isDigit(d.skipWS(e, 0)) {
				return mk(FreqMonthly, "Báo cáo tháng", e)
			}
		}
	}
	return nil
}

type reportDeadline struct {
	s, e, day, month int
	rule             string
}

// reportDue reads a report deadline at i: "trước ngày 15/6" (absolute), "trước ngày 15 của
// tháng cuối quý" (M/15), "trước ngày 05 của tháng sau" (M+1/5), "trước ngày 20 hằng tháng"
// (M/20), "trước ngày 15/01 năm sau" (M+1/15 for a year ending in December).
func (d *doc) reportDue(i, b int) (reportDeadline, bool) {
	for _, p := range []string{"truoc ngay", "cham nhat ngay", "cham nhat la ngay", "cham nhat vao ngay", "truoc"} {
		pe, ok := d.word(i, p)
		if !ok {
			continue
		}
		k := d.skipWS(pe, 1)
		if day, month, _, end, ok := d.parseDM(k); ok && end <= b {
			out := reportDeadline{s: i, e: end, day: day, month: month, rule: strconv.Itoa(day) + "/" + strconv.Itoa(month)}
			if ne, ok := d.match(d.skipWS(end, 0), "nam sau"); ok && ne <= b {
				out.e, out.month, out.rule = ne, 0, "M+"+strconv.Itoa(month)+"/"+strconv.Itoa(day)
			}
			return out, true
		}
		day, de, ok := d.readInt(k, 2)
		if !ok || day < 1 || day > 31 {
			return reportDeadline{}, false
		}
		j := d.skipWS(de, 1)
		if ce, ok := d.word(j, "cua"); ok {
			j = d.skipWS(ce, 1)
		}
		for _, r := range []struct{ p, rule string }{
			{"thang cuoi quy", "M/"}, {"thang cuoi cua quy", "M/"}, {"thang cuoi ky", "M/"},
			{"thang sau", "M+1/"}, {"thang tiep theo", "M+1/"}, {"thang ke tiep", "M+1/"},
			{"thang dau quy sau", "M+1/"}, {"thang dau cua quy sau", "M+1/"},
			{"hang thang", "M/"}, {"thang bao cao", "M/"},
		} {
			if re, ok := d.word(j, r.p); ok && re <= b {
				return reportDeadline{s: i, e: re, day: day, rule: r.rule + strconv.Itoa(day)}, true
			}
		}
		return reportDeadline{}, false
	}
	return reportDeadline{}, false
}

// receiverNear prefers a receiver named in the clause (between semicolons) of the report at i
// over the sentence's first one.
func (d *doc) receiverNear(i, a, b int, sentence string) string {
	cs, ce := i, i
	for cs > a && d.r[cs-1] != ';' {
		cs--
	}
	for ce < b && d.r[ce] != ';' {
		ce++
	}
	if r := d.receiver(cs, ce); r != "" {
		return r
	}
	return sentence
}

// receiver reads who receives the reports in r[a:b]: "về Ủy ban nhân dân tỉnh (qua Sở Nội vụ)",
// "gửi Sở Nội vụ".
func (d *doc) receiver(a, b int) string {
	for i := a; i < b; i++ {
		if d.a[i] != 'v' && d.a[i] != 'g' {
			continue
		}
		var k int
		if e, ok := d.word(i, "gui ve"); ok {
			k = e
		} else if e, ok := d.word(i, "ve"); ok {
			k = e
		} else if e, ok := d.word(i, "gui"); ok {
			k = e
		} else {
			continue
		}
		k = d.skipWS(k, 1)
		if _, ok := d.unitStart(k); !ok {
			continue
		}
		pe := d.trimUnitEnd(k, d.readUnitPhrase(k, b))
		if pe <= k {
			continue
		}
		t := d.text(k, pe)
		j := d.skipWS(pe, 0)
		for j < b && d.r[j] == '*' {
			j++
		}
		j = d.skipWS(j, 0)
		if j < b && d.r[j] == '(' {
			_, qua := d.word(j+1, "qua")
			_, thongQua := d.word(j+1, "thong qua")
			if qua || thongQua {
				for m := j + 1; m < b && m < j+120; m++ {
					if d.r[m] == ')' {
						t += " " + d.text(j, m+1)
						break
					}
				}
			}
		}
		return t
	}
	return ""
}
