package committee

import (
	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/orgchart"
)

// OrgChart is a committee's organisation chart: the head on top, the deputies below, then the
// members and the support team. label names a position in the reader's language.
func OrgChart(title string, members []*ent.CommitteeMember, label func(position string) string) orgchart.Chart {
	tierOf := map[string]int{"head": 0, "standing_deputy": 1, "deputy": 1, "member": 2, "support_team": 3}
	kinds := [...]orgchart.Kind{orgchart.Head, orgchart.Deputy, orgchart.Member, orgchart.Support}
	c := orgchart.Chart{Title: title, Tiers: make([][]orgchart.Box, len(kinds))}
	for _, m := range members {
		t, ok := tierOf[string(m.Position)]
		if !ok {
			t = 2
		}
		c.Tiers[t] = append(c.Tiers[t], orgchart.Box{Kicker: label(string(m.Position)), Name: m.PersonName, Title: m.PersonTitle, Kind: kinds[t]})
	}
	return c
}
