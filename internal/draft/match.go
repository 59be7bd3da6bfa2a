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
	*unit.Matcher
	nodes []unit.Node
	root  *unit.Node
	roots []*unit.Node // every province-level unit of the day (before a merger, each province's)
}

// index reads the units that existed on day.
func (s *Service) index(ctx context.Context, day calendar.Date) (*unitIndex, error) {
	nodes, err := s.units.AsOf(ctx, day.UTC(), "")
	if err != nil {
		return nil, err
	}
	idx := &unitIndex{Matcher: unit.NewMatcher(nodes), nodes: nodes}
	for i := range nodes {
		n := &nodes[i]
		if n.Unit != nil && n.Version != nil && n.Version.Type == "province" {
			idx.roots = append(idx.roots, n)
			if idx.root == nil {
				idx.root = n
			}
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

// match resolves a phrase of the text to the units it names on the day (see unit.Matcher): a
// phrase that names no unit, or several, keeps an empty list and the reviewer picks.
func (idx *unitIndex) match(r directive.UnitRef) UnitMatch {
	m := UnitMatch{Text: r.Text, Group: r.Group, Span: r.Span, UnitIDs: []int{}}
	if r.Group != "" {
		m.UnitIDs = appendNew(m.UnitIDs, idx.Group(r.Group)...)
		return m
	}
	if ids, _ := idx.Resolve(r.Text); len(ids) > 0 {
		m.UnitIDs = ids
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
