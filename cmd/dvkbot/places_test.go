package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// joinAs makes u the secretary of the unit named unit through an invite
// its office's first admin made in the store, and leaves the name
// question for later.
func (h *harness) joinAs(u telegramtest.User, commune uint64, unit string) store.Unit {
	h.t.Helper()
	var code string
	var found store.Unit
	h.change(func(tx *store.Tx) error {
		return tx.InCommune(commune, func() (err error) {
			if found, err = tx.UnitByName(unit); err != nil {
				return err
			}
			inv, err := tx.CreateInvite(found.ID, firstAdmin(tx), time.Hour)
			code = inv.Code
			return err
		})
	})
	h.say(u, "/start "+code, "Chào mừng")
	h.settle()
	if last := h.last(u.ID); strings.Contains(last.Plain, "Họ và tên") && hasButton(last, "Để sau") {
		h.press(u, telegramtest.PrivateChat(u), last, "Để sau")
		h.expectNew(u.ID, "ghi Họ và tên sau")
	}
	return found
}

// workIn has u work in place (0: the province's) by the menu's switch,
// and returns the menu then shown.
func (h *harness) workIn(u telegramtest.User, place uint64) telegramtest.Sent {
	h.t.Helper()
	pc := telegramtest.PrivateChat(u)
	menu := h.say(u, "/menu", "Mời đồng chí chọn việc")
	if h.user(u.ID).Place != place {
		h.srv.PressButton(u, pc, menu.MessageID, "pl:"+idStr(place))
		h.settle()
		menu = h.last(u.ID)
	}
	if got := h.user(u.ID).Place; got != place {
		h.t.Fatalf("%s works in %d, want %d", u.FirstName, got, place)
	}
	return menu
}

// sentTo is every message chatID got since before.
func (h *harness) sentTo(chatID int64, before int) string {
	var out []telegramtest.Sent
	for _, s := range h.srv.Sent()[before:] {
		if s.ChatID == chatID {
			out = append(out, s)
		}
	}
	return joined(out)
}

// Issue 25, item 1: the province's office that is also a unit's secretary
// files nothing in the province's place — there is no unit there — and is
// shown where it can; once in the unit's commune, its registration
// reaches that commune's office only. Before, the province's place read
// every commune: the form ran, and the notice with every field went to
// every commune's admins.
func TestPlacesProvinceFilesNothingInItsOwnPlace(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	h.addCommune()
	h.setUpTanPhu()
	h.provinceCampaign()
	h.joinAs(provinceAdmin, store.HomeCommune, "Chi bộ thôn Tây")
	h.workIn(provinceAdmin, 0)
	before := len(h.srv.Sent())
	pc := telegramtest.PrivateChat(provinceAdmin)
	got := h.say(provinceAdmin, "/register", "Lệnh này dùng ở nơi khác")
	if !hasButton(got, "Làm việc tại: Đảng ủy") {
		t.Fatalf("the refusal offers no way to the unit's commune: %+v", got.Buttons)
	}
	h.press(provinceAdmin, pc, got, "Làm việc tại: Đảng ủy")
	h.expect(provinceAdmin.ID, "Mời đồng chí chọn việc")
	review := h.fillRegistration(provinceAdmin, "Đường hoa của tỉnh")
	h.press(provinceAdmin, pc, review, "Gửi đăng ký")
	h.expectNew(provinceAdmin.ID, "Đã nộp đăng ký DVK-")
	h.expect(admin.ID, "Đăng ký mới")
	h.settle()
	if leak := h.sentTo(officeTP.ID, before); strings.Contains(leak, "Đường hoa") || strings.Contains(leak, "Đăng ký mới") {
		t.Errorf("another commune's office heard of the registration: %s", leak)
	}
	var regs []store.Registration
	h.view(func(tx *store.Tx) (err error) { regs, err = tx.Registrations(0); return err })
	if len(regs) != 1 || regs[0].Commune != store.HomeCommune {
		t.Errorf("registrations %+v, want one of the home commune", regs)
	}
	// Back in its own place, the province's campaign card counts every
	// commune's registrations (its place holds none of its own).
	h.workIn(provinceAdmin, 0)
	list := h.say(provinceAdmin, "/campaigns", "Phong trào, đợt thi đua")
	h.press(provinceAdmin, pc, list, "Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2024")
	if card := h.expect(provinceAdmin.ID, "Hạn đăng ký"); !strings.Contains(card.Plain, "Đã đăng ký: 1 mô hình") {
		t.Errorf("the province's campaign card: %q", card.Plain)
	}
}

