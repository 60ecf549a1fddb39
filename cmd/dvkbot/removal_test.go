package main

import (
	"context"

	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// secondAdmin makes member an admin by invite, as the office would.
func (h *harness) secondAdmin() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Quản trị viên")
	h.press(admin, pc, h.last(admin.ID), "Mời thêm quản trị viên")
	code := linkRE.FindStringSubmatch(h.expect(admin.ID, "Link mời quản trị viên").Plain)[1]
	h.srv.SendPrivate(member, "/start "+code)
	h.expect(member.ID, "đã là quản trị viên")
}

// removeSecondAdmin removes member from the admins through the buttons.
func (h *harness) removeSecondAdmin() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Quản trị viên")
	h.press(admin, pc, h.last(admin.ID), "❌ Đảng viên")
	if h.user(member.ID).Admin {
		h.t.Fatal("member is still an admin")
	}
}

// adminForm is a one-question admin form the second admin (member) opens;
// done reports whether their act took effect.
type adminForm struct {
	name   string
	open   func(h *harness)
	answer string // what the removed admin then types
	done   func(h *harness) bool
}

func adminForms() []adminForm {
	openUnitForm := func(button string) func(h *harness) {
		return func(h *harness) {
			mc := telegramtest.PrivateChat(member)
			h.srv.SendPrivate(member, "/units")
			h.press(member, mc, h.expectNew(member.ID, "Đơn vị —"), "Chi bộ thôn Đông")
			h.press(member, mc, h.last(member.ID), button)
		}
	}
	regStatus := func(h *harness) store.Registration { return h.registrations()[0] }
	return []adminForm{
		{"rename", openUnitForm("Đổi tên"), "Tên do người đã bị gỡ đặt", func(h *harness) bool {
			for _, u := range h.units() {
				if u.Name == "Tên do người đã bị gỡ đặt" {
					return true
				}
			}
			return false
		}},
		{"kind", openUnitForm("Đổi loại"), "Đoàn thể", func(h *harness) bool {
			return h.unitNamed("Chi bộ thôn Đông").Kind != h.unitNamed("Chi bộ thôn Tây").Kind
		}},
		{"return with a comment", func(h *harness) {
			g := h.submittedModel()
			h.srv.PressButton(member, telegramtest.PrivateChat(member), h.last(member.ID).MessageID, "rr:"+idStr(g.ID))
			h.expectNew(member.ID, "cần sửa gì")
		}, "Trả lại theo ý người đã bị gỡ", func(h *harness) bool {
			return regStatus(h).Status != store.StatusSubmitted
		}},
		{"evaluate", func(h *harness) {
			g := h.modelWithResults()
			// "Chưa đạt" asks the basis first: the typed answer would be taken.
			h.srv.PressButton(member, telegramtest.PrivateChat(member), h.last(member.ID).MessageID, "ev:"+idStr(g.ID)+":"+store.OutcomeNotMet)
			h.expectNew(member.ID, "Căn cứ")
		}, "Đánh giá theo ý người đã bị gỡ", func(h *harness) bool {
			return regStatus(h).Evaluation != nil
		}},
	}
}

// submittedModel files a registration of Chi bộ thôn Đông waiting for the
// office, straight into the store.
func (h *harness) submittedModel() store.Registration {
	h.t.Helper()
	camp := h.campaign("Phong trào 2024", 10)
	var g store.Registration
	h.change(func(tx *store.Tx) error {
		u, err := tx.UnitByName("Chi bộ thôn Đông")
		if err != nil {
			return err
		}
		g, err = tx.AddRegistration(store.Registration{CampaignID: camp.ID, UnitID: u.ID, SubmittedBy: secA.ID,
			Status: store.StatusSubmitted, Model: store.Model{Name: "Tuyến đường hoa", Kind: "tap_the", Field: "kinh_te"}}, "2024")
		return err
	})
	return g
}

// modelWithResults files an approved registration with its results,
// waiting for the office's evaluation.
func (h *harness) modelWithResults() store.Registration {
	h.t.Helper()
	g := h.approvedModel(30)
	g.Results = &store.Results{Achieved: "2 km đường hoa", People: 150, SubmittedBy: secA.ID, SubmittedAt: h.clock.now(),
		ReceivedBy: admin.ID, ReceivedAt: h.clock.now()} // received: the Đảng ủy's decision is next
	h.change(func(tx *store.Tx) error { return tx.PutRegistration(g, secA.ID, "results", "") })
	return g
}

