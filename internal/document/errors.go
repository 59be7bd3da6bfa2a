package document

import (
	"fmt"
	"strconv"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
)

// The conflict codes of the register. Their messages ("error.<code>", "detail.<code>") are in
// web/i18n/{vi,en}/common.json.
const (
	// CodeDuplicate: the same type, number and year is in the register already; its Args are
	// the type's word, the number as written, the year and the existing document's id, all text.
	CodeDuplicate = "document_duplicate"
	// codeDuplicateRace: the unique index caught a duplicate added meanwhile; Args are the
	// type's word, the number and the year (the other document is not visible yet).
	codeDuplicateRace = "document_duplicate_race"
)

// duplicate is the conflict of a document already registered as dup.
func duplicate(dup *ent.Document) error {
	e, _ := apperr.As(apperr.Conflict(CodeDuplicate, fmt.Errorf("document %d has type %s, number %q and year %d",
		dup.ID, dup.Type, dup.NumberSymbol, dup.Year)))
	// Numbers as text: the catalogs' %d would group digits ("2.021").
	return e.WithArgs(TypeName(string(dup.Type)), dup.NumberSymbol, strconv.Itoa(dup.Year), strconv.Itoa(dup.ID))
}

// duplicateRace is the conflict the unique index reports (another request won the race).
func duplicateRace(in Input) error {
	y := yearOf(in.IssuedOn, in.NumberSymbol)
	e, _ := apperr.As(apperr.Conflict(codeDuplicateRace, fmt.Errorf("unique index: type %s, number %q, year %d", in.Type, in.NumberSymbol, y)))
	return e.WithArgs(TypeName(in.Type), in.NumberSymbol, strconv.Itoa(y))
}
