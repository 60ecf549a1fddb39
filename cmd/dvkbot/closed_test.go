package main

import (
	"context"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// change edits a campaign or unit in the store, as the office's buttons do.
func (h *harness) change(fn func(tx *store.Tx) error) {
	h.t.Helper()
	if err := h.main.store.Update(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

// A closed campaign or an archived unit takes no filing from an old draft
// (and so from an old button or a reminder's link either).
func TestClosedCampaignAndArchivedUnitTakeNoFilings(t *testing.T) {
	tests := []struct {
		name  string
		close func(tx *store.Tx, c store.Campaign) error
		want  string
	}{
		{"campaign closed", func(tx *store.Tx, c store.Campaign) error {
			c.Closed = true
			_, err := tx.PutCampaign(c)
			return err
		}, "đã đóng"},
		{"unit archived", func(tx *store.Tx, _ store.Campaign) error {
			u, err := tx.UnitByName("Chi bộ thôn Đông")
			if err != nil {
				return err
			}
			u.Archived = true
			return tx.PutUnit(u)
		}, "đã được lưu trữ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.onboard()
			c := h.campaign("Phong trào 2024", 10)
			review := h.fillRegistration(secA, "Tuyến đường hoa")
			h.change(func(tx *store.Tx) error { return tt.close(tx, c) })
			h.press(secA, telegramtest.PrivateChat(secA), review, "Xác nhận")
			h.expectNew(secA.ID, tt.want)
			if regs := h.registrations(); len(regs) != 0 {
				t.Errorf("%d registrations filed after the close", len(regs))
			}
		})
	}
}

// An invite to an archived unit no longer makes a secretary.
func TestInviteToAnArchivedUnitIsRefused(t *testing.T) {
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
