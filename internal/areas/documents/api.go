package documents

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// DocumentRequest is a document to register or change, from a form or JSON: the one binding
// both share.
type DocumentRequest struct {
	Type         string `json:"type" form:"type" required:"true" doc:"Type code: nghi_quyet, ket_luan, chi_thi, ke_hoach, chuong_trinh, cong_van, thong_bao, quyet_dinh, nghi_dinh, thong_tu, luat, phap_lenh, de_an, huong_dan, quy_dinh, quy_che, bao_cao, to_trinh, thong_tu_lien_tich, nghi_quyet_lien_tich, other"`
	NumberSymbol string `json:"number_symbol" form:"number_symbol" required:"false" maxLength:"100" doc:"Number and symbol as written, e.g. 82/KH-UBND"`
	Issuer       string `json:"issuer" form:"issuer" required:"false" maxLength:"300" doc:"The issuing body, as written"`
	IssuerUnitID *int   `json:"issuer_unit_id" form:"issuer_unit_id" required:"false" doc:"The issuing body when it is one of the province's units"`
	IssuedOn     string `json:"issued_on" form:"issued_on" required:"false" doc:"yyyy-mm-dd (dd/mm/yyyy is read too)"`
	Place        string `json:"place" form:"place" required:"false" maxLength:"100" doc:"Place of issue, e.g. Quảng Ngãi"`
	Summary      string `json:"summary" form:"summary" required:"false" maxLength:"2000" doc:"Trích yếu"`
	Signer       string `json:"signer" form:"signer" required:"false" maxLength:"200"`
	FullText     string `json:"full_text" form:"full_text" required:"false" maxLength:"2000000"`
	Direction    string `json:"direction" form:"direction" required:"false" enum:"received,issued" doc:"Default received"`
	// Citations, when present, are the document's citations (replacing the stored ones on
	// change); forms never send them.
	Citations *[]CitationRequest `json:"citations,omitempty" form:"-" required:"false" doc:"What the document cites; on PUT, present replaces the stored citations"`
}

// CitationRequest is a citation as parsed from the full text.
type CitationRequest struct {
	Type         string `json:"type" required:"false" doc:"Type code; empty or other when unknown"`
	NumberSymbol string `json:"number_symbol" required:"false" maxLength:"100"`
	CitedOn      string `json:"cited_on" required:"false" doc:"yyyy-mm-dd"`
	Issuer       string `json:"issuer" required:"false" maxLength:"300"`
	Title        string `json:"title" required:"false" maxLength:"2000"`
	SpanStart    int    `json:"span_start" required:"false" doc:"Where the citation starts in the full text (characters)"`
	SpanEnd      int    `json:"span_end" required:"false"`
}

func (r DocumentRequest) input() (document.Input, error) {
	in := document.Input{Type: r.Type, NumberSymbol: r.NumberSymbol, Issuer: r.Issuer, IssuerUnitID: httpapi.ZeroNil(r.IssuerUnitID),
		Place: r.Place, Summary: r.Summary, Signer: r.Signer, FullText: r.FullText, Direction: r.Direction}
	var err error
	if in.IssuedOn, err = httpapi.OptDay(r.IssuedOn, "issued_on"); err != nil {
		return in, err
	}
	if r.Citations != nil {
		in.Citations = []document.CitationInput{}
		for _, c := range *r.Citations {
			on, err := httpapi.OptDay(c.CitedOn, "citations")
			if err != nil {
				return in, err
			}
			in.Citations = append(in.Citations, document.CitationInput{Type: c.Type, NumberSymbol: c.NumberSymbol, CitedOn: on,
				Issuer: c.Issuer, Title: c.Title, Span: [2]int{c.SpanStart, c.SpanEnd}})
		}
	}
	return in, nil
}

// DocumentJSON is a document of the register.
type DocumentJSON struct {
	ID           int            `json:"id"`
	Type         string         `json:"type"`
	TypeName     string         `json:"type_name" doc:"The type in Vietnamese"`
	NumberSymbol string         `json:"number_symbol"`
	SymbolKey    string         `json:"symbol_key" doc:"The normalized number-symbol citations resolve by"`
	Year         int            `json:"year" doc:"0 when unknown"`
	Issuer       string         `json:"issuer"`
	IssuerUnitID *int           `json:"issuer_unit_id,omitempty"`
	IssuedOn     string         `json:"issued_on,omitempty" format:"date"`
	Place        string         `json:"place"`
	Summary      string         `json:"summary"`
	Signer       string         `json:"signer"`
	FullText     string         `json:"full_text,omitempty" doc:"Only on a single document"`
	Direction    string         `json:"direction"`
	CreatedAt    time.Time      `json:"created_at"`
	Citations    []CitationJSON `json:"citations,omitempty"`
	CitedBy      []RefJSON      `json:"cited_by,omitempty"`
	Files        []FileJSON     `json:"files,omitempty"`
}

