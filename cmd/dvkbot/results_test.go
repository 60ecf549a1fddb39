package main

import (
	"context"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// approvedModel files an approved registration of Chi bộ thôn Đông
// straight into the store: the registration flow has its own tests.
func (h *harness) approvedModel(resultsInDays int) store.Registration {
	h.t.Helper()
	camp := h.campaign("Phong trào 2024", -100)
	var g store.Registration
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		camp.ResultsDeadline = h.clock.now().AddDate(0, 0, resultsInDays).In(hcm(h.t)).Format("2006-01-02")
		if _, err := tx.PutCampaign(camp); err != nil {
			return err
		}
		u, err := tx.UnitByName("Chi bộ thôn Đông")
		if err != nil {
			return err
		}
		g, err = tx.AddRegistration(store.Registration{CampaignID: camp.ID, UnitID: u.ID, SubmittedBy: secA.ID,
			Status: store.StatusApproved, Model: store.Model{Name: "Tuyến đường hoa", Kind: "tap_the", Field: "kinh_te"}}, "2024")
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return g
}

// fillResults answers the results form, with bad input on the way.
func (h *harness) fillResults(u telegramtest.User) telegramtest.Sent {
	h.t.Helper()
	pc := telegramtest.PrivateChat(u)
	h.say(u, "/results", "đã đạt được những kết quả gì")
	against := h.say(u, "Làm xong 2 km đường hoa, 150 hộ tham gia.", "So với chỉ tiêu")
	if !strings.Contains(against.Plain, "Chỉ tiêu đã đăng ký") {
		h.t.Errorf("the registered targets are not shown: %s", against.Plain)
	}
	h.press(u, pc, against, "Vượt chỉ tiêu")
	h.expect(u.ID, "bao nhiêu người, hộ")
	for _, bad := range []struct{ text, want string }{{"một trăm", "số nguyên"}, {"-5", "không được âm"}, {"99999999999", "quá lớn"}} {
		h.say(u, bad.text, bad.want)
	}
	h.say(u, "1.200", "bao nhiêu tiền")
	for _, bad := range []struct{ text, want string }{{"nhiều lắm", "chưa hiểu số tiền"}, {"-12 triệu", "không được âm"}, {"5000000 tỷ", "quá lớn"}} {
		h.say(u, bad.text, bad.want)
	}
	h.say(u, "12,5 triệu", "Kết quả khác")
	h.say(u, "Ngày công 350", "dạng “tên: số”")
	h.say(u, "Ngày công: 350\nĐất hiến: 200 m²", "tiêu chí của phong trào")
	for _, c := range []string{"1. Gắn", "3. Có hiệu quả", "5. Được các tầng lớp"} {
		h.press(u, pc, h.last(u.ID), c)
	}
	h.press(u, pc, h.last(u.ID), "3. Có hiệu quả") // untick 3
	h.press(u, pc, h.last(u.ID), "Xong")
	h.expect(u.ID, "Minh chứng") // the pressed message now shows the choice and the next step
	h.say(u, "ảnh đây", "cần gửi ảnh hoặc tệp")
	h.srv.SendPhoto(u, pc, []byte("jpeg-1"), "Lễ ra quân")
	h.expectNew(u.ID, "Đã nhận 1/10")
	h.srv.SendPhoto(u, pc, []byte("jpeg-2"), "")
	h.expectNew(u.ID, "Đã nhận 2/10")
	h.srv.SendDocument(u, pc, "bien-ban.pdf", "application/pdf", []byte("%PDF-1.4"), "")
	h.press(u, pc, h.expectNew(u.ID, "Đã nhận 3/10"), "Xong")
	h.say(u, "Phải có đảng viên phụ trách từng đoạn.", "Đề xuất")
	h.press(u, pc, h.last(u.ID), "Bỏ qua")
	return h.expectNew(u.ID, "kiểm tra lại")
}

func TestResultsEvaluationRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	h.linkDong()
	review := h.fillResults(secA)
	for _, want := range []string{"12.500.000 đ", "1200", "1. Gắn", "5. Được các tầng lớp", "3 tệp: ảnh (Lễ ra quân), ảnh, bien-ban.pdf", "Đất hiến: 200 m²"} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	if strings.Contains(review.Plain, "3. Có hiệu quả") {
		t.Error("criterion 3 was unticked but shows")
	}
	pc, pa := telegramtest.PrivateChat(secA), telegramtest.PrivateChat(admin)
	h.press(secA, pc, review, "Xác nhận")
	h.expectNew(secA.ID, "Đã nộp báo cáo kết quả")
	notice := h.expectNew(admin.ID, "Báo cáo kết quả DVK-2024-001")
	if !strings.Contains(notice.Plain, "12.500.000 đ") || !strings.Contains(notice.Plain, "đạt 2 tiêu chí (tiêu chí 1, 5)") {
		t.Errorf("admin notice %q", notice.Plain)
	}

	// Edit before evaluation: from the unit's model card.
	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "Mô hình của đơn vị")
	h.press(secA, pc, h.expectNew(secA.ID, "Đã đăng ký 1 mô hình"), "Tuyến đường hoa")
	h.press(secA, pc, h.expectNew(secA.ID, "Trạng thái: đã tiếp nhận"), "Sửa báo cáo kết quả")
	h.press(secA, pc, h.expectNew(secA.ID, "kiểm tra lại"), "Nguồn lực huy động")
	h.say(secA, "1,2 tỷ", "kiểm tra lại")
	h.press(secA, pc, h.last(secA.ID), "Xác nhận")
	edited := h.expectNew(admin.ID, "đã sửa báo cáo kết quả")
	if !strings.Contains(edited.Plain, "1.200.000.000 đ") {
		t.Errorf("edited notice %q", edited.Plain)
	}

	// The office opens the whole file: the evidence comes back from Telegram.
	before := len(h.srv.SentTo(admin.ID))
	h.press(admin, pa, edited, "Hồ sơ")
	h.expectNew(admin.ID, "Hồ sơ mô hình DVK-2024-001")
	h.settle()
	var photos, docs int
	for _, s := range h.srv.SentTo(admin.ID)[before:] {
		switch s.Method {
		case "sendPhoto":
			photos++
		case "sendDocument":
			docs++
		}
	}
	if photos != 2 || docs != 1 {
		t.Errorf("evidence re-sent as %d photos and %d documents, want 2 and 1", photos, docs)
	}

	h.press(admin, pa, edited, "Công nhận")
	h.say(admin, "Mô hình hiệu quả, đề nghị nhân rộng ở các thôn.", "Đã đánh giá mô hình")
	told := h.expectNew(secA.ID, "được Đảng ủy đánh giá: Công nhận")
	if !strings.Contains(told.Plain, "đề nghị nhân rộng") {
		t.Errorf("secretary told %q", told.Plain)
	}
	h.expectNew(group.ID, "Chúc mừng Chi bộ thôn Đông")

	// After the evaluation: stale buttons and a closed report.
	evaluated := h.registrations()[0]
	if evaluated.Evaluation == nil || evaluated.Evaluation.Outcome != store.OutcomeRecognised || evaluated.Results.Money != 1_200_000_000 {
		t.Fatalf("stored %+v", evaluated)
	}
	before = len(h.srv.Sent())
	h.srv.PressButton(admin, pa, notice.MessageID, "ev:"+idStr(g.ID)+":chua_dat")
	h.srv.PressButton(secA, pc, told.MessageID, "rs:"+idStr(g.ID))
	h.settle()
	if got := joined(h.srv.Sent()[before:]); !strings.Contains(got, "đã được đánh giá: Công nhận") || !strings.Contains(got, "không sửa báo cáo được nữa") {
		t.Errorf("after evaluation: %s", got)
	}
	if h.registrations()[0].Evaluation.Outcome != store.OutcomeRecognised {
		t.Error("a stale button changed the evaluation")
	}
}

