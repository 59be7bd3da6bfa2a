package viewer_test

import (
	"slices"
	"testing"

	"github.com/danvan-vn/danvan/internal/viewer"
)

func TestViewer_UnitScoped(t *testing.T) {
	for _, c := range []struct {
		name  string
		v     *viewer.Viewer
		want  bool
		inOne bool // InUnit(1) with UnitIDs [1]
		inTwo bool // InUnit(2)
	}{
		{"unit officer", &viewer.Viewer{Roles: []string{"unit_officer"}}, true, true, false},
		{"unit leader and officer", &viewer.Viewer{Roles: []string{"unit_leader", "unit_officer"}}, true, true, false},
		{"no role: held to nothing", &viewer.Viewer{}, true, true, false},
		{"unit officer on the committee", &viewer.Viewer{Roles: []string{"unit_officer", "committee_member"}}, false, true, true},
		{"province admin", &viewer.Viewer{Roles: []string{"province_admin"}}, false, true, true},
		{"readonly leader", &viewer.Viewer{Roles: []string{"readonly_leader"}}, false, true, true},
		{"system", viewer.System(1, "a"), false, true, true},
		{"nil", nil, false, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.v.UnitScoped(); got != c.want {
				t.Errorf("UnitScoped() = %v, want %v", got, c.want)
			}
			v := c.v
			if v != nil {
				v = viewer.WithUnits(v, 1)
			}
			if v.InUnit(1) != c.inOne || v.InUnit(2) != c.inTwo {
				t.Errorf("InUnit(1), InUnit(2) = %v, %v; want %v, %v", v.InUnit(1), v.InUnit(2), c.inOne, c.inTwo)
			}
		})
	}
}

func TestUnitsOf(t *testing.T) {
	one, two := 1, 2
	got := viewer.WithUnits(&viewer.Viewer{}, viewer.UnitsOf([]viewer.Membership{
		{Role: "unit_officer", UnitID: &two}, {Role: "unit_leader", UnitID: &one}, {Role: "unit_leader", UnitID: &two},
		{Role: "committee_member", UnitID: &one}, {Role: "unit_officer"},
	})...).UnitIDs
	if !slices.Equal(got, []int{1, 2}) {
		t.Errorf("UnitIDs = %v, want [1 2]", got)
	}
}
