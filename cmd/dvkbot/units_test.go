package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// press presses the button whose label contains label on message m, and
// waits until the bot has handled it.
func (h *harness) press(u telegramtest.User, chat telegramtest.Chat, m telegramtest.Sent, label string) {
	h.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) && b.Data != "" {
				h.srv.PressButton(u, chat, m.MessageID, b.Data)
				h.settle()
				return
			}
		}
	}
	h.t.Fatalf("no button %q on %q (buttons %v)", label, m.Plain, m.Buttons)
}

// last is the bot's latest message in chat, as it looks now.
func (h *harness) last(chatID int64) telegramtest.Sent {
	h.t.Helper()
	h.settle()
	m, ok := h.srv.LastMessage(chatID)
	if !ok {
		h.t.Fatalf("no message in chat %d", chatID)
	}
	return m
}

// units reads every unit from the store.
func (h *harness) units() []store.Unit {
	h.t.Helper()
	var out []store.Unit
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		out, err = tx.Units(true)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func (h *harness) unitNamed(name string) store.Unit {
	h.t.Helper()
	for _, u := range h.units() {
		if u.Name == name {
			return u
		}
	}
	h.t.Fatalf("no unit %q", name)
	return store.Unit{}
}

// importCommune sends the 19-unit commune file and confirms it.
func (h *harness) importCommune() {
	h.t.Helper()
	data, err := os.ReadFile("../../testdata/units/commune.csv")
	if err != nil {
		h.t.Fatal(err)
	}
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendDocument(admin, pc, "danh-sach-don-vi.csv", "text/csv", data, "")
	preview := h.expect(admin.ID, "Xem trước")
	h.press(admin, pc, preview, "Nhập 19")
	h.expect(admin.ID, "Đã nhập 19 đơn vị mới")
}

var linkRE = regexp.MustCompile(`https://t\.me/\w+\?start=([\w-]+)`)

// inviteCode makes an invite for the unit through the buttons and returns
// the code from the link.
func (h *harness) inviteCode(unit string) string {
	h.t.Helper()
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/invite")
	h.press(admin, pc, h.expect(admin.ID, "Mời người phụ trách cho đơn vị nào"), unit)
	m := h.expect(admin.ID, "Link mời người phụ trách")
	code := linkRE.FindStringSubmatch(m.Plain)
	if code == nil {
		h.t.Fatalf("no link in %q", m.Plain)
	}
	return code[1]
}

func TestImportCommuneFileOnceOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.SendPrivate(admin, "/units")
	h.expect(admin.ID, "Chưa có đơn vị nào")
	h.importCommune()
	if n := len(h.units()); n != 19 {
		t.Fatalf("%d units after import, want 19", n)
	}
	if u := h.unitNamed("Chi bộ thôn Đông"); u.Contact != "Trần Văn Bình" || u.Kind != "chi_bo_thon" {
		t.Errorf("imported unit %+v", u)
	}
	data, _ := os.ReadFile("../../testdata/units/commune.csv")
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "lan-2.csv", "text/csv", data, "")
	again := h.expect(admin.ID, "Xem trước")
	if !strings.Contains(again.Plain, "Đơn vị mới: 0") || !strings.Contains(again.Plain, "Đã có sẵn (bỏ qua): 19") {
		t.Errorf("re-import preview %q", again.Plain)
	}
	for _, row := range again.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, "Nhập ") {
				t.Errorf("re-import offers %q", b.Text)
			}
		}
	}
	if n := len(h.units()); n != 19 {
		t.Errorf("%d units after re-import, want 19", n)
	}
}

func TestImportByNonAdminIsNotRead(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	data, _ := os.ReadFile("../../testdata/units/commune.csv")
	h.srv.SendDocument(stranger, telegramtest.PrivateChat(stranger), "ds.csv", "text/csv", data, "")
	h.expect(stranger.ID, "chưa cần ảnh hay tệp")
	if n := len(h.units()); n != 0 {
		t.Errorf("a stranger's file created %d units", n)
	}
}

