package main

import (
	"fmt"
	"strings"
	"time"
)

// demoUnits is the commune of seed 004 plus the Front and mass
// organisations, as an office would keep it in a spreadsheet.
func demoUnits() []byte {
	var b strings.Builder
	b.WriteString("STT,Tên đơn vị,Loại đơn vị,Bí thư\n")
	names := []string{"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Cầu", "Chợ"}
	n := 0
	lead := ""
	row := func(name, kind string) { n++; fmt.Fprintf(&b, "%d,%s,%s,%s\n", n, name, kind, lead); lead = "" }
	for _, v := range names {
		if v == "Đông" {
			lead = "Trần Văn Bình" // the office's list: family name first
		}
		row("Chi bộ thôn "+v, "Chi bộ thôn")
	}
	for _, s := range []string{"Mầm non", "Tiểu học", "THCS", "THPT"} {
		row("Chi bộ trường "+s, "Chi bộ nhà trường")
	}
	row("Chi bộ Công an xã", "Chi bộ Công an")
	row("Ủy ban MTTQ xã", "Mặt trận Tổ quốc")
	for _, o := range []string{"Hội Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên"} {
		row(o+" xã", o)
	}
	return []byte(b.String())
}

// demoSheet is a registration a secretary typed out beforehand, sent
// whole in one message: the review's and the sheet's labels, one without
// diacritics; "Mới / duy trì" is left for the bot to ask.
const demoSheet = `Tên mô hình: Tuyến đường hoa nông thôn mới
Tập thể / cá nhân: Tập thể
Chủ thể: Chi bộ và nhân dân thôn Đông
Linh vuc: Van hoa xa hoi
Địa bàn: Thôn Đông
Nội dung: Mỗi hộ trồng và chăm sóc hoa trước cổng; chi bộ phân công đảng viên phụ trách từng đoạn.
Chỉ tiêu: 100% hộ tham gia; 2 km đường hoa.
Thời gian: 01/04/2024 - 30/11/2024`

