package jobs

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permJobRead   = authz.Permission{Object: "job", Action: "read"}
	permJobUpdate = authz.Permission{Object: "job", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("jobs")
	r.Nav(httpapi.NavItem{Section: httpapi.NavAdmin, Label: "nav.jobs", Path: "/jobs", Perm: permJobRead, Order: 35})
	r.Flash("job_retried", "jobs.retried")
	r.Flash("job_cancelled", "jobs.cancelled")
	r.Templates("jobs", "job")

	p := r.Province()
	p.Page(httpapi.GET, "/jobs", h.listPage, permJobRead)
	p.Page(httpapi.GET, "/jobs/:id", h.jobPage, permJobRead)
	p.Page(httpapi.POST, "/jobs/:id/retry", h.retryPage, permJobUpdate)
	p.Page(httpapi.POST, "/jobs/:id/cancel", h.cancelPage, permJobUpdate)
	p.API(httpapi.GET, "/jobs", h.apiList, permJobRead, httpapi.Out[ListJSON](),
		httpapi.Summary("The province's background jobs, newest first (?status=, ?type=, ?page=, ?per_page= up to 100)"))
	p.API(httpapi.GET, "/jobs/:id", h.apiGet, permJobRead, httpapi.Out[JobJSON](),
		httpapi.Summary("A job: status, progress 0–100, attempts, last error"))
	p.API(httpapi.POST, "/jobs/:id/retry", h.apiRetry, permJobUpdate, httpapi.Out[JobJSON](),
		httpapi.Summary("Run a failed job again (the same job, from its start)"))
	p.API(httpapi.POST, "/jobs/:id/cancel", h.apiCancel, permJobUpdate, httpapi.Out[JobJSON](),
		httpapi.Summary("Cancel a job that has not started"))
}
