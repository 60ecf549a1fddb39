package main

import (
	"context"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// damageRegistration overwrites a registration record with bytes that do
// not decode, with the bot stopped: a store whose reads of it fail. It
// returns a func that puts the record back.
func (h *harness) damageRegistration(id uint64) (restore func()) {
	h.t.Helper()
	h.main.Close()
	db, err := bolt.Open(h.path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		h.t.Fatal(err)
	}
	key := make([]byte, 8)
	binary.BigEndian.PutUint64(key, id)
	var good []byte
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("registrations"))
		good = append([]byte(nil), b.Get(key)...)
		return b.Put(key, []byte("{not json"))
	})
	db.Close()
	if err != nil || good == nil {
		h.t.Fatalf("damage registration %d: %v", id, err)
	}
	h.start()
	return func() {
		h.main.store.Update(context.Background(), func(tx *store.Tx) error { return nil })
		h.main.Close()
		db, err := bolt.Open(h.path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			h.t.Fatal(err)
		}
		db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("registrations")).Put(key, good) })
		db.Close()
		h.start()
	}
}

// A read that fails inside the reminder job marks nothing as sent: before,
// a failed read of a unit's registrations looked like "nothing owed", and
// the reminder was marked sent without being sent.
func TestReminderJobThatCannotReadMarksNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", false) // approved, results owed
	g := h.registrations()[0]
	h.clock.set(time.Date(2024, 9, 1, 8, 30, 0, 0, ict)) // 3 days before the last day for results (04/09)
	restore := h.damageRegistration(g.ID)
	h.main.sched.RunNow("reminders") // the job's error is logged by the scheduler
	h.settle()
	for _, s := range h.srv.SentTo(group.ID) {
		if strings.Contains(s.Plain, "Nhắc hạn báo cáo") {
			t.Fatalf("a reminder went out from a failed read: %q", s.Plain)
		}
	}
	key := store.ReminderKey(c.ID, g.UnitID, "results", c.ResultsDeadline, 3)
	var marked bool
	h.main.store.View(context.Background(), func(tx *store.Tx) error { marked = tx.ReminderSent(key); return nil })
	if marked {
		t.Fatal("the reminder was marked sent though the job failed")
	}
	// Two runs failed (the one at start, the one above): one line each.
	if n := strings.Count(h.logs.String(), "remind: "); n != 2 {
		t.Errorf("the failed job is logged %d times, want once per run (2):\n%s", n, h.logs.String())
	}

	h.main.sched.RunNow("digest") // the digest reads the same records: it fails too, marking nothing
	h.settle()
	for _, s := range h.srv.SentTo(admin.ID) {
		if strings.Contains(s.Plain, "Tổng hợp hằng tuần") {
			t.Fatalf("a digest went out from a failed read: %q", s.Plain)
		}
	}

	restore() // the read works again: the reminder goes out, once
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	h.expectNew(group.ID, "Nhắc hạn báo cáo")
}

// A display whose read fails says so rather than showing less: before, a
// failed read of the unit's registrations showed "0 models, 2 missing".
func TestModelListThatCannotReadApologises(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", false)
	restore := h.damageRegistration(h.registrations()[0].ID)
	pc := telegramtest.PrivateChat(secA)
	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "Mô hình của đơn vị")
	h.expectWhere(secA.ID, "Xin lỗi, bot gặp lỗi", func(telegramtest.Sent) bool { return true })
	h.srv.SendPrivate(secA, "/status")
	h.expectNew(secA.ID, "Xin lỗi, bot gặp lỗi")
	h.settle()
	for _, s := range h.srv.SentTo(secA.ID) {
		if strings.Contains(s.Plain, "Đã đăng ký") {
			t.Fatalf("a model list went out from a failed read: %q", s.Plain)
		}
	}
	restore()
	h.srv.SendPrivate(secA, "/status")
	h.expectNew(secA.ID, "Đã đăng ký 1 mô hình")
}
