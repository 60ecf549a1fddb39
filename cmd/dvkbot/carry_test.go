package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// earlierCampaign is a closed campaign of 2024 in which Chi bộ thôn Đông
// registered "Tuyến đường hoa" (recognised) and withdrew another model,
// and Chi bộ thôn Tây registered its own; then the 2025 campaign opens.
// It returns the new campaign and the three earlier registrations.
func (h *harness) earlierCampaign() (now store.Campaign, dong, withdrawn, tay store.Registration) {
	h.t.Helper()
	h.clock.set(time.Date(2025, 3, 1, 9, 0, 0, 0, ict))
	h.change(func(tx *store.Tx) error {
		old, err := tx.PutCampaign(store.Campaign{Name: "Phong trào năm 2024", MinModels: 1, RegDeadline: "2024-04-07",
			ResultsDeadline: "2024-09-05", EndDate: "2024-12-15", Closed: true})
		if err != nil {
			return err
		}
		d, _ := tx.UnitByName("Chi bộ thôn Đông")
		w, _ := tx.UnitByName("Chi bộ thôn Tây")
		add := func(u store.Unit, m store.Model, status string) store.Registration {
			g, e := tx.AddRegistration(store.Registration{CampaignID: old.ID, UnitID: u.ID, Status: status, Model: m,
				Evaluation: &store.Evaluation{Outcome: store.OutcomeRecognised}}, old.Year())
			if err == nil {
				err = e
			}
			return g
		}
		dong = add(d, store.Model{Name: "Tuyến đường hoa", Kind: "tap_the", Novelty: "moi", Subject: "Chi bộ thôn Đông",
			Field: "van_hoa_xa_hoi", Address: "Thôn Đông", Content: "Mỗi hộ trồng hoa trước cổng.", Targets: "2 km đường hoa.",
			From: "2024-04-01", To: "2024-11-30"}, store.StatusApproved)
		withdrawn = add(d, store.Model{Name: "Mô hình đã rút", Kind: "tap_the", Field: "kinh_te"}, store.StatusWithdrawn)
		tay = add(w, store.Model{Name: "Vườn mẫu thôn Tây", Kind: "tap_the", Field: "kinh_te"}, store.StatusApproved)
		if err != nil {
			return err
		}
		now, err = tx.PutCampaign(store.Campaign{Name: "Phong trào năm 2025", MinModels: 1, RegDeadline: "2025-04-07",
			ResultsDeadline: "2025-09-05", EndDate: "2025-12-15"})
		return err
	})
	return now, dong, withdrawn, tay
}

