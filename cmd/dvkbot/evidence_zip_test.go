package main

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// holdZips restarts the bot so that every evidence zip's build stops as
// it starts, until release (or the bot's shutdown). Each build that
// starts is told on started.
func (h *harness) holdZips() (started <-chan struct{}, release func()) {
	h.t.Helper()
	st, rel := make(chan struct{}, 16), make(chan struct{})
	h.zipStarted = func(ctx context.Context) {
		st <- struct{}{}
		select {
		case <-rel:
		case <-ctx.Done():
		}
	}
	var once sync.Once
	release = func() { once.Do(func() { close(rel) }) }
	h.restart()
	h.t.Cleanup(release) // before the bot's Close: cleanups run last first
	return st, release
}

func waitStarted(t *testing.T, started <-chan struct{}) {
	t.Helper()
	select {
	case <-started:
	case <-time.After(wait):
		t.Fatal("no evidence zip's build started")
	}
}

// pressZip opens the unit's /report and presses "Tải minh chứng".
func (h *harness) pressZip(u telegramtest.User) {
	h.t.Helper()
	h.srv.SendPrivate(u, "/report Chi bộ thôn Đông")
	h.settle()
	h.press(u, telegramtest.PrivateChat(u), h.last(u.ID), "Tải minh chứng")
}

// zipsSent is every zip the bot sent to chat so far.
func (h *harness) zipsSent(chatID int64) []telegramtest.Sent {
	var out []telegramtest.Sent
	for _, s := range h.srv.SentTo(chatID) {
		if s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".zip") {
			out = append(out, s)
		}
	}
	return out
}

// waitZips waits until n zips were sent to chat.
func (h *harness) waitZips(chatID int64, n int) []telegramtest.Sent {
	h.t.Helper()
	_, err := h.srv.WaitFor(wait, func(telegramtest.Sent) bool { return len(h.zipsSent(chatID)) >= n })
	if err != nil {
		h.t.Fatalf("waiting for %d zips: %v (sent %d)", n, err, len(h.zipsSent(chatID)))
	}
	h.settle()
	return h.zipsSent(chatID)
}

// The unit's zip is built outside any transaction: while it is being
// built, another person is answered at once.
func TestEvidenceZipIsBuiltWhileOthersAreServed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	started, release := h.holdZips()
	h.onboard()
	h.submitResults()
	h.pressZip(admin)
	waitStarted(t, started)
	h.expectNew(admin.ID, "Đang chuẩn bị tệp minh chứng")

	h.srv.SendPrivate(secA, "/help")
	h.expectNew(secA.ID, "Các lệnh đồng chí dùng được")

	release()
	zips := h.waitZips(admin.ID, 1)
	data, _ := h.srv.FileData(zips[0].Params["document"])
	if n := len(zipNames(t, data)); n != 3 {
		t.Errorf("the unit's zip has %d files, want 3", n)
	}
}

// One zip at a time per commune: a second press while one is being built
// says it is on its way, another admin's press that one is being
// prepared, and once it is sent a press builds a new one.
func TestEvidenceZipSecondPressSaysOnItsWay(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	other := telegramtest.User{ID: 502, FirstName: "Lan", LastName: "Trần"}
	h.admins = []int64{admin.ID, other.ID}
	started, release := h.holdZips()
	h.onboard()
	h.submitResults()
	h.pressZip(admin)
	waitStarted(t, started)
	h.pressZip(admin)
	h.expectNew(admin.ID, "đang được chuẩn bị")
	h.pressZip(other)
	h.expectNew(other.ID, "mỗi lúc bot chỉ chuẩn bị một tệp")
	release()
	h.waitZips(admin.ID, 1)
	if n := len(h.zipsSent(admin.ID)); n != 1 {
		t.Fatalf("%d zips sent for two presses during one build, want 1", n)
	}
	h.pressZip(admin)
	h.waitZips(admin.ID, 2)
}

// A restart in the middle of a build leaves no job marked running for
// ever: the zip is built and sent once after the restart, and nothing of
// the cut build is left beside the database.
func TestEvidenceZipSurvivesARestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	started, release := h.holdZips()
	h.onboard()
	h.submitResults()
	h.pressZip(admin)
	waitStarted(t, started)
	// What a crash in the middle of a build would leave: a part of the
	// job's (the first job's id is 1), not sent and in no outbox entry.
	if err := os.WriteFile(filepath.Join(h.path+".files", "minh-chung-1-7.zip"), []byte("cut"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.restart() // the held build is stopped with the bot
	waitStarted(t, started)
	release()
	h.waitZips(admin.ID, 1)
	h.pressZip(admin) // not "on its way": the job ended with its zip
	if n := len(h.waitZips(admin.ID, 2)); n != 2 {
		t.Errorf("%d zips after a second press, want 2", n)
	}
	if left, _ := filepath.Glob(filepath.Join(h.path+".files", "*.zip")); len(left) != 0 {
		t.Errorf("zips left beside the database once sent: %v", left)
	}
}

// Above the upload limit the evidence goes in several zips, each under
// it; a file that fits in no zip is refused, naming the command that
// exports everything.
func TestEvidenceZipIsSplitUnderTheLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.zipLimit = 700 // each of the three files' entries takes about 200 bytes
	h.restart()
	h.onboard()
	g := h.submitResults()
	h.pressZip(admin)
	zips := h.waitZips(admin.ID, 2)
	names := map[string]bool{}
	for _, z := range zips {
		data, _ := h.srv.FileData(z.Params["document"])
		if len(data) > 700 {
			t.Errorf("%s is %d bytes, over the limit of 700", z.FileName, len(data))
		}
		if !strings.Contains(z.Plain, "phần") {
			t.Errorf("caption of a part does not say so: %q", z.Plain)
		}
		for n := range zipNames(t, data) {
			names[n] = true
		}
	}
	if len(names) != 3 {
		t.Errorf("the parts hold %d files, want 3: %v", len(names), names)
	}

	// A kept copy bigger than the limit fits in no zip.
	big := make([]byte, 2000)
	rand.Read(big)
	if err := os.WriteFile(filepath.Join(h.path+".files", filepath.FromSlash(g.Results.Evidence[2].Local)), big, 0o600); err != nil {
		t.Fatal(err)
	}
	before := len(h.zipsSent(admin.ID))
	h.pressZip(admin)
	h.expectNew(admin.ID, "dvkbot export -evidence")
	if n := len(h.zipsSent(admin.ID)); n != before {
		t.Errorf("%d zips sent with a file over the limit", n-before)
	}
}
