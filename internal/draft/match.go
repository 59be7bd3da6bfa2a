package draft

import (
	"context"
	"strings"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/directive"
	"github.com/danvan-vn/danvan/internal/unit"
)

// unitIndex holds the province's units of one day, by their folded names.
type unitIndex struct {
	nodes  []unit.Node
	root   *unit.Node
	roots  []*unit.Node     // every province-level unit of the day (before a merger, each province's)
	byKey  map[string][]int // folded name, short name and name without the province's suffix → unit ids
	byType map[string][]int
}

// index reads the units that existed on day.
func (s *Service) index(ctx context.Context, day calendar.Date) (*unitIndex, error) {
	nodes, err := s.units.AsOf(ctx, day.UTC(), "")
	if err != nil {
		return nil, err
	}
	idx := &unitIndex{nodes: nodes, byKey: map[string][]int{}, byType: map[string][]int{}}
	for i := range nodes {
		n := &nodes[i]
		if n.Unit == nil || n.Version == nil {
			continue
		}
		typ := string(n.Version.Type)
		if typ == "province" {
			idx.roots = append(idx.roots, n)
			if idx.root == nil {
				idx.root = n
			}
		}
		idx.byType[typ] = append(idx.byType[typ], n.Unit.ID)
		for _, k := range nameKeys(n.Version.Name, n.Version.ShortName) {
			idx.byKey[k] = appendNew(idx.byKey[k], n.Unit.ID)
		}
	}
	return idx, nil
}

// rootFor is the province-level unit that issued a text written in place: before 1/7/2025
// Quảng Ngãi's tenant held both UBND tỉnh Quảng Ngãi and UBND tỉnh Kon Tum, and a letter dated
// "Quảng Ngãi, ngày …" is the former's.
func (idx *unitIndex) rootFor(place string) *unit.Node {
	if p := directive.FoldName(place); p != "" {
		for _, n := range idx.roots {
			if strings.HasSuffix(directive.FoldName(n.Version.Name), " "+p) {
				return n
			}
		}
	}
	return idx.root
}

// nameKeys are the folded forms a unit is found by: its name, its short name, and its name
// without the province it belongs to ("Sở Nội vụ tỉnh Quảng Ngãi" is found as "Sở Nội vụ";
// "UBND tỉnh Quảng Ngãi" as "UBND tỉnh").
func nameKeys(name, short string) []string {
	var out []string
	add := func(s string) {
		if k := directive.FoldName(s); k != "" {
			for _, o := range out {
				if o == k {
					return
				}
			}
			out = append(out, k)
		}
	}
	add(name)
	add(short)
	f := directive.FoldName(name)
	if i := strings.LastIndex(f, " tinh "); i > 0 {
		add(f[:i])
		add(f[:i+len(" tinh")])
	}
	return out
}

// groupTypes are the unit types a group phrase names.
var groupTypes = map[string][]string{
	directive.GroupDepartment:    {"department"},
	directive.GroupDistrict:      {"district"},
	directive.GroupCommune:       {"commune"},
	directive.GroupPublicService: {"public_service"},
	directive.GroupFront:         {"front"},
}

// match resolves a phrase: a group to every unit of its kinds that existed on the day (before
// 1/7/2025 "UBND các huyện" are the districts; after it there are none), a name to the unit
// whose folded name, short name or name without the province is the phrase's, else to the one
// unit whose name starts with it. A phrase that matches nothing keeps an empty list: the
// reviewer picks the units.
func (idx *unitIndex) match(r directive.UnitRef) UnitMatch {
	m := UnitMatch{Text: r.Text, Group: r.Group, Span: r.Span, UnitIDs: []int{}}
	if r.Group != "" {
		for _, t := range groupTypes[r.Group] {
			m.UnitIDs = appendNew(m.UnitIDs, idx.byType[t]...)
		}
		return m
	}
	k := directive.FoldName(r.Text)
	if k == "" {
		return m
	}
	// "Thủ trưởng các sở" and "Chủ tịch UBND huyện X" name a unit through its head.
	for _, p := range []string{"thu truong ", "giam doc ", "chu tich ", "lanh dao "} {
		k = strings.TrimPrefix(k, p)
	}
	if ids, ok := idx.byKey[k]; ok {
		m.UnitIDs = appendNew(m.UnitIDs, ids...)
		return m
	}
	if strings.Count(k, " ") < 1 {
		return m // one word ("Sở") names nothing in particular
	}
	var found []int
	for key, ids := range idx.byKey {
		if strings.HasPrefix(key, k+" ") {
			found = appendNew(found, ids...)
		}
	}
	if len(found) == 1 {
		m.UnitIDs = found
	}
	return m
}

// Resolve matches unit names typed by a reviewer ("Sở Tư pháp; UBND xã Hòa Bình") to units
// that existed on day: one id list per name, empty when none matched.
func (s *Service) Resolve(ctx context.Context, day calendar.Date, names []string) ([][]int, error) {
	idx, err := s.index(ctx, day)
	if err != nil {
		return nil, err
	}
	out := make([][]int, len(names))
	for i, n := range names {
		r := directive.UnitRef{Text: strings.TrimSpace(n), Group: directive.UnitGroup(n)}
		out[i] = idx.match(r).UnitIDs
	}
	return out, nil
}

// UnitNames returns the names of the units that existed on day, by id, and their types.
func (s *Service) UnitNames(ctx context.Context, day calendar.Date) (map[int]string, map[int]string, error) {
	idx, err := s.index(ctx, day)
	if err != nil {
		return nil, nil, err
	}
	names, types := make(map[int]string, len(idx.nodes)), make(map[int]string, len(idx.nodes))
	for _, n := range idx.nodes {
		if n.Unit != nil && n.Version != nil {
			names[n.Unit.ID], types[n.Unit.ID] = n.Version.Name, string(n.Version.Type)
		}
	}
	return names, types, nil
}
