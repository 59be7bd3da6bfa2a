package seed

// The demo provinces' directive chains. The texts are written for the demo in the style of real
// provincial documents (their numbers follow the chains the samples show); they are not copies.

// The current-year texts say {Y} for this year and {Y1} for the next: the demo's plans are this
// year's whenever it is seeded, with work done, late, under way and still to come.

// docRow is a document of a chain registered as received, without its full text.
type docRow struct {
	Type, NumberSymbol, Date, Issuer, Summary string
	Cites                                     []string // type code and number-symbol: "nghi_quyet 25-NQ/TW"
}

// chainRow is a province's chain: the documents it stands on, then the province's own texts,
// each read by the directive pipeline (draft, then confirm) like a pasted text.
type chainRow struct {
	Received []docRow
	Texts    []string
}

var chains = map[string]chainRow{
	"quang-ngai": {
		Received: []docRow{
			{"nghi_quyet", "25-NQ/TW", "2013-06-03", "Ban Chấp hành Trung ương Đảng khóa XI",
				"Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới", nil},
			{"ket_luan", "43-KL/TW", "2019-01-07", "Ban Bí thư",
				"Về tiếp tục thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XI", []string{"nghi_quyet 25-NQ/TW"}},
			{"ke_hoach", "176-KH/TU", "2019-03-06", "Ban Thường vụ Tỉnh ủy",
				"Kế hoạch thực hiện Kết luận số 43-KL/TW của Ban Bí thư", []string{"ket_luan 43-KL/TW"}},
		},
		Texts: []string{quangNgai1639, quangNgai2026},
	},
	"nghe-an": {
		Received: []docRow{
			{"de_an", "09-ĐA/TU", "2014-08-25", "Ban Thường vụ Tỉnh ủy",
				"Về tăng cường công tác dân vận và thực hiện quy chế dân chủ ở cơ sở trong thu hồi đất, bồi thường, giải phóng mặt bằng", nil},
			{"chi_thi", "17/CT-TU", "2013-12-03", "Ban Thường vụ Tỉnh ủy",
				"Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp", nil},
			{"chi_thi", "26/CT-TTg", "2016-09-05", "Thủ tướng Chính phủ",
				"Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp", nil},
		},
		Texts: []string{ngheAn86},
	},
	"thai-nguyen": {
		Received: []docRow{
			{"nghi_quyet", "25-NQ/TW", "2013-06-03", "Ban Chấp hành Trung ương Đảng khóa XI",
				"Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới", nil},
		},
		Texts: []string{thaiNguyen82},
	},
	"hoa-binh": {
		Received: []docRow{
			{"chi_thi", "33/CT-TTg", "2024-11-20", "Thủ tướng Chính phủ",
				"Về tăng cường công tác dân vận trong cơ quan hành chính nhà nước, chính quyền các cấp", nil},
		},
		Texts: []string{hoaBinh2025},
	},
}

const quangNgai1639 = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 1639/UBND-NC
V/v triển khai Kế hoạch số 176-KH/TU ngày 06/3/2019 của Ban Thường vụ Tỉnh ủy

Quảng Ngãi, ngày 08 tháng 4 năm 2019

Kính gửi:
- Thủ trưởng các sở, ban, ngành tỉnh;
- Chủ tịch UBND các huyện, thành phố.

Thực hiện Kế hoạch số 176-KH/TU ngày 06/3/2019 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI về "Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới", Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan, địa phương thực hiện các nội dung sau:

1. Quán triệt trong cán bộ, công chức rằng công tác dân vận là nhiệm vụ thường xuyên của cả hệ thống chính trị; gắn công tác dân vận với nhiệm vụ chuyên môn của từng cơ quan, đơn vị.

2. Đẩy mạnh thông tin, tuyên truyền về công tác dân vận trên báo, đài và cổng thông tin điện tử của tỉnh; Sở Thông tin và Truyền thông chủ trì, phối hợp với Báo Quảng Ngãi thực hiện thường xuyên.

3. Nâng cao chất lượng công tác dân vận của các cơ quan nhà nước, trọng tâm là:

- Lấy ý kiến nhân dân khi xây dựng, ban hành chính sách liên quan trực tiếp đến quyền và lợi ích của người dân.

- Nâng cao chất lượng tiếp công dân, giải quyết khiếu nại, tố cáo; Thanh tra tỉnh chủ trì theo dõi, tổng hợp hằng năm.

- Thực hiện tốt Quy chế dân chủ ở cơ sở trong bồi thường, hỗ trợ, tái định cư các dự án trên địa bàn tỉnh.

4. Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể trong giám sát, phản biện xã hội đối với các chương trình, dự án có liên quan đến đời sống nhân dân.

5. Tiếp tục thực hiện phong trào thi đua "Dân vận khéo"; Sở Nội vụ chủ trì, phối hợp với Ban Dân vận Tỉnh ủy hướng dẫn việc đăng ký, công nhận mô hình.

6. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch thực hiện Công văn này, gửi về Sở Nội vụ trước ngày 30/4/2019; định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Nội vụ): báo cáo 06 tháng đầu năm gửi trước ngày 15/6, báo cáo năm gửi trước ngày 15/11 hằng năm.

7. Giao Sở Nội vụ làm đầu mối theo dõi, đôn đốc, kiểm tra việc thực hiện Công văn này; định kỳ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.

Nơi nhận:
- Như trên;
- Thường trực Tỉnh ủy (báo cáo);
- Lưu: VT, NC.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH`

const quangNgai2026 = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 215/KH-UBND

Quảng Ngãi, ngày 15 tháng 01 năm {Y}

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm {Y}

Căn cứ Công văn số 1639/UBND-NC ngày 08/4/2019 của Ủy ban nhân dân tỉnh về triển khai Kế hoạch số 176-KH/TU của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm {Y} như sau:

1. Các sở, ban, ngành tỉnh tổ chức hội nghị quán triệt Kế hoạch này trong cán bộ, công chức của cơ quan, đơn vị, hoàn thành trước ngày 31/3/{Y}.

2. Các sở, ban, ngành tỉnh công khai lịch tiếp công dân và kết quả giải quyết khiếu nại, tố cáo trên trang thông tin điện tử của cơ quan, thực hiện thường xuyên.

3. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn kỹ năng dân vận cho cán bộ làm công tác tiếp công dân, hoàn thành trong quý III/{Y}.

4. Các sở, ban, ngành tỉnh rà soát, đăng ký ít nhất một mô hình "Dân vận khéo" của cơ quan, gửi Sở Nội vụ trước ngày 30/6/{Y}.

5. Các sở, ban, ngành tỉnh xây dựng kế hoạch thực hiện của cơ quan, đơn vị mình trước ngày 28/02/{Y}.

6. Sở Nội vụ chủ trì theo dõi, đôn đốc; tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/01/{Y1}.

Nơi nhận:
- Các sở, ban, ngành tỉnh;
- Lưu: VT, NC.`