func (d *demo) story() []step {
	return append([]step{
		{"Khởi động bot trên cơ sở dữ liệu mới", d.start},
		{"Văn phòng Đảng ủy mở bot lần đầu: lời chào, rồi bot hỏi Họ và tên (điền sẵn từ Telegram, họ trước tên sau)", d.text(demoAdmin, "/start")},
		{"… tên đúng: bấm “Đúng, giữ tên này”, menu hiện ra", d.press(demoAdmin, "Đúng, giữ tên này")},
		{"Văn phòng gửi tệp danh sách 19 đơn vị", d.file(demoAdmin, "danh-sach-don-vi.csv", demoUnits())},
		{"… xem trước rồi bấm nhập", d.press(demoAdmin, "Nhập 19")},
		{"Văn phòng tạo link mời cho Chi bộ thôn Đông", d.text(demoAdmin, "/invite")},
		{"… chọn đơn vị", d.press(demoAdmin, "Chi bộ thôn Đông")},
		{"Bí thư Chi bộ thôn Đông mở link mời (nhận qua Zalo): Họ và tên điền sẵn theo danh sách của Văn phòng", d.openInvite(demoSecA)},
		{"… bí thư xác nhận tên", d.press(demoSecA, "Đúng, giữ tên này")},
		{"Bí thư thêm bot vào nhóm Telegram của chi bộ", d.addToGroup(demoSecA, demoGroup)},
		{"… và bấm đúng tên đơn vị để gắn nhóm", d.pressIn(demoSecA, demoGroup, "Chi bộ thôn Đông")},
		{"Văn phòng thêm một đơn vị bằng biểu mẫu", d.text(demoAdmin, "/units")},
		{"… bấm “Thêm đơn vị”", d.press(demoAdmin, "Thêm đơn vị")},
		{"… gõ tên", d.text(demoAdmin, "Tổ dân vận khu phố 1")},
		{"… chọn loại", d.press(demoAdmin, "Tổ dân vận")},
		{"… xác nhận", d.press(demoAdmin, "Xác nhận")},
		{"Văn phòng tạo phong trào năm 2024 (ngày theo kế hoạch của Đảng ủy)", d.text(demoAdmin, "/campaigns")},
		{"… bấm “Tạo phong trào mới”", d.press(demoAdmin, "Tạo phong trào mới")},
		{"… gõ tên phong trào", d.text(demoAdmin, "Phong trào thi đua “Dân vận khéo” năm 2024")},
		{"… giữ “Tất cả đơn vị” và bấm Xong", d.press(demoAdmin, "Xong")},
		{"… bỏ qua số mô hình tối thiểu (mặc định 1)", d.press(demoAdmin, "Bỏ qua")},
		{"… gõ hạn đăng ký", d.text(demoAdmin, "07/04/2024")},
		{"… gõ nhầm hạn báo cáo trước hạn đăng ký: bot nhắc lại", d.text(demoAdmin, "01/04/2024")},
		{"… gõ lại hạn báo cáo kết quả", d.text(demoAdmin, "05/09/2024")},
		{"… gõ ngày kết thúc", d.text(demoAdmin, "15/12/2024")},
		{"… bỏ qua năm của phong trào (lấy năm của hạn đăng ký)", d.press(demoAdmin, "Bỏ qua")},
		{"… giữ 5 tiêu chí mặc định (đơn vị tự đánh giá tiêu chí 1, 2, 3, 5)", d.press(demoAdmin, "Bỏ qua")},
		{"… giữ lịch nhắc mặc định", d.press(demoAdmin, "Bỏ qua")},
		{"… xác nhận: nhóm chi bộ nhận thông báo phát động, có nút đăng ký", d.press(demoAdmin, "Xác nhận")},
		{"Bí thư mở menu", d.text(demoSecA, "/menu")},
		{"… bấm “Đăng ký mô hình”", d.press(demoSecA, "Đăng ký mô hình")},
		{"… dán cả phiếu đã soạn sẵn vào một tin nhắn, mỗi mục một dòng (có dấu hay không dấu đều được): bot đọc các mục và chỉ hỏi mục còn thiếu", d.text(demoSecA, demoSheet)},
		{"… gửi nhầm nhãn dán: bot hỏi lại", d.sticker(demoSecA)},
		{"… mục còn thiếu: mô hình mới (không phải duy trì, nhân rộng)", d.press(demoSecA, "Mô hình mới")},
		{"… xem lại và bấm “Gửi đăng ký”", d.press(demoSecA, "Gửi đăng ký")},
		{"Văn phòng tiếp nhận đăng ký ngay trên tin báo (nút “Tiếp nhận”)", d.press(demoAdmin, "Tiếp nhận")},
		{"Bí thư xem mô hình của đơn vị", d.text(demoSecA, "/menu")},
		{"… bấm “Mô hình của đơn vị”", d.press(demoSecA, "Mô hình của đơn vị")},
		{"Bí thư xem hạn nộp", d.text(demoSecA, "/status")},
		{"Tua nhanh tới sáng 28/08/2024: 7 ngày trước ngày cuối nộp báo cáo (hạn “trước ngày 05/09/2024”), bot nhắc trong nhóm chi bộ", d.jump(time.Date(2024, 8, 28, 8, 1, 0, 0, ictZone))},
		{"Tua nhanh tới sáng 04/09/2024: bí thư chưa nộp; hôm nay là ngày cuối trước hạn, bot nhắc riêng một câu", d.jump(time.Date(2024, 9, 4, 8, 1, 0, 0, ictZone))},
		{"Bí thư bấm nút trong tin nhắc (mở chat riêng) để báo cáo kết quả", d.text(demoSecA, "/start res")},
		{"… kết quả đạt được", d.text(demoSecA, "Hoàn thành 2 km đường hoa; 150 hộ trồng, chăm sóc hoa trước cổng.")},
		{"… so với chỉ tiêu đã đăng ký: vượt", d.press(demoSecA, "Vượt chỉ tiêu")},
		{"… số hộ tham gia", d.text(demoSecA, "khoảng 150 hộ")},
		{"… gõ số tiền kiểu nói thường ngày", d.text(demoSecA, "12,5 triệu")},
		{"… kết quả khác", d.text(demoSecA, "Ngày công: 350\nĐất hiến: 200 m²")},
		{"… tự đánh giá: tiêu chí 1", d.press(demoSecA, "1. Gắn")},
		{"… tiêu chí 2", d.press(demoSecA, "2. Huy động")},
		{"… tiêu chí 5, rồi Xong", d.pressAll(demoSecA, "5. Được các tầng lớp", "Xong")},
		{"… gửi ảnh minh chứng", d.photo(demoSecA, "Ngày ra quân")},
		{"… và bấm Xong", d.press(demoSecA, "Xong")},
		{"… bỏ qua bài học", d.press(demoSecA, "Bỏ qua")},
		{"… bỏ qua đề xuất", d.press(demoSecA, "Bỏ qua")},
		{"… xác nhận", d.press(demoSecA, "Xác nhận")},
		{"Văn phòng tiếp nhận báo cáo kết quả; đơn vị được báo báo cáo đã trình Đảng ủy (chưa có kết quả đánh giá)", d.press(demoAdmin, "Tiếp nhận báo cáo")},
		{"Thường trực Đảng ủy họp, công nhận mô hình; Văn phòng ghi kết quả đánh giá của Đảng ủy", d.press(demoAdmin, "Ghi kết quả đánh giá của Đảng ủy")},
		{"… Đảng ủy đánh giá: “Công nhận” (cấp cơ sở)", d.press(demoAdmin, "Công nhận")},
		{"… Đảng ủy đề nghị cấp trên công nhận", d.press(demoAdmin, "Có, đề nghị")},
		{"… căn cứ: văn bản của Thường trực Đảng ủy", d.text(demoAdmin, "Thông báo số 125-TB/ĐU ngày 04/9/2024 của Thường trực Đảng ủy")},
		{"… ngày Đảng ủy quyết định", d.text(demoAdmin, "04/09/2024")},
		{"… kèm nhận xét", d.text(demoAdmin, "Mô hình hiệu quả, được nhân dân đồng tình hưởng ứng.")},
		{"… xem lại và xác nhận: chỉ lúc này đơn vị được báo và nhóm được chúc mừng", d.press(demoAdmin, "Xác nhận")},
		{"Bí thư gõ chữ tự do: bot hướng dẫn lại bằng nút", d.text(demoSecA, "Tôi muốn hỏi")},
		{"Đoàn viên chọn tiếng Anh", d.text(demoMember, "/language")},
		{"… bấm nút English", d.press(demoMember, "English")},
		{"Khởi động lại bot: mọi thứ đã lưu trong tệp bbolt", d.restart},
		{"Sau khởi động lại, bot vẫn nhớ ngôn ngữ đã chọn (và hỏi Họ và tên bằng tiếng Anh)", d.text(demoMember, "/start")},
		{"… đoàn viên để sau: bot không hỏi lại, vẫn dùng được mọi việc", d.press(demoMember, "Later")},
		{"… và bí thư vẫn là người phụ trách đơn vị", d.text(demoSecA, "/start")},
		{"Văn phòng xem danh sách đơn vị và tình trạng", d.text(demoAdmin, "/units")},
		{"Văn phòng xem báo cáo tổng hợp", d.text(demoAdmin, "/report")},
		{"… và tải biểu Excel để ký, gửi Ban Dân vận Tỉnh ủy", d.press(demoAdmin, "Tải Excel")},
		{"… tệp được lưu ra máy", d.save("_tong-hop_")},
		{"… tải dự thảo báo cáo bằng Word, số liệu đã điền sẵn", d.pressAgain(demoAdmin, "Báo cáo (Word)")},
		{"… tệp được lưu ra máy", d.save("_bao-cao_")},
		{"Bí thư in phiếu đăng ký mô hình để trình ký", d.text(demoSecA, "/menu")},
		{"… bấm “Mô hình của đơn vị”", d.press(demoSecA, "Mô hình của đơn vị")},
		{"… chọn mô hình", d.press(demoSecA, "DVK-2024-001")},
		{"… bấm “Phiếu đăng ký”", d.press(demoSecA, "Phiếu đăng ký")},
		{"… tệp được lưu ra máy", d.save("Phieu-dang-ky_")},
		{"Văn phòng mời Ủy ban kiểm tra theo dõi (chỉ xem)", d.text(demoAdmin, "/units")},
		{"… bấm “Quản trị viên”", d.press(demoAdmin, "Quản trị viên")},
		{"… bấm “Mời người theo dõi”", d.press(demoAdmin, "Mời người theo dõi")},
		{"Đồng chí Ủy ban kiểm tra mở link mời", d.openInvite(demoViewer)},
		{"… gõ lại Họ và tên cho đầy đủ", d.text(demoViewer, "phạm văn quang")},
		{"… xem báo cáo tổng hợp: chỉ xem, không có nút sửa", d.text(demoViewer, "/report")},
		{"Tua nhanh tới sáng 06/01/2025: năm mới", d.jump(time.Date(2025, 1, 6, 8, 1, 0, 0, ictZone))},
		{"Bí thư muốn đăng ký thêm: phong trào năm 2024 đã kết thúc (đến trước ngày 15/12/2024), bot nói rõ vì sao", d.text(demoSecA, "/register")},
		{"Văn phòng mở danh sách phong trào: năm 2024 “đã kết thúc”; tạo phong trào năm 2025", d.text(demoAdmin, "/campaigns")},
		{"… bấm “Tạo phong trào mới”", d.press(demoAdmin, "Tạo phong trào mới")},
		{"… gõ tên phong trào", d.text(demoAdmin, "Phong trào thi đua “Dân vận khéo” năm 2025")},
		{"… giữ “Tất cả đơn vị” và bấm Xong", d.press(demoAdmin, "Xong")},
		{"… bỏ qua số mô hình tối thiểu", d.press(demoAdmin, "Bỏ qua")},
		{"… gõ hạn đăng ký", d.text(demoAdmin, "07/04/2025")},
		{"… gõ hạn báo cáo kết quả", d.text(demoAdmin, "05/09/2025")},
		{"… gõ ngày kết thúc", d.text(demoAdmin, "15/12/2025")},
		{"… bỏ qua năm, tiêu chí và lịch nhắc", d.pressAll(demoAdmin, "Bỏ qua", "Bỏ qua", "Bỏ qua")},
		{"… xác nhận: thông báo phát động đến nhóm chi bộ", d.press(demoAdmin, "Xác nhận")},
		{"Bí thư bấm nút “Đăng ký mô hình” trong thông báo phát động ở nhóm (mở chat riêng)", d.openLinkIn(demoSecA, demoGroup, "Đăng ký mô hình")},
		{"… chọn duy trì, nhân rộng mô hình năm trước: phiếu được điền sẵn, bot hỏi ngay chỉ tiêu năm nay", d.press(demoSecA, "DVK-2024-001")},
		{"… gõ chỉ tiêu mới", d.text(demoSecA, "Thêm 1 km đường hoa; nhân rộng sang thôn Tây.")},
		{"… bấm “Gửi đăng ký”; Văn phòng thấy mô hình duy trì từ năm trước", d.press(demoSecA, "Gửi đăng ký")},
	}, d.provinceStory()...)
}
