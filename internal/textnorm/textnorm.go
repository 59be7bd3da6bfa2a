// Package textnorm folds Vietnamese text for searching and sorts it for people: "quang ngai",
// "QUẢNG NGÃI" and "Quảng Ngãi" fold to the same key; sorting follows the Vietnamese alphabet
// (A Ă Â B C D Đ E Ê ...).
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s without diacritics, in lower case, with spaces collapsed; đ becomes d.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("đ", "d", "Đ", "d").Replace(out)
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}

// NewCollator returns a Vietnamese collator. It is not safe for concurrent use: make one per
// sort.
func NewCollator() *collate.Collator { return collate.New(language.Vietnamese, collate.IgnoreCase) }

// Less reports whether a sorts before b in Vietnamese order.
func Less(c *collate.Collator, a, b string) bool { return c.CompareString(a, b) < 0 }