func TestAddAndRenameUnitWithTheForm(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expect(admin.ID, "Đơn vị"), "Thêm đơn vị")
	h.expect(admin.ID, "Bước 1/2")
	h.srv.SendPrivate(admin, "   ")
	h.expect(admin.ID, "Nội dung đang trống")
	h.srv.SendPrivate(admin, strings.Repeat("dài ", 40))
	h.expect(admin.ID, "tối đa 120 ký tự")
	h.srv.SendPrivate(admin, "Chi bộ  <b>thôn</b> Đông")
	kind := h.expect(admin.ID, "Bước 2/2")
	h.restart()                            // the answer so far is in bbolt
	h.srv.SendPrivate(admin, "hội phụ nữ") // typed, no diacritics: still a choice
	review := h.expect(admin.ID, "kiểm tra lại")
	if !strings.Contains(review.Plain, "Chi bộ <b>thôn</b> Đông") || !strings.Contains(review.Plain, "Hội Phụ nữ") {
		t.Errorf("review %q", review.Plain)
	}
	h.press(admin, pc, kind, "Chi bộ thôn") // a button of a step already answered
	h.settle()
	h.press(admin, pc, review, "Xác nhận")
	h.expect(admin.ID, "Đã thêm đơn vị")
	u := h.unitNamed("Chi bộ <b>thôn</b> Đông")
	if u.Kind != "hoi_phu_nu" {
		t.Errorf("kind %q, want the typed hoi_phu_nu, not the stale button", u.Kind)
	}
	card := h.last(admin.ID)
	h.press(admin, pc, card, "Đổi tên")
	h.srv.SendPrivate(admin, "Chi bộ thôn Đông")
	h.expect(admin.ID, "Đã lưu thay đổi")
	h.unitNamed("Chi bộ thôn Đông")
}

func TestInviteOnboardsSecretaryOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	code := h.inviteCode("Chi bộ thôn Đông")
	if len(code) < 16 {
		t.Fatalf("code %q is too short to be unguessable", code)
	}
	h.srv.SendPrivate(stranger, "/start "+code)
	h.expect(stranger.ID, "người phụ trách của Chi bộ thôn Đông")
	h.expect(admin.ID, "Trần Bình đã nhận link mời")
	other := telegramtest.User{ID: 888, FirstName: "Lan"}
	tests := []struct {
		name string
		user telegramtest.User
		code string
		want string
	}{
		{"same user again", stranger, code, "đã dùng link này rồi"},
		{"someone else", other, code, "đã được dùng"},
		{"unknown", other, "AAAAAAAAAAAAAAAAAAAAAA", "không đúng hoặc đã bị thu hồi"},
		{"garbage", other, "<script>", "không đúng"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.srv.SendPrivate(tt.user, "/start "+tt.code)
			h.expect(tt.user.ID, tt.want)
		})
	}
	unit := h.unitNamed("Chi bộ thôn Đông")
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		if s := tx.Secretaries(unit.ID); len(s) != 1 || s[0] != stranger.ID {
			t.Errorf("secretaries %v, want only %d", s, stranger.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.srv.SendPrivate(stranger, "/start")
	h.expect(stranger.ID, "người phụ trách của: Chi bộ thôn Đông")
}

func TestInviteExpiresAndCanBeRevoked(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	expired := h.inviteCode("Hội Phụ nữ xã")
	h.clock.advance(8 * 24 * time.Hour)
	h.srv.SendPrivate(stranger, "/start "+expired)
	h.expect(stranger.ID, "đã hết hạn")

	h.inviteCode("Hội Nông dân xã")
	h.press(admin, telegramtest.PrivateChat(admin), h.last(admin.ID), "Thu hồi")
	h.expect(admin.ID, "Đã thu hồi link mời")
	var revoked string
	if m := linkRE.FindAllStringSubmatch(strings.Join(plainTexts(h.srv.SentTo(admin.ID)), "\n"), -1); len(m) > 0 {
		revoked = m[len(m)-1][1]
	}
	h.srv.SendPrivate(stranger, "/start "+revoked)
	h.expect(stranger.ID, "không đúng hoặc đã bị thu hồi")
}

func plainTexts(sent []telegramtest.Sent) []string {
	var out []string
	for _, s := range sent {
		out = append(out, s.Plain)
	}
	return out
}
