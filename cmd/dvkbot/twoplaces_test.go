package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// People with places in two communes, and the province's view of two
// units of one name (issue 25, items 5 to 7).

const unitMoi = "Chi bộ ấp Mới"

// secretaryInBoth: commune B's office adds a unit, Chi bộ ấp Mới, with
// no group and no model, and makes A's secretary of Chi bộ thôn Đông its
// secretary too. It returns B's campaign and the new unit. The person
// keeps working in A, their first place.
func (tc *twoCommunes) secretaryInBoth() (campB, unitB uint64) {
	tc.t.Helper()
	tc.change(func(tx *store.Tx) error {
		tx.Scope(tc.b)
		u, err := tx.AddUnit(store.Unit{Name: unitMoi, Kind: "chi_bo_thon"})
		if err != nil {
			return err
		}
		unitB = u.ID
		camps, err := tx.Campaigns(false)
		if err != nil {
			return err
		}
		for _, c := range camps {
			if c.Name == "Phong trào Tân Phú 2024" {
				campB = c.ID
			}
		}
		return tx.AddSecretary(u.ID, secA.ID, adminTP.ID)
	})
	if campB == 0 {
		tc.t.Fatal("no campaign of B")
	}
	if p := tc.user(secA.ID).Place; p != 0 && p != tc.a {
		tc.t.Fatalf("A's secretary works in %d", p)
	}
	return campB, unitB
}

// draftSubject is the subject of u's open form in private, "" for none.
func (h *harness) draftSubject(u telegramtest.User) string {
	h.t.Helper()
	var s string
	h.view(func(tx *store.Tx) error {
		c, err := tx.Conversation(u.ID, u.ID)
		if err == nil {
			s = c.Subject
		}
		return nil
	})
	return s
}

// Item 6: a reminder of commune B's unit, to a secretary working in A,
// opens B's unit's form in that campaign, moves them to B and says so,
// whether it comes as a private button or as a group's link. A bare
// "/start reg" still opens the form of where they work.
func TestReminderOpensTheFormOfItsUnitInAnyPlace(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	campB, unitB := tc.secretaryInBoth()
	pc := telegramtest.PrivateChat(secA)
	want := "new:" + idStr(campB) + ":" + idStr(unitB)

	// The reminder's private button (the unit has no group).
	d := tc.clock.now().AddDate(0, 0, 2).In(hcm(t))
	tc.clock.set(time.Date(d.Year(), d.Month(), d.Day(), 8, 5, 0, 0, hcm(t)))
	if err := tc.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	m := tc.expectNew(secA.ID, unitMoi)
	tc.press(secA, pc, m, "Đăng ký mô hình")
	tc.expect(secA.ID, "Tên mô hình là gì")
	if got := tc.draftSubject(secA); got != want {
		t.Fatalf("the reminder of B's unit opened the form %q, want %q", got, want)
	}
	if p := tc.user(secA.ID).Place; p != tc.b {
		t.Errorf("after B's reminder the secretary works in %d, want B (%d)", p, tc.b)
	}
	if !strings.Contains(joined(tc.srv.SentTo(secA.ID)), "Đồng chí đang làm việc tại Xã Tân Phú") {
		t.Errorf("the move to B was not said")
	}

	// Back in A, with no draft: the link a group's reminder carries.
	tc.change(func(tx *store.Tx) error {
		u, err := tx.User(secA.ID)
		if err != nil {
			return err
		}
		u.Place = tc.a
		if err := tx.PutUser(u); err != nil {
			return err
		}
		return tx.DeleteConversation(secA.ID, secA.ID)
	})
	tc.say(secA, "/start reg_"+idStr(campB)+"_"+idStr(unitB), "Tên mô hình là gì")
	if got := tc.draftSubject(secA); got != want {
		t.Fatalf("the link of B's unit opened the form %q, want %q", got, want)
	}
	if p := tc.user(secA.ID).Place; p != tc.b {
		t.Errorf("after B's link the secretary works in %d", p)
	}

	// Someone who is not the unit's secretary gets nothing of B.
	tc.say(secB, "/start reg_"+idStr(campB)+"_"+idStr(unitB), "không có quyền")
	if got := tc.draftSubject(secB); got != "" {
		t.Errorf("A's other secretary opened %q by B's link", got)
	}
	if p := tc.user(secB.ID).Place; p == tc.b {
		t.Error("A's other secretary was moved to B")
	}

	// The old bare payload still opens the form of where they work.
	tc.change(func(tx *store.Tx) error { return tx.DeleteConversation(secA.ID, secA.ID) })
	tc.say(secA, "/start reg", "Tên mô hình là gì")

	// A results reminder's link, from A, opens the report of B's unit's
	// model in B's campaign.
	var reg uint64
	tc.change(func(tx *store.Tx) error {
		if err := tx.DeleteConversation(secA.ID, secA.ID); err != nil {
			return err
		}
		u, err := tx.User(secA.ID)
		if err != nil {
			return err
		}
		u.Place = tc.a
		if err := tx.PutUser(u); err != nil {
			return err
		}
		tx.Scope(tc.b)
		g, err := tx.AddRegistration(store.Registration{CampaignID: campB, UnitID: unitB, Status: store.StatusApproved,
			Model: store.Model{Name: "Ấp Mới sáng", Kind: "tap_the", Field: "kinh_te"}, SubmittedBy: secA.ID}, "2024")
		reg = g.ID
		return err
	})
	tc.say(secA, "/start res_"+idStr(campB)+"_"+idStr(unitB), "Mô hình đã đạt được những kết quả gì")
	if got := tc.draftSubject(secA); got != idStr(reg) {
		t.Errorf("the results link of B's unit opened %q, want the report of %d", got, reg)
	}
}

