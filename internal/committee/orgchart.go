package committee

import (
	"bytes"
	"fmt"
	"html"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
)

// OrgChart draws a committee as an SVG picture: the head on top, the deputies below, then the
// members and the support team, each tier linked to the one above. label names a position in
// the reader's language.
func OrgChart(title string, members []*ent.CommitteeMember, label func(position string) string) []byte {
	tiers := [][]*ent.CommitteeMember{{}, {}, {}, {}}
	tierOf := map[string]int{"head": 0, "standing_deputy": 1, "deputy": 1, "member": 2, "support_team": 3}
	for _, m := range members {
		t := tierOf[string(m.Position)]
		tiers[t] = append(tiers[t], m)
	}
	const boxW, boxH, gapX, gapY, perRow, top = 210, 74, 20, 46, 5, 60
	widest := 1
	for _, t := range tiers {
		widest = max(widest, min(len(t), perRow))
	}
	width := max(widest*(boxW+gapX)+gapX, 2*boxW)
	var b bytes.Buffer
	y := top
	type box struct{ x, y int }
	var prev []box
	var body bytes.Buffer
	for _, tier := range tiers {
		if len(tier) == 0 {
			continue
		}
		var cur []box
		for i := 0; i < len(tier); i += perRow {
			row := tier[i:min(i+perRow, len(tier))]
			rowW := len(row)*(boxW+gapX) - gapX
			x0 := (width - rowW) / 2
			for j, m := range row {
				x := x0 + j*(boxW+gapX)
				cur = append(cur, box{x, y})
				class := "oc-box oc-" + string(m.Position)
				fmt.Fprintf(&body, `<g class="%s"><rect x="%d" y="%d" width="%d" height="%d" rx="6"/>`, class, x, y, boxW, boxH)
				fmt.Fprintf(&body, `<text x="%d" y="%d" class="oc-pos">%s</text>`, x+boxW/2, y+20, esc(fit(label(string(m.Position)), 30)))
				fmt.Fprintf(&body, `<text x="%d" y="%d" class="oc-name">%s</text>`, x+boxW/2, y+42, esc(fit(m.PersonName, 28)))
				fmt.Fprintf(&body, `<text x="%d" y="%d" class="oc-title">%s</text></g>`, x+boxW/2, y+61, esc(fit(m.PersonTitle, 34)))
			}
			y += boxH + gapY
		}
		if len(prev) > 0 {
			// One line from the middle of the tier above down to each box of this tier.
			px := (prev[0].x + prev[len(prev)-1].x + boxW) / 2
			py := prev[len(prev)-1].y + boxH
			for _, c := range cur {
				fmt.Fprintf(&body, `<path class="oc-link" d="M%d %d V%d H%d V%d"/>`, px, py, c.y-gapY/2, c.x+boxW/2, c.y)
			}
		}
		prev = cur
	}
	height := y + 10
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		width, height, width, height, esc(title))
	b.WriteString(`<style>.oc-box rect{fill:#fff;stroke:#1f4e79;stroke-width:1.5}.oc-head rect{fill:#fdecea;stroke:#b3261e;stroke-width:2}` +
		`.oc-standing_deputy rect,.oc-deputy rect{fill:#fff7e0}.oc-support_team rect{fill:#f1f5f9;stroke-dasharray:4 3}` +
		`text{font-family:"Times New Roman",serif;text-anchor:middle;fill:#1b1b1b}.oc-pos{font-size:12px;font-weight:bold;fill:#1f4e79}` +
		`.oc-head .oc-pos{fill:#b3261e}.oc-name{font-size:14px;font-weight:bold}.oc-title{font-size:11px;fill:#444}` +
		`.oc-link{fill:none;stroke:#7a8ca3;stroke-width:1.2}.oc-caption{font-size:18px;font-weight:bold}</style>`)
	fmt.Fprintf(&b, `<text x="%d" y="32" class="oc-caption">%s</text>`, width/2, esc(title))
	b.Write(body.Bytes())
	b.WriteString(`</svg>`)
	return b.Bytes()
}

func esc(s string) string { return html.EscapeString(s) }

func fit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
