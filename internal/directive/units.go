package directive

import (
	"strings"
	"unicode"

	"github.com/danvan-vn/danvan/internal/textnorm"
)

// abbreviations FoldName expands, folded.
var abbreviations = map[string]string{
	"ubnd":     "uy ban nhan dan",
	"hdnd":     "hoi dong nhan dan",
	"mttq":     "mat tran to quoc",
	"ubmttq":   "uy ban mat tran to quoc",
	"ubmttqvn": "uy ban mat tran to quoc viet nam",
	"mttqvn":   "mat tran to quoc viet nam",
	"bcd":      "ban chi dao",
	"vn":       "viet nam",
	"tp":       "thanh pho",
	"bch":      "ban chap hanh",
	"btv":      "ban thuong vu",
	"dbqh":     "dai bieu quoc hoi",
	"qcdc":     "quy che dan chu",
}

// FoldName folds a unit name for matching: lower case, no diacritics, đ → d, abbreviations
// expanded (UBND, HĐND, MTTQ, BCĐ, VN, TP…), punctuation and runs of spaces made one space. So
// "UBND tỉnh", "Ủy ban nhân dân tỉnh" and "uy ban nhan dan tinh" fold alike.
func FoldName(s string) string {
	f := textnorm.Fold(s)
	tokens := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, t := range tokens {
		if x, ok := abbreviations[t]; ok {
			tokens[i] = x
		}
	}
	return strings.Join(tokens, " ")
}

// SplitUnits splits a phrase naming units into them: "Các sở, ban, ngành, Ủy ban nhân dân các
// huyện, thành phố" gives "Các sở, ban, ngành" (department) and "Ủy ban nhân dân các huyện,
// thành phố" (district). Commas inside a kind of unit and inside names ("Sở Văn hóa, Thể thao và
// Du lịch") do not split; titles before a unit ("Thủ trưởng", "Chủ tịch", "Giám đốc") are
// dropped. Spans are in runes of Normalize(phrase).
func SplitUnits(phrase string) []UnitRef {
	d := newDoc(Normalize(phrase))
	s, e := 0, d.n
	for s < e && d.isSpace(s) {
		s++
	}
	if m := d.lineMarker(0); m.kind == mkDash || m.kind == mkPlus {
		s = m.text
	}
	return d.splitUnits(s, d.trimUnitEnd(s, e))
}

// UnitGroup returns the group a unit phrase names (GroupDepartment…), or "" for one unit.
func UnitGroup(text string) string { return unitGroup(FoldName(text)) }

func unitGroup(f string) string {
	has := func(p string) bool { return strings.Contains(" "+f+" ", " "+p+" ") }
	switch {
	case has("don vi su nghiep"):
		return GroupPublicService
	case (has("mat tran to quoc") || has("mat tran")) && (has("doan the") || has("to chuc chinh tri")),
		strings.HasPrefix(f, "cac doan the"), strings.HasPrefix(f, "cac to chuc chinh tri"),
		strings.HasPrefix(f, "cac hoi doan the"):
		return GroupFront
	case has("cac so") || has("so ban nganh") || has("so nganh") || has("co quan chuyen mon"):
		return GroupDepartment
	case has("cac huyen") || has("cap huyen") || has("huyen thanh pho") || has("huyen thi xa"):
		return GroupDistrict
	case has("cac xa") || has("cap xa") || has("xa phuong") || has("cac phuong") || has("xa thi tran"):
		return GroupCommune
	}
	return ""
}

// unitHeads open a unit phrase in any case (kinds of units, acronyms); capHeads only when
// capitalized ("Sở Nội vụ", not "sở"; "Thanh tra tỉnh", not "thanh tra, kiểm tra").
var unitHeads = []string{
	"cac so", "cac co quan", "cac don vi", "cac dia phuong", "cac ban", "cac nganh", "cac hoi",
	"cac doan the", "cac to chuc", "cac huyen", "cac xa", "cac phong", "cac truong", "cac cap",
	"cac thanh vien", "cac phuong", "cac uy ban", "cac dang bo", "cac chi bo", "cac doanh nghiep",
	"cac thon", "cac ban lang", "don vi su nghiep", "ubnd", "hdnd", "mttq", "ubmttq", "bcd",
}

