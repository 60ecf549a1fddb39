package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// zaloLike is a messenger like Zalo's Bot Platform: no buttons, no
// edits, no documents, no command menu, 2,000 characters.
var zaloLike = messenger.Capabilities{TextLimit: 2000, Units: messenger.Runes}

// newPlainHarness is the real program over the emulator, rendering for
// a messenger without buttons or edits.
func newPlainHarness(t *testing.T) *harness {
	t.Helper()
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	h := &harness{t: t, srv: srv, path: filepath.Join(t.TempDir(), "dvkbot.db"), logs: &syncBuffer{}, limits: unpaced,
		messenger: &zaloLike}
	h.start()
	return h
}

// choose types the number m lists for the choice whose label contains
// label, as a person without buttons answers, and waits until it is
// handled.
func (h *harness) choose(u telegramtest.User, m telegramtest.Sent, label string) {
	h.t.Helper()
	n := h.numberIn(m, label)
	h.srv.SendPrivate(u, n)
	h.settle()
}

// typedChoice is what a person without buttons types for the choice
// labelled label in m: its number, or (a "• Bỏ qua" of a typed step) the
// label itself.
func (h *harness) typedChoice(m telegramtest.Sent, label string) string {
	re := regexp.MustCompile(`(?m)^(\d+)\. .*` + regexp.QuoteMeta(label))
	if got := re.FindStringSubmatch(m.Plain); got != nil {
		return got[1]
	}
	return label
}

func (h *harness) numberIn(m telegramtest.Sent, label string) string {
	h.t.Helper()
	re := regexp.MustCompile(`(?m)^(\d+)\. .*` + regexp.QuoteMeta(label))
	got := re.FindStringSubmatch(m.Plain)
	if got == nil {
		h.t.Fatalf("no numbered %q in %q", label, m.Plain)
	}
	return got[1]
}

// choices reads the list kept for user in chat.
func (h *harness) choices(chat, user int64) (store.Choices, error) {
	var c store.Choices
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		c, err = tx.Choices(chat, user)
		return err
	})
	return c, err
}

func (h *harness) putChoices(c store.Choices) {
	h.t.Helper()
	if err := h.main.store.Update(context.Background(), func(tx *store.Tx) error { return tx.PutChoices(c) }); err != nil {
		h.t.Fatal(err)
	}
}