func TestLateResultsAndRestartMidForm(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	h.approvedModel(-2)
	pc := telegramtest.PrivateChat(secA)
	h.say(secA, "/results", "đã đạt được những kết quả gì")
	h.press(secA, pc, h.say(secA, "Hoàn thành.", "So với chỉ tiêu"), "Chưa đạt chỉ tiêu")
	h.expect(secA.ID, "bao nhiêu người")
	h.restart()
	h.say(secA, "80", "bao nhiêu tiền")
	h.say(secA, "0", "Kết quả khác")
	h.press(secA, pc, h.last(secA.ID), "Bỏ qua")
	h.press(secA, pc, h.expectNew(secA.ID, "tiêu chí của phong trào"), "Xong") // none met is an answer too
	h.press(secA, pc, h.expect(secA.ID, "Minh chứng"), "Xong")
	h.press(secA, pc, h.expectNew(secA.ID, "Bài học"), "Bỏ qua")
	h.press(secA, pc, h.expectNew(secA.ID, "Đề xuất"), "Bỏ qua")
	h.press(secA, pc, h.expectNew(secA.ID, "kiểm tra lại"), "Xác nhận")
	if s := h.expectNew(secA.ID, "Đã nộp báo cáo kết quả"); !strings.Contains(s.Plain, "nộp muộn") {
		t.Errorf("late report not marked: %q", s.Plain)
	}
	if g := h.registrations()[0]; g.Results == nil || !g.Results.Late || g.Results.People != 80 {
		t.Errorf("stored %+v", g.Results)
	}
	h.srv.SendPrivate(admin, "/pending")
	if s := h.expectNew(admin.ID, "Việc chờ Văn phòng xử lý"); !strings.Contains(s.Plain, "Báo cáo kết quả chờ đánh giá") {
		t.Errorf("pending %q", s.Plain)
	}
}
