package documents

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/legalbasis"
	"github.com/danvan-vn/danvan/internal/web"
)

// ListPage is the register with its filters.
type ListPage struct {
	web.Page
	DocsURL   string // /t/{slug}/documents
	Filter    FilterVM
	Query     string // the filter as a query string, for the pager
	Types     []string
	Years     []int
	Rows      []RowVM
	Total     int
	Page_     int
	HasNext   bool
	Errors    map[string]string
	CanCreate bool
}

// FilterVM is the list's filter as typed.
type FilterVM struct{ Type, Issuer, Year, Q, Direction string }

// RowVM is a document in a list.
type RowVM struct {
	ID        int
	Type      string
	Number    string
	IssuedOn  *time.Time
	Issuer    string
	Summary   string
	Direction string
}

func rowVM(d *ent.Document) RowVM {
	return RowVM{ID: d.ID, Type: string(d.Type), Number: d.NumberSymbol, IssuedOn: d.IssuedOn, Issuer: d.Issuer,
		Summary: d.Summary, Direction: string(d.Direction)}
}

// FormPage is the form of a new or changed document.
type FormPage struct {
	web.Page
	DocsURL string
	Action  string // where the form posts
	Cancel  string
	Edit    bool
	Form    DocumentRequest
	Types   []string
	Units   []web.UnitOption
	Errors  map[string]string
	// Conflict is the duplicate's message and link, when the register has the document already.
	Conflict     string
	ConflictLink string
}

// DetailPage is a document's page.
type DetailPage struct {
	web.Page
	DocsURL   string
	PlansURL  string // /t/{slug}/plans
	URL       string // this document's page
	Doc       RowVM
	Place     string
	Signer    string
	FullText  string
	UnitName  string
	Citations []CitationVM
	CitedBy   []RowVM
	Files     []*ent.DocumentFile
	Plans     []*ent.WorkPlan
	Errors    map[string]string
	CanUpdate bool
}

// CitationVM is a citation in the detail page's table.
type CitationVM struct {
	Type    string
	Number  string
	CitedOn *time.Time
	Issuer  string
	Title   string
	Cited   *RowVM // the register's document, when resolved
}

// BasisPage is the legal-basis picture of a document.
type BasisPage struct {
	web.Page
	DocsURL string
	URL     string
	Doc     RowVM
	SVG     template.HTML // drawn by internal/legalbasis: every text escaped, no script, no style
	Nodes   int
}

func (h *handler) base(c echo.Context) string { return httpapi.ProvinceURL(c, "/documents") }

func (h *handler) listPage(c echo.Context) error {
	p := ListPage{Page: httpapi.PageOf(c, "documents.title"), DocsURL: h.base(c), Types: document.Types, CanCreate: httpapi.Can(c, permCreate)}
	q := c.QueryParams()
	p.Filter = FilterVM{Type: q.Get("type"), Issuer: q.Get("issuer"), Year: q.Get("year"), Q: q.Get("q"), Direction: q.Get("direction")}
	kept := url.Values{}
	for _, k := range []string{"type", "issuer", "year", "q", "direction"} {
		if v := q.Get(k); v != "" {
			kept.Set(k, v)
		}
	}
	p.Query = kept.Encode()
	ctx := c.Request().Context()
	years, err := h.docs.Years(ctx)
	if err != nil {
		return err
	}
	p.Years = years
	status := http.StatusOK
	f, err := filter(c)
	var pg *document.Page
	if err == nil {
		f.PerPage = 50
		pg, err = h.docs.List(ctx, f)
	}
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else {
		for _, d := range pg.Documents {
			p.Rows = append(p.Rows, rowVM(d))
		}
		p.Total, p.Page_, p.HasNext = pg.Total, pg.Page, pg.Page*pg.PerPage < pg.Total
	}
	return httpapi.HTML(c, status, "documents", p)
}

