package documents

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permRead   = authz.Permission{Object: "document", Action: "read"}
	permCreate = authz.Permission{Object: "document", Action: "create"}
	permUpdate = authz.Permission{Object: "document", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("documents")
	r.Flash("document_created", "documents.created")
	r.Flash("document_saved", "documents.saved")
	r.Flash("file_uploaded", "documents.file_uploaded")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.documents", Path: "/documents", Perm: permRead, Order: 25})
	r.Templates("documents", "document", "document_form", "document_basis")
	p := r.Province()
	p.Page(httpapi.GET, "/documents", h.listPage, permRead)
	p.Page(httpapi.GET, "/documents/new", h.newPage, permCreate)
	p.Page(httpapi.POST, "/documents", h.createSubmit, permCreate)
	p.Page(httpapi.GET, "/documents/:id", h.detailPage, permRead)
	p.Page(httpapi.GET, "/documents/:id/edit", h.editPage, permUpdate)
	p.Page(httpapi.POST, "/documents/:id", h.updateSubmit, permUpdate)
	p.Page(httpapi.POST, "/documents/:id/files", h.uploadSubmit, permUpdate)
	p.Page(httpapi.GET, "/documents/:id/files/:fid", h.download, permRead)
	p.Page(httpapi.GET, "/documents/:id/basis", h.basisPage, permRead)
	p.Page(httpapi.GET, "/documents/:id/basis.svg", h.basisSVG, permRead)

	p.API(httpapi.GET, "/documents", h.apiList, permRead, httpapi.Out[DocumentsJSON](),
		httpapi.Summary("The register, newest first (?type=, ?issuer= words, ?year=, ?q= words ignoring diacritics, ?direction=, ?page=, ?per_page= up to 200)"))
	p.API(httpapi.POST, "/documents", h.apiCreate, permCreate, httpapi.In[DocumentRequest](), httpapi.Out[DocumentJSON](),
		httpapi.Created(), httpapi.Summary("Register a document with its citations; 409 when its type, number and year are registered already"))
	p.API(httpapi.GET, "/documents/:id", h.apiGet, permRead, httpapi.Out[DocumentJSON](),
		httpapi.Summary("A document with its citations, the documents citing it and its files"))
	p.API(httpapi.PUT, "/documents/:id", h.apiUpdate, permUpdate, httpapi.In[DocumentRequest](), httpapi.Out[DocumentJSON](),
		httpapi.Summary("Change a document (all fields); citations are replaced only when the body has them"))
	p.API(httpapi.POST, "/documents/:id/files", h.apiUpload, permUpdate, httpapi.Out[FileJSON](), httpapi.Created(),
		httpapi.Summary("Add an original file: multipart/form-data, field file (DOCX, PDF, JPEG, PNG or TXT, up to 50 MB); a name the document has already adds a version"))
	p.API(httpapi.GET, "/documents/:id/files/:fid", h.download, permRead,
		httpapi.Summary("Download a version of an original file"))
	p.API(httpapi.GET, "/documents/:id/basis", h.apiBasis, permRead, httpapi.Out[BasisJSON](),
		httpapi.Summary("The legal basis: what the document cites, recursively, and what cites it (nodes and edges, 6 steps each way)"))
}
