package main

import (
	"context"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// counts is a fingerprint of what hostile input must not change.
type counts struct{ audit, units, regs, campaigns, admins int }

func (h *harness) counts() counts {
	h.t.Helper()
	var c counts
	c.audit = h.auditCount()
	h.main.store.View(context.Background(), func(tx *store.Tx) error {
		u, _ := tx.Units(true)
		r, _ := tx.Registrations(0)
		cs, _ := tx.Campaigns(true)
		a, _ := tx.Admins()
		c.units, c.regs, c.campaigns, c.admins = len(u), len(r), len(cs), len(a)
		return nil
	})
	return c
}

// msg builds a raw Telegram message from u in chat, for inputs the
// emulator has no helper for.
func msg(u telegramtest.User, chat telegramtest.Chat) *tgbotapi.Message {
	return &tgbotapi.Message{From: &tgbotapi.User{ID: u.ID, FirstName: u.FirstName, IsBot: u.IsBot},
		Chat: &tgbotapi.Chat{ID: chat.ID, Type: chat.Type, Title: chat.Title}}
}

// TestHostileAndOddInputs sends hostile or odd inputs through the
// emulator. Each gets the reply it should (or silence), and none changes
// roles, units, links, campaigns or registrations.
func TestHostileAndOddInputs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.seedCampaign()
	pa, pb := telegramtest.PrivateChat(secA), telegramtest.PrivateChat(secB)
	// secA stays at the registration's first step, to type an odd name at the end
	odd := formscript.Realistic("<b>Đường</b> & hoa \u200b Nông thôn mới").Steps()
	h.fill(secA, odd.Until("name"))
	stale := h.say(secB, "/start", "Xin chào")
	// member was an admin, made an admin invite and opened a rename, and
	// lost the role behind the form's back (as a config demotion does).
	h.secondAdmin()
	pm := telegramtest.PrivateChat(member)
	h.srv.SendPrivate(member, "/units")
	h.press(member, pm, h.expectNew(member.ID, "Đơn vị —"), "Quản trị viên")
	h.press(member, pm, h.last(member.ID), "Mời thêm quản trị viên")
	removedInvite := linkRE.FindStringSubmatch(h.expect(member.ID, "Link mời quản trị viên").Plain)[1]
	h.srv.SendPrivate(member, "/units")
	h.press(member, pm, h.expectNew(member.ID, "Đơn vị —"), "Chi bộ thôn Tây")
	h.press(member, pm, h.last(member.ID), "Đổi tên")
	h.change(func(tx *store.Tx) error { return tx.RemoveAdmin(member.ID) })
	lobby := telegramtest.Chat{ID: -100777, Type: "supergroup"}
	stranger2 := telegramtest.User{ID: 9090, FirstName: "Người lạ"}
	channel := telegramtest.Chat{ID: -100999, Type: "channel", Title: "Kênh"}
	otherBot := telegramtest.User{ID: 8080, FirstName: "Bot khác", IsBot: true}
	send := func(u telegramtest.User, c telegramtest.Chat, text string) func() {
		return func() { h.srv.SendText(u, c, text) }
	}
	inject := func(up tgbotapi.Update) func() { return func() { h.srv.Inject(up) } }
	with := func(m *tgbotapi.Message, set func(*tgbotapi.Message)) *tgbotapi.Message { set(m); return m }
	press := func(u telegramtest.User, c telegramtest.Chat, data string) func() {
		return func() { h.srv.PressButton(u, c, stale.MessageID, data) }
	}
	const silent = ""
	cases := []struct {
		name  string
		do    func()
		chat  int64
		reply string
	}{
		// Text at a form step.
		{"text over 4096 at a step", send(secA, pa, strings.Repeat("dài ", 1100)), secA.ID, "tối đa 200 ký tự"},
		{"spaces only", send(secA, pa, "     "), secA.ID, "Nội dung đang trống"},
		{"zero-width only", send(secA, pa, "\u200b\u200b\u200d"), secA.ID, "Nội dung đang trống"},
		{"RTL override only", send(secA, pa, "\u202e\u202d"), secA.ID, "Nội dung đang trống"},
		{"sticker at a step", inject(tgbotapi.Update{Message: with(msg(secA, pa), func(m *tgbotapi.Message) { m.Sticker = &tgbotapi.Sticker{FileID: "s", Emoji: "😀"} })}), secA.ID, "cần gõ chữ"},
		{"voice at a step", inject(tgbotapi.Update{Message: with(msg(secA, pa), func(m *tgbotapi.Message) { m.Voice = &tgbotapi.Voice{FileID: "v", Duration: 3} })}), secA.ID, "cần gõ chữ"},
		{"location at a step", inject(tgbotapi.Update{Message: with(msg(secA, pa), func(m *tgbotapi.Message) { m.Location = &tgbotapi.Location{Latitude: 21, Longitude: 105} })}), secA.ID, "cần gõ chữ"},
		{"contact at a step", inject(tgbotapi.Update{Message: with(msg(secA, pa), func(m *tgbotapi.Message) { m.Contact = &tgbotapi.Contact{PhoneNumber: "0912", FirstName: "A"} })}), secA.ID, "cần gõ chữ"},
		{"photo at a step", func() { h.srv.SendPhoto(secA, pa, []byte("x"), "") }, secA.ID, "cần gõ chữ"},
		{"pdf at a step", func() { h.srv.SendDocument(secA, pa, "a.pdf", "application/pdf", []byte("%PDF"), "") }, secA.ID, "cần gõ chữ"},
		// Outside a form.
		{"overlong text outside a form", send(secB, pb, strings.Repeat("x", 5000)), secB.ID, "Bot chưa hiểu"},
		{"HTML outside a form", send(secB, pb, `<b>đậm</b> & <a href="http://x">link</a>`), secB.ID, "Bot chưa hiểu"},
		{"markdown specials", send(secB, pb, "*_[]()~`>#+-=|{}.!"), secB.ID, "Bot chưa hiểu"},
		{"only emoji", send(secB, pb, "🌸🌸🌸"), secB.ID, "Bot chưa hiểu"},
		{"poll", inject(tgbotapi.Update{Message: with(msg(secB, pb), func(m *tgbotapi.Message) { m.Poll = &tgbotapi.Poll{ID: "p", Question: "?"} })}), secB.ID, "chưa cần ảnh hay tệp"},
		{"a stranger's spreadsheet", func() {
			h.srv.SendDocument(stranger2, telegramtest.PrivateChat(stranger2), "ds.xlsx", "application/vnd.ms-excel", []byte("PK"), "")
		}, stranger2.ID, "chưa cần ảnh hay tệp"},
		{"forwarded message", inject(tgbotapi.Update{Message: with(msg(secB, pb), func(m *tgbotapi.Message) {
			m.Text, m.ForwardFrom = "tin chuyển tiếp", &tgbotapi.User{ID: 1, FirstName: "Ai đó"}
		})}), secB.ID, "Bot chưa hiểu"},
		{"edited message", func() { h.srv.EditText(secB, pb, 1, "/units") }, secB.ID, silent},
		{"channel post", inject(tgbotapi.Update{ChannelPost: with(msg(telegramtest.User{ID: 1}, channel), func(m *tgbotapi.Message) { m.Text = "/units" })}), channel.ID, silent},
		{"another bot's command", send(otherBot, group, "/link"), group.ID, silent},
		{"the bot added to a group by a stranger: no unit list", func() {
			h.srv.AddBotToGroup(stranger2, telegramtest.Chat{ID: -100777, Type: "supergroup", Title: "Nhóm lạ"})
		}, -100777, silent},
		{"a stranger types /start in that group", send(stranger2, telegramtest.Chat{ID: -100777, Type: "supergroup"}, "/start"), -100777, silent},
		{"a stranger types /link in that group", send(stranger2, telegramtest.Chat{ID: -100777, Type: "supergroup"}, "/link"), -100777, silent},
		{"a stranger pages the unit picker", func() { h.srv.PressButton(stranger2, telegramtest.Chat{ID: -100777, Type: "supergroup"}, 1, "gp:1") }, 0, "không còn dùng được"},
		{"a stranger presses a unit in that group", func() { h.srv.PressButton(stranger2, telegramtest.Chat{ID: -100777, Type: "supergroup"}, 1, "gl:3") }, 0, "Chỉ người phụ trách"},
		{"a stranger names the bot in that group", send(stranger2, lobby, "/help@dvk_test_bot"), lobby.ID, silent},
		{"a secretary's /status in that group: only the picker", send(secB, lobby, "/status"), lobby.ID, "Nhóm này thuộc đơn vị nào"},
		{"a member pages the picker in the unit's group", func() { h.srv.PressButton(member, group, 1, "gp:0") }, 0, "không còn dùng được"},
		// After removal.
		{"a removed admin types the answer of an open rename", send(member, pm, "Tên do người đã bị gỡ đặt"), member.ID, "không còn quyền"},
		{"a removed admin presses an admin button", func() { h.srv.PressButton(member, pm, 1, "ur:2") }, 0, "không còn dùng được"},
		{"an admin invite made by a removed admin", send(stranger2, telegramtest.PrivateChat(stranger2), "/start "+removedInvite), stranger2.ID, "đã bị thu hồi"},
		{"another bot in private", send(otherBot, telegramtest.PrivateChat(otherBot), "/start"), otherBot.ID, silent},
		// Commands in the wrong place or for someone else.
		{"/units by a secretary", send(secB, pb, "/units"), secB.ID, "không có quyền"},
		{"/campaigns by a stranger", send(stranger2, telegramtest.PrivateChat(stranger2), "/campaigns"), stranger2.ID, "không có quyền"},
		{"/report in a group", send(admin, group, "/report"), group.ID, "chat riêng với bot"},
		{"/register in a group", send(secA, group, "/register"), group.ID, "chat riêng với bot"},
		{"/units@OtherBot in a group", send(admin, group, "/units@OtherBot"), group.ID, silent},
		{"/start@OtherBot in private", send(secB, pb, "/start@OtherBot"), secB.ID, silent},
		{"/help@dvk_test_bot in a group", send(secB, group, "/help@dvk_test_bot"), group.ID, "Trong nhóm, bot chỉ gửi"},
		{"/link by a member", send(member, group, "/link"), group.ID, "không có quyền"},
		{"unknown command with HTML", send(secB, pb, "/x<b>y"), secB.ID, "Bot không có lệnh /x<b>y"},
		{"/start with a script payload", send(stranger2, telegramtest.PrivateChat(stranger2), "/start <script>alert(1)</script>"), stranger2.ID, "không đúng"},
		{"/start with a 70-character payload", send(stranger2, telegramtest.PrivateChat(stranger2), "/start "+strings.Repeat("A", 70)), stranger2.ID, "không đúng"},
		{"/cancel with nothing open", send(secB, pb, "/cancel"), secB.ID, "không có việc nào"},
		// Buttons that are stale, forged or someone else's.
		{"a stranger presses unit detail", press(stranger2, telegramtest.PrivateChat(stranger2), "ud:1"), 0, "không còn dùng được"},
		{"a secretary presses remove-secretary", press(secB, pb, "ux:1:1101"), 0, "không còn dùng được"},
		{"a secretary presses remove-admin", press(secB, pb, "adm:rm:501"), 0, "không còn dùng được"},
		{"someone else's form button", press(secB, pb, "f:zzzz:c:1:0"), 0, "không còn dùng được"},
		{"approve by a secretary", press(secB, pb, "ra:1"), 0, "không còn dùng được"},
		{"evaluate by a secretary", press(secB, pb, "ev:1:cong_nhan"), 0, "không còn dùng được"},
		{"group link button in private", press(secB, pb, "gl:1"), 0, "không còn dùng được"},
		{"another unit's link in a linked group", func() { h.srv.PressButton(secB, group, 1, "gl:2") }, 0, "đã được gắn với Chi bộ thôn Đông"},
		{"empty data", press(secB, pb, ""), 0, "không còn dùng được"},
		{"64 bytes of junk", press(secB, pb, strings.Repeat("\xff", 64)), 0, "không còn dùng được"},
		{"export by a secretary", press(secB, pb, "rx:1"), 0, "không còn dùng được"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			before, sent := h.counts(), len(h.srv.Sent())
			tt.do()
			h.settle()
			var got []string
			for _, s := range h.srv.Sent()[sent:] {
				if tt.chat == 0 || s.ChatID == tt.chat {
					got = append(got, s.Plain+s.Text)
				}
			}
			all := strings.Join(got, " | ")
			switch {
			case tt.reply == silent && len(got) > 0:
				t.Errorf("want silence, got %s", all)
			case tt.reply != silent && !strings.Contains(all, tt.reply):
				t.Errorf("want %q, got %s", tt.reply, all)
			}
			if after := h.counts(); after != before {
				t.Errorf("stored state changed: %+v -> %+v", before, after)
			}
		})
	}
	if n := len(cases); n < 40 {
		t.Errorf("%d cases; the issue asks for at least 40", n)
	}

	// What the form did accept is kept as typed: HTML and NFD are text.
	h.fill(secA, odd.From("name")[:1])
	h.say(secA, "/cancel", "Đã tạm dừng")
	var c store.Conversation
	h.main.store.View(context.Background(), func(tx *store.Tx) error { c, _ = tx.Conversation(secA.ID, secA.ID); return nil })
	if got := c.Answers["name"]; got != "<b>Đường</b> & hoa Nông thôn mới" {
		t.Errorf("name stored as %q", got)
	}
}
