package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// auditAs opens the audit log's first page as u, by its button.
func (h *harness) auditAs(u telegramtest.User) string {
	h.t.Helper()
	pc := telegramtest.PrivateChat(u)
	h.settle()
	h.srv.SendPrivate(u, "/menu")
	msg := h.expect(u.ID, "Mời đồng chí chọn việc")
	before := len(h.srv.Sent())
	h.srv.PressButton(u, pc, msg.MessageID, "aud:0")
	h.settle()
	var mine []telegramtest.Sent // what u got: others' messages may still be on their way
	for _, s := range h.srv.Sent()[before:] {
		if s.ChatID == u.ID {
			mine = append(mine, s)
		}
	}
	if got := joined(mine); strings.Contains(got, "Nhật ký thay đổi") {
		return got
	}
	h.t.Fatalf("no audit page for %d: %s", u.ID, joined(mine))
	return ""
}

// What the province's office does (unscoped) is the province's in the
// audit log: the home commune's admin does not read it. Before, an
// unscoped entry read back as the home commune's.
func TestCrossCommuneProvinceAuditShowsInHomeCommuneLog(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	h.addCommune()
	got := h.auditAs(admin)
	if strings.Contains(got, "Tân Phú") || strings.Contains(got, "TANPHU") {
		t.Errorf("the home commune's audit log shows the province's work on another commune:\n%s", got)
	}
}

// A group of commune B that shuts the bot out is audited in B's log,
// not in the home commune's (the sender's transaction is unscoped).
func TestCrossCommuneOtherCommunesBrokenGroupInHomeAudit(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	tc.srv.BlockChat(groupTP.ID)
	tc.queueTo(groupTP.ID, 1)
	tc.settle()
	got := tc.auditAs(admin)
	if strings.Contains(got, "Bến Đình") {
		t.Errorf("commune A's audit log names commune B's unit:\n%s", got)
	}
}

// A secretary of one commune can become a secretary of a unit of
// another by its invite: the request is scoped to the invite's commune.
// Before, the new unit was read through the first commune's scope and
// the update failed with an apology.
func TestCrossCommuneSecretaryOfAJoinsUnitOfB(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	var code string
	var unitID uint64
	tc.change(func(tx *store.Tx) error {
		tx.Scope(tc.b)
		u, err := tx.UnitByName(unitTP)
		if err != nil {
			return err
		}
		unitID = u.ID
		inv, err := tx.CreateInvite(u.ID, adminTP.ID, time.Hour)
		code = inv.Code
		return err
	})
	sent := tc.replies(secA, telegramtest.PrivateChat(secA), "/start "+code)
	if !strings.Contains(joined(sent), "Chào mừng") {
		t.Errorf("A's secretary opening B's invite: %s", joined(sent))
	}
	if !tc.isSecretary(unitID, secA.ID) {
		t.Errorf("A's secretary is not B's unit's secretary after its invite")
	}
	// They now work in B, and the menu offers their other place; back in
	// A, the menu offers B.
	pc := telegramtest.PrivateChat(secA)
	menu := tc.say(secA, "/menu", "Mời đồng chí chọn việc")
	if !hasButton(menu, "Làm việc tại: Đảng ủy") {
		t.Fatalf("no way back to the home commune: %+v", menu.Buttons)
	}
	mine := joined(tc.replies(secA, pc, "/status"))
	if !strings.Contains(mine, unitTP) {
		t.Errorf("in B, /status does not show B's unit: %s", mine)
	}
	tc.press(secA, pc, menu, "Làm việc tại: Đảng ủy")
	if back := tc.expect(secA.ID, "Mời đồng chí chọn việc"); !hasButton(back, "Làm việc tại: Xã Tân Phú") {
		t.Errorf("back in A, the menu does not offer B: %+v", back.Buttons)
	}
	if home := joined(tc.replies(secA, pc, "/status")); strings.Contains(home, unitTP) || !strings.Contains(home, "Chi bộ thôn Đông") {
		t.Errorf("back in A, /status: %s", home)
	}
	// A place one holds no role in is refused.
	tc.srv.PressButton(secA, pc, menu.MessageID, "pl:99")
	tc.settle()
	if u := tc.user(secA.ID); u.Place == 99 {
		t.Error("a forged place was taken")
	}
}

// In a province the copy of the database (every commune's) goes to the
// province's office only; before, nobody could get it.
func TestCrossCommuneProvinceOfficeGetsBackup(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.province = []int64{provinceAdmin.ID}
	h.chatBackups = true
	h.restart()
	h.onboard()
	h.addCommune()
	sent := h.replies(provinceAdmin, telegramtest.PrivateChat(provinceAdmin), "/backup")
	if !strings.Contains(joined(sent), "sendDocument") {
		t.Errorf("the province's /backup: %s", joined(sent))
	}
}

// The province's office revokes the links it made: the link no longer
// works.
func TestCrossCommuneProvinceRevokesItsOwnInvite(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	inv := h.communeLink()
	h.press(provinceAdmin, telegramtest.PrivateChat(provinceAdmin), inv, "Thu hồi")
	h.expect(provinceAdmin.ID, "thu hồi")
	h.say(officeTP, "/start "+h.inviteCodeIn(inv), "đã bị thu hồi")
	if h.user(officeTP.ID).Admin {
		t.Error("a revoked link made an admin")
	}
}

// An admin of one office who opens another commune's admin link is
// told so, and the link stays unused for whom it was meant.
func TestCrossCommuneAdminOfAOpensAdminLinkOfB(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	code := h.inviteCodeIn(h.communeLink())
	sent := h.replies(admin, telegramtest.PrivateChat(admin), "/start "+code)
	if u := h.user(admin.ID); !strings.Contains(joined(sent), "chưa bị dùng") || u.AdminOf(2) || !u.AdminOf(store.HomeCommune) {
		t.Errorf("the home admin opening Tân Phú's link: %+v: %s", u, joined(sent))
	}
	h.say(officeTP, "/start "+code, "quản trị viên") // the link still works for whom it was meant
	if !h.user(officeTP.ID).AdminOf(2) {
		t.Error("the link was spent by the home admin")
	}
}

// The province's card of a campaign for Tân Phú alone names none of
// the home commune's units: Campaign.Includes reads the unit's commune.
func TestCrossCommuneProvinceCampaignCardNamesCommunesNotInIt(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	tp := h.addCommune()
	var id uint64
	h.change(func(tx *store.Tx) error {
		c, err := tx.PutCampaign(store.Campaign{Name: "Riêng Tân Phú", Province: true, Communes: []uint64{tp.ID}, MinModels: 1,
			RegDeadline: "2030-04-07", ResultsDeadline: "2030-09-05", EndDate: "2030-12-01"})
		id = c.ID
		return err
	})
	pc := telegramtest.PrivateChat(provinceAdmin)
	h.srv.SendPrivate(provinceAdmin, "/menu")
	msg := h.expect(provinceAdmin.ID, "")
	before := len(h.srv.Sent())
	h.srv.PressButton(provinceAdmin, pc, msg.MessageID, "cd:"+strconv.FormatUint(id, 10))
	h.settle()
	if got := joined(h.srv.Sent()[before:]); strings.Contains(got, "Chi bộ thôn Nam") {
		t.Errorf("the card of Tân Phú's campaign names the home commune's units:\n%s", got)
	}
}