func (h *handler) formPage(c echo.Context, status int, p FormPage) error {
	opts, _, err := units.Options(c.Request().Context(), h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.DocsURL, p.Types, p.Units = h.base(c), document.Types, opts
	return httpapi.HTML(c, status, "document_form", p)
}

func (h *handler) newPage(c echo.Context) error {
	return h.formPage(c, http.StatusOK, FormPage{Page: httpapi.PageOf(c, "documents.new.title"), Action: h.base(c), Cancel: h.base(c),
		Form: DocumentRequest{Direction: document.Received}})
}

// refused shows the form again with the reasons of err; other errors go to the error page.
func (h *handler) refused(c echo.Context, err error, p FormPage, r DocumentRequest) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p.Errors, p.Form = fields, r
	status := http.StatusUnprocessableEntity
	if e, _ := apperr.As(err); e.Kind == apperr.KindConflict {
		status = http.StatusConflict
		p.Conflict = h.conflictMessage(c, e)
		if e.Code == document.CodeDuplicate && len(e.Args) == 4 {
			p.ConflictLink = h.base(c) + "/" + e.Args[3].(string)
		}
	}
	return h.formPage(c, status, p)
}

// conflictMessage is a duplicate's message in the page's language, the type named in it.
func (h *handler) conflictMessage(c echo.Context, e *apperr.Error) string {
	if (e.Code != document.CodeDuplicate && e.Code != "document_duplicate_race") || len(e.Args) < 3 {
		return httpapi.T(c, "error."+e.Code)
	}
	args := append([]any{}, e.Args...)
	// The type as the page's language names it (the Args carry the Vietnamese word for the API).
	if code := document.TypeFromWord(args[0].(string)); code != document.TypeOther || args[0] == document.TypeName(document.TypeOther) {
		args[0] = httpapi.T(c, "doctype."+code)
	}
	return httpapi.T(c, "detail."+e.Code, args...)
}

func (h *handler) createSubmit(c echo.Context) error {
	r, in, err := bindDocument(c)
	r.Citations = nil // forms carry none
	if err == nil {
		var d *ent.Document
		if d, err = h.docs.Create(c.Request().Context(), in); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/"+strconv.Itoa(d.ID), "document_created")
		}
	}
	return h.refused(c, err, FormPage{Page: httpapi.PageOf(c, "documents.new.title"), Action: h.base(c), Cancel: h.base(c)}, r)
}

func (h *handler) editPage(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	d, err := h.docs.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	u := h.base(c) + "/" + strconv.Itoa(id)
	r := DocumentRequest{Type: string(d.Type), NumberSymbol: d.NumberSymbol, Issuer: d.Issuer, IssuerUnitID: d.IssuerUnitID, Place: d.Place,
		Summary: d.Summary, Signer: d.Signer, FullText: d.FullText, Direction: string(d.Direction)}
	if d.IssuedOn != nil {
		r.IssuedOn = httpapi.DMY(*d.IssuedOn)
	}
	return h.formPage(c, http.StatusOK, FormPage{Page: httpapi.PageOf(c, "documents.edit.title"), Action: u, Cancel: u, Edit: true, Form: r})
}

func (h *handler) updateSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	u := h.base(c) + "/" + strconv.Itoa(id)
	r, in, err := bindDocument(c)
	r.Citations, in.Citations = nil, nil // a form keeps the citations as they are
	if err == nil {
		if _, err = h.docs.Update(c.Request().Context(), id, in); err == nil {
			return httpapi.Redirect(c, u, "document_saved")
		}
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.refused(c, err, FormPage{Page: httpapi.PageOf(c, "documents.edit.title"), Action: u, Cancel: u, Edit: true}, r)
}

func (h *handler) detailData(c echo.Context, p *DetailPage) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	dt, err := h.docs.GetDetail(ctx, id)
	if err != nil {
		return err
	}
	d := dt.Document
	p.DocsURL, p.URL, p.Doc = h.base(c), h.base(c)+"/"+strconv.Itoa(id), rowVM(d)
	p.PlansURL = httpapi.ProvinceURL(c, "/plans")
	p.Place, p.Signer, p.FullText, p.Files, p.Plans = d.Place, d.Signer, d.FullText, dt.Files, dt.Plans
	p.CanUpdate = httpapi.Can(c, permUpdate)
	if d.IssuerUnitID != nil {
		_, names, err := units.Options(ctx, h.units, calendar.Today().UTC())
		if err != nil {
			return err
		}
		p.UnitName = names[*d.IssuerUnitID]
	}
	for _, ct := range dt.Citations {
		vm := CitationVM{Type: string(ct.Type), Number: ct.NumberSymbol, CitedOn: ct.CitedOn, Issuer: ct.Issuer, Title: ct.Title}
		if ct.Edges.Cited != nil {
			r := rowVM(ct.Edges.Cited)
			vm.Cited = &r
		}
		p.Citations = append(p.Citations, vm)
	}
	for _, b := range dt.CitedBy {
		p.CitedBy = append(p.CitedBy, rowVM(b))
	}
	return nil
}

