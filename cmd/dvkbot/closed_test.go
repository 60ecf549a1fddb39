package main

import (
	"context"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// change edits a campaign or unit in the store, as the office's buttons do.
func (h *harness) change(fn func(tx *store.Tx) error) {
	h.t.Helper()
	if err := h.main.store.Update(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

// closeFor closes the campaign or archives the unit (closed true), or
// reopens them, as the office's buttons do.
type closeFor struct {
	name string
	set  func(tx *store.Tx, campaignID uint64, closed bool) error
	want string
}

var closers = []closeFor{
	{"campaign closed", func(tx *store.Tx, id uint64, closed bool) error {
		c, err := tx.Campaign(id)
		if err != nil {
			return err
		}
		c.Closed = closed
		_, err = tx.PutCampaign(c)
		return err
	}, "đã kết thúc, không nhận thêm hồ sơ"},
	{"unit archived", func(tx *store.Tx, _ uint64, closed bool) error {
		u, err := tx.UnitByName("Chi bộ thôn Đông")
		if err != nil {
			return err
		}
		u.Archived = closed
		return tx.PutUnit(u)
	}, "đã được lưu trữ"},
}

// A closed campaign or an archived unit takes no filing from an old draft
// (registration or results): the secretary is told why, and the draft is
// kept, so that it can be filed if the office reopens.
func TestClosedCampaignAndArchivedUnitTakeNoFilings(t *testing.T) {
	t.Parallel()
	filings := []struct {
		name   string
		draft  func(h *harness) (review telegramtest.Sent, campaignID uint64)
		resume string // the command that brings the draft back
		filed  func(h *harness) bool
	}{
		{"registration", func(h *harness) (telegramtest.Sent, uint64) {
			c := h.campaign("Phong trào 2024", 10)
			return h.fillRegistration(secA, "Tuyến đường hoa"), c.ID
		}, "/register", func(h *harness) bool { return len(h.registrations()) > 0 }},
		{"results", func(h *harness) (telegramtest.Sent, uint64) {
			g := h.approvedModel(30)
			return h.fillResults(secA), g.CampaignID
		}, "/results", func(h *harness) bool { return h.registrations()[0].Results != nil }},
	}
	for _, f := range filings {
		for _, cl := range closers {
			t.Run(f.name+"/"+cl.name, func(t *testing.T) {
				h := newHarness(t)
				h.onboard()
				pc := telegramtest.PrivateChat(secA)
				review, campaignID := f.draft(h)
				h.change(func(tx *store.Tx) error { return cl.set(tx, campaignID, true) })
				h.press(secA, pc, review, "✅")
				if m := h.expectNew(secA.ID, cl.want); !strings.Contains(m.Plain, "vẫn được giữ") {
					t.Errorf("the refusal does not say the draft is kept: %q", m.Plain)
				}
				if f.filed(h) {
					t.Fatalf("the %s was filed after the close", f.name)
				}
				h.change(func(tx *store.Tx) error { return cl.set(tx, campaignID, false) })
				h.srv.SendPrivate(secA, f.resume)
				h.press(secA, pc, h.expectNew(secA.ID, "kiểm tra lại"), "✅")
				h.settle()
				if !f.filed(h) {
					t.Errorf("the kept draft was not filed after the reopening")
				}
			})
		}
	}
}

// A reminder's button kept from before the close opens nothing and says why.
func TestOldButtonsOfAClosedCampaignSayWhy(t *testing.T) {
	t.Parallel()
	for _, cl := range closers {
		t.Run(cl.name, func(t *testing.T) {
			h := newHarness(t)
			h.onboard()
			g := h.approvedModel(30)
			h.change(func(tx *store.Tx) error { return cl.set(tx, g.CampaignID, true) })
			pc := telegramtest.PrivateChat(secA)
			for _, data := range []string{"rg:" + idStr(g.CampaignID) + ":" + idStr(g.UnitID), "rs:" + idStr(g.ID)} {
				h.srv.PressButton(secA, pc, 1, data)
				h.expectNew(secA.ID, cl.want)
			}
			h.settle()
			var open bool
			h.main.store.View(context.Background(), func(tx *store.Tx) error {
				_, err := tx.Conversation(secA.ID, secA.ID)
				open = err == nil
				return nil
			})
			if open {
				t.Error("an old button opened a form in a closed campaign")
			}
		})
	}
}

// An invite to an archived unit no longer makes a secretary.
func TestInviteToAnArchivedUnitIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	code := h.inviteCode("Chi bộ thôn Đông")
	h.change(func(tx *store.Tx) error {
		u, err := tx.UnitByName("Chi bộ thôn Đông")
		if err != nil {
			return err
		}
		u.Archived = true
		return tx.PutUnit(u)
	})
	h.srv.SendPrivate(secA, "/start "+code)
	h.expectNew(secA.ID, "đã được lưu trữ")
	if h.isSecretary(h.unitNamed("Chi bộ thôn Đông").ID, secA.ID) {
		t.Error("an invite to an archived unit made a secretary")
	}
}
