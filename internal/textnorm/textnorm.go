// Package textnorm folds Vietnamese text for searching and sorts it for people: "quang ngai",
// "QUẢNG NGÃI" and "Quảng Ngãi" fold to the same key; sorting follows the Vietnamese alphabet
// (A Ă Â B C D Đ E Ê ...).
package textnorm

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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

// NewCollator returns a new Vietnamese collator. It is not safe for concurrent use, and building
// one costs more than sorting a page of names: prefer Sort and Compare, which reuse collators.
func NewCollator() *collate.Collator { return collate.New(language.Vietnamese, collate.IgnoreCase) }

// collators keeps built collators for reuse (one is used by one goroutine at a time).
var collators = sync.Pool{New: func() any { return NewCollator() }}

// Sort sorts s in Vietnamese alphabetical order of name (case ignored), stably.
func Sort[T any](s []T, name func(T) string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	slices.SortStableFunc(s, func(a, b T) int { return c.CompareString(name(a), name(b)) })
}

// Compare compares a and b in Vietnamese alphabetical order (case ignored).
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// Less reports whether a sorts before b in Vietnamese order.
func Less(c *collate.Collator, a, b string) bool { return c.CompareString(a, b) < 0 }

// Ellipsis keeps s to n characters (runes, n ≥ 1): a longer s is cut to n-1 and ends with "…".
func Ellipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}
