package unit

import (
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/internal/directive"
)

// Matcher finds the units of one day by the names texts give them: "Sở Nội vụ", "UBND tỉnh",
// "Thủ trưởng các sở, ban, ngành" (a kind of unit), ignoring case, diacritics and the common
// abbreviations (UBND, MTTQ, HĐND, BCĐ). The directive review and the task import share it.
type Matcher struct {
	Nodes  []Node
	byKey  map[string][]int // folded name, short name and name without the province → unit ids
	byType map[string][]int
}

// NewMatcher indexes nodes, the units of one day (AsOf).
func NewMatcher(nodes []Node) *Matcher {
	m := &Matcher{Nodes: nodes, byKey: map[string][]int{}, byType: map[string][]int{}}
	for _, n := range nodes {
		if n.Unit == nil || n.Version == nil {
			continue
		}
		id := n.Unit.ID
		m.byType[string(n.Version.Type)] = append(m.byType[string(n.Version.Type)], id)
		keys := []string{directive.FoldName(n.Version.Name), directive.FoldName(n.Version.ShortName)}
		// "Sở Nội vụ tỉnh Nghệ An" is also found as "Sở Nội vụ" and "Sở Nội vụ tỉnh".
		if f := keys[0]; strings.LastIndex(f, " tinh ") > 0 {
			i := strings.LastIndex(f, " tinh ")
			keys = append(keys, f[:i], f[:i+len(" tinh")])
		}
		for _, k := range keys {
			if k != "" && !slices.Contains(m.byKey[k], id) {
				m.byKey[k] = append(m.byKey[k], id)
			}
		}
	}
	return m
}

// groupTypes are the unit types a group phrase names (directive.UnitGroup).
var groupTypes = map[string]string{
	directive.GroupDepartment: "department", directive.GroupDistrict: "district", directive.GroupCommune: "commune",
	directive.GroupPublicService: "public_service", directive.GroupFront: "front",
}

// Group returns every unit of the kind a group names (directive.GroupDepartment…): before
// 1/7/2025 "UBND các huyện" are the districts; after it there are none.
func (m *Matcher) Group(group string) []int { return slices.Clone(m.byType[groupTypes[group]]) }

// OfType returns the units of a type.
func (m *Matcher) OfType(typ string) []int { return slices.Clone(m.byType[typ]) }

// The reasons Resolve gives when nothing matched.
const (
	MatchUnknown    = "task_unit_unknown"
	MatchAmbiguous  = "task_unit_ambiguous"
	MatchGroupEmpty = "task_unit_group_empty"
)

// Resolve matches a name to units: a group phrase ("các sở, ban, ngành") to every unit of its
// kind; a name to the unit whose folded name, short name or name without the province is the
// name's ("Thủ trưởng", "Giám đốc", "Chủ tịch" before it name the unit through its head), else
// to the one unit whose name starts with it. With no match the reason says why.
func (m *Matcher) Resolve(name string) ([]int, string) {
	if g := directive.UnitGroup(name); g != "" {
		ids := m.Group(g)
		if len(ids) == 0 {
			return nil, MatchGroupEmpty
		}
		return ids, ""
	}
	k := directive.FoldName(name)
	for _, p := range []string{"thu truong ", "giam doc ", "chu tich ", "lanh dao "} {
		k = strings.TrimPrefix(k, p)
	}
	if k == "" {
		return nil, MatchUnknown
	}
	if ids := m.byKey[k]; len(ids) == 1 {
		return slices.Clone(ids), ""
	} else if len(ids) > 1 {
		return nil, MatchAmbiguous
	}
	var found []int
	if strings.Contains(k, " ") { // one word ("Sở") names nothing in particular
		for key, ids := range m.byKey {
			if strings.HasPrefix(key, k+" ") {
				for _, id := range ids {
					if !slices.Contains(found, id) {
						found = append(found, id)
					}
				}
			}
		}
	}
	switch len(found) {
	case 1:
		return found, ""
	case 0:
		return nil, MatchUnknown
	}
	return nil, MatchAmbiguous
}
