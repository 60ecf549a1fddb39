package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// asked counts the name questions chat has received.
func (h *harness) asked(chatID int64) int {
	n := 0
	for _, s := range h.srv.SentTo(chatID) {
		if strings.Contains(s.Plain, "Xin đồng chí cho biết Họ và tên") {
			n++
		}
	}
	return n
}

func TestNameIsAskedOnceAtTheFirstContactInVietnameseOrder(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pc := telegramtest.PrivateChat(stranger) // Telegram: "Bình" · "Trần"

	h.srv.SendPrivate(stranger, "/start")
	if w := h.expect(stranger.ID, "Xin chào đồng chí Trần Bình"); len(w.Buttons) != 0 {
		t.Errorf("the menu comes before the name is asked: %v", w.Buttons)
	}
	ask := h.expect(stranger.ID, "Xin đồng chí cho biết Họ và tên")
	if !strings.Contains(ask.Plain, "Đang ghi: Trần Bình") || !hasButton(ask, "✅ Đúng, giữ tên này") || !hasButton(ask, "Để sau") {
		t.Fatalf("the question does not offer Telegram's name, family name first: %q %v", ask.Plain, ask.Buttons)
	}
	h.press(stranger, pc, ask, "Đúng, giữ tên này")
	if saved := h.expect(stranger.ID, "Đã ghi Họ và tên: Trần Bình"); !hasButton(saved, "Hướng dẫn") || !hasButton(saved, "👤 Họ và tên") {
		t.Errorf("no menu after the name: %v", saved.Buttons)
	}
	if u := h.user(stranger.ID); u.FullName != "Trần Bình" || !u.NameAsked {
		t.Errorf("stored %+v", u)
	}

	h.srv.SendPrivate(stranger, "/start")
	if w := h.expect(stranger.ID, "Xin chào đồng chí Trần Bình"); len(w.Buttons) == 0 {
		t.Error("the second greeting has no menu")
	}
	h.settle()
	if n := h.asked(stranger.ID); n != 1 {
		t.Errorf("asked %d times, want once", n)
	}
}

func TestSecretaryConfirmsTheNameFromTheOfficesList(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune() // Chi bộ thôn Đông: Bí thư Trần Văn Bình
	binh := telegramtest.User{ID: 901, FirstName: "Bình"}
	pc := telegramtest.PrivateChat(binh)

	h.srv.SendPrivate(binh, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	h.expect(binh.ID, "Chào mừng đồng chí Bình")
	ask := h.expect(binh.ID, "Họ và tên")
	if !strings.Contains(ask.Plain, "Đang ghi: Trần Văn Bình") {
		t.Fatalf("not prefilled from the unit list: %q", ask.Plain)
	}
	h.press(binh, pc, ask, "Đúng, giữ tên này")
	h.expect(binh.ID, "Đã ghi Họ và tên: Trần Văn Bình")
	if got := h.user(binh.ID).FullName; got != "Trần Văn Bình" {
		t.Fatalf("full name %q", got)
	}

	// A second secretary of the unit is someone else: Telegram's name.
	lan := telegramtest.User{ID: 902, FirstName: "Thị Lan", LastName: "Nguyễn"}
	h.srv.SendPrivate(lan, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	if ask := h.expect(lan.ID, "Họ và tên"); !strings.Contains(ask.Plain, "Đang ghi: Nguyễn Thị Lan") {
		t.Errorf("the second secretary is offered %q", ask.Plain)
	}

	// The office's list of the unit's people.
	apc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, apc, h.expectNew(admin.ID, "Đơn vị —"), "Chi bộ thôn Đông")
	h.press(admin, apc, h.last(admin.ID), "Người phụ trách")
	if people := h.last(admin.ID); !hasButton(people, "❌ Trần Văn Bình") || !hasButton(people, "❌ Nguyễn Thị Lan") {
		t.Errorf("the people list: %v", people.Buttons)
	}
}

func TestTypedNameIsCheckedAndShownEverywhere(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard() // both left the question for later
	h.linkDong()
	pc := telegramtest.PrivateChat(secA)
	before := h.counts()

	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "👤 Họ và tên")
	ask := h.expect(secA.ID, "Xin đồng chí cho biết Họ và tên")
	if !strings.Contains(ask.Plain, "Đang ghi: Bí thư Đông") {
		t.Errorf("the change does not show the name in use: %q", ask.Plain)
	}
	for _, bad := range []string{`<b>Trần</b>`, "Trần Văn Bình 1975", "@tran_binh", "x"} {
		h.srv.SendPrivate(secA, bad)
		h.expect(secA.ID, "chỉ gồm chữ cái")
	}
	if got := h.user(secA.ID).FullName; got != "" {
		t.Fatalf("a refused name was stored: %q", got)
	}
	if after := h.counts(); after != before {
		t.Errorf("refused names changed the store: %+v, then %+v", before, after)
	}
	h.srv.SendPrivate(secA, "  đ/c   trần thanh   bình ")
	h.expect(secA.ID, "Đã ghi Họ và tên: Trần Thanh Bình")

	// The group's reminder mentions the secretary by that name.
	h.clock.set(time.Date(2024, 4, 3, 8, 30, 0, 0, ict))
	h.seedCampaign()
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	m := h.expectNew(group.ID, "Nhắc hạn đăng ký mô hình")
	if !strings.Contains(m.Text, `<a href="tg://user?id=1101">Trần Thanh Bình</a>`) {
		t.Errorf("the reminder does not mention the full name: %s", m.Text)
	}

	// The office's notices and the audit log.
	h.srv.RemoveBotFromGroup(secA, group)
	h.expectNew(admin.ID, "Bot đã bị Trần Thanh Bình xóa khỏi nhóm")
	apc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, apc, h.expectNew(admin.ID, "Đơn vị —"), "Nhật ký")
	if log := h.last(admin.ID).Plain; !strings.Contains(log, "ghi họ và tên: Bí thư Đông → Trần Thanh Bình") {
		t.Errorf("the audit log lacks the change:\n%s", log)
	}

	// The workbook the office signs: the units still owing, with who leads them.
	sum := h.say(admin, "/report", "Báo cáo tổng hợp")
	h.press(admin, apc, sum, "Tải Excel")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.Method == "sendDocument" && s.ChatID == admin.ID })
	if err != nil {
		t.Fatal(err)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	owing, _ := f.GetRows("Đơn vị chưa hoàn thành")
	var dong string
	for _, row := range owing {
		if line := strings.Join(row, " | "); strings.Contains(line, "Chi bộ thôn Đông") {
			dong = line
		}
	}
	if !strings.Contains(dong, "Trần Thanh Bình") || strings.Contains(dong, "Bí thư Đông") {
		t.Errorf("the workbook's row for Chi bộ thôn Đông: %q", dong)
	}
}

func TestIgnoringTheNameQuestionBlocksNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)

	// The office's admin is asked, and sends the unit list instead.
	h.srv.SendPrivate(admin, "/start")
	h.expect(admin.ID, "Xin đồng chí cho biết Họ và tên")
	data, err := os.ReadFile("../../testdata/units/commune.csv")
	if err != nil {
		t.Fatal(err)
	}
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "danh-sach-don-vi.csv", "text/csv", data, "")
	h.expect(admin.ID, "Xem trước")

	// A secretary is asked, and opens the registration instead.
	h.press(admin, telegramtest.PrivateChat(admin), h.last(admin.ID), "Nhập 19")
	h.expect(admin.ID, "Đã nhập 19 đơn vị mới")
	h.campaign("Đợt 1", 10)
	h.srv.SendPrivate(secB, "/start "+h.inviteCode("Chi bộ thôn Tây"))
	h.expect(secB.ID, "Xin đồng chí cho biết Họ và tên")
	h.say(secB, "/register", "Tên mô hình là gì")
	var form string
	h.change(func(tx *store.Tx) error {
		c, err := tx.Conversation(secB.ID, secB.ID)
		form = c.Form
		return err
	})
	if form != "register" {
		t.Errorf("open form %q, want the registration", form)
	}

	// Neither is asked again, and both are shown by Telegram's names.
	for _, u := range []telegramtest.User{admin, secB} {
		h.srv.SendPrivate(u, "/start")
		h.expect(u.ID, "Xin chào")
		h.settle()
		if n := h.asked(u.ID); n != 1 {
			t.Errorf("%d asked %d times, want once", u.ID, n)
		}
		if got := h.user(u.ID); got.FullName != "" || !got.NameAsked {
			t.Errorf("stored %+v", got)
		}
	}
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, telegramtest.PrivateChat(admin), h.expectNew(admin.ID, "Đơn vị —"), "Chi bộ thôn Tây")
	h.press(admin, telegramtest.PrivateChat(admin), h.last(admin.ID), "Người phụ trách")
	if people := h.last(admin.ID); !hasButton(people, "❌ Bí thư Tây") {
		t.Errorf("the people list: %v", people.Buttons)
	}
}