var capHeads = []string{
	"uy ban", "hoi dong", "mat tran", "cong an", "bo chi huy", "bo doi bien phong", "tinh doan",
	"lien doan", "lien minh", "thanh tra", "van phong", "kho bac", "toa an", "vien kiem sat",
	"bao hiem xa hoi", "bhxh", "ngan hang", "chi cuc", "cuc", "trung tam", "thuong truc",
	"ban", "to giup viec", "to cong tac", "co quan thuong truc", "dang uy", "tinh uy", "huyen uy",
	"thanh uy", "dai", "benh vien", "truong", "so", "bo", "hoi", "bao", "phong", "vien", "doan",
	"cong ty", "dang doan", "ban can su",
}

// roles are titles written before a unit; the unit is what follows.
var roles = []string{"pho chu tich", "chu tich", "thu truong", "giam doc", "lanh dao", "chanh", "truong", "bi thu"}

// unitStart reports whether a unit phrase (possibly after a title) starts at i, and where the
// unit itself starts.
func (d *doc) unitStart(i int) (int, bool) {
	if i >= d.n || !d.isAlnum(i) {
		return 0, false
	}
	for _, r := range roles {
		if e, ok := d.word(i, r); ok {
			k := d.skipWS(e, 1)
			if u, ok := d.headAt(k); ok {
				return u, true
			}
			return 0, false
		}
	}
	return d.headAt(i)
}

func (d *doc) headAt(i int) (int, bool) {
	for _, h := range unitHeads {
		if _, ok := d.word(i, h); ok {
			return i, true
		}
	}
	if !d.isUpper(i) {
		return 0, false
	}
	for _, h := range capHeads {
		e, ok := d.word(i, h)
		if !ok {
			continue
		}
		// "Ban", "Sở", "Hội"…: a name follows, capitalized ("Ban Dân vận", not "Báo cáo").
		if !strings.Contains(h, " ") || h == "uy ban" || h == "hoi dong" {
			k := d.skipWS(e, 0)
			if !d.isUpper(k) && !(h == "uy ban" || h == "hoi dong") {
				continue
			}
			if h == "bao" || h == "dai" || h == "doan" || h == "phong" || h == "truong" || h == "vien" || h == "cuc" {
				if !d.isUpper(k) {
					continue
				}
			}
		}
		return i, true
	}
	return 0, false
}

// unitStops are lower-case words or word pairs that end a unit phrase: the verb after the
// subject ("… tổ chức quán triệt"), a preposition.
var unitStops = toSet(
	"chủ trì", "làm đầu", "là cơ", "là đơn", "tham mưu", "phối hợp", "theo dõi", "tổ chức",
	"xây dựng", "hướng dẫn", "thực hiện", "triển khai", "chỉ đạo", "rà soát", "kiểm tra", "đôn đốc",
	"có trách", "nghiên cứu", "quán triệt", "căn cứ", "chịu trách", "báo cáo", "tổng hợp", "ban hành",
	"tiếp tục", "đẩy mạnh", "tăng cường", "định kỳ", "khẩn trương", "nghiêm túc", "củng cố",
	"kiện toàn", "phát huy", "quan tâm", "bố trí", "đảm bảo", "bảo đảm", "tuyên truyền", "tích cực",
	"chủ động", "lãnh đạo", "thông tin", "giải quyết", "xử lý", "đánh giá", "lựa chọn", "đăng ký",
	"bổ sung", "cập nhật", "điều chỉnh", "thông báo", "tập trung", "vận động", "tiếp nhận",
	"phân công", "gửi về", "cung cấp", "phổ biến", "duy trì", "sơ kết", "tổng kết", "đề xuất",
	"nắm bắt", "hỗ trợ", "công khai", "tiếp công", "đối thoại", "giám sát", "nâng cao", "đổi mới",
	"sắp xếp", "bám sát", "thường xuyên", "kịp thời", "quyết liệt", "đồng thời", "trình", "gửi",
	"cần", "phải", "được", "để", "nhằm", "tại", "trong", "về", "với", "cùng", "mỗi", "là", "có",
	"thì", "đã", "đang", "sẽ", "như", "khi", "nếu", "sau", "trước", "bằng", "từ", "đến", "qua",
	"theo", "làm", "tham", "phối", "căn", "chủ", "nghiêm", "khẩn", "tiếp", "giao", "đề", "yêu",
	"rà", "xem", "chấp", "dựa", "nhanh", "tiến", "đồng", "chịu", "ra", "cho", "ở", "trực", "hằng",
	"hàng", "triển", "tổng", "báo", "hoàn", "nộp",
)

