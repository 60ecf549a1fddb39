package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// auditCount is how many changes of roles, units and links were recorded.
func (h *harness) auditCount() int {
	h.t.Helper()
	entries, err := h.main.store.AuditPage(context.Background(), 0, 10000)
	if err != nil {
		h.t.Fatal(err)
	}
	return len(entries)
}

// reply sends text as u in chat and returns what the bot sent there
// (messages and button answers), after it settled.
func (h *harness) replies(u telegramtest.User, chat telegramtest.Chat, text string) []telegramtest.Sent {
	h.t.Helper()
	before := len(h.srv.Sent())
	h.srv.SendText(u, chat, text)
	h.settle()
	return h.srv.Sent()[before:]
}

func joined(sent []telegramtest.Sent) string {
	var parts []string
	for _, s := range sent {
		parts = append(parts, s.Method+": "+s.Plain+s.Text)
	}
	return strings.Join(parts, " | ")
}

// staffRole: admin, secretary A and B of the roles below.
func staffRole(i int) bool { return i < 3 }

// Every command by every role in a private chat, in the unit's group, and
// in a group of no unit (where staff are answered only to link it, and
// anyone else hears nothing).
func TestAccessMatrixCommands(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.joinViewer()
	shared := telegramtest.Chat{ID: -100777, Type: "supergroup", Title: "Nhóm chung"}
	h.srv.AddBotToGroup(admin, shared)
	h.settle()
	roles := []struct {
		name string
		user telegramtest.User
	}{{"admin", admin}, {"secretary A", secA}, {"secretary B", secB}, {"member", member}, {"stranger", stranger}, {"viewer", viewer}}
	// want[command][chat][role]; chat 0 = private, 1 = the unit's group.
	const denied, private, quiet, picker = "không có quyền", "chat riêng với bot", "", "Nhóm này thuộc đơn vị nào"
	const answered = "\x00answered" // any reply: what it says depends on the campaigns
	staffOnly := func(ok string) [6]string { return [6]string{ok, ok, ok, denied, denied, denied} }
	adminOnly := func(ok string) [6]string { return [6]string{ok, denied, denied, denied, denied, denied} }
	all := func(ok string) [6]string { return [6]string{ok, ok, ok, ok, ok, ok} }
	readers := func(ok string) [6]string { return [6]string{ok, ok, ok, denied, denied, ok} } // staff and the read-only role
	table := []struct {
		cmd  string
		want [2][6]string
	}{
		{"/start", [2][6]string{all("Xin chào"), all(private)}},
		{"/report", [2][6]string{readers(answered), readers(private)}},
		{"/pending", [2][6]string{adminOnly(answered), adminOnly(private)}},
		{"/campaigns", [2][6]string{adminOnly("Phong trào, đợt thi đua"), adminOnly(private)}},
		{"/register", [2][6]string{{denied, answered, answered, denied, denied, denied}, {denied, private, private, denied, denied, denied}}},
		{"/help", [2][6]string{all("Các lệnh"), all("Trong nhóm, bot chỉ gửi")}},
		{"/menu", [2][6]string{all("Mời đồng chí chọn"), all(private)}},
		{"/language", [2][6]string{all("Chọn ngôn ngữ"), all(private)}},
		{"/cancel", [2][6]string{all("không có việc nào"), all(private)}},
		{"/units", [2][6]string{adminOnly("Đơn vị —"), adminOnly(private)}},
		{"/invite", [2][6]string{adminOnly("cho đơn vị nào"), adminOnly(private)}},
		{"/status", [2][6]string{staffOnly(answered), staffOnly(answered)}},
		{"/link", [2][6]string{staffOnly("trong nhóm Telegram của đơn vị"), staffOnly("đã được gắn với Chi bộ thôn Đông")}},
		{"/xyz", [2][6]string{all("Bot không có lệnh /xyz"), all(quiet)}},
		{"/announce", [2][6]string{adminOnly("Nội dung thông báo"), adminOnly(private)}}, // last: it opens a form
	}
	for _, tt := range table {
		for ci, chatName := range []string{"private", "the unit's group", "a group of no unit"} {
			for ri, role := range roles {
				t.Run(fmt.Sprintf("%s in %s by %s", tt.cmd, chatName, role.name), func(t *testing.T) {
					chat := telegramtest.PrivateChat(role.user)
					var want string
					switch ci {
					case 0, 1:
						want = tt.want[ci][ri]
						if ci == 1 {
							chat = group
						}
					case 2:
						chat, want = shared, quiet
						switch {
						case ri == 1 && tt.cmd != "/xyz": // Chi bộ thôn Đông already has its group
							want = "đã có nhóm"
						case staffRole(ri) && tt.cmd != "/xyz":
							want = picker
						}
					}
					audit := h.auditCount()
					sent := h.replies(role.user, chat, tt.cmd)
					switch {
					case want == answered:
						if len(sent) == 0 {
							t.Error("want a reply, got silence")
						}
					case want == quiet && len(sent) > 0:
						t.Errorf("want silence, got %s", joined(sent))
					case want != quiet && !strings.Contains(joined(sent), want):
						t.Errorf("want %q, got %s", want, joined(sent))
					case ci == 2 && want != quiet && len(sent) != 1:
						t.Errorf("want the link answer only, got %s", joined(sent))
					}
					if h.auditCount() != audit {
						t.Error("a command changed roles, units or links")
					}
				})
			}
		}
	}
}

