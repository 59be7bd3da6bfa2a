package member

import (
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// compareNames orders Vietnamese names alphabetically (Ă after A, Đ after D, ...). A Collator is
// not safe for concurrent use, so each comparison run makes its own (see List).
func compareNames(c *collate.Collator, a, b string) int { return c.CompareString(a, b) }

func newCollator() *collate.Collator { return collate.New(language.Vietnamese, collate.IgnoreCase) }
