package seed

// The demo's unit reports are written from these paragraphs, in the style of the provinces'
// six-month dân vận chính quyền reports (written for the demo, not copied). Each section has
// paragraphs every unit may use and paragraphs for departments or for communes; a unit's text
// is a few of them, picked by its id. {code} is the unit's value of that indicator.

type paragraphs struct{ All, Dept, Commune []string }

var reportParagraphs = map[string]paragraphs{
	"leadership": {All: []string{
		"Ngay từ đầu kỳ, đơn vị đã ban hành {docs_issued} văn bản lãnh đạo, chỉ đạo triển khai công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở, gắn với nhiệm vụ chính trị được giao.",
		"Tổ chức {propaganda_sessions} buổi tuyên truyền, quán triệt Luật Thực hiện dân chủ ở cơ sở năm 2022 và các văn bản hướng dẫn, thu hút {propaganda_participants} lượt người tham dự.",
		"Kiện toàn Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở và công tác dân vận chính quyền của đơn vị; phân công cụ thể thành viên phụ trách từng lĩnh vực, từng địa bàn.",
		"Nội dung dân vận chính quyền được lồng ghép vào các cuộc họp giao ban định kỳ, sinh hoạt chi bộ và hội nghị cán bộ, công chức; người đứng đầu trực tiếp chỉ đạo và chịu trách nhiệm về kết quả thực hiện.",
		"Đẩy mạnh tuyên truyền trên trang thông tin điện tử, mạng xã hội và hệ thống truyền thanh cơ sở; nội dung ngắn gọn, dễ hiểu, gần với đời sống và quyền lợi thiết thực của người dân.",
		"Xây dựng kế hoạch thực hiện Kết luận số 43-KL/TW của Ban Bí thư và chương trình công tác dân vận trong năm, xác định rõ nhiệm vụ, tiến độ, sản phẩm và trách nhiệm của từng bộ phận.",
		"Phối hợp với Ủy ban Mặt trận Tổ quốc và các đoàn thể tổ chức hội nghị quán triệt, bảo đảm cán bộ, đảng viên nắm vững phương châm \"dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng\".",
		"Tài liệu tuyên truyền được biên soạn theo chuyên đề, phát đến từng chi bộ, thôn, tổ dân phố; chú trọng các nội dung liên quan trực tiếp đến quyền và lợi ích hợp pháp của Nhân dân.",
		"Kết quả thực hiện công tác dân vận được đưa vào tiêu chí đánh giá, xếp loại tập thể và cá nhân cuối năm; định kỳ hằng quý đơn vị tự kiểm tra việc triển khai.",
		"Cán bộ, công chức được học tập, quán triệt các chỉ thị, kết luận của Trung ương và của Tỉnh ủy về công tác dân vận trong tình hình mới; tỷ lệ tham gia đạt trên 95%.",
	}},
	"state_agencies": {Dept: []string{
		"Triển khai nghiêm Quy tắc ứng xử của cán bộ, công chức, viên chức; niêm yết công khai tại bộ phận tiếp nhận và trả kết quả và trên trang thông tin điện tử của cơ quan.",
		"Duy trì hòm thư góp ý và đường dây nóng của lãnh đạo cơ quan; các phản ánh về thái độ, tác phong của công chức khi giải quyết công việc đều được xác minh, trả lời.",
		"Tổ chức kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính, giờ giấc làm việc và văn hóa công sở tại các phòng, đơn vị trực thuộc.",
		"Cán bộ, công chức được quán triệt tinh thần \"trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân\"; số công chức vi phạm quy tắc ứng xử trong kỳ là {conduct_violations} người, đã được nhắc nhở, chấn chỉnh kịp thời.",
		"Gắn thực hiện văn hóa công vụ với đánh giá, xếp loại công chức hằng tháng; biểu dương kịp thời những cá nhân được người dân, doanh nghiệp phản ánh tích cực.",
		"Ban hành quy định trách nhiệm của người đứng đầu trong tiếp xúc, đối thoại với doanh nghiệp và người dân; lãnh đạo cơ quan trực tiếp làm việc với các tổ chức, cá nhân có vướng mắc kéo dài.",
	}, Commune: []string{
		"Cán bộ, công chức xã thực hiện nghiêm Quy tắc ứng xử, đeo thẻ công chức khi thi hành công vụ; tinh thần, thái độ phục vụ Nhân dân có chuyển biến rõ nét.",
		"Duy trì lịch trực tại bộ phận tiếp nhận và trả kết quả vào sáng thứ Bảy để người dân thuận tiện liên hệ công việc ngoài giờ hành chính.",
		"Hằng tháng tổ chức bình xét tinh thần, thái độ phục vụ của cán bộ, công chức; số người vi phạm quy tắc ứng xử trong kỳ là {conduct_violations} người.",
		"Thực hiện chủ trương sắp xếp tổ chức bộ máy, xã làm tốt công tác tư tưởng, bố trí, phân công cán bộ hợp lý, không để gián đoạn việc giải quyết hồ sơ của người dân.",
		"Lãnh đạo xã thường xuyên xuống thôn, tổ dân phố nắm tình hình, lắng nghe ý kiến người dân; các kiến nghị được tổng hợp, trả lời công khai trên hệ thống truyền thanh.",
		"Niêm yết công khai số điện thoại đường dây nóng của Chủ tịch UBND xã; mọi phản ánh của người dân đều được ghi sổ theo dõi, phân công xử lý và thông báo kết quả.",
	}},
	"admin_reform": {Dept: []string{
		"Trong kỳ tiếp nhận {procedures_received} hồ sơ thủ tục hành chính, trong đó {procedures_late} hồ sơ giải quyết trễ hạn (đã có văn bản xin lỗi tổ chức, cá nhân); tỷ lệ hồ sơ nộp trực tuyến đạt {procedures_online_rate}%.",
		"Rà soát, đề xuất đơn giản hóa các thủ tục hành chính thuộc thẩm quyền; cập nhật đầy đủ quy trình nội bộ lên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
		"Tỷ lệ hài lòng của tổ chức, cá nhân đối với việc giải quyết thủ tục hành chính đạt {satisfaction_rate}%, qua khảo sát trực tuyến và phiếu đánh giá tại quầy.",
		"Đẩy mạnh chuyển đổi số trong giải quyết hồ sơ: số hóa kết quả giải quyết, thanh toán phí, lệ phí trực tuyến, trả kết quả qua dịch vụ bưu chính công ích.",
		"Công khai đầy đủ thủ tục hành chính, mức thu phí, lệ phí và thời hạn giải quyết; không để xảy ra tình trạng yêu cầu tổ chức, cá nhân bổ sung hồ sơ quá một lần.",
		"Một số hồ sơ trễ hạn do phải lấy ý kiến phối hợp của nhiều cơ quan; đơn vị đã chấn chỉnh, phân công công chức theo dõi đến từng hồ sơ.",
	}, Commune: []string{
		"Bộ phận tiếp nhận và trả kết quả của xã tiếp nhận {procedures_received} hồ sơ, giải quyết trễ hạn {procedures_late} hồ sơ; tỷ lệ hồ sơ nộp trực tuyến đạt {procedures_online_rate}%.",
		"Thành lập tổ công nghệ số cộng đồng tại các thôn, hướng dẫn người dân kích hoạt định danh điện tử VNeID và nộp hồ sơ trực tuyến tại nhà.",
		"Tỷ lệ người dân hài lòng với việc giải quyết thủ tục hành chính đạt {satisfaction_rate}%; không có phản ánh về thái độ của công chức bộ phận một cửa.",
		"Đoàn viên thanh niên hỗ trợ người cao tuổi, người khuyết tật làm thủ tục tại bộ phận một cửa; mô hình \"Thứ Bảy cùng dân\" được duy trì đều đặn.",
		"Hồ sơ đất đai, hộ tịch, chứng thực được giải quyết liên thông thông suốt; xã bố trí thêm cán bộ hướng dẫn vào những ngày cao điểm.",
		"Công khai đầy đủ bộ thủ tục hành chính tại trụ sở và trên trang thông tin điện tử của xã; thực hiện số hóa hồ sơ, kết quả giải quyết theo quy định.",
	}},
	"citizen_reception": {All: []string{
		"Trong kỳ, đơn vị tiếp {citizens_received} lượt công dân; tiếp nhận {complaints_received} đơn khiếu nại, tố cáo, kiến nghị, phản ánh; đã giải quyết {complaints_resolved} đơn, trong đó {complaints_on_time} đơn đúng hạn.",
		"Người đứng đầu thực hiện tiếp công dân định kỳ theo lịch vào ngày 15 hằng tháng và tiếp đột xuất khi có vụ việc phức tạp.",
		"Các đơn thư phát sinh được phân loại, chuyển đúng thẩm quyền; không để xảy ra khiếu kiện đông người, vượt cấp.",
		"Chú trọng hòa giải, đối thoại ngay từ cơ sở; nhiều vụ việc được giải quyết dứt điểm qua đối thoại, người dân đồng tình rút đơn.",
		"Công tác tiếp công dân gắn với tuyên truyền, giải thích chính sách, pháp luật, giúp người dân hiểu rõ quyền và nghĩa vụ của mình.",
		"Rà soát các vụ việc tồn đọng, kéo dài; thành lập tổ công tác kiểm tra, xác minh, kiến nghị hướng giải quyết dứt điểm.",
		"Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc giám sát việc giải quyết đơn thư; kết quả giải quyết được công khai theo quy định.",
		"Các đơn chưa giải quyết xong đang trong thời hạn xem xét; không có vụ việc quá thời hạn luật định.",
		"Kết quả tiếp công dân, xử lý đơn thư được cập nhật đầy đủ vào cơ sở dữ liệu quốc gia về công tác tiếp công dân.",
	}},
	"grassroots_democracy": {Dept: []string{
		"Thực hiện công khai tài chính, ngân sách, mua sắm tài sản công và công tác cán bộ theo Luật Thực hiện dân chủ ở cơ sở; tổ chức hội nghị cán bộ, công chức đúng quy định.",
		"Tổ chức {consultations_held} lần lấy ý kiến cán bộ, công chức, người dân và doanh nghiệp vào dự thảo văn bản thuộc lĩnh vực quản lý; các ý kiến được tiếp thu, giải trình đầy đủ.",
		"Ban Thanh tra nhân dân cơ quan hoạt động đúng chức năng, giám sát việc thực hiện quy chế chi tiêu nội bộ và quy chế dân chủ trong cơ quan.",
		"Lãnh đạo cơ quan tổ chức {dialogues_held} buổi đối thoại với cán bộ, công chức và doanh nghiệp; các kiến nghị được trả lời ngay tại buổi đối thoại hoặc bằng văn bản.",
		"Sửa đổi Quy chế thực hiện dân chủ trong hoạt động của cơ quan cho phù hợp với Luật Thực hiện dân chủ ở cơ sở năm 2022 và tình hình thực tế.",
		"Các chế độ, chính sách liên quan đến cán bộ, công chức, người lao động được công khai kịp thời; không có đơn thư phản ánh về việc thực hiện dân chủ trong cơ quan.",
	}, Commune: []string{
		"Tổ chức {dialogues_held} buổi đối thoại giữa Chủ tịch UBND xã với Nhân dân về giải phóng mặt bằng, xây dựng nông thôn mới, quản lý đất đai; ý kiến người dân được giải đáp thẳng thắn, cầu thị.",
		"Lấy ý kiến Nhân dân {consultations_held} lần về những việc dân bàn và quyết định như đóng góp làm đường giao thông, sửa chữa nhà văn hóa thôn; các khoản đóng góp đều công khai, tự nguyện.",
		"Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng hoạt động tích cực, giám sát chặt chẽ các công trình xây dựng trên địa bàn.",
		"Các thôn, tổ dân phố tổ chức hội nghị cử tri, sinh hoạt cộng đồng đúng định kỳ; hương ước, quy ước được rà soát, sửa đổi phù hợp với thực tế.",
		"Công khai đầy đủ dự toán, quyết toán ngân sách, danh sách hộ nghèo, hộ cận nghèo, quy hoạch sử dụng đất và mức thu các khoản đóng góp của Nhân dân.",
		"Phát huy vai trò của Mặt trận và các đoàn thể trong giám sát, phản biện xã hội; kiến nghị của cử tri được tổng hợp và trả lời kịp thời.",
	}},
	"skilful_models": {Dept: []string{
		"Trong kỳ, đơn vị được công nhận {models_recognised} mô hình \"Dân vận khéo\", tiêu biểu là mô hình \"{highlights}\"; khen thưởng {people_commended} lượt tập thể, cá nhân.",
		"Phong trào thi đua \"Dân vận khéo\" được gắn với nhiệm vụ chuyên môn, tập trung vào cải cách hành chính và nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
		"Các mô hình được đăng ký từ đầu năm, có tiêu chí đánh giá cụ thể; cách làm hay được nhân rộng sang các phòng, đơn vị trực thuộc.",
		"Tổ chức sơ kết, biểu dương điển hình; giới thiệu các gương \"Dân vận khéo\" trên trang thông tin điện tử của đơn vị.",
		"Một số mô hình tiếp tục duy trì hiệu quả từ các năm trước, được người dân và doanh nghiệp đánh giá cao.",
	}, Commune: []string{
		"Xã có {models_recognised} mô hình \"Dân vận khéo\" được công nhận, nổi bật là mô hình \"{highlights}\"; khen thưởng {people_commended} lượt tập thể, cá nhân có thành tích.",
		"Phong trào thi đua \"Dân vận khéo\" gắn với xây dựng nông thôn mới; Nhân dân hiến đất, góp công làm đường giao thông, kênh mương nội đồng.",
		"Các chi hội đoàn thể đăng ký mô hình ngay từ đầu năm; nhiều mô hình giúp nhau phát triển kinh tế, giảm nghèo bền vững mang lại hiệu quả rõ rệt.",
		"Những tấm gương người tốt, việc tốt được tuyên dương tại hội nghị sơ kết; kinh nghiệm hay được phổ biến qua hệ thống truyền thanh của xã.",
		"Mô hình tự quản về an ninh trật tự, vệ sinh môi trường ở khu dân cư tiếp tục phát huy hiệu quả, được nhân rộng ra các thôn.",
	}},
	"shortcomings": {All: []string{
		"Việc triển khai một số nội dung còn chậm, chưa đồng bộ; công tác tuyên truyền ở một số nơi còn hình thức, chưa thu hút đông đảo người dân tham gia.",
		"Tỷ lệ hồ sơ trực tuyến toàn trình chưa cao; người cao tuổi, người dân vùng sâu, vùng xa còn gặp khó khăn khi sử dụng dịch vụ công trực tuyến.",
		"Một số hồ sơ giải quyết còn trễ hạn; việc phối hợp giữa các cơ quan trong giải quyết thủ tục liên thông có lúc chưa chặt chẽ.",
		"Một số mô hình \"Dân vận khéo\" chưa bền vững, sau khi được công nhận chưa được duy trì và nhân rộng.",
		"Nguyên nhân khách quan: khối lượng công việc lớn, nhất là trong thời gian sắp xếp tổ chức bộ máy; hạ tầng công nghệ thông tin còn hạn chế.",
		"Nguyên nhân chủ quan: một bộ phận cán bộ, công chức chưa nhận thức đầy đủ vai trò của công tác dân vận chính quyền; việc kiểm tra, giám sát có lúc chưa thường xuyên.",
		"Việc giải quyết một số vụ việc liên quan đến đất đai, bồi thường, hỗ trợ tái định cư còn kéo dài do vướng mắc về hồ sơ và nguồn gốc đất.",
		"Chế độ thông tin, báo cáo có lúc chưa đúng thời hạn; số liệu tổng hợp từ các bộ phận chưa thống nhất.",
		"Kinh phí bố trí cho công tác dân vận và thực hiện dân chủ ở cơ sở còn hạn hẹp.",
	}},
	"directions": {All: []string{
		"Tiếp tục quán triệt, triển khai hiệu quả Luật Thực hiện dân chủ ở cơ sở và các văn bản chỉ đạo của Trung ương, của tỉnh về công tác dân vận chính quyền.",
		"Nâng cao chất lượng giải quyết thủ tục hành chính, phấn đấu không có hồ sơ trễ hạn; tăng tỷ lệ hồ sơ trực tuyến toàn trình.",
		"Làm tốt công tác tiếp công dân, giải quyết kịp thời, dứt điểm khiếu nại, tố cáo ngay từ cơ sở, không để phát sinh điểm nóng.",
		"Đẩy mạnh phong trào thi đua \"Dân vận khéo\", đăng ký và xây dựng mới ít nhất một mô hình gắn với nhiệm vụ trọng tâm của đơn vị.",
		"Tăng cường kiểm tra việc thực hiện quy tắc ứng xử, văn hóa công vụ; xử lý nghiêm cán bộ, công chức có hành vi nhũng nhiễu, gây phiền hà.",
		"Phối hợp chặt chẽ với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong tuyên truyền, vận động Nhân dân thực hiện chủ trương, chính sách.",
		"Duy trì đối thoại định kỳ giữa người đứng đầu với Nhân dân; kịp thời nắm bắt tâm tư, nguyện vọng và giải quyết những vấn đề bức xúc.",
		"Thực hiện nghiêm chế độ báo cáo định kỳ, bảo đảm đúng thời hạn, số liệu chính xác.",
		"Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích trong công tác dân vận chính quyền.",
	}},
	"proposals": {All: []string{
		"Đề nghị Ban Chỉ đạo tỉnh tổ chức tập huấn nghiệp vụ công tác dân vận chính quyền cho cán bộ, công chức phụ trách ở cơ sở.",
		"Đề nghị UBND tỉnh quan tâm bố trí kinh phí hỗ trợ thực hiện các mô hình \"Dân vận khéo\" có khả năng nhân rộng.",
		"Đề nghị Văn phòng UBND tỉnh tiếp tục nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính, khắc phục lỗi đồng bộ dữ liệu.",
		"Đề nghị cơ quan Thường trực Ban Chỉ đạo sớm hướng dẫn thống nhất biểu mẫu báo cáo và tiêu chí đánh giá công tác dân vận chính quyền.",
		"Kiến nghị Ban Chỉ đạo tỉnh định kỳ tổ chức hội nghị trao đổi kinh nghiệm giữa các địa phương về xây dựng mô hình \"Dân vận khéo\".",
		"Đề nghị tỉnh có cơ chế khen thưởng kịp thời cho tập thể, cá nhân có cách làm sáng tạo trong công tác dân vận.",
		"Đề nghị tăng cường hướng dẫn về chuyển đổi số cho cán bộ cơ sở, nhất là việc khai thác dữ liệu dân cư phục vụ giải quyết thủ tục hành chính.",
		"Đề nghị các sở, ngành liên quan phối hợp giải quyết dứt điểm các vụ việc đất đai tồn đọng có liên quan nhiều cấp.",
	}},
}

