package directive

import (
	"strconv"
)

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
				for n := 0; ; n++ {
					f := d.freqAt(k, b)
					if f == nil && n > 0 {
						f = d.bareFreqAt(k, b) // "Định kỳ 6 tháng, năm báo cáo …"
					}
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
		case 'v':
			// "trước ngày 10/6 và ngày 10/12": the second deadline shares the first's "trước"
			if len(dues) == 0 || i-dues[len(dues)-1].e > 2 {
				continue
			}
			if ve, ok := d.word(i, "va ngay"); ok {
				k := d.skipWS(ve, 1)
				if day, month, _, end, ok := d.parseDM(k); ok && end <= b {
					dues = append(dues, reportDeadline{s: i, e: end, day: day, month: month,
						rule: strconv.Itoa(day) + "/" + strconv.Itoa(month)})
					i = end - 1
				}
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
			if x := d.skipWS(e, 0); p == "quý" && (d.isDigit(x) || x < d.n && d.a[x] == 'i') {
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

// bareFreqAt reads "năm", "quý" or "tháng" alone as a frequency, where a list of frequencies
// goes on ("định kỳ 6 tháng, năm"); "năm 2020" and "tháng 6" are times, not frequencies.
func (d *doc) bareFreqAt(k, b int) *freqMention {
	for _, f := range []struct{ p, freq, label string }{
		{"năm", FreqAnnual, "Báo cáo năm"}, {"quý", FreqQuarterly, "Báo cáo quý"}, {"tháng", FreqMonthly, "Báo cáo tháng"},
	} {
		if e, ok := d.wordVN(k, f.p); ok && e <= b {
			if x := d.skipWS(e, 0); d.isDigit(x) || f.p == "quý" && x < d.n && d.a[x] == 'i' {
				return nil
			}
			return &freqMention{freq: f.freq, label: f.label, s: k, e: e}
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
