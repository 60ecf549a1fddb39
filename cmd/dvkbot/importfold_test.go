package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// The unit list re-sent typed without diacritics finds the units it
// names, as /report does, and the preview says which; a name that two
// units fold to is not guessed.
func TestImportMatchesUnitsWithoutDiacritics(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	pc := telegramtest.PrivateChat(admin)
	before := len(h.units())
	csv := "STT,Tên đơn vị,Loại\n1,CHI BO THON DONG,Chi bộ thôn\n2,chi bo thon tay,Chi bộ thôn\n3,Chi bộ thôn Nam,Chi bộ thôn\n4,Chi bo thon Moi,Chi bộ thôn\n"

	h.srv.SendDocument(admin, pc, "ds-khong-dau.csv", "text/csv", []byte(csv), "")
	preview := h.expect(admin.ID, "Xem trước")
	for _, want := range []string{"Đơn vị mới: 1", "Đã có sẵn (bỏ qua): 3",
		"CHI BO THON DONG → Chi bộ thôn Đông (đã có)", "chi bo thon tay → Chi bộ thôn Tây (đã có)", "• Chi bo thon Moi"} {
		if !strings.Contains(preview.Plain, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview.Plain)
		}
	}
	if strings.Contains(preview.Plain, "Chi bộ thôn Nam →") {
		t.Errorf("a name typed as stored is listed as a match:\n%s", preview.Plain)
	}
	h.press(admin, pc, preview, "Nhập 1")
	h.expect(admin.ID, "Đã nhập 1 đơn vị mới")
	if n := len(h.units()); n != before+1 {
		t.Fatalf("%d units, want %d", n, before+1)
	}

	// Two units the list's name folds to: the preview says so, and adds
	// neither a third nor a guess.
	h.change(func(tx *store.Tx) error {
		_, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Dong", Kind: "chi_bo_thon"})
		return err
	})
	h.srv.SendDocument(admin, pc, "ds-khong-dau.csv", "text/csv", []byte(csv), "")
	preview = h.expect(admin.ID, "Xem trước")
	if want := "Dòng 2: “CHI BO THON DONG” giống tên 2 đơn vị đã có (Chi bộ thôn Đông; Chi bộ thôn Dong)"; !strings.Contains(preview.Plain, want) {
		t.Errorf("the preview does not say the name is ambiguous (%q):\n%s", want, preview.Plain)
	}
	if strings.Contains(preview.Plain, "CHI BO THON DONG →") || hasButton(preview, "Nhập") {
		t.Errorf("the ambiguous name is matched or imported:\n%s %v", preview.Plain, preview.Buttons)
	}
}
