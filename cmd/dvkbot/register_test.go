package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// campaign stores a campaign the way the admin's form would, with its
// registration deadline regInDays from the harness clock.
func (h *harness) campaign(name string, regInDays int) store.Campaign {
	h.t.Helper()
	day := func(d int) string { return h.clock.now().AddDate(0, 0, d).In(hcm(h.t)).Format("2006-01-02") }
	var c store.Campaign
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		c, err = tx.PutCampaign(store.Campaign{Name: name, MinModels: 1, RegDeadline: day(regInDays),
			ResultsDeadline: day(regInDays + 150), EndDate: day(regInDays + 250), Reminders: []int{7, 3, 1, 0}})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func hcm(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func (h *harness) registrations() []store.Registration {
	h.t.Helper()
	var out []store.Registration
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		out, err = tx.Registrations(0)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// say sends text as u in private and waits for a new message containing want.
func (h *harness) say(u telegramtest.User, text, want string) telegramtest.Sent {
	h.t.Helper()
	h.srv.SendPrivate(u, text)
	return h.expectNew(u.ID, want)
}

func idStr(id uint64) string { return strconv.FormatUint(id, 10) }

func TestCampaignFormValidatesDates(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	pc := telegramtest.PrivateChat(admin)
	c := formscript.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2024", Min: "2", Reg: "7/4/2024", Results: "05/09/2024", End: "15/12/2024",
		Criteria: "1. Gắn với nhiệm vụ của thôn\nHuy động đa số nhân dân"}
	steps := c.Steps()
	tick := h.fill(admin, steps.Until("units"))
	h.press(admin, pc, tick, "Chi bộ thôn Đông")
	tick = h.last(admin.ID)
	h.press(admin, pc, tick, "Chi bộ thôn Tây")
	h.press(admin, pc, tick, "Chi bộ thôn Tây")     // a double tap: it stays ticked
	h.fill(admin, steps.From("units").Until("min")) // "Xong"
	h.fillWith(admin, steps.From("min").Through("criteria"), map[string]func(){
		"min":     func() { h.say(admin, "hai", "Mời đồng chí gõ một số nguyên") },
		"reg":     func() { h.say(admin, "31/02/2024", "không có trên lịch") },
		"results": func() { h.say(admin, "01/04/2024", "phải sau hạn đăng ký") },
		"year":    func() { h.say(admin, "2030", "năm của phong trào") },
	})
	h.press(admin, pc, h.last(admin.ID), "Quay lại") // back onto a typed answer: it is shown and kept with one press
	back := h.expectNew(admin.ID, steps.Until("criteria").Asks())
	if !strings.Contains(back.Plain, "Huy động đa số nhân dân") {
		t.Errorf("the saved answer is not shown:\n%s", back.Plain)
	}
	h.press(admin, pc, back, "Giữ nguyên")
	h.expectNew(admin.ID, steps.Through("criteria").Asks())
	review := h.fill(admin, steps.After("criteria").Until(formscript.Submit))
	for _, want := range []string{"07/04/2024", "05/09/2024", "15/12/2024", "Chi bộ thôn Đông, Chi bộ thôn Tây"} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	card := h.fill(admin, steps.From(formscript.Submit))
	if !strings.Contains(card.Plain, "2 đơn vị") || !strings.Contains(card.Plain, "Nhắc trước hạn: 7, 3, 1, 0") {
		t.Errorf("card %q", card.Plain)
	}
	var camps []store.Campaign
	h.main.store.View(context.Background(), func(tx *store.Tx) error { camps, _ = tx.Campaigns(true); return nil })
	if len(camps) != 1 || camps[0].RegDeadline != "2024-04-07" || camps[0].MinModels != 2 || len(camps[0].Units) != 2 ||
		len(camps[0].Criteria) != 2 || camps[0].Year() != "2024" {
		t.Errorf("stored %+v", camps)
	}
}

// fillRegistration answers the registration form to its review, as its
// script has it, with bad input on the way.
func (h *harness) fillRegistration(u telegramtest.User, name string) telegramtest.Sent {
	h.t.Helper()
	g := formscript.Realistic(name)
	g.Novelty, g.Field, g.Period = "Duy trì, nhân rộng", "Văn hóa - xã hội", "01/04/2024 - 30/11/2024"
	return h.fillWith(u, g.Steps().Until(formscript.Submit), map[string]func(){
		"name": func() {
			h.say(u, "   ", "Nội dung đang trống")
			h.srv.SendSticker(u, telegramtest.PrivateChat(u), "👍")
			h.expectNew(u.ID, "cần gõ chữ")
		},
		"content": func() { h.say(u, strings.Repeat("Vận động nhân dân. ", 200), "tối đa 3000 ký tự") },
		"period":  func() { h.say(u, "30/11/2024 - 01/04/2024", "trước ngày bắt đầu") },
	})
}

func TestRegistrationReturnEditApproveRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào Dân vận khéo 2024", 20)
	review := h.fillRegistration(secA, "Tuyến đường hoa <nông thôn mới>")
	pa, pc := telegramtest.PrivateChat(admin), telegramtest.PrivateChat(secA)
	h.press(secA, pc, review, "Gửi đăng ký")
	done := h.expectNew(secA.ID, "Đã nộp đăng ký DVK-")
	notice := h.expectNew(admin.ID, "Đăng ký mới")
	if !strings.Contains(notice.Plain, "Tuyến đường hoa <nông thôn mới>") || !strings.Contains(notice.Plain, "01/04/2024 – 30/11/2024") {
		t.Errorf("admin notice %q", notice.Plain)
	}
	if strings.Contains(done.Plain, "nộp muộn") {
		t.Error("an on-time registration is marked late")
	}
	g := h.registrations()[0]
	if g.Model.Field != "van_hoa_xa_hoi" || g.Model.Kind != "tap_the" || g.Status != store.StatusSubmitted || g.Late {
		t.Fatalf("stored %+v", g)
	}

	h.press(admin, pa, notice, "Trả lại")
	h.say(admin, "Đề nghị bổ sung chỉ tiêu cụ thể theo từng tháng.", "Đã trả lại")
	returned := h.expectNew(secA.ID, "được trả lại để sửa")
	if !strings.Contains(returned.Plain, "bổ sung chỉ tiêu cụ thể") {
		t.Errorf("secretary not told the comment: %q", returned.Plain)
	}
	h.press(secA, pc, returned, "Sửa đăng ký")
	edit := h.expectNew(secA.ID, "kiểm tra lại")
	h.press(secA, pc, edit, "Chỉ tiêu")
	h.say(secA, "100% hộ tham gia; mỗi tháng thêm 200 m đường hoa.", "kiểm tra lại")
	h.press(secA, pc, h.last(secA.ID), "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã lưu thay đổi")
	again := h.expectNew(admin.ID, "đã nộp lại đăng ký")

	h.press(admin, pa, again, "Tiếp nhận")
	h.expect(admin.ID, "Đã tiếp nhận đăng ký")
	h.expectNew(secA.ID, "Văn phòng Đảng ủy đã tiếp nhận đăng ký")
	g = h.registrations()[0]
	if g.Status != store.StatusApproved || !strings.Contains(g.Model.Targets, "200 m") || len(g.History) != 4 {
		t.Errorf("after approval %+v", g)
	}

	// Stale buttons after approval change nothing.
	before := len(h.srv.Sent())
	h.srv.PressButton(admin, pa, notice.MessageID, "rr:"+idStr(g.ID))
	h.srv.PressButton(secA, pc, returned.MessageID, "re:"+idStr(g.ID))
	h.settle()
	got := joined(h.srv.Sent()[before:])
	if !strings.Contains(got, "không còn chờ tiếp nhận") || !strings.Contains(got, "không sửa được nữa") {
		t.Errorf("stale presses answered %s", got)
	}
	if h.registrations()[0].Status != store.StatusApproved {
		t.Error("status changed by a stale button")
	}
}

func TestRegistrationSurvivesRestartAndCancel(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Đợt 2 năm 2024", 20)
	pc := telegramtest.PrivateChat(secA)
	g := formscript.Realistic("Dân vận khéo trong xây dựng nông thôn mới")
	g.Kind, g.Subject, g.Period = "Cá nhân", "Nguyễn Văn An, Bí thư chi bộ thôn Đông", ""
	steps := g.Steps()
	h.fill(secA, steps.Until("subject"))
	h.restart()
	draft := g
	draft.Subject = "Nguyễn Văn An, Bí thư chi bộ"
	h.fill(secA, draft.Steps().From("subject").Through("subject"))
	h.press(secA, pc, h.last(secA.ID), "Quay lại")
	h.expectNew(secA.ID, "Đang ghi: Nguyễn Văn An")
	h.say(secA, "/cancel", "Đã tạm dừng")
	h.say(secA, "xin chào", "đang làm dở")
	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "đang làm dở"), "Làm tiếp")
	h.expectNew(secA.ID, steps.Until("subject").Asks())
	h.say(secA, "/cancel", "Đã tạm dừng")
	h.say(secA, "/register", steps.Until("subject").Asks()) // the draft, at its step
	review := h.fill(secA, steps.From("subject").Until(formscript.Submit))
	if !strings.Contains(review.Plain, "Nguyễn Văn An, Bí thư chi bộ thôn Đông") || !strings.Contains(review.Plain, "Cá nhân") {
		t.Errorf("review %q", review.Plain)
	}
	h.fill(secA, steps.From(formscript.Submit))
	if g := h.registrations(); len(g) != 1 || g[0].Model.Kind != "ca_nhan" || g[0].Model.To == "" {
		t.Errorf("stored %+v", g)
	}
}

