package seed

import (
	"fmt"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/settings"
)

// The demo configuration of the four seed provinces. People are fictional; places are real
// names of each province (after the 1/7/2025 reform), not necessarily its exact communes.

// noParent marks a unit outside the UBND tỉnh tree (the Front, the Party's board).
const noParent = "-"

// Unit types.
const (
	dept   = "department"
	xa     = "commune"
	huyen  = "district"
	psu    = "public_service"
	front  = "front"
	board  = "mass_mobilization_board"
	tinh   = "province"
	semi   = "semiannual"
	annual = "annual"
	qtr    = "quarterly"
)

// unitRow is a unit: code, name, type, the leader's and the dân vận officer's names, and the
// parent's code ("" for the province root, or for an old commune its district; noParent: none).
type unitRow struct {
	Code, Name, Type string
	Leader, Officer  string
	Parent           string
}

// oldCommune is a pre-2025 commune merged on 1/7/2025 into the commune Into.
type oldCommune struct {
	unitRow
	Into string
}

// district is a pre-2025 district (dissolved on 1/7/2025) and its communes.
type district struct {
	unitRow
	Communes []oldCommune
}

// memberRow is a committee member: position, office (unit code), name (default: the office's
// leader), title, and the units they are in charge of.
type memberRow struct {
	Position, Office, Person, Title string
	Units                           []string
}

type committeeRow struct {
	Name, Term, DecisionNumber string
	DecisionDate               time.Time
	Members                    []memberRow
}

type regimeRow struct {
	Name, Frequency, Rule string
	Types                 []string
	Content               string
}

// province is one seed province's configuration.
type province struct {
	Slug, Name string
	// Root is the UBND tỉnh. Joined, when set, are the provinces merged into Root on 1/7/2025
	// (MergeNote); otherwise Root exists from before 2025.
	Root      unitRow
	Joined    []unitRow
	MergeNote string
	// Districts existed before 1/7/2025; their communes merged into new ones (CommuneNote).
	Districts   []district
	CommuneNote string
	// Units are the post-reform units under Root (or as their Parent says).
	Units      []unitRow
	Standing   string // the standing agency's code (Sở Nội vụ)
	Committee  committeeRow
	Regimes    []regimeRow
	Letterhead map[string]string
}

// districtNote is recorded when a district is dissolved.
const districtNote = "Kết thúc hoạt động của đơn vị hành chính cấp huyện từ ngày 01/7/2025 (chính quyền địa phương 2 cấp)"

type titles struct{ Short, Leader, Officer string }