// An admin removed while a one-question admin form is open cannot finish
// it, however the role went: removed in the bot (the form is closed at
// once, and they are told), or gone from the store behind the form's back,
// as a config demotion at start does (the form engine refuses the typed
// answer). No change, no audit entry, no word to the unit's group.
func TestRemovedAdminCannotFinishAnOpenForm(t *testing.T) {
	t.Parallel()
	ways := []struct {
		name   string
		remove func(h *harness)
	}{
		{"removed in the bot", (*harness).removeSecondAdmin},
		{"role gone from the store", func(h *harness) {
			h.change(func(tx *store.Tx) error { return tx.RemoveAdmin(member.ID) })
		}},
	}
	for _, way := range ways {
		for _, tt := range adminForms() {
			t.Run(way.name+"/"+tt.name, func(t *testing.T) {
				h := newHarness(t)
				h.onboard()
				h.linkDong()
				h.secondAdmin()
				tt.open(h)
				prompt := h.last(member.ID)
				way.remove(h)
				h.settle()
				audit, inGroup := h.auditCount(), len(h.srv.SentTo(group.ID))
				h.srv.SendPrivate(member, tt.answer)
				h.expect(member.ID, "không còn quyền")
				mc := telegramtest.PrivateChat(member)
				for _, row := range prompt.Buttons { // an old button of the form: stale
					for _, b := range row {
						if b.Data != "" {
							h.srv.PressButton(member, mc, prompt.MessageID, b.Data)
						}
					}
				}
				h.settle()
				if tt.done(h) {
					t.Errorf("the removed admin's %s took effect", tt.name)
				}
				if n := h.auditCount(); n != audit {
					t.Errorf("audit log grew by %d after the removal", n-audit)
				}
				if n := len(h.srv.SentTo(group.ID)); n != inGroup {
					t.Errorf("%d messages to the unit's group after the removal", n-inGroup)
				}
				h.srv.SendPrivate(member, "/menu")
				if s := h.expect(member.ID, ""); strings.Contains(s.Plain, "dở") {
					t.Errorf("the closed form is still offered: %q", s.Plain)
				}
			})
		}
	}
}

// Invites made by an admin who is later removed stop working.
func TestInvitesOfARemovedAdminStopWorking(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.secondAdmin()
	mc := telegramtest.PrivateChat(member)
	h.srv.SendPrivate(member, "/units")
	h.press(member, mc, h.expectNew(member.ID, "Đơn vị —"), "Quản trị viên")
	h.press(member, mc, h.last(member.ID), "Mời thêm quản trị viên")
	code := linkRE.FindStringSubmatch(h.expect(member.ID, "Link mời quản trị viên").Plain)[1]

	h.removeSecondAdmin()
	h.srv.SendPrivate(stranger, "/start "+code)
	h.expect(stranger.ID, "thu hồi")
	if u, err := h.userMaybe(stranger.ID); err == nil && u.Admin {
		t.Fatal("an invite of a removed admin made a new admin")
	}
}

// Taking an id out of [bot] admins and restarting takes the role away;
// admins invited in the bot stay.
func TestConfigAdminTakenOutOfTheConfigIsDemotedAtStart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.admins = []int64{admin.ID, stranger.ID}
	h.restart()
	h.importCommune()
	sc := telegramtest.PrivateChat(stranger)
	h.srv.SendPrivate(stranger, "/units")
	h.press(stranger, sc, h.expectNew(stranger.ID, "Đơn vị —"), "Chi bộ thôn Đông")
	h.press(stranger, sc, h.last(stranger.ID), "Đổi tên") // left open
	h.secondAdmin()

	h.admins = []int64{admin.ID}
	h.restart()
	audit := h.auditCount()
	if e, _ := h.main.store.AuditPage(context.Background(), 0, 1); len(e) != 1 || e[0].Action != "admin.remove" ||
		!strings.Contains(e[0].Detail, "Trần Bình (777)") {
		t.Errorf("last audit entry %+v, want the demotion naming Trần Bình (777)", e)
	}
	h.srv.SendPrivate(stranger, "Tên do người đã bị gỡ đặt") // the typed answer
	h.expect(stranger.ID, "không còn quyền")
	if h.unitNamed("Chi bộ thôn Đông").Name != "Chi bộ thôn Đông" {
		t.Error("a demoted admin renamed the unit by typing")
	}
	if n := h.auditCount(); n != audit {
		t.Errorf("audit log grew by %d", n-audit)
	}
	h.srv.SendPrivate(stranger, "/units")
	h.expect(stranger.ID, "không có quyền")
	if !h.user(member.ID).Admin {
		t.Error("an admin invited in the bot lost the role with the config change")
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "no longer in [bot] admins") || !strings.Contains(logs, "user_id=777") || !strings.Contains(logs, `name="Trần Bình"`) {
		t.Errorf("the demotion is not logged with the id and the name:\n%s", logs)
	}
}

func (h *harness) userMaybe(id int64) (store.User, error) {
	var u store.User
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = tx.User(id)
		return err
	})
	return u, err
}
