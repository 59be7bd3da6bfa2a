package authz

import (
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/viewer"
)

func TestDefaults(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	v := func(roles ...string) *viewer.Viewer { return &viewer.Viewer{UserID: 1, Roles: roles} }
	cases := []struct {
		v      *viewer.Viewer
		domain string
		p      Permission
		want   bool
	}{
		{v("province_admin"), "nghe-an", Permission{"grant", "update"}, true},
		{v("committee_head"), "nghe-an", Permission{"job", "read"}, true}, // inherited from committee_member
		{v("committee_head"), "nghe-an", Permission{"user", "invite"}, false},
		{v("readonly_leader"), "nghe-an", Permission{"province", "read"}, true},
		{v("readonly_leader"), "nghe-an", Permission{"user", "update"}, false},
		{v(), "nghe-an", Permission{"profile", "update"}, true},
		{v(), "nghe-an", Permission{"province", "read"}, false},
		{v("province_admin"), DomainPlatform, Permission{"tenant", "create"}, false},
		{&viewer.Viewer{UserID: 1, PlatformAdmin: true}, DomainPlatform, Permission{"tenant", "create"}, true},
		{&viewer.Viewer{UserID: 1, PlatformAdmin: true}, "nghe-an", Permission{"province", "read"}, false},
		{nil, "nghe-an", Permission{"profile", "read"}, false},
	}
	for _, c := range cases {
		if got := a.Allowed(c.v, c.domain, c.p); got != c.want {
			t.Errorf("Allowed(%+v, %s, %s) = %v, want %v", c.v, c.domain, c.p, got, c.want)
		}
	}
}

// TestReadonlyNeverWrites: no default and nothing in the ceiling gives the read-only leader an
// action other than read.
func TestReadonlyNeverWrites(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Catalog() {
		readish := p.Action == "read"
		if !readish && (a.Default("readonly_leader", p.Object, p.Action) || a.Grantable("readonly_leader", p.Object, p.Action, nil)) {
			t.Errorf("readonly_leader can get %s", p)
		}
	}
	if a.Grantable("province_admin", "audit", "read", nil) {
		t.Error("province_admin grants must not be editable")
	}
	if !a.Grantable("standing_agency", "user", "invite", nil) || a.Grantable("unit_officer", "grant", "update", nil) {
		t.Error("ceiling not applied")
	}
	if !a.Grantable("unit_officer", "grant", "update", []string{"unit_officer:grant:update"}) {
		t.Error("a province's extra ceiling not applied")
	}
	if !strings.Contains(a.Catalog()[0].String(), ":") {
		t.Error("catalog is empty")
	}
}
