package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// TestRegistrationSentWhole: a registration typed out beforehand is sent
// with /register in one message of labelled lines (the review's labels,
// the printed sheet's, without diacritics); the bot reads what it can,
// names the line it cannot read and asks it again, asks only what is
// missing, then shows the review. HTML stays text, and the sheet's unit
// and number lines change nothing: the model is the sender's unit's.
func TestRegistrationSentWhole(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào năm 2024", 20)
	pc := telegramtest.PrivateChat(secA)

	sheet := strings.Join([]string{
		"PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”",
		"Đơn vị: Chi bộ thôn Tây",
		"Số: DVK-2024-099",
		"Ten mo hinh: Tuyến đường <b>hoa</b>",
		"Tập thể/Cá nhân: tap the",
		"Mới / duy trì: Mô hình mới",
		"Chủ thể: Chi bộ và nhân dân thôn Đông",
		"Lĩnh vực: Nông nghiệp",
		"- Địa bàn: Thôn Đông",
		"Nội dung, cách làm: Mỗi hộ trồng hoa trước cổng;",
		"phân công: mỗi đảng viên một đoạn.",
	}, "\n")
	h.srv.SendPrivate(secA, "/register\n"+sheet)
	ask := h.expectNew(secA.ID, "Đã đọc từ tin nhắn")
	for _, want := range []string{"Tên mô hình, Tập thể / cá nhân, Mới / duy trì, Chủ thể thực hiện, Địa chỉ, địa bàn, Nội dung, cách làm",
		"Chưa đọc được dòng “Lĩnh vực”: không khớp lựa chọn nào (Kinh tế;", "Mô hình thuộc lĩnh vực nào?"} {
		if !strings.Contains(ask.Plain, want) {
			t.Errorf("after the sheet, %q lacks %q", ask.Plain, want)
		}
	}
	h.press(secA, pc, ask, "Văn hóa - xã hội")
	h.expect(secA.ID, "Chỉ tiêu, mục tiêu đăng ký?") // missing: asked, and only it
	review := h.say(secA, "100% hộ tham gia.", "kiểm tra lại")
	for _, want := range []string{"Tên mô hình: Tuyến đường <b>hoa</b>", "Lĩnh vực: Văn hóa - xã hội", "Địa chỉ, địa bàn: Thôn Đông",
		"Nội dung, cách làm: Mỗi hộ trồng hoa trước cổng;\nphân công: mỗi đảng viên một đoạn."} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	h.press(secA, pc, review, "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã nộp đăng ký DVK-")
	regs := h.registrations()
	if len(regs) != 1 {
		t.Fatalf("%d registrations", len(regs))
	}
	g, dong := regs[0], h.unitNamed("Chi bộ thôn Đông").ID
	if g.UnitID != dong || !strings.HasSuffix(g.Number, "-001") || g.Model.Name != "Tuyến đường <b>hoa</b>" || g.Model.Kind != "tap_the" ||
		g.Model.Novelty != "moi" || g.Model.Field != "van_hoa_xa_hoi" || g.Model.Targets != "100% hộ tham gia." || g.Model.To == "" {
		t.Errorf("stored %+v", g)
	}

	// At the form's first question, the whole registration in one
	// message, nothing missing: straight to the review, one press to send.
	h.say(secA, "/register", "Tên mô hình là gì")
	review = h.say(secA, "Tên mô hình: Sân chơi cho thiếu nhi\nTập thể / cá nhân: Tập thể\nMới / duy trì: Duy trì, nhân rộng\nChủ thể thực hiện: Chi đoàn thôn Đông\n"+
		"Lĩnh vực: Văn hóa - xã hội\nĐịa chỉ, địa bàn: Thôn Đông\nNội dung: Góp công làm sân.\nChỉ tiêu: 1 sân chơi.", "kiểm tra lại")
	if !strings.Contains(review.Plain, "Tên mô hình: Sân chơi cho thiếu nhi") || strings.Contains(review.Plain, "Chưa đọc được") {
		t.Errorf("review %q", review.Plain)
	}
}

// TestRegistrationDefaultsByOnePress: what the bot knows is one press:
// the unit as who carries out a collective model, its area, and the
// common periods; typing still works; an individual model is not
// offered the unit.
func TestRegistrationDefaultsByOnePress(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	camp := h.campaign("Phong trào năm 2024", 20)
	pc := telegramtest.PrivateChat(secA)
	g := formscript.Realistic("Đường hoa")
	steps := g.Steps()
	h.fill(secA, steps.Until("subject"))
	subject := h.last(secA.ID)
	if !slices.Contains(buttons(subject), "👥 Chi bộ thôn Đông") {
		t.Fatalf("who carries it out: no button with the unit, %v", buttons(subject))
	}
	h.press(secA, pc, subject, "Chi bộ thôn Đông")
	h.fill(secA, steps.From("field").Until("address"))
	address := h.last(secA.ID)
	if !slices.Contains(buttons(address), "📍 Thôn Đông") {
		t.Fatalf("the area: no button, %v", buttons(address))
	}
	h.press(secA, pc, address, "Thôn Đông")
	h.fill(secA, steps.From("content").Until("period"))
	period := h.last(secA.ID)
	want := []string{"📅 Cả thời gian phong trào (đến " + showDay(camp.EndDate) + ")", "⏳ Đến hạn báo cáo kết quả (" + showDay(camp.ResultsDeadline) + ")"}
	if got := buttons(period); !slices.Contains(got, want[0]) || !slices.Contains(got, want[1]) {
		t.Fatalf("the period: buttons %v, want %v", got, want)
	}
	h.say(secA, "31/02/2024 - 01/05/2024", "không có trên lịch") // typing stays open, and checked
	h.press(secA, pc, h.last(secA.ID), "Đến hạn báo cáo kết quả")
	review := h.expect(secA.ID, "kiểm tra lại")
	h.press(secA, pc, review, "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã nộp đăng ký")
	m := h.registrations()[0].Model
	if m.Subject != "Chi bộ thôn Đông" || m.Address != "Thôn Đông" || m.To != camp.ResultsDeadline || m.From == "" {
		t.Errorf("stored %+v", m)
	}

	// An individual model: who carries it out is typed.
	h.say(secA, "/register", "Tên mô hình là gì")
	g.Kind = "Cá nhân"
	h.fill(secA, g.Steps().From("name").Until("subject"))
	if got := buttons(h.last(secA.ID)); slices.ContainsFunc(got, func(b string) bool { return strings.Contains(b, "Chi bộ thôn Đông") }) {
		t.Errorf("an individual model is offered the unit: %v", got)
	}
}