// continuations may follow a comma inside one unit phrase: "các sở, ban, ngành", "các huyện,
// thành phố, thị xã", "các xã, phường, đặc khu".
var continuations = toSet("bản", "ban", "ngành", "thành", "thị", "xã", "phường", "huyện", "đặc", "địa",
	"đơn", "cơ", "hội", "đoàn", "tổ", "cấp", "tỉnh", "trường", "doanh", "lực", "quận", "sở",
	"phòng", "đảng", "chi", "mặt", "các")

// nameSyllables are the lower-case syllables that follow another lower-case one inside unit
// names and kinds ("Ủy ban nhân dân", "Sở Giao thông vận tải", "các đơn vị sự nghiệp công lập
// thuộc tỉnh"). Any other lower-case word is accepted only right after a capitalized one ("Sở
// Nội vụ", "Sở Xây dựng"): "Văn phòng UBND tỉnh nâng cấp …" ends before "nâng".
var nameSyllables = toSet("tỉnh", "huyện", "xã", "phường", "quận", "thành", "phố", "thị", "trấn",
	"đặc", "khu", "các", "cấp", "và", "ban", "ngành", "nhân", "dân", "tải", "vận", "nông", "thôn",
	"quốc", "đạo", "chính", "trị", "hội", "sự", "nghiệp", "công", "lập", "đơn", "vị", "liên", "quan",
	"thuộc", "trực", "địa", "phương", "bàn", "trên", "cơ", "chuyên", "môn", "đoàn", "thể", "hành",
	"nhà", "nước", "quần", "chúng", "lực", "lượng", "vũ", "trang", "doanh", "thường", "việc", "binh",
	"an", "phòng", "niên", "ủy", "uỷ", "đảng", "bộ", "chi", "viên", "tổ", "giáo", "nữ", "tác", "quyền",
	"vụ", "biên", "sở", "mặt", "trận", "chức", "ương", "trung")

// readUnitPhrase returns the end of the unit phrase starting at s (not past limit).
func (d *doc) readUnitPhrase(s, limit int) int {
	i, last := s, s
	prevWord := ""
	prevCap, prevAcronym := false, false
	for words := 0; words < 40; words++ {
		j, _, ok := d.nextWord(i, limit)
		if !ok {
			break
		}
		sep := false
		switch {
		case d.r[j] == ',':
			sep = true
			j = d.skipWS(j+1, 1)
		case d.r[j] == ';' && words > 0:
			// "Các sở, ban, ngành cấp tỉnh; UBND các huyện …": another unit, or the end
			k := d.skipWS(j+1, 1)
			if _, ok := d.unitStart(k); !ok {
				return last
			}
			sep, j = true, k
		case d.a[j] == '-' && words > 0:
			j = d.skipWS(j+1, 0)
		}
		if j >= limit || !d.isAlnum(j) {
			break
		}
		we := d.readWord(j)
		w := d.lowerWord(j, we)
		if !d.isUpper(j) && !d.isDigit(j) {
			next := ""
			if k := d.skipWS(we, 0); k < limit && d.isAlnum(k) {
				next = d.lowerWord(k, d.readWord(k))
			}
			pair := w + " " + next
			if unitStops[pair] && !(w == "tổ" && (prevWord == "các" || prevWord == "và")) {
				break
			}
			sameLevel := w == "cùng" && next == "cấp" // "… các đoàn thể chính trị - xã hội cùng cấp"
			if unitStops[w] && !sameLevel && !(w == "đồng" && prevWord == "hội") && !(w == "chủ" && next != "trì" && next != "động") {
				break
			}
			if sep && !continuations[w] && w != "và" {
				if _, ok := d.unitStart(j); !ok {
					break
				}
			}
			if !sep && !nameSyllables[w] && !sameLevel && !(prevCap && !prevAcronym) && !(w == "có" && next == "liên") {
				break
			}
		}
		// A capitalized word after a comma continues the phrase, as a new unit or inside a name
		// ("Sở Văn hóa, Thể thao và Du lịch"); splitUnits tells which.
		prevCap = d.isUpper(j)
		prevAcronym = we-j > 1 && noLower(d.r[j:we])
		last, i, prevWord = we, we, w
	}
	return last
}

// trimUnitEnd drops trailing punctuation and a parenthetical from r[s:e].
func (d *doc) trimUnitEnd(s, e int) int {
	for k := s; k < e; k++ {
		if d.r[k] == '(' {
			e = k
			break
		}
	}
	for e > s && (d.isSpace(e-1) || strings.ContainsRune(";,.:-*", d.r[e-1])) {
		e--
	}
	return e
}