const ngheAn86 = `BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH NGHỆ AN

Số: 86/TB-BCĐ

Nghệ An, ngày 20 tháng 01 năm {Y}

THÔNG BÁO
Kết luận của Ban Chỉ đạo về Chương trình công tác dân vận chính quyền năm {Y}

Ngày 15/01/{Y}, Ban Chỉ đạo công tác dân vận chính quyền tỉnh họp triển khai Chương trình công tác năm {Y}. Trên cơ sở ý kiến của các thành viên, Ban Chỉ đạo thông báo kết luận như sau:

1. Các sở, ban, ngành cấp tỉnh tiếp tục thực hiện Đề án số 09-ĐA/TU ngày 25/8/2014 của Ban Thường vụ Tỉnh ủy về công tác dân vận trong thu hồi đất, bồi thường, giải phóng mặt bằng, tổ chức sơ kết trước ngày 30/9/{Y}.

2. Các sở, ban, ngành cấp tỉnh thực hiện nghiêm Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ và Chỉ thị số 17/CT-TU ngày 03/12/2013 của Ban Thường vụ Tỉnh ủy về kỷ luật, kỷ cương hành chính; công khai chức trách, nhiệm vụ của cán bộ, công chức, thực hiện thường xuyên.

3. Giao Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo) chủ trì, phối hợp với Thanh tra tỉnh tổ chức kiểm tra công tác dân vận chính quyền tại một số sở, ngành và xã, phường trong quý III/{Y}.

4. Các sở, ban, ngành cấp tỉnh và Ủy ban nhân dân các xã, phường xây dựng kế hoạch thực hiện Chương trình năm {Y} trước ngày 28/02/{Y}.

5. Các sở, ban, ngành cấp tỉnh tổ chức tập huấn nghiệp vụ công tác dân vận chính quyền cho cán bộ phụ trách trước ngày 25/12/{Y}.

6. Các sở, ban, ngành cấp tỉnh và UBND các xã, phường định kỳ 6 tháng, một năm báo cáo kết quả về Ban Chỉ đạo (qua Sở Nội vụ): báo cáo 6 tháng đầu năm gửi trước ngày 10/6, báo cáo năm gửi trước ngày 10/12.

Nơi nhận:
- Các thành viên Ban Chỉ đạo;
- Lưu: VT.`

const thaiNguyen82 = `ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN

Số: 82/KH-UBND

Thái Nguyên, ngày 10 tháng 02 năm {Y}

KẾ HOẠCH
Công tác dân vận chính quyền năm {Y}

Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới, Ủy ban nhân dân tỉnh ban hành Kế hoạch công tác dân vận chính quyền năm {Y} như sau:

1. Các sở, ban, ngành tỉnh phổ biến Kế hoạch này đến cán bộ, công chức, viên chức trước ngày 15/3/{Y}.

2. Sở Nội vụ chủ trì, phối hợp với Ban Dân vận Tỉnh ủy hướng dẫn xây dựng và nhân rộng mô hình "Dân vận khéo", hoàn thành trước ngày 30/11/{Y}.

3. Các sở, ban, ngành tỉnh đẩy mạnh cải cách hành chính, công khai thủ tục hành chính và tiếp nhận phản ánh, kiến nghị của người dân thường xuyên.

4. Ủy ban nhân dân các xã, phường tổ chức đối thoại với nhân dân ít nhất một lần trong năm, hoàn thành trước ngày 31/12/{Y}.

5. Các sở, ban, ngành tỉnh xây dựng kế hoạch thực hiện trước ngày 31/3/{Y} và báo cáo năm gửi Sở Nội vụ trước ngày 05/12/{Y}.

Nơi nhận:
- Các sở, ban, ngành tỉnh;
- UBND các xã, phường;
- Lưu: VT.`

const hoaBinh2025 = `ỦY BAN NHÂN DÂN
TỈNH PHÚ THỌ

Số: 41/KH-UBND

Phú Thọ, ngày 10 tháng 9 năm 2025

KẾ HOẠCH
Thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ sau sắp xếp đơn vị hành chính

Thực hiện Chỉ thị số 33/CT-TTg ngày 20/11/2024 của Thủ tướng Chính phủ về tăng cường công tác dân vận trong cơ quan hành chính nhà nước, chính quyền các cấp, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện trên địa bàn tỉnh sau sắp xếp (bao gồm địa bàn tỉnh Hòa Bình cũ) như sau:

1. Các sở, ban, ngành tỉnh quán triệt Chỉ thị đến cán bộ, công chức trước ngày 15/10/2025.

2. Ủy ban nhân dân các xã, phường tổ chức đối thoại với nhân dân về ổn định tổ chức bộ máy sau sắp xếp, hoàn thành trước ngày 31/12/2025.

3. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính kiểm tra việc thực hiện Chỉ thị tại các sở, ban, ngành trong quý IV/2026.

4. Các sở, ban, ngành tỉnh xây dựng kế hoạch thực hiện Chỉ thị trước ngày 30/9/2025.

Nơi nhận:
- Các sở, ban, ngành tỉnh;
- UBND các xã, phường;
- Lưu: VT.`
