package committees

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permCommRead   = authz.Permission{Object: "committee", Action: "read"}
	permCommUpdate = authz.Permission{Object: "committee", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("committees")
	for name, key := range map[string]string{"committees_created": "committees.created", "committees_saved": "committees.saved",
		"members_added": "members.added", "members_ended": "members.ended", "assignments_saved": "assignments.saved",
		"decision_uploaded": "decision.uploaded"} {
		r.Flash(name, key)
	}
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.committees", Path: "/committees", Perm: permCommRead, Order: 20})
	r.Templates("committees", "committee", "assignments")
	p := r.Province()
	p.Page(httpapi.GET, "/committees", h.committeesPage, permCommRead)
	p.Page(httpapi.POST, "/committees", h.committeesCreate, permCommUpdate)
	p.Page(httpapi.GET, "/committees/:id", h.committeePage, permCommRead)
	p.Page(httpapi.POST, "/committees/:id", h.committeeUpdate, permCommUpdate)
	p.Page(httpapi.POST, "/committees/:id/members", h.committeeMemberAdd, permCommUpdate)
	p.Page(httpapi.POST, "/committees/:id/members/:mid/end", h.committeeMemberEnd, permCommUpdate)
	p.Page(httpapi.GET, "/committees/:id/orgchart.svg", h.orgChart, permCommRead)
	p.Page(httpapi.POST, "/committees/:id/decision", h.committeeDecision, permCommUpdate)
	p.Page(httpapi.GET, "/committees/:id/decision", h.decisionDownload, permCommRead)
	p.Page(httpapi.GET, "/committees/:id/assignments", h.assignmentsPage, permCommRead)
	p.Page(httpapi.POST, "/committees/:id/assignments", h.assignmentsSubmit, permCommUpdate)
	p.API(httpapi.GET, "/committees", h.apiCommittees, permCommRead)
	p.API(httpapi.POST, "/committees", h.apiCommitteeCreate, permCommUpdate)
	p.API(httpapi.GET, "/committees/:id", h.apiCommittee, permCommRead)
	p.API(httpapi.PUT, "/committees/:id", h.apiCommitteeUpdate, permCommUpdate)
	p.API(httpapi.GET, "/committees/:id/members", h.apiCommitteeMembers, permCommRead)
	p.API(httpapi.POST, "/committees/:id/members", h.apiCommitteeMemberAdd, permCommUpdate)
	p.API(httpapi.POST, "/committees/:id/members/:mid/end", h.apiCommitteeMemberEnd, permCommUpdate)
	p.API(httpapi.GET, "/committees/:id/assignments", h.apiAssignments, permCommRead)
	p.API(httpapi.POST, "/committees/:id/assignments", h.apiAssign, permCommUpdate)
	p.API(httpapi.GET, "/committees/:id/orgchart.svg", h.orgChart, permCommRead)
	p.API(httpapi.POST, "/committees/:id/decision", h.apiDecisionUpload, permCommUpdate)
	p.API(httpapi.GET, "/committees/:id/decision", h.decisionDownload, permCommRead)
}
