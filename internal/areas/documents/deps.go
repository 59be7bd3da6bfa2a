// Package documents is the area of the document register (sổ văn bản): the list with its
// filters, a document's page with its citations, the documents citing it and its files, the
// forms, the legal-basis picture, and the JSON API of the same.
package documents

import (
	"context"
	"io"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Documents is what the area needs of the register.
type Documents interface {
	Create(ctx context.Context, in document.Input) (*ent.Document, error)
	Update(ctx context.Context, id int, in document.Input) (*ent.Document, error)
	Get(ctx context.Context, id int) (*ent.Document, error)
	GetDetail(ctx context.Context, id int) (*document.Detail, error)
	List(ctx context.Context, f document.Filter) (*document.Page, error)
	Years(ctx context.Context) ([]int, error)
	AddFile(ctx context.Context, docID int, name string, size int64, r io.Reader) (*ent.DocumentFile, error)
	OpenFile(ctx context.Context, docID, fileID int) (io.ReadCloser, *ent.DocumentFile, error)
	Basis(ctx context.Context, id int) (*document.Basis, error)
}

type handler struct {
	docs  Documents
	units units.Lister
}

// New builds the area.
func New(d Documents, u units.Lister) httpapi.Area { return &handler{docs: d, units: u} }
