package main

import (
	"context"
	"fmt"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// The province's part of the demo: the Ban Dân vận Tỉnh ủy runs one bot
// for its communes, adds a second commune, hands it its bot, launches a
// campaign for every commune and reads the roll-up.
var (
	demoProvince = telegramtest.User{ID: 5001, FirstName: "Hải", LastName: "Đỗ"} // Ban Dân vận Tỉnh ủy
	demoAdminTP  = telegramtest.User{ID: 5101, FirstName: "Lan", LastName: "Võ"} // Văn phòng Đảng ủy xã Tân Phú
)

// tanPhuUnits is the second commune's list of units.
func tanPhuUnits() []byte {
	return []byte("STT,Tên đơn vị,Loại đơn vị\n1,Chi bộ thôn Đông,Chi bộ thôn\n2,Chi bộ thôn Phú Lợi,Chi bộ thôn\n3,Hội Phụ nữ xã,Hội Phụ nữ\n")
}

// asProvince restarts the bot with [province] in its config: the same
// database, now a province's.
func (d *demo) asProvince(ctx context.Context) error {
	d.cfg.Province = ProvinceConfig{Name: "Tỉnh Gia Lai", Admins: []int64{demoProvince.ID}, Office: store.Office{
		Body: []string{"TỈNH ỦY GIA LAI", "BAN DÂN VẬN"}, ShortName: "Ban Dân vận Tỉnh ủy Gia Lai", Place: "Gia Lai",
		OnBehalf: "T/M BAN DÂN VẬN", Position: "TRƯỞNG BAN", Recipient: "Ban Dân vận Trung ương"}}
	return d.restart(ctx)
}

// openInviteFrom: u opens the invite link from gave last.
func (d *demo) openInviteFrom(from, u telegramtest.User) func(context.Context) error {
	return func(ctx context.Context) error {
		last, _ := d.srv.LastMessage(from.ID)
		m := demoLinkRE.FindStringSubmatch(last.Plain)
		if m == nil {
			return fmt.Errorf("no invite link in %q", last.Plain)
		}
		return d.text(u, "/start "+m[1])(ctx)
	}
}

func (d *demo) provinceStory() []step {
	return []step{
		{"Ban Dân vận Tỉnh ủy dùng chung bot cho các xã: khởi động lại với mục [province] trong cấu hình", d.asProvince},
		{"Ban Dân vận Tỉnh ủy mở bot", d.text(demoProvince, "/start")},
		{"… giữ tên", d.press(demoProvince, "Đúng, giữ tên này")},
		{"… xem các xã, phường", d.press(demoProvince, "Các xã, phường")},
		{"… thêm Xã Tân Phú", d.press(demoProvince, "Thêm xã, phường")},
		{"… gõ tên", d.text(demoProvince, "Xã Tân Phú")},
		{"… gõ mã ngắn (có dấu cũng được)", d.text(demoProvince, "Tân Phú")},
		{"… bỏ qua người ký, xác nhận", d.pressAll(demoProvince, "Bỏ qua", "Xác nhận")},
		{"… tạo link mời quản trị viên của xã", d.press(demoProvince, "Mời quản trị viên của xã")},
		{"Văn phòng Đảng ủy xã Tân Phú mở link mời", d.openInviteFrom(demoProvince, demoAdminTP)},
		{"… giữ tên", d.press(demoAdminTP, "Đúng, giữ tên này")},
		{"… gửi danh sách đơn vị của xã", d.file(demoAdminTP, "don-vi-tan-phu.csv", tanPhuUnits())},
		{"… bấm nhập: chỉ thấy đơn vị của xã mình", d.press(demoAdminTP, "Nhập 3")},
		{"Tỉnh phát động phong trào cho tất cả xã, phường", d.text(demoProvince, "/campaigns")},
		{"… bấm “Tạo phong trào mới”", d.press(demoProvince, "Tạo phong trào mới")},
		{"… gõ tên phong trào", d.text(demoProvince, "Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2025")},
		{"… giữ “Tất cả xã, phường” và bấm Xong", d.press(demoProvince, "Xong")},
		{"… bỏ qua số mô hình tối thiểu", d.press(demoProvince, "Bỏ qua")},
		{"… gõ hạn đăng ký", d.text(demoProvince, "30/04/2025")},
		{"… gõ hạn báo cáo kết quả", d.text(demoProvince, "30/09/2025")},
		{"… gõ ngày kết thúc", d.text(demoProvince, "15/12/2025")},
		{"… bỏ qua năm, tiêu chí và lịch nhắc, xác nhận: thông báo phát động đến Văn phòng Đảng ủy các xã và nhóm chi bộ", d.pressAll(demoProvince, "Bỏ qua", "Bỏ qua", "Bỏ qua", "Xác nhận")},
		{"Xã Tân Phú nhận thông báo phát động của tỉnh, bấm “Mở phong trào” để đặt hạn riêng, sớm hơn hạn của tỉnh", d.press(demoAdminTP, "Mở phong trào")},
		{"… bấm “Đặt hạn riêng của xã”", d.press(demoAdminTP, "Đặt hạn riêng của xã")},
		{"… gõ hạn đăng ký riêng", d.text(demoAdminTP, "15/04/2025")},
		{"… theo hạn báo cáo của tỉnh, xác nhận", d.pressAll(demoAdminTP, "Bỏ qua", "Xác nhận")},
		{"Ban Dân vận Tỉnh ủy xem tổng hợp theo xã, phường", d.text(demoProvince, "/report")},
		{"… tải biểu Excel của tỉnh: có cột xã, phường và trang “Tổng hợp theo xã, phường”", d.press(demoProvince, "Tải Excel")},
		{"… tệp được lưu ra máy", d.save("ban-dan-van")},
	}
}