func TestTwoSecretariesOfOneUnitAndLateRegistration(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	secA2 := telegramtest.User{ID: 1201, FirstName: "Phó bí thư", LastName: "Đông"}
	h.srv.SendPrivate(secA2, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	h.expect(secA2.ID, "Chào mừng")
	h.campaign("Đợt muộn", -3) // the registration deadline passed three days ago
	for _, u := range []telegramtest.User{secA, secA2} {
		review := h.fillRegistration(u, "Mô hình của "+u.FirstName)
		h.press(u, telegramtest.PrivateChat(u), review, "Gửi đăng ký")
		if s := h.expectNew(u.ID, "Đã nộp đăng ký"); !strings.Contains(s.Plain, "nộp muộn") {
			t.Errorf("late registration not marked: %q", s.Plain)
		}
	}
	regs := h.registrations()
	if len(regs) != 2 || !regs[0].Late || regs[0].Number == regs[1].Number ||
		!strings.HasSuffix(regs[0].Number, "-001") || !strings.HasSuffix(regs[1].Number, "-002") {
		t.Fatalf("registrations %+v", regs)
	}
	h.srv.SendPrivate(secA2, "/start")
	h.press(secA2, telegramtest.PrivateChat(secA2), h.expectNew(secA2.ID, "Xin chào"), "Mô hình của đơn vị")
	mine := h.expectNew(secA2.ID, "Đã đăng ký 2 mô hình")
	if !strings.Contains(mine.Plain, "Mô hình của "+secA.FirstName) || !strings.Contains(mine.Plain, "nộp muộn") {
		t.Errorf("unit's models %q", mine.Plain)
	}
	before := len(h.srv.Sent())
	h.srv.PressButton(secB, telegramtest.PrivateChat(secB), mine.MessageID, "md:"+idStr(regs[0].ID))
	h.settle()
	if got := joined(h.srv.Sent()[before:]); !strings.Contains(got, "không còn dùng được") {
		t.Errorf("another unit's secretary opened the model: %s", got)
	}
}

func TestWithdrawUntilApproval(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Đợt 1", 10)
	pc := telegramtest.PrivateChat(secA)
	h.press(secA, pc, h.fillRegistration(secA, "Mô hình rút"), "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã nộp đăng ký")
	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "Mô hình của đơn vị")
	h.press(secA, pc, h.expectNew(secA.ID, "Đã đăng ký 1 mô hình"), "Mô hình rút")
	h.press(secA, pc, h.expectNew(secA.ID, "Trạng thái"), "Rút đăng ký")
	h.press(secA, pc, h.expectNew(secA.ID, "chắc chắn rút"), "Đúng, rút")
	h.expect(secA.ID, "Đã rút đăng ký")
	if g := h.registrations()[0]; g.Status != store.StatusWithdrawn {
		t.Fatalf("status %s", g.Status)
	}
	h.srv.SendPrivate(secA, "/status")
	if s := h.expectNew(secA.ID, "Đã đăng ký 0 mô hình"); !strings.Contains(s.Plain, "Còn thiếu 1 mô hình") {
		t.Errorf("status after withdrawal %q", s.Plain)
	}
}

func TestAdminWhoIsAlsoSecretaryCanRegister(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.campaign("Đợt 1", 10)
	h.srv.SendPrivate(admin, "/start "+h.inviteCode("Hội Phụ nữ xã"))
	h.expectNew(admin.ID, "người phụ trách của Hội Phụ nữ xã")
	menu := h.say(admin, "/menu", "Mời đồng chí chọn")
	labels := joinedButtons(menu)
	for _, want := range []string{"Đăng ký mô hình", "Phong trào", "Danh sách đơn vị"} {
		if !strings.Contains(labels, want) {
			t.Errorf("menu lacks %q: %s", want, labels)
		}
	}
	h.say(admin, "/register", "Tên mô hình là gì")
}

func joinedButtons(m telegramtest.Sent) string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return strings.Join(out, " | ")
}
