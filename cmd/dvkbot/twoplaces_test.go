package main

import (
	"strings"
	"testing"

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

// Item 7: a registration filled in A and sent after a move to B is
// filed in A, for A's unit; the draft is not lost.
func TestDraftSurvivesAPlaceSwitch(t *testing.T) {
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
