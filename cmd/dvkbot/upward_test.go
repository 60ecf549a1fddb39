package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// /status tells the unit what it still owes for results, not only for
// registrations (review T12): each model says whether its results are
// in, and a line counts the reports still owed with their deadline, as
// campaign.Owes reads them.
func TestStatusShowsResultsOwed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	owed := h.say(secA, "/status", "Đã đăng ký 1 mô hình")
	for _, want := range []string{"DVK-2024-001 — Tuyến đường hoa — đã tiếp nhận · báo cáo kết quả: chưa nộp",
		"Còn thiếu báo cáo kết quả của 1 mô hình, hạn báo cáo"} {
		if !strings.Contains(owed.Plain, want) {
			t.Errorf("/status before the results lacks %q:\n%s", want, owed.Plain)
		}
	}

	h.change(func(tx *store.Tx) error {
		g, err := tx.Registration(g.ID)
		if err != nil {
			return err
		}
		g.Results = &store.Results{Achieved: "Xong 2 km.", People: 150, Late: true}
		return tx.PutRegistration(g, secA.ID, "results", "")
	})
	filed := h.say(secA, "/status", "Đã đăng ký 1 mô hình")
	if !strings.Contains(filed.Plain, "báo cáo kết quả: nộp muộn") || strings.Contains(filed.Plain, "Còn thiếu báo cáo kết quả") {
		t.Errorf("/status after late results:\n%s", filed.Plain)
	}
}

// People and households are two numbers (review F13, U11): the results
// report asks which a number counts, keeps them apart, and shows them
// apart; an older report's one number reads as people.
func TestPeopleAndHouseholdsApart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	res := formscript.Results{Achieved: "Xong 2 km.", Against: "Đạt chỉ tiêu", People: "1.200 người, 150 hộ", Money: "0"}
	steps := res.Steps()
	h.fill(secA, steps.Until("people"))
	h.say(secA, "150", "số người hay số hộ") // a bare number is asked about, never guessed
	h.fill(secA, steps.From("people"))
	stored := h.registrations()[0].Results
	if stored == nil || stored.People != 1200 || stored.Households != 150 {
		t.Fatalf("stored %+v, want 1200 people and 150 households", stored)
	}
	notice := h.expectNew(admin.ID, "Báo cáo kết quả "+g.Number)
	if !strings.Contains(notice.Plain, "1.200 người · 150 hộ") {
		t.Errorf("the office's notice does not show the two numbers apart:\n%s", notice.Plain)
	}

	// An older report, from before households were asked: its number is people.
	h.change(func(tx *store.Tx) error {
		g, err := tx.Registration(g.ID)
		if err != nil {
			return err
		}
		g.Results = &store.Results{Achieved: "Xong 2 km.", People: 150}
		return tx.PutRegistration(g, secA.ID, "results", "")
	})
	h.srv.SendPrivate(secA, "/menu")
	pc := telegramtest.PrivateChat(secA)
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "Mô hình của đơn vị")
	h.press(secA, pc, h.expectNew(secA.ID, "Đã đăng ký 1 mô hình"), "Tuyến đường hoa")
	if card := h.expectNew(secA.ID, "Trạng thái"); !strings.Contains(card.Plain, "Số người, số hộ tham gia: 150 người") || strings.Contains(card.Plain, "150 hộ") {
		t.Errorf("an older report's number does not read as people:\n%s", card.Plain)
	}
}

// /report carries what the level above acts on (review F9): the models
// new and kept, the results against their targets, the recognised models
// by outcome and level, and the models the Đảng ủy proposes upward, by
// name; each line adds up, older records that did not say counted apart.
func TestReportCarriesWhatGoesUpward(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 9, 6, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.change(func(tx *store.Tx) error {
		for _, m := range []struct {
			unit, novelty string
			res           *store.Results
			ev            *store.Evaluation
		}{
			{"Chi bộ thôn Đông", store.NoveltyNew, &store.Results{Achieved: "xong", People: 1200, Households: 150, Against: "vuot"},
				&store.Evaluation{Outcome: store.OutcomeRecognised, Level: store.LevelBase, ProposeHigher: true}},
			{"Chi bộ thôn Tây", store.NoveltyKept, &store.Results{Achieved: "xong", Households: 40, Against: "dat"},
				&store.Evaluation{Outcome: store.OutcomeExemplary, Level: store.LevelProvince}},
			{"Hội Phụ nữ xã", "", &store.Results{Achieved: "xong", People: 80}, &store.Evaluation{Outcome: store.OutcomeNotMet}},
		} {
			u, err := tx.UnitByName(m.unit)
			if err != nil {
				return err
			}
			g, err := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved,
				Model: store.Model{Name: "Mô hình " + m.unit, Kind: store.KindCollective, Field: "kinh_te", Novelty: m.novelty}}, "2024")
			if err != nil {
				return err
			}
			g.Results, g.Evaluation = m.res, m.ev
			if err := tx.PutRegistration(g, admin.ID, "evaluate", ""); err != nil {
				return err
			}
		}
		return nil
	})
	sum := h.say(admin, "/report", "Báo cáo tổng hợp")
	for _, want := range []string{
		"Mới / duy trì: Mô hình mới 1 · Duy trì, nhân rộng 1 · chưa ghi 1",
		"Kết quả so với chỉ tiêu đăng ký: Đạt chỉ tiêu 1 · Vượt chỉ tiêu 1 · Chưa đạt chỉ tiêu 0 · chưa ghi 1",
		"• Công nhận: Cấp cơ sở 1 · Cấp tỉnh 0 · Cấp Trung ương 0",
		"• Điển hình, nhân rộng: Cấp cơ sở 0 · Cấp tỉnh 1 · Cấp Trung ương 0",
		"Đảng ủy đề nghị cấp trên công nhận: 1",
		"• DVK-2024-001 “Mô hình Chi bộ thôn Đông” — Chi bộ thôn Đông",
	} {
		if !strings.Contains(sum.Plain, want) {
			t.Errorf("/report lacks %q:\n%s", want, sum.Plain)
		}
	}
	if strings.Contains(sum.Plain, "Mô hình Chi bộ thôn Tây” —") {
		t.Errorf("/report lists a model not proposed upward:\n%s", sum.Plain)
	}
}
