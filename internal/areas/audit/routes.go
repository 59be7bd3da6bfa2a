package audit

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permAuditExport = authz.Permission{Object: "audit", Action: "export"}
	permAuditRead   = authz.Permission{Object: "audit", Action: "read"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("audit")
	r.Nav(httpapi.NavItem{Section: httpapi.NavAdmin, Label: "nav.audit", Path: "/audit", Perm: permAuditRead, Order: 30, Exact: true})
	r.Templates("audit")
	p := r.Province()
	p.Page(httpapi.GET, "/audit", h.auditPage, permAuditRead)
	p.Page(httpapi.GET, "/audit/export", h.auditExport, permAuditExport)
	p.API(httpapi.GET, "/audit", h.apiAudit, permAuditRead, httpapi.Out[AuditPageJSON](),
		httpapi.Summary("The province's audit trail, newest first, 50 a page, with its members' sign-ins (?action= prefix such as login, or a verb: create, update, delete; ?entity= type, ?actor= name contains, "+
			"?from= and ?to= dd/mm/yyyy, ?page=)"))
	p.API(httpapi.GET, "/audit/export", h.auditExport, permAuditExport,
		httpapi.Summary("Download the audit trail as a file: ?format=csv or xlsx (required), with GET /audit's filters"))
}
