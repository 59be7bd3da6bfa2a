package intake

import (
	"strconv"
	"strings"
)

// Word keeps the numbers of an automatic list ("1.", "1.2.", "a)") out of document.xml: a
// paragraph only names its list (numId) and level (ilvl), and word/numbering.xml says how each
// level counts and writes its number. Numbered tasks are what the intake looks for, so the
// numbers are counted again here, the way Word counts them for the common cases:
//
//   - lists that share an abstract definition share their counters (Word continues the
//     numbering across them), unless a list restarts a level with startOverride;
//   - a level counts from its start; using a level restarts every deeper level;
//   - the level text ("%1.", "%1.%2.", "%1)") is filled with each level's number in its own
//     format (decimal, decimalZero, lower/upper letter, lower/upper roman; any other format is
//     written as decimal, isLgl forces decimal); a bullet is written as "- ".
//
// Not reproduced: lvlRestart, numbering linked through numStyleLink, and pictures as bullets.

type xLvl struct {
	Ilvl  string    `xml:"ilvl,attr"`
	Start *xVal     `xml:"start"`
	Fmt   *xVal     `xml:"numFmt"`
	Text  *xVal     `xml:"lvlText"`
	IsLgl *struct{} `xml:"isLgl"`
}

type xNumbering struct {
	Abstracts []struct {
		ID   string `xml:"abstractNumId,attr"`
		Lvls []xLvl `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID        string `xml:"numId,attr"`
		Abstract  xVal   `xml:"abstractNumId"`
		Overrides []struct {
			Ilvl  string `xml:"ilvl,attr"`
			Start *xVal  `xml:"startOverride"`
			Lvl   *xLvl  `xml:"lvl"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

const maxLevels = 9

type level struct {
	start int
	fmt   string
	text  string
	isLgl bool
}

type numInst struct {
	abstract string
	lvls     [maxLevels]*level // overridden levels
	starts   map[int]int       // startOverride by level
}

type counter struct {
	n    [maxLevels]int
	used [maxLevels]bool
}

// numbering is the lists of a document and their running counters.
type numbering struct {
	abstracts map[string]*[maxLevels]*level
	nums      map[string]*numInst
	counters  map[string]*counter // by abstract definition
	started   map[string]bool     // lists whose startOverride has been applied
}

func toLevel(x xLvl) *level {
	l := &level{start: 1, fmt: "decimal", isLgl: x.IsLgl != nil}
	if x.Start != nil {
		if n, err := strconv.Atoi(x.Start.Val); err == nil && n >= 0 {
			l.start = n
		}
	}
	if x.Fmt != nil && x.Fmt.Val != "" {
		l.fmt = x.Fmt.Val
	}
	if x.Text != nil {
		l.text = x.Text.Val
	}
	return l
}

func levelIndex(s string) (int, bool) {
	i, err := strconv.Atoi(s)
	return i, err == nil && i >= 0 && i < maxLevels
}

func (d *docx) readNumbering(name string) (*numbering, error) {
	var x xNumbering
	if err := d.readXML(name, &x); err != nil {
		return nil, err
	}
	n := &numbering{
		abstracts: map[string]*[maxLevels]*level{},
		nums:      map[string]*numInst{},
		counters:  map[string]*counter{},
		started:   map[string]bool{},
	}
	for _, a := range x.Abstracts {
		var lv [maxLevels]*level
		for _, l := range a.Lvls {
			if i, ok := levelIndex(l.Ilvl); ok {
				lv[i] = toLevel(l)
			}
		}
		n.abstracts[a.ID] = &lv
	}
	for _, m := range x.Nums {
		inst := &numInst{abstract: m.Abstract.Val, starts: map[int]int{}}
		for _, o := range m.Overrides {
			i, ok := levelIndex(o.Ilvl)
			if !ok {
				continue
			}
			if o.Lvl != nil {
				inst.lvls[i] = toLevel(*o.Lvl)
			}
			if o.Start != nil {
				if s, err := strconv.Atoi(o.Start.Val); err == nil && s >= 0 {
					inst.starts[i] = s
				}
			}
		}
		n.nums[m.ID] = inst
	}
	return n, nil
}

func (n *numbering) level(inst *numInst, i int) *level {
	if l := inst.lvls[i]; l != nil {
		return l
	}
	if a := n.abstracts[inst.abstract]; a != nil && a[i] != nil {
		return a[i]
	}
	return nil
}

// marker counts one more item of list numID at level ilvl and returns its number as Word
// shows it, with a space after ("" for a paragraph in no list).
func (n *numbering) marker(numID, ilvl string) string {
	if n == nil || numID == "" || numID == "0" {
		return ""
	}
	inst := n.nums[numID]
	if inst == nil {
		return ""
	}
	i, ok := levelIndex(ilvl)
	if ilvl == "" {
		i, ok = 0, true
	}
	if !ok {
		return ""
	}
	lv := n.level(inst, i)
	if lv == nil {
		return ""
	}
	c := n.counters[inst.abstract]
	if c == nil {
		c = &counter{}
		n.counters[inst.abstract] = c
	}
	if !n.started[numID] {
		n.started[numID] = true
		for l, s := range inst.starts {
			c.n[l], c.used[l] = s-1, true
			for d := l + 1; d < maxLevels; d++ {
				c.used[d] = false
			}
		}
	}
	if c.used[i] {
		c.n[i]++
	} else {
		c.n[i], c.used[i] = lv.start, true
	}
	for d := i + 1; d < maxLevels; d++ {
		c.used[d] = false
	}
	switch lv.fmt {
	case "none":
		return ""
	case "bullet":
		return "- "
	}
	var b strings.Builder
	for k := 0; k < len(lv.text); k++ {
		ch := lv.text[k]
		if ch == '%' && k+1 < len(lv.text) && lv.text[k+1] >= '1' && lv.text[k+1] <= '9' {
			j := int(lv.text[k+1] - '1')
			k++
			v, f := 0, "decimal"
			if l := n.level(inst, j); l != nil {
				v, f = l.start, l.fmt
			}
			if j <= i && c.used[j] {
				v = c.n[j]
			}
			if lv.isLgl {
				f = "decimal"
			}
			b.WriteString(formatNumber(v, f))
			continue
		}
		b.WriteByte(ch)
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		return ""
	}
	return s + " "
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 && n <= 26*10 { // a start of 10⁹ must not write a letter 10⁷ times
			// Word goes a … z, aa … zz, aaa …: the letter repeats.
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
