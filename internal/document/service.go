// Package document keeps a province's document register (sổ văn bản): the directives it
// receives and the texts it issues, each with its number and symbol as written and a
// normalized key, its citations (the legal basis) resolved to the register's documents when
// they are there, and its original files, versioned, in the province's bucket.
package document

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/citation"
	entdoc "github.com/danvan-vn/danvan/ent/document"
	"github.com/danvan-vn/danvan/ent/predicate"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/viewer"

	"entgo.io/ent/dialect/sql"
)

// Limits of a document's fields, in characters.
const (
	MaxNumberSymbol = 100
	MaxIssuer       = 300
	MaxPlace        = 100
	MaxSigner       = 200
	MaxSummary      = 2000
	MaxFullText     = 2_000_000
	MaxTitle        = 2000
	// MaxCitations caps the citations of one document (a real text cites a few dozen).
	MaxCitations = 500
)

// Directions of a document.
const (
	Received = "received"
	Issued   = "issued"
)

// Service manages the viewer's province's register.
type Service struct {
	db    *ent.Client
	files Files
	quota StorageQuota
	// today is the Vietnamese day the date check counts from (calendar.Today outside tests).
	today func() calendar.Date
}

// New returns the service. files and q may be nil when files are not stored (tests of the
// register alone).
func New(c *ent.Client, files Files, q StorageQuota) *Service {
	return &Service{db: c, files: files, quota: q, today: calendar.Today}
}

// Input describes a document.
type Input struct {
	Type, NumberSymbol, Issuer string
	IssuerUnitID               *int
	IssuedOn                   *time.Time // UTC midnight of the Vietnamese day
	Place, Summary, Signer     string
	FullText, Direction        string
	// Citations are what the document cites. Create stores them; Update replaces the stored
	// ones only when this is not nil (an empty, non-nil list removes them all).
	Citations []CitationInput
}

// CitationInput is one citation as the extractor parsed it: the cited document's type code,
// number-symbol, day, issuer and title, and where in the full text it was found.
type CitationInput struct {
	Type         string // a type code; "" or unknown is "other"
	NumberSymbol string
	CitedOn      *time.Time
	Issuer       string
	Title        string
	Span         [2]int
}

// clean checks and tidies the input in place; the first reason per field wins.
func (s *Service) clean(in *Input) error {
	f := apperr.Fields{}
	line := func(field string, v *string, max int) {
		*v = strings.Join(strings.Fields(*v), " ")
		checkText(f, field, *v, max, false)
	}
	text := func(field string, v *string, max int) {
		*v = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(*v, "\r\n", "\n"), "\r", "\n"))
		checkText(f, field, *v, max, true)
	}
	in.Type = strings.TrimSpace(in.Type)
	switch {
	case in.Type == "":
		f.Add("type", "required")
	case !ValidType(in.Type):
		f.Add("type", "invalid")
	}
	if in.Direction == "" {
		in.Direction = Received
	}
	if in.Direction != Received && in.Direction != Issued {
		f.Add("direction", "invalid")
	}
	if !utf8.ValidString(in.NumberSymbol) {
		f.Add("number_symbol", "invalid")
	} else {
		in.NumberSymbol = NormalizeSymbol(in.NumberSymbol)
		checkText(f, "number_symbol", in.NumberSymbol, MaxNumberSymbol, false)
	}
	line("issuer", &in.Issuer, MaxIssuer)
	line("place", &in.Place, MaxPlace)
	line("signer", &in.Signer, MaxSigner)
	text("summary", &in.Summary, MaxSummary)
	text("full_text", &in.FullText, MaxFullText)
	if in.IssuedOn != nil {
		last := s.today().UTC().AddDate(1, 0, 0)
		if in.IssuedOn.After(last) {
			f.Add("issued_on", "date_future")
		}
	}
	if len(in.Citations) > MaxCitations {
		f.Add("citations", "too_many")
	}
	for i := range in.Citations {
		c := &in.Citations[i]
		if c.Type == "" || !ValidType(c.Type) {
			c.Type = TypeOther
		}
		if !utf8.ValidString(c.NumberSymbol) {
			f.Add("citations", "invalid")
			continue
		}
		c.NumberSymbol = NormalizeSymbol(c.NumberSymbol)
		line("citations", &c.Issuer, MaxIssuer)
		line("citations", &c.Title, MaxTitle)
		checkText(f, "citations", c.NumberSymbol, MaxNumberSymbol, false)
		if c.Span[0] < 0 || c.Span[1] < c.Span[0] {
			c.Span = [2]int{}
		}
	}
	return f.Err()
}