// CitationJSON is a citation of a document: what was parsed, and the register's document when
// it resolved.
type CitationJSON struct {
	Type         string   `json:"type"`
	NumberSymbol string   `json:"number_symbol"`
	CitedOn      string   `json:"cited_on,omitempty" format:"date"`
	Issuer       string   `json:"issuer,omitempty"`
	Title        string   `json:"title,omitempty"`
	SpanStart    int      `json:"span_start"`
	SpanEnd      int      `json:"span_end"`
	Cited        *RefJSON `json:"cited,omitempty" doc:"The register's document, when the citation resolved"`
}

// RefJSON names a document of the register.
type RefJSON struct {
	ID           int    `json:"id"`
	Type         string `json:"type"`
	NumberSymbol string `json:"number_symbol"`
	IssuedOn     string `json:"issued_on,omitempty" format:"date"`
	Summary      string `json:"summary"`
}

// FileJSON is a version of an original file.
type FileJSON struct {
	ID          int       `json:"id"`
	Name        string    `json:"name"`
	Version     int       `json:"version"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// DocumentsJSON is a page of the register.
type DocumentsJSON struct {
	Documents []DocumentJSON `json:"documents"`
	Total     int            `json:"total"`
	Page      int            `json:"page"`
	PerPage   int            `json:"per_page"`
}

func documentJSON(d *ent.Document) DocumentJSON {
	return DocumentJSON{ID: d.ID, Type: string(d.Type), TypeName: document.TypeName(string(d.Type)), NumberSymbol: d.NumberSymbol,
		SymbolKey: d.SymbolKey, Year: d.Year, Issuer: d.Issuer, IssuerUnitID: d.IssuerUnitID, IssuedOn: httpapi.ISODayPtr(d.IssuedOn),
		Place: d.Place, Summary: d.Summary, Signer: d.Signer, FullText: d.FullText, Direction: string(d.Direction), CreatedAt: d.CreatedAt}
}

func refJSON(d *ent.Document) RefJSON {
	return RefJSON{ID: d.ID, Type: string(d.Type), NumberSymbol: d.NumberSymbol, IssuedOn: httpapi.ISODayPtr(d.IssuedOn), Summary: d.Summary}
}

func fileJSON(f *ent.DocumentFile) FileJSON {
	return FileJSON{ID: f.ID, Name: f.Name, Version: f.Version, ContentType: f.ContentType, Size: f.Size, SHA256: f.Sha256, CreatedAt: f.CreatedAt}
}

func detailJSON(dt *document.Detail) DocumentJSON {
	out := documentJSON(dt.Document)
	for _, c := range dt.Citations {
		cj := CitationJSON{Type: string(c.Type), NumberSymbol: c.NumberSymbol, CitedOn: httpapi.ISODayPtr(c.CitedOn), Issuer: c.Issuer,
			Title: c.Title, SpanStart: c.SpanStart, SpanEnd: c.SpanEnd}
		if c.Edges.Cited != nil {
			r := refJSON(c.Edges.Cited)
			cj.Cited = &r
		}
		out.Citations = append(out.Citations, cj)
	}
	for _, d := range dt.CitedBy {
		out.CitedBy = append(out.CitedBy, refJSON(d))
	}
	for _, f := range dt.Files {
		out.Files = append(out.Files, fileJSON(f))
	}
	return out
}

// filter reads the list's query: the page and the API share it.
func filter(c echo.Context) (document.Filter, error) {
	f := document.Filter{Type: c.QueryParam("type"), Issuer: c.QueryParam("issuer"), Q: c.QueryParam("q"), Direction: c.QueryParam("direction")}
	num := func(name string) (int, error) {
		v := c.QueryParam(name)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, apperr.Invalid(map[string]string{name: "number"})
		}
		return n, nil
	}
	var err error
	if f.Year, err = num("year"); err != nil {
		return f, err
	}
	if f.Page, err = num("page"); err != nil {
		return f, err
	}
	f.PerPage, err = num("per_page")
	return f, err
}

func (h *handler) apiList(c echo.Context) error {
	f, err := filter(c)
	if err != nil {
		return err
	}
	p, err := h.docs.List(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := DocumentsJSON{Documents: []DocumentJSON{}, Total: p.Total, Page: p.Page, PerPage: p.PerPage}
	for _, d := range p.Documents {
		out.Documents = append(out.Documents, documentJSON(d))
	}
	return c.JSON(http.StatusOK, out)
}

// bindDocument binds and checks a document's request.
func bindDocument(c echo.Context) (DocumentRequest, document.Input, error) {
	var r DocumentRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return r, document.Input{}, err
	}
	in, err := r.input()
	return r, in, err
}

func (h *handler) apiCreate(c echo.Context) error {
	_, in, err := bindDocument(c)
	if err != nil {
		return err
	}
	d, err := h.docs.Create(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return h.sendDetail(c, http.StatusCreated, d.ID)
}

func (h *handler) sendDetail(c echo.Context, status, id int) error {
	dt, err := h.docs.GetDetail(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(status, detailJSON(dt))
}

func (h *handler) apiGet(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	return h.sendDetail(c, http.StatusOK, id)
}

func (h *handler) apiUpdate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	_, in, err := bindDocument(c)
	if err != nil {
		return err
	}
	if _, err := h.docs.Update(c.Request().Context(), id, in); err != nil {
		return err
	}
	return h.sendDetail(c, http.StatusOK, id)
}

// upload stores the request's file on document :id.
func (h *handler) upload(c echo.Context) (*ent.DocumentFile, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	if _, err := h.docs.Get(c.Request().Context(), id); err != nil {
		return nil, err
	}
	return httpapi.WithFile(c, func(f httpapi.File) (*ent.DocumentFile, error) {
		return h.docs.AddFile(c.Request().Context(), id, f.Name, f.Size, f)
	})
}

func (h *handler) apiUpload(c echo.Context) error {
	f, err := h.upload(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, fileJSON(f))
}

// download streams a file version through the app after the permission check.
func (h *handler) download(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	fid, err := httpapi.ID(c, "fid")
	if err != nil {
		return err
	}
	rc, f, err := h.docs.OpenFile(c.Request().Context(), id, fid)
	if err != nil {
		return err
	}
	defer rc.Close()
	return httpapi.Attachment(c, f.Name, f.ContentType, f.Size, rc)
}

// BasisJSON is a document's legal basis as a graph.
type BasisJSON struct {
	Root  int             `json:"root" doc:"Index of the document itself in nodes"`
	Nodes []BasisNodeJSON `json:"nodes"`
	Edges []BasisEdgeJSON `json:"edges"`
}

// BasisNodeJSON is a document of the legal basis (a registered one, or a citation the register
// does not have).
type BasisNodeJSON struct {
	ID           int    `json:"id,omitempty" doc:"The register's document; absent when unresolved"`
	Type         string `json:"type"`
	NumberSymbol string `json:"number_symbol"`
	Date         string `json:"date,omitempty" format:"date"`
	Issuer       string `json:"issuer,omitempty"`
	Title        string `json:"title,omitempty"`
	Resolved     bool   `json:"resolved"`
	Level        int    `json:"level" doc:"0 the document; negative what it stands on; positive what cites it"`
}

// BasisEdgeJSON says that nodes[from] cites nodes[to].
type BasisEdgeJSON struct {
	From int `json:"from"`
	To   int `json:"to"`
}

func (h *handler) apiBasis(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	b, err := h.docs.Basis(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := BasisJSON{Root: b.Root, Nodes: []BasisNodeJSON{}, Edges: []BasisEdgeJSON{}}
	for _, n := range b.Nodes {
		out.Nodes = append(out.Nodes, BasisNodeJSON{ID: n.ID, Type: n.Type, NumberSymbol: n.Number, Date: httpapi.ISODayPtr(n.Date),
			Issuer: n.Issuer, Title: n.Title, Resolved: n.Resolved, Level: n.Level})
	}
	for _, e := range b.Edges {
		out.Edges = append(out.Edges, BasisEdgeJSON{From: e.From, To: e.To})
	}
	return c.JSON(http.StatusOK, out)
}