// Model names a unit's highlights indicator cites.
var (
	deptModels = []string{
		"Bộ phận một cửa thân thiện, phục vụ tận tình",
		"Cán bộ đi cơ sở, nắm chắc tình hình dân",
		"Số hóa hồ sơ, trả kết quả tận nhà",
		"Thứ Năm lắng nghe ý kiến người dân và doanh nghiệp",
		"Mỗi công chức một việc làm vì Nhân dân",
		"Hướng dẫn thủ tục qua video ngắn",
	}
	communeModels = []string{
		"Dân vận khéo trong hiến đất mở đường giao thông nông thôn",
		"Camera an ninh, mắt thần khu dân cư",
		"Chi hội phụ nữ giúp nhau thoát nghèo",
		"Tổ công nghệ số cộng đồng hướng dẫn dịch vụ công",
		"Đường hoa tự quản của thôn",
		"Mỗi tháng một buổi đối thoại với Nhân dân",
		"Tổ hòa giải giỏi ở khu dân cư",
	}
)

// Notes of the standing agency.
var (
	returnNotes = []string{
		"Đề nghị bổ sung số liệu tiếp công dân và kết quả giải quyết đơn thư; phần hạn chế cần nêu rõ nguyên nhân chủ quan.",
		"Báo cáo chưa nêu tên mô hình \"Dân vận khéo\" được công nhận; đề nghị bổ sung và gửi kèm bản có chữ ký, đóng dấu.",
		"Số liệu hồ sơ trễ hạn chưa khớp với Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; đề nghị rà soát, gửi lại.",
	}
	acceptNotes = []string{"", "Báo cáo đầy đủ, đúng mẫu.", "", "Đã tiếp nhận, tổng hợp vào báo cáo chung của tỉnh."}
	// resubmitAddendum is what a returned unit adds before sending its report again.
	resubmitAddendum = "Bổ sung theo góp ý của cơ quan Thường trực: đơn vị đã rà soát, đối chiếu lại số liệu với hệ thống theo dõi và hoàn thiện nội dung báo cáo."
)