// titlesByCode are the short names and titles of the units every province has.
var titlesByCode = map[string]titles{
	"SNV":     {"Sở NV", "Giám đốc Sở", "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên"},
	"STC":     {"Sở TC", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SXD":     {"Sở XD", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SNNMT":   {"Sở NN&MT", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SYT":     {"Sở YT", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SGDDT":   {"Sở GD&ĐT", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"STP":     {"Sở TP", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SCT":     {"Sở CT", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SVHTTDL": {"Sở VHTTDL", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SKHCN":   {"Sở KH&CN", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"SDTTG":   {"Sở DT&TG", "Giám đốc Sở", "Trưởng phòng Công tác dân tộc"},
	"SNGV":    {"Sở NgV", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	"TTT":     {"TTr tỉnh", "Chánh Thanh tra tỉnh", "Trưởng phòng Tiếp công dân và Xử lý đơn thư"},
	"VPUB":    {"VP UBND tỉnh", "Chánh Văn phòng UBND tỉnh", "Trưởng phòng Nội chính"},
	"BQLKKT":  {"BQL KKT", "Trưởng ban", "Chánh Văn phòng Ban"},
	"BQLKCN":  {"BQL các KCN", "Trưởng ban", "Chánh Văn phòng Ban"},
	"CAT":     {"CA tỉnh", "Giám đốc Công an tỉnh", "Trưởng phòng Tham mưu"},
	"TTHCC":   {"TT PVHCC", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"},
	"BPTTH":   {"Báo và PTTH", "Tổng Biên tập", "Trưởng phòng Hành chính - Trị sự"},
	"MTTQ":    {"MTTQ tỉnh", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Trưởng ban Dân chủ - Pháp luật"},
	"HND":     {"HND tỉnh", "Chủ tịch Hội Nông dân tỉnh", "Trưởng ban Tổ chức - Kiểm tra"},
	"HLHPN":   {"Hội LHPN tỉnh", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", "Trưởng ban Tổ chức - Kiểm tra"},
	"TD":      {"Tỉnh đoàn", "Bí thư Tỉnh đoàn", "Trưởng ban Tổ chức - Kiểm tra"},
	"LDLD":    {"LĐLĐ tỉnh", "Chủ tịch Liên đoàn Lao động tỉnh", "Trưởng ban Tổ chức - Kiểm tra"},
	"BTGDV":   {"Ban TG&DV TU", "Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy", "Trưởng phòng Dân vận và Quy chế dân chủ"},
}

// titlesByType are the titles of other units; communes and districts are named after the unit.
var titlesByType = map[string]titles{
	tinh:  {"", "Chủ tịch UBND tỉnh", "Phó Chánh Văn phòng UBND tỉnh"},
	dept:  {"", "Giám đốc Sở", "Chánh Văn phòng Sở"},
	psu:   {"", "Giám đốc", "Trưởng phòng Hành chính - Tổng hợp"},
	front: {"", "Chủ tịch", "Trưởng ban Tổ chức - Kiểm tra"},
	board: {"", "Trưởng ban", "Trưởng phòng Dân vận"},
}

// codes returns the commune codes X-from … X-to.
func codes(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("X-%03d", i))
	}
	return out
}

// units concatenates lists of codes.
func units(groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func of(codes ...string) []string { return codes }

var (
	byDeptCommune = []string{dept, xa}
	regimeTypes   = []string{dept, xa, psu}
)

func letterhead(parent, issuer, place string) map[string]string {
	return map[string]string{settings.LetterheadParent: parent, settings.LetterheadIssuer: issuer,
		settings.LetterheadPlace: place, settings.LetterheadSigner: "TRƯỞNG BAN"}
}

// provinceData returns the configuration of slug, nil when unknown.
func provinceData(slug string) *province {
	for _, p := range provinceTable {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

var provinceTable = []*province{ngheAn, thaiNguyen, hoaBinh, quangNgai}

// ---------------------------------------------------------------------------------------------
// Nghệ An: unchanged by the merger; its districts were abolished.

var ngheAn = &province{
	Slug: "nghe-an", Name: "Nghệ An",
	Root: unitRow{"NA", "UBND tỉnh Nghệ An", tinh, "Hồ Văn Quang", "Phan Thị Thu Hà", noParent},
	Districts: []district{
		{unitRow{"H-DC", "UBND huyện Diễn Châu", huyen, "Nguyễn Văn Lập", "Trần Văn Hiệp", ""}, []oldCommune{
			{unitRow{"DC-01", "UBND thị trấn Diễn Châu", xa, "Cao Xuân Thành", "Hoàng Thị Lệ", ""}, "X-009"},
			{unitRow{"DC-02", "UBND xã Diễn Thành", xa, "Ngô Văn Hảo", "Nguyễn Thị Thơm", ""}, "X-009"},
			{unitRow{"DC-03", "UBND xã Diễn Phúc", xa, "Trần Văn Đạt", "Lê Thị Hiên", ""}, "X-010"},
			{unitRow{"DC-04", "UBND xã Diễn Hoa", xa, "Phạm Đình Lương", "Võ Thị Nhàn", ""}, "X-010"},
		}},
		{unitRow{"H-ND", "UBND huyện Nam Đàn", huyen, "Lê Văn Hoa", "Nguyễn Thị Xuân", ""}, []oldCommune{
			{unitRow{"ND-01", "UBND thị trấn Nam Đàn", xa, "Vương Văn Tình", "Trần Thị Hằng", ""}, "X-014"},
			{unitRow{"ND-02", "UBND xã Vân Diên", xa, "Nguyễn Hữu Thắng", "Hồ Thị Tú", ""}, "X-014"},
			{unitRow{"ND-03", "UBND xã Kim Liên", xa, "Hoàng Văn Dũng", "Chu Thị Hà", ""}, "X-015"},
			{unitRow{"ND-04", "UBND xã Nam Cát", xa, "Trần Đình Tứ", "Nguyễn Thị Sương", ""}, "X-015"},
		}},
	},
	CommuneNote: "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp các đơn vị hành chính cấp xã của tỉnh Nghệ An năm 2025",
	Units: []unitRow{
		{"SNV", "Sở Nội vụ", dept, "Trần Quốc Thành", "Nguyễn Thị Hải Yến", ""},
		{"STC", "Sở Tài chính", dept, "Lê Văn Hùng", "Đậu Thị Ngọc Anh", ""},
		{"SXD", "Sở Xây dựng", dept, "Phan Đình Tuấn", "Hoàng Văn Khánh", ""},
		{"SNNMT", "Sở Nông nghiệp và Môi trường", dept, "Võ Văn Thắng", "Nguyễn Thị Hằng", ""},
		{"SYT", "Sở Y tế", dept, "Trần Văn Lợi", "Lê Thị Phương Thảo", ""},
		{"SGDDT", "Sở Giáo dục và Đào tạo", dept, "Nguyễn Hữu Bình", "Hồ Thị Minh Nguyệt", ""},
		{"STP", "Sở Tư pháp", dept, "Hoàng Đình Kiên", "Trần Thị Lệ", ""},
		{"SCT", "Sở Công Thương", dept, "Nguyễn Văn Tường", "Phan Văn Lâm", ""},
		{"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", dept, "Trịnh Thanh Hải", "Nguyễn Thị Quỳnh Nga", ""},
		{"SKHCN", "Sở Khoa học và Công nghệ", dept, "Võ Đức Phong", "Lê Thị Thanh Hương", ""},
		{"SDTTG", "Sở Dân tộc và Tôn giáo", dept, "Lô Văn Thịnh", "Vi Thị Hoa", ""},
		{"TTT", "Thanh tra tỉnh", dept, "Đặng Quang Vinh", "Nguyễn Văn Sơn", ""},
		{"VPUB", "Văn phòng UBND tỉnh", dept, "Hồ Lệ Hằng", "Phạm Đăng Khoa", ""},
		{"SNGV", "Sở Ngoại vụ", dept, "Cao Thị Mai", "Trần Anh Tú", ""},
		{"BQLKKT", "Ban Quản lý Khu kinh tế Đông Nam Nghệ An", dept, "Lê Tiến Dũng", "Nguyễn Thị Thu", ""},
		{"CAT", "Công an tỉnh", dept, "Nguyễn Đình Hưng", "Phan Văn Thuận", ""},
		{"TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", psu, "Nguyễn Thị Lan Anh", "Bùi Văn Đông", "VPUB"},
		{"BPTTH", "Báo và Phát thanh, Truyền hình Nghệ An", psu, "Phan Hữu Nghĩa", "Chu Thị Hiền", ""},
		{"MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Nghệ An", front, "Nguyễn Văn Hiếu", "Trần Thị Thủy", noParent},
		{"HND", "Hội Nông dân tỉnh", front, "Nguyễn Văn Đệ", "Lê Văn Toàn", "MTTQ"},
		{"HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", front, "Nguyễn Thị Hà", "Đinh Thị Hồng", "MTTQ"},
		{"BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", board, "Hoàng Văn Nam", "Nguyễn Thị Bích Thủy", noParent},
		{"X-001", "UBND phường Trường Vinh", xa, "Nguyễn Thanh Tùng", "Lê Thị Huyền", ""},
		{"X-002", "UBND phường Thành Vinh", xa, "Trần Ngọc Sơn", "Phan Thị Lý", ""},
		{"X-003", "UBND phường Vinh Hưng", xa, "Hồ Sỹ Tâm", "Nguyễn Thị Mai", ""},
		{"X-004", "UBND phường Vinh Phú", xa, "Lê Xuân Đức", "Đặng Thị Thanh", ""},
		{"X-005", "UBND phường Vinh Lộc", xa, "Nguyễn Cảnh Toàn", "Võ Thị Hương", ""},
		{"X-006", "UBND phường Cửa Lò", xa, "Phạm Văn Cường", "Trần Thị Ngân", ""},
		{"X-007", "UBND phường Hoàng Mai", xa, "Hồ Văn Đoàn", "Nguyễn Thị Loan", ""},
		{"X-008", "UBND phường Thái Hòa", xa, "Nguyễn Trọng Hải", "Lê Thị Tâm", ""},
		{"X-009", "UBND xã Diễn Châu", xa, "Cao Văn Sáu", "Hoàng Thị Nhung", ""},
		{"X-010", "UBND xã Đức Châu", xa, "Trần Đình Thuận", "Nguyễn Thị Vân", ""},
		{"X-011", "UBND xã Quảng Châu", xa, "Ngô Trí Dũng", "Phan Thị Hạnh", ""},
		{"X-012", "UBND xã Yên Thành", xa, "Nguyễn Văn Lợi", "Đào Thị Phương", ""},
		{"X-013", "UBND xã Đô Lương", xa, "Bùi Văn Quý", "Trần Thị Kim Oanh", ""},
		{"X-014", "UBND xã Nam Đàn", xa, "Vương Đình Hưng", "Nguyễn Thị Dung", ""},
		{"X-015", "UBND xã Kim Liên", xa, "Chu Văn Hòa", "Hoàng Thị Thu Trang", ""},
		{"X-016", "UBND xã Nghi Lộc", xa, "Lê Đình Khoa", "Nguyễn Thị Thắm", ""},
		{"X-017", "UBND xã Hưng Nguyên", xa, "Phan Công Tuấn", "Lê Thị Hoài", ""},
		{"X-018", "UBND xã Thanh Chương", xa, "Nguyễn Hồng Phong", "Trần Thị Lương", ""},
		{"X-019", "UBND xã Anh Sơn", xa, "Lê Văn Chương", "Phạm Thị Huế", ""},
		{"X-020", "UBND xã Con Cuông", xa, "Lương Văn Tâm", "Vi Thị Lan", ""},
		{"X-021", "UBND xã Tương Dương", xa, "Lữ Văn Hải", "Lô Thị Thảo", ""},
		{"X-022", "UBND xã Mường Xén", xa, "Xồng Bá Dế", "Moong Văn Hồng", ""},
		{"X-023", "UBND xã Quỳ Hợp", xa, "Sầm Văn Bình", "Lang Thị Mến", ""},
		{"X-024", "UBND xã Quỳnh Lưu", xa, "Hồ Sỹ Lâm", "Nguyễn Thị Ánh", ""},
	},
	Standing: "SNV",
	Committee: committeeRow{
		Name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở và công tác Dân vận chính quyền tỉnh",
		Term: "2021-2026", DecisionNumber: "2345/QĐ-UBND", DecisionDate: calendar.NewDate(2025, 8, 15).UTC(),
		Members: []memberRow{
			{"head", "NA", "Nguyễn Văn Đức", "Phó Chủ tịch UBND tỉnh", nil},
			{"standing_deputy", "SNV", "", "Giám đốc Sở Nội vụ", units(of("SNV", "STC", "SKHCN", "TTHCC"), codes(1, 3))},
			{"deputy", "BTGDV", "Nguyễn Thị Thu Hường", "Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy", of("BTGDV", "BPTTH")},
			{"member", "VPUB", "", "Chánh Văn phòng UBND tỉnh", units(of("VPUB", "SNGV", "BQLKKT"), codes(4, 6))},
			{"member", "TTT", "", "Chánh Thanh tra tỉnh", units(of("TTT", "CAT"), codes(7, 8), codes(24, 24))},
			{"member", "STP", "", "Giám đốc Sở Tư pháp", units(of("STP", "SCT"), codes(9, 11))},
			{"member", "SNNMT", "", "Giám đốc Sở Nông nghiệp và Môi trường", units(of("SNNMT", "SXD"), codes(12, 13))},
			{"member", "SVHTTDL", "", "Giám đốc Sở Văn hóa, Thể thao và Du lịch", units(of("SVHTTDL"), codes(14, 16))},
			{"member", "SGDDT", "", "Giám đốc Sở Giáo dục và Đào tạo", units(of("SGDDT"), codes(17, 18))},
			{"member", "SYT", "", "Giám đốc Sở Y tế", units(of("SYT"), codes(19, 19))},
			{"member", "SDTTG", "", "Giám đốc Sở Dân tộc và Tôn giáo", units(of("SDTTG"), codes(20, 23))},
			{"member", "MTTQ", "Phạm Thị Hồng Toan", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", of("MTTQ", "HLHPN")},
			{"member", "HND", "", "Chủ tịch Hội Nông dân tỉnh", of("HND")},
			{"support_team", "SNV", "Nguyễn Thị Hải Yến", "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "SNV", "Lê Văn Minh", "Chuyên viên Phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "BTGDV", "Trần Thị Ngọc", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", nil},
		},
	},
	Regimes: []regimeRow{
		{"Báo cáo 6 tháng về công tác dân vận chính quyền và thực hiện Quy chế dân chủ ở cơ sở", semi, "M/10", byDeptCommune,
			"Các sở, ban, ngành cấp tỉnh và UBND các xã, phường báo cáo kết quả thực hiện Chương trình công tác dân vận chính quyền và Quy chế dân chủ ở cơ sở mỗi 6 tháng (6 tháng đầu năm gửi trước ngày 10/6, 6 tháng cuối năm gửi trước ngày 10/12), gửi Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo tỉnh) để tổng hợp, báo cáo UBND tỉnh."},
		{"Báo cáo năm về công tác dân vận chính quyền và thực hiện Quy chế dân chủ ở cơ sở", annual, "10/12", byDeptCommune,
			"Các sở, ban, ngành cấp tỉnh và UBND các xã, phường báo cáo kết quả thực hiện công tác dân vận chính quyền và Quy chế dân chủ ở cơ sở trong năm, phương hướng nhiệm vụ năm sau, gửi Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo tỉnh) trước ngày 10/12 để tổng hợp, báo cáo UBND tỉnh."},
	},
	Letterhead: letterhead("UBND TỈNH NGHỆ AN",
		"BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ VÀ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH", "Nghệ An"),
}

// ---------------------------------------------------------------------------------------------
// Thái Nguyên: Bắc Kạn joined it on 1/7/2025.

var thaiNguyen = &province{
	Slug: "thai-nguyen", Name: "Thái Nguyên",
	Joined: []unitRow{
		{"TN-CU", "UBND tỉnh Thái Nguyên", tinh, "Lưu Đức Thịnh", "Nguyễn Thị Hoài", noParent},
		{"BK", "UBND tỉnh Bắc Kạn", tinh, "Hoàng Văn Thạch", "Nông Thị Thu Huyền", noParent},
	},
	MergeNote: "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh Bắc Kạn và tỉnh Thái Nguyên thành tỉnh Thái Nguyên",
	Root:      unitRow{"TN", "UBND tỉnh Thái Nguyên", tinh, "Lưu Đức Thịnh", "Nguyễn Thị Hoài", noParent},
	Units: []unitRow{
		{"SNV", "Sở Nội vụ", dept, "Dương Văn Lượng", "Ma Thị Hồng Nhung", ""},
		{"STC", "Sở Tài chính", dept, "Nguyễn Hữu Thọ", "Trần Thị Hương Giang", ""},
		{"SXD", "Sở Xây dựng", dept, "Lưu Văn Tuấn", "Ngô Văn Hải", ""},
		{"SNNMT", "Sở Nông nghiệp và Môi trường", dept, "Hoàng Văn Khởi", "Đỗ Thị Hà", ""},
		{"SYT", "Sở Y tế", dept, "Phạm Thanh Bình", "Lương Thị Quyên", ""},
		{"SGDDT", "Sở Giáo dục và Đào tạo", dept, "Nông Văn Dũng", "Triệu Thị Thu", ""},
		{"STP", "Sở Tư pháp", dept, "Đào Xuân Trường", "Hà Thị Mai", ""},
		{"SCT", "Sở Công Thương", dept, "Nguyễn Quang Huy", "Lý Văn Phúc", ""},
		{"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", dept, "Đặng Văn Thảo", "Hoàng Thị Ngọc Ánh", ""},
		{"SKHCN", "Sở Khoa học và Công nghệ", dept, "Ma Đình Tùng", "Nguyễn Thị Thu Hằng", ""},
		{"SDTTG", "Sở Dân tộc và Tôn giáo", dept, "Triệu Văn Thành", "La Thị Hoa", ""},
		{"TTT", "Thanh tra tỉnh", dept, "Nguyễn Văn Thắng", "Phạm Đức Minh", ""},
		{"VPUB", "Văn phòng UBND tỉnh", dept, "Vũ Duy Hưng", "Nguyễn Thị Thanh Tâm", ""},
		{"SNGV", "Sở Ngoại vụ", dept, "Lê Thị Kim Dung", "Đinh Văn Hòa", ""},
		{"BQLKCN", "Ban Quản lý các khu công nghiệp Thái Nguyên", dept, "Trần Văn Long", "Dương Thị Nga", ""},
		{"CAT", "Công an tỉnh", dept, "Đỗ Văn Nhã", "Hứa Văn Tuấn", ""},
		{"TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", psu, "Nguyễn Thị Minh Thu", "Hoàng Đức Anh", "VPUB"},
		{"BPTTH", "Báo và Phát thanh, Truyền hình Thái Nguyên", psu, "Lương Thị Minh", "Vi Văn Sơn", ""},
		{"MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên", front, "Nguyễn Thị Hạnh", "Tô Văn Kiên", noParent},
		{"HND", "Hội Nông dân tỉnh", front, "Ma Văn Chung", "Hoàng Thị Huệ", "MTTQ"},
		{"LDLD", "Liên đoàn Lao động tỉnh", front, "Trần Mạnh Cường", "Phan Thị Yến", "MTTQ"},
		{"BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", board, "Bế Thị Lan", "Nguyễn Văn Chiến", noParent},
		{"X-001", "UBND phường Phan Đình Phùng", xa, "Nguyễn Đức Thịnh", "Trần Thị Phượng", ""},
		{"X-002", "UBND phường Quyết Thắng", xa, "Lê Quang Vinh", "Dương Thị Hồng", ""},
		{"X-003", "UBND phường Gia Sàng", xa, "Hoàng Mạnh Hùng", "Nguyễn Thị Thúy", ""},
		{"X-004", "UBND phường Tích Lương", xa, "Phạm Văn Toàn", "Đỗ Thị Hiền", ""},
		{"X-005", "UBND phường Quan Triều", xa, "Nguyễn Văn Tài", "Lê Thị Ngọc", ""},
		{"X-006", "UBND phường Linh Sơn", xa, "Trần Văn Thái", "Ngô Thị Dịu", ""},
		{"X-007", "UBND phường Sông Công", xa, "Bùi Quang Huy", "Vũ Thị Hằng", ""},
		{"X-008", "UBND phường Bá Xuyên", xa, "Đặng Văn Hiếu", "Nguyễn Thị Nhàn", ""},
		{"X-009", "UBND phường Phổ Yên", xa, "Tạ Đình Quang", "Trần Thị Lụa", ""},
		{"X-010", "UBND phường Trung Thành", xa, "Nguyễn Văn Duy", "Hà Thị Thu", ""},
		{"X-011", "UBND phường Đức Xuân", xa, "Nông Văn Tư", "Hoàng Thị Hạnh", ""},
		{"X-012", "UBND phường Bắc Kạn", xa, "Hà Văn Quyết", "Lục Thị Nhung", ""},
		{"X-013", "UBND xã Đại Từ", xa, "Lưu Văn Thuần", "Nguyễn Thị Liên", ""},
		{"X-014", "UBND xã Phú Lương", xa, "Ma Công Thành", "Trần Thị Hoa", ""},
		{"X-015", "UBND xã Định Hóa", xa, "Ma Văn Hưởng", "Lường Thị Hà", ""},
		{"X-016", "UBND xã Võ Nhai", xa, "La Văn Thắng", "Hoàng Thị Quế", ""},
		{"X-017", "UBND xã Phú Bình", xa, "Nguyễn Hữu Lợi", "Dương Thị Thoa", ""},
		{"X-018", "UBND xã Điềm Thụy", xa, "Trần Quang Sáng", "Nguyễn Thị Quỳnh", ""},
		{"X-019", "UBND xã Trại Cau", xa, "Nguyễn Văn Bình", "Lê Thị Thắm", ""},
		{"X-020", "UBND xã Ba Bể", xa, "Hoàng Văn Nhất", "Nông Thị Thúy", ""},
		{"X-021", "UBND xã Chợ Đồn", xa, "Ma Thị Xuân", "Hà Văn Dũng", ""},
		{"X-022", "UBND xã Na Rì", xa, "Lương Văn Tiến", "Hoàng Thị Mai", ""},
		{"X-023", "UBND xã Ngân Sơn", xa, "Triệu Văn Sinh", "Bàn Thị Hương", ""},
		{"X-024", "UBND xã Bạch Thông", xa, "Lý Văn Huấn", "Nông Thị Lan", ""},
	},
	Standing: "SNV",
	Committee: committeeRow{
		Name: "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Thái Nguyên",
		Term: "2021-2026", DecisionNumber: "1876/QĐ-UBND", DecisionDate: calendar.NewDate(2025, 8, 20).UTC(),
		Members: []memberRow{
			{"head", "TN", "Hoàng Minh Quân", "Phó Chủ tịch UBND tỉnh", nil},
			{"standing_deputy", "SNV", "", "Giám đốc Sở Nội vụ", units(of("SNV", "STC", "SKHCN", "TTHCC"), codes(1, 3))},
			{"deputy", "BTGDV", "Lục Văn Bằng", "Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy", of("BTGDV", "BPTTH")},
			{"member", "VPUB", "", "Chánh Văn phòng UBND tỉnh", units(of("VPUB", "SNGV", "BQLKCN"), codes(4, 6))},
			{"member", "TTT", "", "Chánh Thanh tra tỉnh", units(of("TTT", "CAT"), codes(7, 8))},
			{"member", "STP", "", "Giám đốc Sở Tư pháp", units(of("STP"), codes(9, 10))},
			{"member", "SCT", "", "Giám đốc Sở Công Thương", units(of("SCT"), codes(11, 12), codes(24, 24))},
			{"member", "SNNMT", "", "Giám đốc Sở Nông nghiệp và Môi trường", units(of("SNNMT", "SXD"), codes(13, 14), codes(17, 18))},
			{"member", "SDTTG", "", "Giám đốc Sở Dân tộc và Tôn giáo", units(of("SDTTG"), codes(15, 16), codes(23, 23))},
			{"member", "SVHTTDL", "", "Giám đốc Sở Văn hóa, Thể thao và Du lịch", units(of("SVHTTDL"), codes(19, 20))},
			{"member", "SGDDT", "", "Giám đốc Sở Giáo dục và Đào tạo", units(of("SGDDT", "SYT"), codes(21, 22))},
			{"member", "MTTQ", "Nguyễn Thị Thu Hà", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", of("MTTQ", "LDLD")},
			{"member", "HND", "", "Chủ tịch Hội Nông dân tỉnh", of("HND")},
			{"support_team", "SNV", "Ma Thị Hồng Nhung", "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "SNV", "Nguyễn Thành Trung", "Chuyên viên Phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
		},
	},
	Regimes: []regimeRow{
		{"Báo cáo 6 tháng về công tác dân vận chính quyền", semi, "M/20", byDeptCommune,
			"Các sở, ban, ngành và UBND các xã, phường báo cáo kết quả công tác dân vận chính quyền mỗi 6 tháng (tiếp công dân, giải quyết khiếu nại, tố cáo; công khai, minh bạch; cải cách hành chính), gửi UBND tỉnh qua Sở Nội vụ trước ngày 20 của tháng cuối kỳ (20/6 và 20/12)."},
		{"Báo cáo năm về công tác dân vận chính quyền", annual, "20/11", byDeptCommune,
			"Các sở, ban, ngành và UBND các xã, phường báo cáo kết quả công tác dân vận chính quyền năm, tự đánh giá, xếp loại theo Bộ tiêu chí của tỉnh và đề xuất nhiệm vụ năm sau, gửi UBND tỉnh qua Sở Nội vụ trước ngày 20/11."},
		{"Báo cáo kết quả thực hiện phong trào thi đua \"Dân vận khéo\"", annual, "31/10", regimeTypes,
			"Các cơ quan, đơn vị báo cáo kết quả thực hiện phong trào thi đua \"Dân vận khéo\" trong năm, kèm danh sách mô hình, điển hình đề nghị công nhận, gửi Sở Nội vụ trước ngày 31/10."},
	},
	Letterhead: letterhead("UBND TỈNH THÁI NGUYÊN", "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH", "Thái Nguyên"),
}

// ---------------------------------------------------------------------------------------------
// Hòa Bình: joined Phú Thọ on 1/7/2025; its districts were abolished. The tenant keeps the
// name Hòa Bình, the units it works with are now the new province's.

var hoaBinh = &province{
	Slug: "hoa-binh", Name: "Hòa Bình",
	Joined: []unitRow{
		{"HB", "UBND tỉnh Hòa Bình", tinh, "Quách Văn Thịnh", "Đinh Thị Phương", noParent},
	},
	MergeNote: "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh Vĩnh Phúc, tỉnh Hòa Bình và tỉnh Phú Thọ thành tỉnh Phú Thọ",
	Root:      unitRow{"PT", "UBND tỉnh Phú Thọ", tinh, "Nguyễn Huy Ngọc", "Hà Thị Thu Trang", noParent},
	Districts: []district{
		{unitRow{"H-MC", "UBND huyện Mai Châu", huyen, "Hà Văn Tuấn", "Vì Thị Hương", ""}, []oldCommune{
			{unitRow{"MC-01", "UBND thị trấn Mai Châu", xa, "Hà Công Sơn", "Lò Thị Hòa", ""}, "X-005"},
			{unitRow{"MC-02", "UBND xã Chiềng Châu", xa, "Vì Văn Nam", "Hà Thị Xuân", ""}, "X-005"},
			{unitRow{"MC-03", "UBND xã Pà Cò", xa, "Giàng A Lử", "Thào Thị Dê", ""}, "X-006"},
			{unitRow{"MC-04", "UBND xã Hang Kia", xa, "Sồng A Chu", "Vàng Thị Súa", ""}, "X-006"},
		}},
		{unitRow{"H-LS", "UBND huyện Lạc Sơn", huyen, "Bùi Văn Hợi", "Đinh Thị Thu", ""}, []oldCommune{
			{unitRow{"LS-01", "UBND thị trấn Vụ Bản", xa, "Bùi Văn Khiêm", "Quách Thị Hạnh", ""}, "X-009"},
			{unitRow{"LS-02", "UBND xã Liên Vũ", xa, "Bùi Văn Sáng", "Bùi Thị Chanh", ""}, "X-009"},
			{unitRow{"LS-03", "UBND xã Vân Sơn", xa, "Đinh Văn Thức", "Bùi Thị Nụ", ""}, "X-010"},
			{unitRow{"LS-04", "UBND xã Quyết Thắng", xa, "Bùi Văn Ngọc", "Đinh Thị Lan", ""}, "X-010"},
		}},
	},
	CommuneNote: "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp các đơn vị hành chính cấp xã của tỉnh Phú Thọ năm 2025",
	Units: []unitRow{
		{"SNV", "Sở Nội vụ", dept, "Bùi Văn Khánh", "Đinh Thị Hồng Hạnh", ""},
		{"STC", "Sở Tài chính", dept, "Nguyễn Văn Hải", "Quách Thị Lan", ""},
		{"SXD", "Sở Xây dựng", dept, "Trần Minh Đức", "Bùi Thị Nga", ""},
		{"SNNMT", "Sở Nông nghiệp và Môi trường", dept, "Đinh Công Sứ", "Xa Văn Hùng", ""},
		{"SYT", "Sở Y tế", dept, "Nguyễn Thị Thu Hà", "Bạch Văn Phong", ""},
		{"SGDDT", "Sở Giáo dục và Đào tạo", dept, "Bùi Thị Minh Phương", "Nguyễn Văn Quân", ""},
		{"STP", "Sở Tư pháp", dept, "Hoàng Văn Thắng", "Đinh Văn Thọ", ""},
		{"SCT", "Sở Công Thương", dept, "Lê Xuân Trường", "Hà Thị Bích", ""},
		{"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", dept, "Quách Tất Thắng", "Bùi Thị Huyền", ""},
		{"SKHCN", "Sở Khoa học và Công nghệ", dept, "Nguyễn Trung Kiên", "Đinh Thị Mai", ""},
		{"SDTTG", "Sở Dân tộc và Tôn giáo", dept, "Xa Văn Lâm", "Hà Thị Nguyệt", ""},
		{"TTT", "Thanh tra tỉnh", dept, "Bạch Công Tiến", "Nguyễn Văn Tùng", ""},
		{"VPUB", "Văn phòng UBND tỉnh", dept, "Đỗ Thị Bích Ngọc", "Bùi Đức Thịnh", ""},
		{"SNGV", "Sở Ngoại vụ", dept, "Trịnh Thu Trang", "Phùng Văn Hậu", ""},
		{"BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh", dept, "Đặng Văn Sơn", "Nguyễn Thị Hòa", ""},
		{"CAT", "Công an tỉnh", dept, "Bùi Quang Vinh", "Đinh Văn Lực", ""},
		{"TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", psu, "Quách Thị Dung", "Bùi Văn Tâm", "VPUB"},
		{"BPTTH", "Báo và Phát thanh, Truyền hình Phú Thọ", psu, "Nguyễn Đình Hiếu", "Kiều Thị Hằng", ""},
		{"MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Phú Thọ", front, "Bùi Thị Hải", "Đinh Công Thành", noParent},
		{"HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", front, "Đinh Thị Thanh Hương", "Bùi Thị Sen", "MTTQ"},
		{"BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", board, "Hà Văn Kiên", "Quách Thị Mến", noParent},
		{"X-001", "UBND phường Hòa Bình", xa, "Bùi Đức Hạnh", "Nguyễn Thị Hương", ""},
		{"X-002", "UBND phường Kỳ Sơn", xa, "Đinh Văn Toàn", "Bùi Thị Loan", ""},
		{"X-003", "UBND phường Tân Hòa", xa, "Nguyễn Văn Hưng", "Quách Thị Thủy", ""},
		{"X-004", "UBND phường Thống Nhất", xa, "Hoàng Minh Tiến", "Lê Thị Yến", ""},
		{"X-005", "UBND xã Mai Châu", xa, "Hà Công Thịnh", "Vì Văn Đức", ""},
		{"X-006", "UBND xã Pà Cò", xa, "Giàng A Tông", "Sùng Thị Mỷ", ""},
		{"X-007", "UBND xã Mai Hạ", xa, "Lò Văn Phương", "Hà Thị Chiên", ""},
		{"X-008", "UBND xã Tân Lạc", xa, "Bùi Văn Luận", "Đinh Thị Hoa", ""},
		{"X-009", "UBND xã Lạc Sơn", xa, "Bùi Văn Đoàn", "Quách Thị Hường", ""},
		{"X-010", "UBND xã Mường Vang", xa, "Bùi Văn Tuyến", "Bùi Thị Thơm", ""},
		{"X-011", "UBND xã Mường Bi", xa, "Đinh Văn Khuyên", "Bùi Thị Hà", ""},
		{"X-012", "UBND xã Yên Phú", xa, "Bùi Văn Chiến", "Bạch Thị Ngân", ""},
		{"X-013", "UBND xã Nhân Nghĩa", xa, "Quách Công Thuận", "Bùi Thị Tuyết", ""},
		{"X-014", "UBND xã Lạc Thủy", xa, "Nguyễn Văn Lâm", "Đỗ Thị Thảo", ""},
		{"X-015", "UBND xã An Bình", xa, "Trần Văn Hào", "Nguyễn Thị Oanh", ""},
		{"X-016", "UBND xã Yên Thủy", xa, "Lê Văn Thịnh", "Bùi Thị Hằng", ""},
		{"X-017", "UBND xã Lạc Lương", xa, "Bùi Văn Quyết", "Quách Thị Nhung", ""},
		{"X-018", "UBND xã Kim Bôi", xa, "Bùi Văn Hoàng", "Nguyễn Thị Lý", ""},
		{"X-019", "UBND xã Nật Sơn", xa, "Bùi Văn Thuận", "Bùi Thị Ánh", ""},
		{"X-020", "UBND xã Cao Phong", xa, "Nguyễn Văn Hà", "Bùi Thị Nguyệt", ""},
		{"X-021", "UBND xã Đà Bắc", xa, "Đinh Văn Hùng", "Xa Thị Hạnh", ""},
		{"X-022", "UBND xã Lương Sơn", xa, "Nguyễn Xuân Hòa", "Đinh Thị Dung", ""},
		{"X-023", "UBND xã Cao Sơn", xa, "Bùi Văn Minh", "Trần Thị Huệ", ""},
		{"X-024", "UBND xã Tiền Phong", xa, "Xa Văn Diện", "Lò Thị Sao", ""},
	},
	Standing: "SNV",
	Committee: committeeRow{
		Name: "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Phú Thọ",
		Term: "2021-2026", DecisionNumber: "2012/QĐ-UBND", DecisionDate: calendar.NewDate(2025, 8, 25).UTC(),
		Members: []memberRow{
			{"head", "PT", "Nguyễn Thanh Hải", "Phó Chủ tịch UBND tỉnh", nil},
			{"standing_deputy", "SNV", "", "Giám đốc Sở Nội vụ", units(of("SNV", "STC", "SKHCN", "TTHCC"), codes(1, 4))},
			{"deputy", "BTGDV", "Bùi Thị Thu Thủy", "Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy", of("BTGDV", "BPTTH")},
			{"member", "VPUB", "", "Chánh Văn phòng UBND tỉnh", units(of("VPUB", "SNGV", "BQLKCN", "SCT"), codes(22, 23))},
			{"member", "TTT", "", "Chánh Thanh tra tỉnh", units(of("TTT", "CAT"), codes(14, 15))},
			{"member", "STP", "", "Giám đốc Sở Tư pháp", units(of("STP"), codes(16, 17))},
			{"member", "SNNMT", "", "Giám đốc Sở Nông nghiệp và Môi trường", units(of("SNNMT", "SXD"), codes(18, 20))},
			{"member", "SDTTG", "", "Giám đốc Sở Dân tộc và Tôn giáo", units(of("SDTTG"), codes(5, 7), codes(21, 21), codes(24, 24))},
			{"member", "SVHTTDL", "", "Giám đốc Sở Văn hóa, Thể thao và Du lịch", units(of("SVHTTDL"), codes(8, 8), codes(11, 11))},
			{"member", "SYT", "", "Giám đốc Sở Y tế", units(of("SYT"), codes(9, 10))},
			{"member", "SGDDT", "", "Giám đốc Sở Giáo dục và Đào tạo", units(of("SGDDT"), codes(12, 13))},
			{"member", "MTTQ", "Quách Văn Long", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", of("MTTQ")},
			{"member", "HLHPN", "", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", of("HLHPN")},
			{"support_team", "SNV", "Đinh Thị Hồng Hạnh", "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "SNV", "Bùi Minh Tú", "Chuyên viên Phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "BTGDV", "Nguyễn Thị Kim", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", nil},
		},
	},
	Regimes: []regimeRow{
		{"Báo cáo 6 tháng về công tác dân vận chính quyền", semi, "M/15", byDeptCommune,
			"Các sở, ban, ngành và UBND các xã, phường báo cáo kết quả công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở 6 tháng đầu năm, 6 tháng cuối năm, gửi Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo) trước ngày 15/6 và 15/12."},
		{"Báo cáo quý về công tác dân vận chính quyền", qtr, "M+1/5", byDeptCommune,
			"Các sở, ban, ngành và UBND các xã, phường báo cáo nhanh kết quả công tác dân vận chính quyền trong quý (tiếp công dân, đối thoại, giải quyết đơn thư; mô hình \"Dân vận khéo\"), gửi Sở Nội vụ trước ngày 05 của tháng đầu quý sau."},
		{"Báo cáo năm về công tác dân vận chính quyền", annual, "25/11", regimeTypes,
			"Các sở, ban, ngành, đơn vị sự nghiệp công lập thuộc tỉnh và UBND các xã, phường báo cáo kết quả công tác dân vận chính quyền năm, tự chấm điểm theo Bộ tiêu chí đánh giá, xếp loại của tỉnh, gửi Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo) trước ngày 25/11."},
	},
	Letterhead: letterhead("UBND TỈNH PHÚ THỌ", "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH", "Phú Thọ"),
}

// ---------------------------------------------------------------------------------------------
// Quảng Ngãi: Kon Tum joined it on 1/7/2025. Reports as in Công văn 1639/UBND-NC.

var quangNgai = &province{
	Slug: "quang-ngai", Name: "Quảng Ngãi",
	Joined: []unitRow{
		{"QN-CU", "UBND tỉnh Quảng Ngãi", tinh, "Trương Văn Bảy", "Nguyễn Thị Mỹ Dung", noParent},
		{"KT", "UBND tỉnh Kon Tum", tinh, "A Vương", "Trần Thị Thu Hà", noParent},
	},
	MergeNote: "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh Kon Tum và tỉnh Quảng Ngãi thành tỉnh Quảng Ngãi",
	Root:      unitRow{"QN", "UBND tỉnh Quảng Ngãi", tinh, "Trương Văn Bảy", "Nguyễn Thị Mỹ Dung", noParent},
	Units: []unitRow{
		{"SNV", "Sở Nội vụ", dept, "Nguyễn Thanh Hiền", "Võ Thị Thu Sương", ""},
		{"STC", "Sở Tài chính", dept, "Trần Văn Tám", "Lê Thị Bích Thủy", ""},
		{"SXD", "Sở Xây dựng", dept, "Phạm Minh Chánh", "Nguyễn Quốc Việt", ""},
		{"SNNMT", "Sở Nông nghiệp và Môi trường", dept, "Võ Văn Sĩ", "Huỳnh Thị Kim Liên", ""},
		{"SYT", "Sở Y tế", dept, "Lê Văn Quang", "Đinh Thị Mỹ Hạnh", ""},
		{"SGDDT", "Sở Giáo dục và Đào tạo", dept, "Nguyễn Văn Kỳ", "Trương Thị Ngọc Hân", ""},
		{"STP", "Sở Tư pháp", dept, "Đoàn Văn Lộc", "Phạm Thị Hoài", ""},
		{"SCT", "Sở Công Thương", dept, "Huỳnh Văn Vinh", "Nguyễn Thị Thanh Nhàn", ""},
		{"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", dept, "Trương Ngọc Nhi", "Lê Quang Phúc", ""},
		{"SKHCN", "Sở Khoa học và Công nghệ", dept, "Phan Văn Hưng", "Trần Thị Ánh Tuyết", ""},
		{"SDTTG", "Sở Dân tộc và Tôn giáo", dept, "Đinh Văn Lành", "Đinh Thị Nơi", ""},
		{"TTT", "Thanh tra tỉnh", dept, "Nguyễn Tấn Thành", "Võ Minh Trí", ""},
		{"VPUB", "Văn phòng UBND tỉnh", dept, "Lương Văn Thạnh", "Nguyễn Thị Diệu", ""},
		{"SNGV", "Sở Ngoại vụ", dept, "Phạm Thị Thu Trang", "Hồ Văn Phước", ""},
		{"BQLKKT", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", dept, "Nguyễn Văn Tuấn", "Trần Thị Thanh Tâm", ""},
		{"CAT", "Công an tỉnh", dept, "Võ Văn Dũng", "Phan Thanh Hải", ""},
		{"TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", psu, "Lê Thị Kim Ngân", "Nguyễn Hữu Tài", "VPUB"},
		{"BPTTH", "Báo và Phát thanh, Truyền hình Quảng Ngãi", psu, "Huỳnh Ngọc Ánh", "Võ Thị Mỹ Duyên", ""},
		{"MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Quảng Ngãi", front, "Võ Thị Kim Thoa", "Lê Văn Hoàng", noParent},
		{"HND", "Hội Nông dân tỉnh", front, "Trần Văn Nhân", "Nguyễn Thị Thu Hồng", "MTTQ"},
		{"TD", "Tỉnh đoàn Quảng Ngãi", front, "Nguyễn Thị Phương Thảo", "Lê Hoàng Nam", "MTTQ"},
		{"BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", board, "Phạm Thị Thanh Hương", "Nguyễn Văn Định", noParent},
		{"X-001", "UBND phường Cẩm Thành", xa, "Nguyễn Văn Sơn", "Trần Thị Ngọc Hà", ""},
		{"X-002", "UBND phường Nghĩa Lộ", xa, "Lê Minh Tuấn", "Phạm Thị Kim Chi", ""},
		{"X-003", "UBND phường Trương Quang Trọng", xa, "Võ Văn Khánh", "Huỳnh Thị Thu", ""},
		{"X-004", "UBND phường Đức Phổ", xa, "Nguyễn Tấn Lực", "Lê Thị Hồng Vân", ""},
		{"X-005", "UBND phường Sa Huỳnh", xa, "Trần Ngọc Minh", "Đỗ Thị Lài", ""},
		{"X-006", "UBND phường Kon Tum", xa, "Trần Văn Hùng", "Y Nhi", ""},
		{"X-007", "UBND phường Đăk Cấm", xa, "A Tuấn", "Lê Thị Thủy", ""},
		{"X-008", "UBND xã Tịnh Khê", xa, "Phạm Văn Hòa", "Nguyễn Thị Mỹ", ""},
		{"X-009", "UBND xã Bình Sơn", xa, "Võ Tấn Phát", "Trần Thị Lệ Thu", ""},
		{"X-010", "UBND xã Vạn Tường", xa, "Nguyễn Văn Trung", "Huỳnh Thị Mai", ""},
		{"X-011", "UBND xã Sơn Tịnh", xa, "Lê Văn Đức", "Phan Thị Tuyết", ""},
		{"X-012", "UBND xã Tư Nghĩa", xa, "Trương Văn Lợi", "Nguyễn Thị Hồng Nhung", ""},
		{"X-013", "UBND xã Nghĩa Hành", xa, "Đặng Văn Bảy", "Võ Thị Hạnh", ""},
		{"X-014", "UBND xã Mộ Đức", xa, "Nguyễn Thanh Tùng", "Lê Thị Thu Hiền", ""},
		{"X-015", "UBND xã Minh Long", xa, "Đinh Văn Thương", "Đinh Thị Dung", ""},
		{"X-016", "UBND xã Sơn Hà", xa, "Đinh Văn Vấn", "Phạm Thị Lan", ""},
		{"X-017", "UBND xã Trà Bồng", xa, "Hồ Văn Chiến", "Hồ Thị Ngọc", ""},
		{"X-018", "UBND xã Ba Tơ", xa, "Phạm Văn Tý", "Đinh Thị Hằng", ""},
		{"X-019", "UBND đặc khu Lý Sơn", xa, "Võ Văn Tấn", "Phạm Thị Thanh Hà", ""},
		{"X-020", "UBND xã Đăk Hà", xa, "A Khoa", "Nguyễn Thị Hương", ""},
		{"X-021", "UBND xã Đăk Tô", xa, "Lê Văn Tình", "Y Phương", ""},
		{"X-022", "UBND xã Ngọc Hồi", xa, "A Blang", "Trần Thị Hoa", ""},
		{"X-023", "UBND xã Sa Thầy", xa, "Nguyễn Văn Lực", "Y Thơ", ""},
		{"X-024", "UBND xã Kon Plông", xa, "A Đôn", "Y Liên", ""},
	},
	Standing: "SNV",
	Committee: committeeRow{
		Name: "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Quảng Ngãi",
		Term: "2021-2026", DecisionNumber: "1542/QĐ-UBND", DecisionDate: calendar.NewDate(2025, 9, 5).UTC(),
		Members: []memberRow{
			{"head", "QN", "Võ Ngọc Thành", "Phó Chủ tịch UBND tỉnh", nil},
			{"standing_deputy", "SNV", "", "Giám đốc Sở Nội vụ", units(of("SNV", "STC", "SKHCN", "TTHCC"), codes(1, 3))},
			{"deputy", "BTGDV", "Lê Thị Thu Hà", "Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy", of("BTGDV", "BPTTH", "HND")},
			{"member", "VPUB", "", "Chánh Văn phòng UBND tỉnh", units(of("VPUB", "SNGV", "SCT"), codes(8, 8), codes(19, 19))},
			{"member", "TTT", "", "Chánh Thanh tra tỉnh", units(of("TTT", "CAT"), codes(4, 5))},
			{"member", "STP", "", "Giám đốc Sở Tư pháp", units(of("STP"), codes(9, 10))},
			{"member", "SNNMT", "", "Giám đốc Sở Nông nghiệp và Môi trường", units(of("SNNMT", "SXD"), codes(11, 13))},
			{"member", "SDTTG", "", "Giám đốc Sở Dân tộc và Tôn giáo", units(of("SDTTG"), codes(15, 18))},
			{"member", "SVHTTDL", "", "Giám đốc Sở Văn hóa, Thể thao và Du lịch", units(of("SVHTTDL", "SYT"), codes(14, 14))},
			{"member", "SGDDT", "", "Giám đốc Sở Giáo dục và Đào tạo", units(of("SGDDT"), codes(6, 7), codes(20, 20))},
			{"member", "BQLKKT", "", "Trưởng ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", units(of("BQLKKT"), codes(21, 24))},
			{"member", "MTTQ", "Đinh Thị Hồng Loan", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", of("MTTQ")},
			{"member", "TD", "", "Bí thư Tỉnh đoàn", of("TD")},
			{"support_team", "SNV", "Võ Thị Thu Sương", "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "SNV", "Nguyễn Hoàng Long", "Chuyên viên Phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ", nil},
			{"support_team", "VPUB", "Trần Thị Mỹ Linh", "Chuyên viên Phòng Nội chính, Văn phòng UBND tỉnh", nil},
		},
	},
	Regimes: []regimeRow{
		{"Báo cáo 6 tháng", semi, "M/15", byDeptCommune,
			"Các sở, ban, ngành tỉnh và UBND các xã, phường, đặc khu báo cáo kết quả triển khai, thực hiện Kết luận số 43-KL/TW và Kế hoạch số 176-KH/TU (Công văn số 1639/UBND-NC của UBND tỉnh) mỗi 06 tháng về UBND tỉnh (qua Sở Nội vụ), gửi trước ngày 15 của tháng cuối kỳ (15/6 và 15/12)."},
		{"Báo cáo năm", annual, "15/11", byDeptCommune,
			"Các sở, ban, ngành tỉnh và UBND các xã, phường, đặc khu báo cáo kết quả triển khai, thực hiện Kết luận số 43-KL/TW và Kế hoạch số 176-KH/TU (Công văn số 1639/UBND-NC của UBND tỉnh) hằng năm về UBND tỉnh (qua Sở Nội vụ), gửi trước ngày 15/11."},
	},
	Letterhead: letterhead("UBND TỈNH QUẢNG NGÃI", "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH", "Quảng Ngãi"),
}