// TestRegistrationByTypingOnly: with a messenger that has no buttons and
// no edits, the office sets up, a secretary joins and registers a model,
// and the office receives it, all by typing text and numbers; nothing
// the bot sends carries a button or edits a message.
func TestRegistrationByTypingOnly(t *testing.T) {
	t.Parallel()
	h := newPlainHarness(t)
	pa := telegramtest.PrivateChat(admin)

	// The office imports its units and invites a secretary.
	data, err := os.ReadFile("../../testdata/units/commune.csv")
	if err != nil {
		t.Fatal(err)
	}
	h.srv.SendDocument(admin, pa, "danh-sach-don-vi.csv", "text/csv", data, "")
	h.choose(admin, h.expect(admin.ID, "Xem trước"), "Nhập 19")
	h.expect(admin.ID, "Đã nhập 19 đơn vị mới")
	h.srv.SendPrivate(admin, "/invite")
	h.choose(admin, h.expect(admin.ID, "Mời người phụ trách cho đơn vị nào"), "Chi bộ thôn Đông")
	link := linkRE.FindStringSubmatch(h.expect(admin.ID, "Link mời người phụ trách").Plain)
	if link == nil {
		t.Fatal("no invite link")
	}
	h.srv.SendPrivate(secA, "/start "+link[1])
	h.expect(secA.ID, "Chào mừng")
	name := h.expect(secA.ID, "Họ và tên")
	if !strings.Contains(name.Plain, "Gõ câu trả lời") {
		t.Errorf("a typed question does not say to type: %q", name.Plain)
	}
	h.say(secA, "Nguyễn Văn Đông", "Đã ghi Họ và tên")
	h.campaign("Phong trào Dân vận khéo 2024", 20)

	// The secretary registers a model, by the registration's script:
	// each press typed as its number; a number at a typed step (the
	// targets: "2") is the answer, not a choice.
	model := formscript.Realistic("Tuyến đường hoa nông thôn mới")
	model.Novelty, model.Field, model.Targets, model.Period = "Duy trì, nhân rộng", "Văn hóa - xã hội", "2", "01/04/2024 - 30/11/2024"
	model.Content = "Vận động mỗi hộ trồng và chăm sóc hoa trước cổng." // the office's notice in one message, its list under it
	steps := model.Steps()
	for i := range steps {
		steps[i].Next = strings.TrimSuffix(steps[i].Next, "Đã nộp đăng ký") + map[bool]string{true: "Đã nộp đăng ký DVK-"}[steps[i].Key == formscript.Submit]
	}
	h.fillWith(secA, steps, map[string]func(){"novelty": func() {
		if novelty := h.last(secA.ID); !strings.Contains(novelty.Plain, "Tập thể") {
			t.Errorf("the choice is not recorded with the next question: %q", novelty.Plain)
		}
	}})
	notice := h.expectNew(admin.ID, "Đăng ký mới")
	g := h.registrations()[0]
	if g.Status != store.StatusSubmitted || g.Model.Field != "van_hoa_xa_hoi" || g.Model.Kind != "tap_the" || g.Model.Targets != "2" {
		t.Fatalf("stored %+v", g)
	}

	// Hostile: another person typing the office's number, with a list
	// of their own or a forged one, receives nothing.
	approve := h.numberIn(notice, "Tiếp nhận")
	before := len(h.srv.Sent())
	h.srv.SendPrivate(secA, approve)
	h.settle()
	forged := store.Choices{ChatID: secA.ID, UserID: secA.ID, Options: []store.Choice{{Number: 1, Label: "✅ Tiếp nhận", Data: "ra:" + idStr(g.ID)}}}
	if kept, err := h.choices(admin.ID, admin.ID); err == nil {
		forged.Options = kept.Options // the office's very list, as if it were the secretary's
	}
	h.putChoices(forged)
	h.srv.SendPrivate(secA, approve)
	h.expect(secA.ID, "Lựa chọn này không còn dùng được")
	if g := h.registrations()[0]; g.Status != store.StatusSubmitted {
		t.Fatalf("a secretary's typed number changed the registration: %+v", g)
	}
	if got := joined(h.srv.Sent()[before:]); strings.Contains(got, "tiếp nhận") {
		t.Errorf("the office was bypassed: %s", got)
	}

	// The office receives it by typing the number.
	var stale store.Choices
	stale, err = h.choices(admin.ID, admin.ID)
	if err != nil {
		t.Fatalf("no list kept for the office: %v", err)
	}
	h.choose(admin, notice, "Tiếp nhận")
	h.expect(admin.ID, "Đã tiếp nhận đăng ký")
	h.expectNew(secA.ID, "Văn phòng Đảng ủy đã tiếp nhận đăng ký")
	g = h.registrations()[0]
	if g.Status != store.StatusApproved {
		t.Fatalf("after the typed number %+v", g)
	}

	// Hostile: the same number typed again against the old list, kept
	// back as if it were current, is stale.
	history := len(g.History)
	h.putChoices(stale)
	h.srv.SendPrivate(admin, approve)
	h.expect(admin.ID, "không còn chờ tiếp nhận")
	if g := h.registrations()[0]; g.Status != store.StatusApproved || len(g.History) != history {
		t.Errorf("a stale number changed the registration: %+v", g)
	}

	h.settle()
	for _, s := range h.srv.Sent() {
		if len(s.Buttons) > 0 || strings.HasPrefix(s.Method, "edit") || s.Method == "answerCallbackQuery" || s.Method == "setMyCommands" {
			t.Errorf("%s to %d carries what the messenger cannot show: %q %v", s.Method, s.ChatID, s.Plain, s.Buttons)
		}
	}
}