// splitUnits splits the unit phrase r[s:e] into units (see SplitUnits).
func (d *doc) splitUnits(s, e int) []UnitRef {
	type chunk struct{ s, e int }
	var raw []chunk
	cs := s
	for i := s; i <= e; i++ {
		cut, next := false, i+1
		if i == e {
			cut = true
		} else if d.r[i] == ',' || d.r[i] == ';' {
			cut = true
		} else if d.a[i] == 'v' && d.r[i] != 'V' {
			if we, ok := d.word(i, "va"); ok && d.lowerWord(i, we) == "và" {
				cut, next = true, we
			}
		}
		if !cut {
			continue
		}
		a, b := cs, i
		for a < b && (d.isSpace(a) || d.r[a] == '-') {
			a++
		}
		for b > a && d.isSpace(b-1) {
			b--
		}
		if a < b {
			raw = append(raw, chunk{a, b})
		}
		cs = next
		if next > i+1 {
			i = next - 1
		}
	}
	var units []chunk
	for _, c := range raw {
		_, isUnit := d.unitStart(c.s)
		if len(units) > 0 {
			prev := &units[len(units)-1]
			pf := d.fstr(prev.s, prev.e)
			cf := d.fstr(c.s, c.e)
			front := (strings.Contains(pf, "mat tran") || strings.Contains(pf, "mttq")) &&
				(strings.HasPrefix(cf, "cac doan the") || strings.HasPrefix(cf, "cac to chuc chinh tri") ||
					strings.HasPrefix(cf, "doan the"))
			// "Văn phòng HĐND và UBND xã": one office serving both
			office := strings.HasPrefix(pf, "van phong") &&
				FoldName(d.text(prev.s, prev.e)) == "van phong hoi dong nhan dan" &&
				strings.HasPrefix(FoldName(d.text(c.s, c.e)), "uy ban nhan dan")
			if office {
				prev.e = c.e
				continue
			}
			if !isUnit || front {
				prev.e = c.e
				continue
			}
		}
		units = append(units, c)
	}
	out := make([]UnitRef, 0, len(units))
	for _, u := range units {
		if k, ok := d.unitStart(u.s); ok {
			u.s = k
		}
		u.e = d.trimUnitEnd(u.s, u.e)
		if u.s >= u.e {
			continue
		}
		t := d.text(u.s, u.e)
		out = append(out, UnitRef{Text: t, Group: unitGroup(FoldName(t)), Span: Span{u.s, u.e}})
	}
	return out
}

// unitsAt reads the unit phrase at i and splits it; nil when no unit starts there.
func (d *doc) unitsAt(i, limit int) []UnitRef {
	if _, ok := d.unitStart(i); !ok {
		return nil
	}
	e := d.readUnitPhrase(i, limit)
	if e <= i {
		return nil
	}
	return d.splitUnits(i, d.trimUnitEnd(i, e))
}

// addUnits appends us to list, skipping units already in it (by FoldName).
func addUnits(list, us []UnitRef) []UnitRef {
	for _, u := range us {
		f := FoldName(u.Text)
		dup := false
		for _, o := range list {
			if FoldName(o.Text) == f {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, u)
		}
	}
	return list
}

// addressees reads the "Kính gửi:" block and moves the body start after it.
func (d *doc) addressees() []UnitRef {
	out := []UnitRef{}
	for l := range d.lines {
		s, e := d.trimLine(l)
		if s >= e {
			continue
		}
		if m := d.lineMarker(l); m.kind == mkNum || m.kind == mkRoman {
			break
		}
		ke, ok := d.word(s, "kinh gui")
		if !ok {
			continue
		}
		j := d.skipWS(ke, 0)
		if j < e && d.r[j] == ':' {
			j = d.skipWS(j+1, 0)
		}
		blockEnd := d.lines[l].e
		add := func(a, b int) {
			if m := d.lineMarker(d.lineOf(a)); (m.kind == mkDash || m.kind == mkPlus) && m.s == a {
				a = m.text
			}
			b = d.trimUnitEnd(a, b)
			if a < b {
				out = addUnits(out, d.splitUnits(a, b))
			}
		}
		if j < e {
			add(j, e)
		}
		for k := l + 1; k < len(d.lines); k++ {
			ks, kend := d.trimLine(k)
			if ks >= kend {
				continue
			}
			if m := d.lineMarker(k); m.kind != mkDash && m.kind != mkPlus {
				break
			}
			add(ks, kend)
			blockEnd = d.lines[k].e
		}
		if blockEnd > d.bodyStart {
			d.bodyStart = blockEnd
		}
		break
	}
	return out
}