// Issue 25, item 4: roles are those of the place one works in. The
// province's office working as Tân Phú's secretary is that secretary and
// no more: it cannot close Tân Phú's own campaign by a forged button.
// Before, its province role followed it into the commune.
func TestPlacesProvinceRoleStaysInTheProvincesPlace(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	tp := h.addCommune()
	h.setUpTanPhu()
	var own store.Campaign
	h.change(func(tx *store.Tx) error {
		return tx.InCommune(tp.ID, func() (err error) {
			own, err = tx.PutCampaign(store.Campaign{Name: "Đợt riêng của Tân Phú", MinModels: 1,
				RegDeadline: "2024-04-01", ResultsDeadline: "2024-09-01", EndDate: "2024-12-01"})
			return err
		})
	})
	h.joinAs(provinceAdmin, tp.ID, "Chi bộ thôn Đông")
	pc := telegramtest.PrivateChat(provinceAdmin)
	menu := h.workIn(provinceAdmin, tp.ID)
	for _, data := range []string{"cc:" + idStr(own.ID), "ce:" + idStr(own.ID)} {
		h.srv.PressButton(provinceAdmin, pc, menu.MessageID, data)
		h.settle()
	}
	if got := joined(h.replies(provinceAdmin, pc, "/campaigns")); !strings.Contains(got, "không có quyền") && !strings.Contains(got, "nơi khác") {
		t.Errorf("in Tân Phú as its secretary, /campaigns: %s", got)
	}
	var now store.Campaign
	h.view(func(tx *store.Tx) (err error) { now, err = tx.Campaign(own.ID); return err })
	if now.Closed {
		t.Error("the province's office, working as a commune's secretary, closed the commune's own campaign")
	}
	if conv := h.conversationOf(provinceAdmin.ID); conv != "" {
		t.Errorf("a forged edit button opened the campaign form: %s", conv)
	}
}

// conversationOf is the form the person has open in private, "" for none.
func (h *harness) conversationOf(id int64) string {
	var c store.Conversation
	h.view(func(tx *store.Tx) error { c, _ = tx.Conversation(id, id); return nil })
	return c.Form
}

// provinceOffice is the province's admin in the isolation harness (whose
// adminTP has the id the other province tests give their province admin).
var provinceOffice = telegramtest.User{ID: 650, FirstName: "Tỉnh", LastName: "Ban Dân vận"}

// The isolation matrix from the province's place, for a person who is
// both the province's office and a secretary of commune A: every forged
// button with A's or B's record ids, and every command naming their
// records, is refused and shows nothing of either commune but its name;
// the place holds no commune's records. Ids of communes themselves, and a
// unit's detail by id, are the province's to use and are left out; so is
// the reminder of its own unit, which moves it to that unit's commune.
func TestIsolationProvincePlaceAgainstCommunes(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	tc.province = []int64{provinceOffice.ID}
	tc.restart()
	tc.joinAs(provinceOffice, tc.a, "Chi bộ thôn Đông")
	tc.workIn(provinceOffice, 0)
	tc.known = []string{"Tân Phú", "TANPHU"}
	for _, victim := range []uint64{tc.a, tc.b} {
		ids := tc.ids(victim)
		delete(ids, "commune")
		routes := botRoutes(t)
		forged := forgedData(t, routes, ids)
		pc := telegramtest.PrivateChat(provinceOffice)
		for _, r := range routes {
			if r.group || r.name == "rd" || r.name == "rm" {
				continue // a unit's detail is the province's to read (item 5); a reminder of its own unit moves it there
			}
			for _, data := range forged[r.name] {
				tc.refused(t, victim, attempt{name: fmt.Sprintf("the province's office presses %q in private", data),
					press: true, do: func() []telegramtest.Sent { return tc.pressIn(provinceOffice, pc, data) }})
			}
		}
	}
	tc.commandsAgainst(t, provinceOffice, tc.b)
}

// The isolation matrix for one person with places in two communes: A's
// secretary who is also B's, working in B, presses every forged button
// with A's record ids and types every command naming A's records. In B's
// place they are B's secretary only: nothing of A is read or changed
// there (their own name aside).
func TestIsolationTwoPlacesOnePerson(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	tc.joinAs(secA, tc.b, unitTP)
	tc.workIn(secA, tc.b)
	tc.known = []string{"Bí thư Đông"}
	// Their own ways to A: the switch of place, and a reminder's button to
	// their A unit's form, which moves them to A on purpose
	// (TestReminderOpensTheFormOfItsUnitInAnyPlace).
	routes := botRoutes(t)
	forged := forgedData(t, routes, tc.ids(tc.a))
	pc := telegramtest.PrivateChat(secA)
	for _, r := range routes {
		if r.group || r.name == "pl" || r.name == "rg" || r.name == "rm" {
			continue
		}
		for _, data := range forged[r.name] {
			tc.refused(t, tc.a, attempt{name: fmt.Sprintf("A's secretary working in B presses %q", data),
				press: true, do: func() []telegramtest.Sent { return tc.pressIn(secA, pc, data) }})
		}
		if u := tc.user(secA.ID); u.Place != tc.b {
			t.Fatalf("after %s, A's secretary works in %d", r.name, u.Place)
		}
	}
	tc.commandsAgainst(t, secA, tc.a)
}