// TestNewModelIsAskedNewOnce: a unit with earlier models says "new" when
// it picks a new model, and the form does not ask it again.
func TestNewModelIsAskedNewOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.earlierCampaign()
	pc := telegramtest.PrivateChat(secA)
	pick := h.say(secA, "/register", "duy trì, nhân rộng một mô hình")
	h.press(secA, pc, pick, "mô hình mới")
	g := formscript.Realistic("Sân chơi")
	steps := g.Steps()
	h.expectNew(secA.ID, "Tên mô hình là gì")
	h.say(secA, g.Name, "tập thể hay cá nhân")
	h.press(secA, pc, h.last(secA.ID), g.Kind)
	if next := h.expect(secA.ID, "Ai thực hiện"); strings.Contains(next.Plain, "duy trì") {
		t.Errorf("asked again: %q", next.Plain)
	}
	h.fill(secA, steps.From("subject"))
	regs := h.registrations()
	if g := regs[len(regs)-1]; g.Model.Novelty != "moi" || g.CarriedFrom != 0 {
		t.Errorf("stored %+v", g)
	}
}

// TestInviteNamesTheBotAndTheSteps: U1, the secretary is told which bot to
// add to the group, and how.
func TestInviteNamesTheBotAndTheSteps(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.srv.SendPrivate(secA, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	welcome := h.expect(secA.ID, "Chào mừng")
	for _, want := range []string{"@dvk_test_bot", "Thêm thành viên", "bấm nút Chi bộ thôn Đông", "/link"} {
		if !strings.Contains(welcome.Plain, want) {
			t.Errorf("welcome lacks %q:\n%s", want, welcome.Plain)
		}
	}
}

func showDay(iso string) string { return iso[8:10] + "/" + iso[5:7] + "/" + iso[0:4] }

// TestRegistrationWholeAndDefaultsByTypingOnly: without buttons, a
// registration sent whole is read the same, and the unit and the period
// are chosen by their number.
func TestRegistrationWholeAndDefaultsByTypingOnly(t *testing.T) {
	t.Parallel()
	h := newPlainHarness(t)
	data, err := os.ReadFile("../../testdata/units/commune.csv")
	if err != nil {
		t.Fatal(err)
	}
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "danh-sach-don-vi.csv", "text/csv", data, "")
	h.choose(admin, h.expect(admin.ID, "Xem trước"), "Nhập 19")
	h.expect(admin.ID, "Đã nhập 19 đơn vị mới")
	h.srv.SendPrivate(admin, "/invite")
	h.choose(admin, h.expect(admin.ID, "Mời người phụ trách cho đơn vị nào"), "Chi bộ thôn Đông")
	link := linkRE.FindStringSubmatch(h.expect(admin.ID, "Link mời người phụ trách").Plain)
	if link == nil {
		t.Fatal("no invite link")
	}
	h.srv.SendPrivate(secA, "/start "+link[1])
	h.say(secA, "Nguyễn Văn Đông", "Đã ghi Họ và tên")
	camp := h.campaign("Phong trào Dân vận khéo 2024", 20)

	// The sheet without "Chủ thể" and the period: the unit is number 1.
	ask := h.say(secA, "/register\nTên mô hình: Đường hoa\nTập thể / cá nhân: Tập thể\nMới / duy trì: Mô hình mới\nLĩnh vực: Kinh tế\n"+
		"Địa bàn: Thôn Đông\nNội dung: Trồng hoa.\nChỉ tiêu: 2 km.", "Ai thực hiện")
	h.choose(secA, ask, "Chi bộ thôn Đông")
	review := h.expect(secA.ID, "kiểm tra lại")
	if !strings.Contains(review.Plain, "Chủ thể thực hiện: Chi bộ thôn Đông") {
		t.Errorf("review %q", review.Plain)
	}
	h.choose(secA, review, "Thời gian thực hiện")
	h.choose(secA, h.expect(secA.ID, "Thời gian thực hiện?"), "Đến hạn báo cáo kết quả")
	h.choose(secA, h.expect(secA.ID, "kiểm tra lại"), "Gửi đăng ký")
	h.expect(secA.ID, "Đã nộp đăng ký")
	if m := h.registrations()[0].Model; m.Subject != "Chi bộ thôn Đông" || m.To != camp.ResultsDeadline || m.Content != "Trồng hoa." {
		t.Errorf("stored %+v", m)
	}
}
