package document

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/directive"

	"github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// Types are the type codes of the register, in the order forms offer them.
var Types = schema.DocumentTypes

// TypeOther is the code of a type the register does not name.
const TypeOther = "other"

// typeNames are the Vietnamese words of the types, as documents write them. The pages name
// them through the catalogs (doctype.<code>); the extractor and the CLI speak these words.
var typeNames = map[string]string{
	"nghi_quyet": "Nghị quyết", "ket_luan": "Kết luận", "chi_thi": "Chỉ thị", "ke_hoach": "Kế hoạch",
	"chuong_trinh": "Chương trình", "cong_van": "Công văn", "thong_bao": "Thông báo", "quyet_dinh": "Quyết định",
	"nghi_dinh": "Nghị định", "thong_tu": "Thông tư", "luat": "Luật", "phap_lenh": "Pháp lệnh", "de_an": "Đề án",
	"huong_dan": "Hướng dẫn", "quy_dinh": "Quy định", "quy_che": "Quy chế", "bao_cao": "Báo cáo", "to_trinh": "Tờ trình",
	"thong_tu_lien_tich": "Thông tư liên tịch", "nghi_quyet_lien_tich": "Nghị quyết liên tịch", "other": "Khác",
}

// byFolded maps a folded type word ("nghi quyet") to its code.
var byFolded = func() map[string]string {
	m := map[string]string{}
	for code, w := range typeNames {
		m[textnorm.Fold(w)] = code
	}
	return m
}()

// TypeFromWord returns the type code of a type word, ignoring case and diacritics: "Nghị quyết",
// "NGHỊ QUYẾT" and "nghi quyet" are "nghi_quyet". A code is accepted as itself. An unknown or
// empty word is "other".
func TypeFromWord(word string) string {
	f := textnorm.Fold(word)
	if code, ok := byFolded[f]; ok {
		return code
	}
	if code := strings.ReplaceAll(f, " ", "_"); typeNames[code] != "" {
		return code
	}
	return TypeOther
}

// TypeName returns the Vietnamese word of a type code ("nghi_quyet" → "Nghị quyết"); "" for
// an unknown code.
func TypeName(code string) string { return typeNames[code] }

// ValidType says whether code is a type of the register.
func ValidType(code string) bool { return typeNames[code] != "" }

// SymbolKey is the normalized key of a number-symbol: upper case, without diacritics (Đ is D),
// without any white space, dash look-alikes as "-". "04/CT- UBND", "04/ct-ubnd" and
// "04 / CT-UBND" share the key "04/CT-UBND"; "04/2015/NĐ-CP" is "04/2015/ND-CP". It is the
// extractor's key (directive.Key), so a citation it parses resolves to the register's document.
func SymbolKey(numberSymbol string) string { return directive.Key(numberSymbol) }

var spacesAround = regexp.MustCompile(`\s*([/-])\s*`)

// NormalizeSymbol tidies a number-symbol as written, keeping its letters: spaces around "/"
// and "-" go, inner runs of spaces become one, the ends are trimmed. "04/CT- UBND" is
// "04/CT-UBND".
func NormalizeSymbol(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return spacesAround.ReplaceAllString(s, "$1")
}

// symbolYear is the year in a state symbol of the form NUMBER/YEAR/TYPE-ISSUER.
var symbolYear = regexp.MustCompile(`^[^/]+/((?:19|20|21)\d\d)/`)

// yearOf is a document's year: its day's, else the one its symbol carries ("04/2015/NĐ-CP"),
// else 0 (unknown).
func yearOf(issued *time.Time, symbol string) int {
	if issued != nil {
		return issued.Year()
	}
	if m := symbolYear.FindStringSubmatch(symbol); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}