// Item 7: a registration filled in A and sent after a move to B is
// filed in A, for A's unit; the draft is not lost.
func TestDraftSurvivesAPlaceSwitch(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	tc.secretaryInBoth()
	pc := telegramtest.PrivateChat(secA)
	before := len(tc.registrations())
	review := tc.fillRegistration(secA, "Tuyến đường")
	menu := tc.say(secA, "/menu", "Mời đồng chí chọn việc")
	tc.press(secA, pc, menu, "Làm việc tại: Xã Tân Phú")
	tc.expect(secA.ID, "Mời đồng chí chọn việc")
	if p := tc.user(secA.ID).Place; p != tc.b {
		t.Fatalf("the switch left the secretary in %d", p)
	}
	// A field changed, typed, after the move: the form goes on in A.
	tc.press(secA, pc, review, "✏️ Tên mô hình")
	tc.expect(secA.ID, "Tên mô hình là gì")
	review = tc.say(secA, "Tuyến đường hoa", "kiểm tra lại")
	tc.press(secA, pc, review, "Gửi đăng ký")
	if done := tc.expect(secA.ID, "Đã nộp đăng ký DVK-"); strings.Contains(done.Plain, "TANPHU") {
		t.Errorf("filed with B's number: %q", done.Plain)
	}
	regs := tc.registrations()
	if len(regs) != before+1 {
		t.Fatalf("%d registrations, want %d", len(regs), before+1)
	}
	var g store.Registration
	for _, r := range regs {
		if r.Model.Name == "Tuyến đường hoa" {
			g = r
		}
	}
	var u store.Unit
	tc.view(func(tx *store.Tx) (err error) { u, err = tx.Unit(g.UnitID); return err })
	if u.Name != "Chi bộ thôn Đông" || u.Commune != tc.a {
		t.Errorf("filed for %+v", u)
	}
	tc.expectNew(admin.ID, "Đăng ký mới")
	tc.settle()
	for _, s := range tc.srv.SentTo(adminTP.ID) {
		if strings.Contains(s.Plain, "Tuyến đường hoa") {
			t.Errorf("B's office heard of A's registration: %q", s.Plain)
		}
	}
}

// Item 5: two communes' "Chi bộ thôn Đông": the province's /report with
// that name offers both, each naming its commune, and each button shows
// its own unit, by id.
func TestProvinceUnitDetailOfTwoUnitsOfOneName(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	h.addCommune()
	h.setUpTanPhu()
	h.provinceCampaign()
	h.press(leadTP, telegramtest.PrivateChat(leadTP), h.fillRegistration(leadTP, "Nhà văn hóa sạch đẹp"), "Gửi đăng ký")
	h.expectNew(leadTP.ID, "Đã nộp đăng ký DVK-TANPHU-2024-001")
	pp := telegramtest.PrivateChat(provinceAdmin)

	pick := h.say(provinceAdmin, "/report Chi bo thon dong", "Có nhiều đơn vị khớp")
	if !hasButton(pick, "Xã Tân Phú") || len(pick.Buttons) != 2 {
		t.Fatalf("the choice does not name the communes: %v", pick.Buttons)
	}
	h.press(provinceAdmin, pp, pick, "Xã Tân Phú")
	tp := h.expectNew(provinceAdmin.ID, "Chi bộ thôn Đông")
	if !strings.Contains(tp.Plain, "DVK-TANPHU-2024-001") || !strings.Contains(tp.Plain, "Xã Tân Phú") {
		t.Errorf("Tân Phú's unit shows:\n%s", tp.Plain)
	}
	var home string
	for _, row := range pick.Buttons {
		if !strings.Contains(row[0].Text, "Tân Phú") {
			home = row[0].Data
		}
	}
	h.srv.PressButton(provinceAdmin, pp, pick.MessageID, home)
	if hm := h.expectNew(provinceAdmin.ID, "Chi bộ thôn Đông"); strings.Contains(hm.Plain, "TANPHU") || strings.Contains(hm.Plain, "Xã Tân Phú") {
		t.Errorf("the home commune's unit shows Tân Phú's:\n%s", hm.Plain)
	}
	// A unique name is shown at once, with its commune.
	if m := h.say(provinceAdmin, "/report Chi bộ thôn Tây", "Chi bộ thôn Tây"); strings.Contains(m.Plain, "Có nhiều") {
		t.Errorf("one unit offered as a choice: %s", m.Plain)
	}
}
