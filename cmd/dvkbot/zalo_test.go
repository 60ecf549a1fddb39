package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/bot/zalo"
	"github.com/dvkbot/dvkbot/bot/zalo/zalotest"
	"github.com/dvkbot/dvkbot/store"
)

// TestZaloSecretaryRegisters: one deployment runs Telegram and Zalo. The
// office works on Telegram, with buttons; a secretary on Zalo joins by
// typing the invite code, registers a model by typed numbers and text
// through the webhook, and the office receives it on Telegram. Nothing
// sent to Zalo carries Telegram's markup or links. (The welcome still
// asks to add the bot to the unit's Telegram group: group linking on Zalo
// is issue 29 item 6.)
func TestZaloSecretaryRegisters(t *testing.T) {
	t.Parallel()
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	z := zalotest.NewServer()
	t.Cleanup(z.Close)
	h := &harness{t: t, srv: srv, path: t.TempDir() + "/dvkbot.db", logs: &syncBuffer{}, limits: unpaced, zalo: z}
	h.start()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	c := &zalo.Client{Endpoint: z.URL, Token: zalotest.Token}
	if _, err := c.SetWebhook(ctx, "http://"+h.main.webAddr+"/zalo/webhook", "zalo-webhook-secret"); err != nil {
		t.Fatal(err)
	}

	h.importCommune()
	code := h.inviteCode("Chi bộ thôn Đông")
	h.campaign("Phong trào Dân vận khéo 2024", 20)

	sec := zalotest.User{ID: "7a1b2c3d4e5f", Name: "Nguyễn Văn Đông"}
	seen := 0
	// say is the secretary typing text and waiting for the reply with want.
	say := func(text, want string) zalotest.Sent {
		t.Helper()
		if _, code := z.SendPrivate(sec, text); code != 200 {
			t.Fatalf("webhook answered %d to %q", code, text)
		}
		m, n, err := z.Wait(ctx, sec.ID, seen, want)
		if err != nil {
			t.Fatalf("after %q: %v\n%v", text, err, z.Sent(sec.ID))
		}
		seen = n
		return m
	}
	number := func(m zalotest.Sent, label string) string {
		t.Helper()
		got := regexp.MustCompile(`(?m)^(\d+)\. .*` + regexp.QuoteMeta(label)).FindStringSubmatch(m.Text)
		if got == nil {
			t.Fatalf("no numbered %q in %q", label, m.Text)
		}
		return got[1]
	}

	say("/start "+code, "Họ và tên")
	say("Nguyễn Văn Đông", "Đã ghi Họ và tên")
	say("/register", "Tên mô hình là gì")
	kind := say("Tuyến đường hoa nông thôn mới", "tập thể hay cá nhân")
	novelty := say(number(kind, "Tập thể"), "mô hình duy trì")
	say(number(novelty, "Duy trì, nhân rộng"), "Ai thực hiện")
	field := say("Chi bộ thôn Đông", "thuộc lĩnh vực nào")
	say(number(field, "Văn hóa - xã hội"), "")
	say("Thôn Đông, xã Hòa Bình", "Nội dung, cách làm")

	say("Vận động mỗi hộ trồng và chăm sóc hoa trước cổng.", "Chỉ tiêu")
	say("2", "Thời gian thực hiện")
	review := say("01/04/2024 - 30/11/2024", "kiểm tra lại")
	say(number(review, "Gửi đăng ký"), "Đã nộp đăng ký DVK-")

	h.expectNew(admin.ID, "Đăng ký mới")
	if regs := h.registrations(); len(regs) != 1 || regs[0].Status != store.StatusSubmitted {
		t.Fatalf("registrations: %+v", regs)
	}
	for _, m := range z.Sent("") {
		for _, bad := range []string{"t.me/", "<b>", "</", "&lt;", "&amp;"} {
			if strings.Contains(m.Text, bad) {
				t.Errorf("Zalo got %q: %q", bad, m.Text)
			}
		}
	}
}
