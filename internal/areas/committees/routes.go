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
	p.Page(httpapi.GET, "/committees/:id/orgchart.png", h.orgChartPNG, permCommRead)
	p.Page(httpapi.POST, "/committees/:id/decision", h.committeeDecision, permCommUpdate)
	p.Page(httpapi.GET, "/committees/:id/decision", h.decisionDownload, permCommRead)
	p.Page(httpapi.GET, "/committees/:id/assignments", h.assignmentsPage, permCommRead)
	p.Page(httpapi.POST, "/committees/:id/members/:mid/assignments", h.memberAssignmentsSubmit, permCommUpdate)
	p.API(httpapi.GET, "/committees", h.apiCommittees, permCommRead, httpapi.Out[CommitteesJSON](),
		httpapi.Summary("The province's steering committees"))
	p.API(httpapi.POST, "/committees", h.apiCommitteeCreate, permCommUpdate, httpapi.In[committeeRequest](), httpapi.Out[CommitteeJSON](),
		httpapi.Created(), httpapi.Summary("Create a steering committee"))
	p.API(httpapi.GET, "/committees/:id", h.apiCommittee, permCommRead, httpapi.Out[CommitteeJSON](),
		httpapi.Summary("A steering committee"))
	p.API(httpapi.PUT, "/committees/:id", h.apiCommitteeUpdate, permCommUpdate, httpapi.In[committeeRequest](),
		httpapi.Summary("Change a steering committee (all fields); 204"))
	p.API(httpapi.GET, "/committees/:id/members", h.apiCommitteeMembers, permCommRead, httpapi.Out[MembersJSON](),
		httpapi.Summary("Who sits in the committee on a day (?date=dd/mm/yyyy or yyyy-mm-dd, default today)"))
	p.API(httpapi.POST, "/committees/:id/members", h.apiCommitteeMemberAdd, permCommUpdate, httpapi.In[memberRequest](),
		httpapi.Out[MemberPositionJSON](), httpapi.Created(),
		httpapi.Summary("Put a person in a position from a day (one head at a time: replace_head ends the current one)"))
	p.API(httpapi.POST, "/committees/:id/members/:mid/end", h.apiCommitteeMemberEnd, permCommUpdate, httpapi.In[memberRequest](),
		httpapi.Out[MemberEndJSON](),
		httpapi.Summary("End a membership on a day (only the body's date is read); answers the units left with no one in charge"))
	p.API(httpapi.GET, "/committees/:id/assignments", h.apiAssignments, permCommRead, httpapi.Out[MatrixJSON](),
		httpapi.Summary("Who is in charge of which unit on a day, and the units no one is in charge of "+
			"(?date=dd/mm/yyyy or yyyy-mm-dd, default today)"))
	p.API(httpapi.POST, "/committees/:id/assignments", h.apiAssign, permCommUpdate, httpapi.In[assignRequest](),
		httpapi.Summary("Put a member in charge of units from a day; 204"))
	p.API(httpapi.PUT, "/committees/:id/members/:mid/assignments", h.apiSetAssignments, permCommUpdate, httpapi.In[memberAssignmentsRequest](),
		httpapi.Summary("Make unit_ids the units a member is in charge of from a day (the others end that day), all or nothing; 204"))
	p.API(httpapi.GET, "/committees/:id/orgchart.svg", h.orgChart, permCommRead,
		httpapi.Summary("The committee's organisation chart on a day, as a standalone image/svg+xml "+
			"(?date=dd/mm/yyyy or yyyy-mm-dd, default today; ?download=1 as an attachment)"))
	p.API(httpapi.GET, "/committees/:id/orgchart.png", h.orgChartPNG, permCommRead,
		httpapi.Summary("The committee's organisation chart on a day, as image/png at twice the SVG's size "+
			"(?date=dd/mm/yyyy or yyyy-mm-dd, default today; ?download=1 as an attachment)"))
	p.API(httpapi.POST, "/committees/:id/decision", h.apiDecisionUpload, permCommUpdate,
		httpapi.Summary("Attach the establishing decision: a multipart/form-data upload, field file, up to 50 MB; 204"))
	p.API(httpapi.GET, "/committees/:id/decision", h.decisionDownload, permCommRead,
		httpapi.Summary("Download the establishing decision file (404 when none is attached)"))
}
