package document

import (
	"context"
	"fmt"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/citation"
	entdoc "github.com/danvan-vn/danvan/ent/document"
)

// MaxBasisDepth is how many citation steps the legal basis follows each way.
const MaxBasisDepth = 6

// BasisNode is a document of the legal basis: a registered one (Resolved, ID set) or a
// citation the register does not have (what the citation gave).
type BasisNode struct {
	ID       int // the document's id; 0 for an unresolved citation
	Type     string
	Number   string
	Date     *time.Time
	Issuer   string
	Title    string // the summary of a registered document, the title a citation gave otherwise
	Resolved bool
	// Level is the node's place: 0 the document itself, negative what it stands on (-1 what it
	// cites), positive what cites it (1 what cites it directly).
	Level int
}

// BasisEdge says that node From cites node To (indices into Basis.Nodes).
type BasisEdge struct{ From, To int }

// Basis is a document's legal basis: upward, what it cites, recursively through the register;
// downward, the documents citing it, recursively. Nodes[Root] is the document.
type Basis struct {
	Root  int
	Nodes []BasisNode
	Edges []BasisEdge
}

func docNode(d *ent.Document, level int) BasisNode {
	return BasisNode{ID: d.ID, Type: string(d.Type), Number: d.NumberSymbol, Date: d.IssuedOn, Issuer: d.Issuer,
		Title: d.Summary, Resolved: true, Level: level}
}

// light reads documents without their full texts (lists and the basis show none of it).
func light(q *ent.DocumentQuery) {
	q.Select(entdoc.FieldID, entdoc.FieldCreatedAt, entdoc.FieldUpdatedAt, entdoc.FieldTenantID, entdoc.FieldType,
		entdoc.FieldNumberSymbol, entdoc.FieldSymbolKey, entdoc.FieldYear, entdoc.FieldIssuer, entdoc.FieldIssuerUnitID,
		entdoc.FieldIssuedOn, entdoc.FieldPlace, entdoc.FieldSummary, entdoc.FieldSigner, entdoc.FieldDirection,
		entdoc.FieldCreatedBy)
}

// Basis walks the citations of document id, MaxBasisDepth steps each way. A document reached
// twice is one node (a cycle of citations ends there); an unresolved citation is a leaf.
func (s *Service) Basis(ctx context.Context, id int) (*Basis, error) {
	root, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	b := &Basis{Nodes: []BasisNode{docNode(root, 0)}}
	index := map[int]int{root.ID: 0} // document id → node
	edges := map[BasisEdge]bool{}
	edge := func(from, to int) {
		if e := (BasisEdge{from, to}); from != to && !edges[e] {
			edges[e] = true
			b.Edges = append(b.Edges, e)
		}
	}
	add := func(d *ent.Document, level int) (int, bool) {
		if n, ok := index[d.ID]; ok {
			return n, false
		}
		index[d.ID] = len(b.Nodes)
		b.Nodes = append(b.Nodes, docNode(d, level))
		return len(b.Nodes) - 1, true
	}

	// Upward: what the frontier cites.
	frontier := []int{root.ID}
	for depth := 1; depth <= MaxBasisDepth && len(frontier) > 0; depth++ {
		cs, err := s.db.Citation.Query().Where(citation.DocumentIDIn(frontier...)).WithCited(light).
			Order(ent.Asc(citation.FieldDocumentID), ent.Asc(citation.FieldSpanStart), ent.Asc(citation.FieldID)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("basis of %d: citations: %w", id, err)
		}
		var next []int
		for _, c := range cs {
			from := index[c.DocumentID]
			if c.Edges.Cited == nil {
				b.Nodes = append(b.Nodes, BasisNode{Type: string(c.Type), Number: c.NumberSymbol, Date: c.CitedOn,
					Issuer: c.Issuer, Title: c.Title, Level: -depth})
				edge(from, len(b.Nodes)-1)
				continue
			}
			n, fresh := add(c.Edges.Cited, -depth)
			edge(from, n)
			if fresh {
				next = append(next, c.Edges.Cited.ID)
			}
		}
		frontier = next
	}

	// Downward: the documents citing the frontier.
	frontier = []int{root.ID}
	for depth := 1; depth <= MaxBasisDepth && len(frontier) > 0; depth++ {
		cs, err := s.db.Citation.Query().Where(citation.CitedIDIn(frontier...)).WithDocument(light).Order(ent.Asc(citation.FieldID)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("basis of %d: cited by: %w", id, err)
		}
		var next []int
		for _, c := range cs {
			if c.Edges.Document == nil || c.CitedID == nil {
				continue
			}
			n, fresh := add(c.Edges.Document, depth)
			edge(n, index[*c.CitedID])
			if fresh {
				next = append(next, c.DocumentID)
			}
		}
		frontier = next
	}
	return b, nil
}