func TestAccessMatrixButtons(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	unitA := h.unitNamed("Chi bộ thôn Đông")
	a := fmt.Sprint(unitA.ID)
	adminButtons := []string{"ra:1", "rr:1", "ev:1:cong_nhan", "rk:1", "ek:1", "cl", "ca", "pd", "u:0", "ud:" + a, "ua", "ui:" + a, "uk:" + a, "ur:" + a, "uh:" + a, "us:" + a,
		"ux:" + a + ":" + fmt.Sprint(secA.ID), "adm", "adm:inv", "adm:rm:" + fmt.Sprint(admin.ID), "aud:0", "uimp", "imp:x",
		"uv:AAAAAAAAAAAAAAAAAAAAAA"}
	forged := []string{"gl:" + a, "gp:0", "ud:999", "u:-1", "zz", "f:abc:c:0:1", "lang:xx", "ud:" + a + "' OR 1=1"}
	h.joinViewer()
	users := []telegramtest.User{secA, secB, member, stranger, viewer}
	for _, u := range users {
		h.srv.SendPrivate(u, "/start")
		h.expect(u.ID, "Xin chào")
	}
	for _, u := range users {
		for _, data := range append(adminButtons, forged...) {
			t.Run(u.LastName+u.FirstName+" presses "+data, func(t *testing.T) {
				chat := telegramtest.PrivateChat(u)
				msg := h.last(chat.ID)
				audit := h.auditCount()
				before := len(h.srv.Sent())
				h.srv.PressButton(u, chat, msg.MessageID, data)
				h.settle()
				got := joined(h.srv.Sent()[before:])
				if !strings.Contains(got, "không còn dùng được") {
					t.Errorf("want the stale answer, got %s", got)
				}
				if strings.Contains(got, "sendMessage") || strings.Contains(got, "editMessage") {
					t.Errorf("a refused button changed the chat: %s", got)
				}
				if h.auditCount() != audit {
					t.Error("a refused button changed roles, units or links")
				}
			})
		}
	}
	if !h.isSecretary(unitA.ID, secA.ID) {
		t.Error("secretary A lost the role")
	}
}

func (h *harness) isSecretary(unitID uint64, userID int64) bool {
	ok := false
	h.main.store.View(context.Background(), func(tx *store.Tx) error {
		ok = tx.IsSecretary(unitID, userID)
		return nil
	})
	return ok
}