func (h *handler) detailPage(c echo.Context) error {
	p := DetailPage{Page: httpapi.PageOf(c, "document.title")}
	if err := h.detailData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "document", p)
}

func (h *handler) uploadSubmit(c echo.Context) error {
	_, err := h.upload(c)
	if err == nil {
		return httpapi.Redirect(c, h.base(c)+"/"+c.Param("id"), "file_uploaded")
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := DetailPage{Page: httpapi.PageOf(c, "document.title"), Errors: fields}
	if err := h.detailData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "document", p)
}

// chart reads document :id's legal basis as a picture's graph.
func (h *handler) chart(c echo.Context) (*ent.Document, legalbasis.Graph, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, legalbasis.Graph{}, err
	}
	ctx := c.Request().Context()
	d, err := h.docs.Get(ctx, id)
	if err != nil {
		return nil, legalbasis.Graph{}, err
	}
	b, err := h.docs.Basis(ctx, id)
	if err != nil {
		return nil, legalbasis.Graph{}, err
	}
	g := legalbasis.Graph{Root: b.Root, Title: httpapi.T(c, "basis.svg_title", docLabel(c, d.NumberSymbol, string(d.Type)))}
	for _, n := range b.Nodes {
		box := legalbasis.Node{Label: docLabel(c, n.Number, n.Type), Issuer: n.Issuer, Resolved: n.Resolved, Level: n.Level}
		if n.Date != nil {
			box.Date = httpapi.DMY(*n.Date)
		}
		if n.Resolved {
			box.Link = h.base(c) + "/" + strconv.Itoa(n.ID)
		}
		if box.Label == "" {
			box.Label = n.Title
		}
		g.Nodes = append(g.Nodes, box)
	}
	for _, e := range b.Edges {
		g.Edges = append(g.Edges, legalbasis.Edge{From: e.From, To: e.To})
	}
	return d, g, nil
}

// docLabel names a document as people do: "Nghị quyết 25-NQ/TW".
func docLabel(c echo.Context, number, typ string) string {
	name := httpapi.T(c, "doctype."+typ)
	if typ == document.TypeOther {
		name = ""
	}
	switch {
	case name == "":
		return number
	case number == "":
		return name
	}
	return name + " " + number
}

func (h *handler) basisPage(c echo.Context) error {
	d, g, err := h.chart(c)
	if err != nil {
		return err
	}
	p := BasisPage{Page: httpapi.PageOf(c, "basis.title"), DocsURL: h.base(c), URL: h.base(c) + "/" + strconv.Itoa(d.ID), Doc: rowVM(d),
		Nodes: len(g.Nodes)}
	// The picture is drawn by our code: its texts are escaped and it holds no script or style.
	p.SVG = template.HTML(legalbasis.SVG(legalbasis.Place(g), g.Title)) //nolint:gosec // see above
	return httpapi.HTML(c, http.StatusOK, "document_basis", p)
}

func (h *handler) basisSVG(c echo.Context) error {
	d, g, err := h.chart(c)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Cache-Control", "no-store")
	// Opened on its own the picture needs nothing: its colours are attributes, not a style sheet.
	hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
	if c.QueryParam("download") != "" {
		hd.Set(echo.HeaderContentDisposition, httpapi.ContentDisposition("can-cu-phap-ly-"+strconv.Itoa(d.ID)+".svg"))
	}
	return c.Blob(http.StatusOK, "image/svg+xml", legalbasis.SVG(legalbasis.Place(g), g.Title))
}