// checkText records why v cannot be stored in field, if it cannot: invalid UTF-8 or a control
// character ("control"; new lines and tabs are allowed in multiline text), or over max
// characters ("too_long").
func checkText(f apperr.Fields, field, v string, max int, multiline bool) {
	if !utf8.ValidString(v) {
		f.Add(field, "invalid")
		return
	}
	f.Text(field, v, max, multiline)
}

// searchKey is what the words of a search are looked for in: the number, the issuer and the
// summary, folded, one per line (the issuer filter looks between the first two new lines).
func searchKey(in Input) string {
	return textnorm.Fold(in.NumberSymbol) + "\n" + textnorm.Fold(in.Issuer) + "\n" + textnorm.Fold(in.Summary)
}

// Create adds a document to the register, with its citations, in one transaction.
func (s *Service) Create(ctx context.Context, in Input) (*ent.Document, error) {
	var d *ent.Document
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		d, err = s.CreateTx(ctx, tx, in)
		return err
	})
	if e, ok := apperr.As(err); ok && e.Code == codeDuplicateRace {
		// The index caught a document added meanwhile: name it now that it is committed.
		if dup, derr := s.duplicateOf(ctx, s.db, in, 0); derr == nil && dup != nil {
			return nil, duplicate(dup)
		}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// CreateTx is Create inside the caller's transaction (a directive's intake confirms the
// document, its plan and its tasks at once): it validates, refuses a duplicate, inserts the
// document and its citations, and resolves the citations of other documents that were waiting
// for it.
func (s *Service) CreateTx(ctx context.Context, tx *ent.Tx, in Input) (*ent.Document, error) {
	if err := s.clean(&in); err != nil {
		return nil, err
	}
	c := tx.Client()
	if err := checkUnit(ctx, c, in.IssuerUnitID); err != nil {
		return nil, err
	}
	dup, err := s.duplicateOf(ctx, c, in, 0)
	if err != nil {
		return nil, err
	}
	if dup != nil {
		return nil, duplicate(dup)
	}
	q := c.Document.Create().SetType(entdoc.Type(in.Type)).SetNumberSymbol(in.NumberSymbol).
		SetSymbolKey(SymbolKey(in.NumberSymbol)).SetYear(yearOf(in.IssuedOn, in.NumberSymbol)).SetIssuer(in.Issuer).
		SetNillableIssuerUnitID(in.IssuerUnitID).SetNillableIssuedOn(in.IssuedOn).SetPlace(in.Place).SetSummary(in.Summary).
		SetSigner(in.Signer).SetFullText(in.FullText).SetDirection(entdoc.Direction(in.Direction)).SetSearchKey(searchKey(in))
	if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
		q.SetCreatedBy(v.UserID)
	}
	d, err := q.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, duplicateRace(in)
	}
	if err != nil {
		return nil, fmt.Errorf("create document: %w", err)
	}
	if err := addCitations(ctx, c, d, in.Citations); err != nil {
		return nil, err
	}
	if err := resolveWaiting(ctx, c, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Update changes a document (all fields, as Create takes them). Changing its number, type or
// date checks the duplicate rule again and re-resolves the citations that point at it.
func (s *Service) Update(ctx context.Context, id int, in Input) (*ent.Document, error) {
	if err := s.clean(&in); err != nil {
		return nil, err
	}
	var d *ent.Document
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		old, err := c.Document.Query().Where(entdoc.ID(id)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		if err := checkUnit(ctx, c, in.IssuerUnitID); err != nil {
			return err
		}
		dup, err := s.duplicateOf(ctx, c, in, id)
		if err != nil {
			return err
		}
		if dup != nil {
			return duplicate(dup)
		}
		q := c.Document.UpdateOneID(id).SetType(entdoc.Type(in.Type)).SetNumberSymbol(in.NumberSymbol).
			SetSymbolKey(SymbolKey(in.NumberSymbol)).SetYear(yearOf(in.IssuedOn, in.NumberSymbol)).SetIssuer(in.Issuer).
			SetPlace(in.Place).SetSummary(in.Summary).SetSigner(in.Signer).SetFullText(in.FullText).
			SetDirection(entdoc.Direction(in.Direction)).SetSearchKey(searchKey(in))
		if in.IssuerUnitID != nil {
			q.SetIssuerUnitID(*in.IssuerUnitID)
		} else {
			q.ClearIssuerUnitID()
		}
		if in.IssuedOn != nil {
			q.SetIssuedOn(*in.IssuedOn)
		} else {
			q.ClearIssuedOn()
		}
		d, err = q.Save(ctx)
		if ent.IsConstraintError(err) {
			return duplicateRace(in)
		}
		if err != nil {
			return err
		}
		if in.Citations != nil {
			if _, err := c.Citation.Delete().Where(citation.DocumentID(id)).Exec(ctx); err != nil {
				return err
			}
			if err := addCitations(ctx, c, d, in.Citations); err != nil {
				return err
			}
		}
		if old.SymbolKey != d.SymbolKey || old.Type != d.Type || old.Year != d.Year {
			// Citations that named the document as it was no longer point at it; others may now.
			pointing, err := c.Citation.Query().Where(citation.CitedID(id)).All(ctx)
			if err != nil {
				return err
			}
			for _, ct := range pointing {
				if !matches(ct, d) {
					if err := c.Citation.UpdateOneID(ct.ID).ClearCitedID().Exec(ctx); err != nil {
						return err
					}
				}
			}
			return resolveWaiting(ctx, c, d)
		}
		return nil
	})
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// checkUnit: the issuing unit, when given, is one of the province's units.
func checkUnit(ctx context.Context, c *ent.Client, id *int) error {
	if id == nil {
		return nil
	}
	if _, err := c.Unit.Get(ctx, *id); err != nil {
		if ent.IsNotFound(err) {
			return apperr.Invalid(map[string]string{"issuer_unit_id": "unit_not_existing"})
		}
		return err
	}
	return nil
}

// duplicateOf returns the document (other than except) with the same type, number and year,
// if there is one. A document without a number has no duplicate.
func (s *Service) duplicateOf(ctx context.Context, c *ent.Client, in Input, except int) (*ent.Document, error) {
	key := SymbolKey(in.NumberSymbol)
	if key == "" {
		return nil, nil
	}
	d, err := c.Document.Query().Where(entdoc.TypeEQ(entdoc.Type(in.Type)), entdoc.SymbolKey(key),
		entdoc.Year(yearOf(in.IssuedOn, in.NumberSymbol)), entdoc.IDNEQ(except)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return d, err
}

// citationKey is what deduplicates a document's citations: the type and the number's key, or
// the folded title when the citation has no number.
func citationKey(c CitationInput) string {
	if k := SymbolKey(c.NumberSymbol); k != "" {
		return c.Type + " " + k
	}
	return c.Type + " #" + textnorm.Fold(c.Title)
}

// addCitations stores a document's citations, once each, resolved when the register has the
// cited document.
func addCitations(ctx context.Context, c *ent.Client, d *ent.Document, cs []CitationInput) error {
	seen := map[string]bool{}
	for _, ci := range cs {
		k := citationKey(ci)
		if seen[k] || (ci.NumberSymbol == "" && ci.Title == "") {
			continue
		}
		seen[k] = true
		key := SymbolKey(ci.NumberSymbol)
		q := c.Citation.Create().SetDocumentID(d.ID).SetType(citation.Type(ci.Type)).SetNumberSymbol(ci.NumberSymbol).
			SetSymbolKey(key).SetNillableCitedOn(ci.CitedOn).SetIssuer(ci.Issuer).SetTitle(ci.Title).
			SetSpanStart(ci.Span[0]).SetSpanEnd(ci.Span[1])
		if key != "" {
			target, err := resolve(ctx, c, ci.Type, key, ci.CitedOn, d.ID)
			if err != nil {
				return err
			}
			if target != 0 {
				q.SetCitedID(target)
			}
		}
		if err := q.Exec(ctx); err != nil {
			return fmt.Errorf("document %d: citation %q: %w", d.ID, ci.NumberSymbol, err)
		}
	}
	return nil
}

// resolve finds the register's document a citation names: by key, and by type and year when
// the citation gives them. It returns 0 when none, or more than one, fits.
func resolve(ctx context.Context, c *ent.Client, typ, key string, on *time.Time, self int) (int, error) {
	ps := []predicate.Document{entdoc.SymbolKey(key), entdoc.IDNEQ(self)}
	if typ != TypeOther {
		ps = append(ps, entdoc.TypeEQ(entdoc.Type(typ)))
	}
	if on != nil {
		ps = append(ps, entdoc.Year(on.Year()))
	}
	ids, err := c.Document.Query().Where(ps...).Limit(2).IDs(ctx)
	if err != nil || len(ids) != 1 {
		return 0, err
	}
	return ids[0], nil
}

// Resolve finds the register's document a citation names (type code, number-symbol as written,
// the cited date when given): its id, or 0 when none or more than one fits. The directive
// review shows with it which cited documents the register already holds.
func (s *Service) Resolve(ctx context.Context, typ, numberSymbol string, on *time.Time) (int, error) {
	key := SymbolKey(NormalizeSymbol(numberSymbol))
	if key == "" {
		return 0, nil
	}
	if !ValidType(typ) {
		typ = TypeOther
	}
	return resolve(ctx, s.db, typ, key, on, 0)
}

// matches says whether citation ct names document d.
func matches(ct *ent.Citation, d *ent.Document) bool {
	if ct.SymbolKey == "" || ct.SymbolKey != d.SymbolKey || ct.DocumentID == d.ID {
		return false
	}
	if string(ct.Type) != TypeOther && string(ct.Type) != string(d.Type) {
		return false
	}
	return ct.CitedOn == nil || ct.CitedOn.Year() == d.Year
}

// resolveWaiting points the unresolved citations of other documents that name d at d.
func resolveWaiting(ctx context.Context, c *ent.Client, d *ent.Document) error {
	if d.SymbolKey == "" {
		return nil
	}
	waiting, err := c.Citation.Query().Where(citation.SymbolKey(d.SymbolKey), citation.CitedIDIsNil(),
		citation.DocumentIDNEQ(d.ID)).All(ctx)
	if err != nil {
		return err
	}
	for _, ct := range waiting {
		if !matches(ct, d) {
			continue
		}
		if err := c.Citation.UpdateOneID(ct.ID).SetCitedID(d.ID).Exec(ctx); err != nil {
			return fmt.Errorf("resolve citation %d: %w", ct.ID, err)
		}
	}
	return nil
}

// Get returns one document of the province.
func (s *Service) Get(ctx context.Context, id int) (*ent.Document, error) {
	d, err := s.db.Document.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	return d, err
}

// Detail is a document with what the detail page shows beside it.
type Detail struct {
	*ent.Document
	Citations []*ent.Citation // in the order of the text, each with its cited document if any
	CitedBy   []*ent.Document // documents citing this one, newest first
	Files     []*ent.DocumentFile
	Plans     []*ent.WorkPlan
}

// GetDetail returns a document with its citations, the documents citing it, its files and the
// plans it issued.
func (s *Service) GetDetail(ctx context.Context, id int) (*Detail, error) {
	d, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &Detail{Document: d}
	if out.Citations, err = s.db.Citation.Query().Where(citation.DocumentID(id)).WithCited().
		Order(ent.Asc(citation.FieldSpanStart), ent.Asc(citation.FieldID)).All(ctx); err != nil {
		return nil, err
	}
	by := s.db.Document.Query().Where(entdoc.HasCitationsWith(citation.CitedID(id)))
	light(by)
	if out.CitedBy, err = by.Modify(newestFirst).All(ctx); err != nil {
		return nil, err
	}
	if out.Files, err = s.Files(ctx, id); err != nil {
		return nil, err
	}
	if out.Plans, err = s.db.WorkPlan.Query().Where(workplan.DocumentID(id)).Order(ent.Desc(workplan.FieldYear), ent.Asc(workplan.FieldID)).All(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// Filter chooses documents of the register. Empty fields do not filter.
type Filter struct {
	Type      string
	Issuer    string // words of the issuer, ignoring diacritics and case
	Year      int
	Q         string // words found in the number, the issuer or the summary
	Direction string
	Page      int // from 1
	PerPage   int // 50 when zero; at most 200
}

// Page is one page of a list.
type Page struct {
	Documents            []*ent.Document
	Total, Page, PerPage int
}

// newestFirst orders documents by day, newest first, those without a day last, then by id.
func newestFirst(s *sql.Selector) {
	s.OrderExpr(sql.Expr(s.C(entdoc.FieldIssuedOn) + " IS NULL"))
	s.OrderBy(sql.Desc(s.C(entdoc.FieldIssuedOn)), sql.Desc(s.C(entdoc.FieldID)))
}

// likeless drops the characters LIKE gives a meaning to: the words of a filter are letters.
var likeless = strings.NewReplacer("%", "", "_", "", `\`, "")

// List returns a page of the register, newest first, without the documents' full texts.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var ps []predicate.Document
	fe := apperr.Fields{}
	if f.Type != "" {
		if !ValidType(f.Type) {
			fe.Add("type", "invalid")
		}
		ps = append(ps, entdoc.TypeEQ(entdoc.Type(f.Type)))
	}
	if f.Direction != "" {
		if f.Direction != Received && f.Direction != Issued {
			fe.Add("direction", "invalid")
		}
		ps = append(ps, entdoc.DirectionEQ(entdoc.Direction(f.Direction)))
	}
	if f.Year != 0 {
		if f.Year < calendar.MinYear || f.Year > calendar.MaxYear {
			fe.Add("year", "invalid")
		}
		ps = append(ps, entdoc.Year(f.Year))
	}
	checkText(fe, "q", f.Q, 200, false)
	checkText(fe, "issuer", f.Issuer, MaxIssuer, false)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	for _, w := range strings.Fields(textnorm.Fold(f.Q)) {
		ps = append(ps, entdoc.SearchKeyContains(w))
	}
	for _, w := range strings.Fields(likeless.Replace(textnorm.Fold(f.Issuer))) {
		// Between the first and the second new line of the key: the issuer (see searchKey).
		ps = append(ps, predicate.Document(func(s *sql.Selector) {
			s.Where(sql.Like(s.C(entdoc.FieldSearchKey), "%\n%"+w+"%\n%"))
		}))
	}
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	f.PerPage = min(f.PerPage, 200)
	f.Page = max(f.Page, 1)
	q := s.db.Document.Query().Where(ps...)
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	q.Offset((f.Page - 1) * f.PerPage).Limit(f.PerPage)
	light(q) // a list shows no full text
	ds, err := q.Modify(newestFirst).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return &Page{Documents: ds, Total: total, Page: f.Page, PerPage: f.PerPage}, nil
}

// Years are the years of the register's documents, newest first (for the list's filter).
func (s *Service) Years(ctx context.Context) ([]int, error) {
	ys, err := s.db.Document.Query().Where(entdoc.YearGT(0)).GroupBy(entdoc.FieldYear).Ints(ctx)
	slices.Sort(ys)
	slices.Reverse(ys)
	return ys, err
}