// In a new campaign a secretary may carry on one of the unit's models of
// an earlier campaign: the form starts filled in from it, as "duy trì,
// nhân rộng", and the registration records where it came from. Only the
// unit's own earlier models are offered, and a forged button naming any
// other is refused and changes nothing (issue 14, item 4).
func TestModelCarriedOverFromAnEarlierCampaign(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	camp, dong, withdrawn, tay := h.earlierCampaign()
	pc := telegramtest.PrivateChat(secA)

	pick := h.say(secA, "/register", "duy trì, nhân rộng một mô hình của đơn vị từ phong trào trước")
	if got := buttons(pick); len(got) != 2 || !strings.Contains(got[0], "mô hình mới") || !strings.Contains(got[1], dong.Number+" · Tuyến đường hoa") {
		t.Fatalf("offered %v: want a new model, then only the unit's own earlier model", got)
	}

	// Forged buttons: another unit's model, a withdrawn one, one of this
	// campaign's unit that is not the sender's, an id that does not exist.
	before := len(h.registrations())
	c, u, tu := idStr(camp.ID), idStr(dong.UnitID), idStr(tay.UnitID)
	for _, data := range []string{"rg:" + c + ":" + u + ":" + idStr(tay.ID), "rg:" + c + ":" + u + ":" + idStr(withdrawn.ID),
		"rg:" + c + ":" + tu + ":" + idStr(tay.ID), "rg:" + c + ":" + u + ":999", "rg:" + idStr(dong.CampaignID) + ":" + u + ":" + idStr(dong.ID)} {
		h.srv.PressButton(secA, pc, pick.MessageID, data)
		if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
			return s.Method == "answerCallbackQuery" && strings.Contains(s.Text, "không còn dùng được")
		}); err != nil {
			t.Fatalf("%s: no stale answer: %v", data, err)
		}
		h.settle()
		if h.hasConversation(secA.ID) {
			t.Fatalf("%s opened a form", data)
		}
	}
	if n := len(h.registrations()); n != before {
		t.Fatalf("forged buttons made %d registrations", n-before)
	}

	// The carried model opens at this year's targets, the earlier ones
	// kept by one press: /register, the model, the targets, send.
	h.press(secA, pc, pick, dong.Number)
	ask := h.expectNew(secA.ID, "Chỉ tiêu, mục tiêu đăng ký?")
	if !strings.Contains(ask.Plain, "Đang ghi: 2 km đường hoa.") || !slices.ContainsFunc(buttons(ask), func(b string) bool { return strings.Contains(b, "Giữ nguyên") }) {
		t.Errorf("the targets step does not show the earlier targets to keep: %q %v", ask.Plain, buttons(ask))
	}
	h.say(secA, "3 km đường hoa, thêm thôn Tây.", "kiểm tra lại")
	review := h.last(secA.ID)
	for _, want := range []string{"điền sẵn từ mô hình " + dong.Number + " “Tuyến đường hoa” (Phong trào năm 2024)",
		"Tên mô hình: Tuyến đường hoa", "Mới / duy trì: Duy trì, nhân rộng", "Lĩnh vực: Văn hóa - xã hội",
		"Chỉ tiêu, mục tiêu đăng ký: 3 km đường hoa, thêm thôn Tây."} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("the prefilled review lacks %q:\n%s", want, review.Plain)
		}
	}
	if strings.Contains(review.Plain, "2024 – ") {
		t.Errorf("the earlier campaign's period was carried over:\n%s", review.Plain)
	}
	h.press(secA, pc, review, "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã nộp đăng ký DVK-2025-001")
	notice := h.expectNew(admin.ID, "DVK-2025-001")
	if !strings.Contains(notice.Plain, "Duy trì từ mô hình: "+dong.Number+" “Tuyến đường hoa”") {
		t.Errorf("the office is not told it is carried on:\n%s", notice.Plain)
	}

	regs := h.registrations()
	g := regs[len(regs)-1]
	if g.CampaignID != camp.ID || g.CarriedFrom != dong.ID || g.Model.Novelty != "duy_tri" || g.Model.Name != "Tuyến đường hoa" ||
		g.Model.Field != "van_hoa_xa_hoi" || g.Model.Targets != "3 km đường hoa, thêm thôn Tây." || g.Model.To != camp.EndDate {
		t.Errorf("stored %+v", g)
	}

	// Carried on once: the next registration goes straight to a new
	// model, and the old button is refused.
	h.say(secA, "/register", "Tên mô hình là gì")
	h.press(secA, pc, h.last(secA.ID), "Dừng")
	h.srv.PressButton(secA, pc, pick.MessageID, "rg:"+c+":"+u+":"+idStr(dong.ID))
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "answerCallbackQuery" && strings.Contains(s.Text, "không còn dùng được") && s.Seq > notice.Seq
	}); err != nil {
		t.Errorf("a model carried on twice: %v", err)
	}
	if n := len(h.registrations()); n != before+1 {
		t.Errorf("%d registrations, want %d", n, before+1)
	}
}

func (h *harness) hasConversation(userID int64) bool {
	h.t.Helper()
	found := false
	h.main.store.View(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Conversation(userID, userID)
		found = err == nil
		return nil
	})
	return found
}
