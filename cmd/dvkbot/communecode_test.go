package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// A commune whose code, made from its name, is another commune's (Phường
// Tân Phú beside Xã Tân Phú) gets a code of its own, and the preview says
// so; a typed code another commune has is refused, not taken for it.
func TestCommuneListMakesADistinctCode(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	pc := telegramtest.PrivateChat(provinceAdmin)
	h.srv.SendDocument(provinceAdmin, pc, "xa.csv", "text/csv", []byte("\"Tên xã, phường\",Mã\nXã Tân Phú,TANPHU\n"), "")
	h.press(provinceAdmin, pc, h.expect(provinceAdmin.ID, "Xem trước danh sách xã, phường"), "Thêm 1 xã, phường mới")
	h.expect(provinceAdmin.ID, "Đã thêm 1 xã, phường mới")

	list := "\"Tên xã, phường\",Mã\nPhường Tân Phú,\nXã An Phú,\nPhường An Phú,\nXã Mới,TANPHU\n"
	h.srv.SendDocument(provinceAdmin, pc, "xa2.csv", "text/csv", []byte(list), "")
	preview := h.expect(provinceAdmin.ID, "Xem trước danh sách xã, phường")
	for _, want := range []string{"Xã, phường mới: 3", "Đã có sẵn (bỏ qua): 0",
		"Phường Tân Phú (PTANPHU) — mã TANPHU đã là của Xã Tân Phú, nên dùng mã PTANPHU",
		"Xã An Phú (ANPHU)", "Phường An Phú (PANPHU) — mã ANPHU đã là của Xã An Phú, nên dùng mã PANPHU",
		"Dòng 5: “Xã Mới” — mã “TANPHU” đã là của Xã Tân Phú"} {
		if !strings.Contains(preview.Plain, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview.Plain)
		}
	}
	h.press(provinceAdmin, pc, preview, "Thêm 3 xã, phường mới")
	h.expect(provinceAdmin.ID, "Đã thêm 3 xã, phường mới")
	for code, name := range map[string]string{"TANPHU": "Xã Tân Phú", "PTANPHU": "Phường Tân Phú", "ANPHU": "Xã An Phú", "PANPHU": "Phường An Phú"} {
		var c store.Commune
		h.view(func(tx *store.Tx) (err error) { c, err = tx.CommuneByCode(code); return })
		if c.Name != name {
			t.Errorf("commune %s is %q, want %q", code, c.Name, name)
		}
	}
}
