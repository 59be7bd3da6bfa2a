package jobs

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permJobRead = authz.Permission{Object: "job", Action: "read"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("jobs")
	p := r.Province()
	p.API(httpapi.GET, "/jobs", h.apiJobs, permJobRead)
	p.API(httpapi.GET, "/jobs/:id", h.apiJob, permJobRead)
}
