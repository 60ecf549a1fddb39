package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

func (h *harness) toolConfig() string {
	h.t.Helper()
	cfgPath := filepath.Join(h.t.TempDir(), "config.toml")
	if err := os.WriteFile(cfgPath, []byte("[store]\npath = \""+h.path+"\"\n"), 0o600); err != nil {
		h.t.Fatal(err)
	}
	return cfgPath
}

func runTool(args ...string) (int, string) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String() + stderr.String()
}

func (h *harness) unitCount(path string) int {
	h.t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		h.t.Fatalf("open %s: %v", path, err)
	}
	defer st.Close()
	n := 0
	st.View(context.Background(), func(tx *store.Tx) error {
		units, err := tx.Units(false)
		n = len(units)
		return err
	})
	return n
}

// `dvkbot backup -out` naming the bot's own files is refused, whether the
// bot runs or not: before, it truncated the live database.
func TestBackupRefusesTheBotsOwnFiles(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	cfg := h.toolConfig()
	link := filepath.Join(t.TempDir(), "link.db")
	os.Symlink(h.path, link)
	for _, when := range []string{"running", "stopped"} {
		for _, out := range []string{h.path, link, h.path + ".sock", cfg} {
			t.Run(when+" "+filepath.Base(out), func(t *testing.T) {
				if when == "stopped" && h.main != nil {
					h.main.Close()
					h.main = nil
				}
				code, msg := runTool("backup", "-config", cfg, "-out", out)
				if code == 0 || !strings.Contains(msg, "của bot") {
					t.Fatalf("exit %d: %s", code, msg)
				}
				if when == "stopped" {
					if n := h.unitCount(h.path); n != 19 {
						t.Errorf("the database has %d units after the refused backup", n)
					}
				}
			})
		}
	}
	h.main = nil // closed above
	h.start()
	h.srv.SendPrivate(admin, "/units")
	h.expectNew(admin.ID, "19 đơn vị")
}

// A backup that fails leaves the previous copy as it was.
func TestFailedBackupKeepsThePreviousCopy(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	cfg := h.toolConfig()
	out := filepath.Join(t.TempDir(), "copy.db")
	if code, msg := runTool("backup", "-config", cfg, "-out", out); code != 0 {
		t.Fatalf("first backup: %s", msg)
	}
	good, _ := os.ReadFile(out)
	h.main.Close()
	h.main = nil
	os.Rename(h.path, h.path+".away") // the database is not there: the backup fails
	if code, _ := runTool("backup", "-config", cfg, "-out", out); code == 0 {
		t.Fatal("a backup of a missing database succeeded")
	}
	if _, err := os.Stat(h.path); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the failed backup created an empty database")
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(after, good) {
		t.Error("the failed backup changed the previous copy")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// The control socket starts before Telegram is reached: the nightly
// backup works while Telegram is unreachable.
func TestBackupWhileTelegramIsUnreachable(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.main.Close()
	h.main = nil
	h.srv.SetDown(true)
	m := NewMain(h.config(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	m.HTTPClient = h.srv.Client()
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- m.Run(ctx) }() // blocks retrying getMe
	t.Cleanup(func() { cancel(); <-runErr; m.Close() })
	out := filepath.Join(t.TempDir(), "copy.db")
	cfg := h.toolConfig()
	deadline := time.Now().Add(wait)
	for {
		code, msg := runTool("backup", "-config", cfg, "-out", out)
		if code == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no backup while Telegram is down: %s", msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := h.unitCount(out); n != 19 {
		t.Errorf("copy has %d units", n)
	}
}

// A client that asks for a backup and never reads holds no transaction:
// the bot goes on committing, also writes that make the file grow (bbolt
// remaps the file then, which waits for every read transaction).
func TestStalledBackupClientDoesNotFreezeTheBot(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.bulk(0, 8) // larger than what a socket buffers
	conn, err := net.Dial("unix", h.path+".sock")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("GET /backup HTTP/1.1\r\nHost: dvkbot\r\n\r\n")) // and never read
	time.Sleep(200 * time.Millisecond)                                 // let the bot start answering
	done := make(chan struct{})
	go func() { defer close(done); h.bulk(8, 24) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a write that grows the file waits for the stalled backup client")
	}
	h.srv.SendPrivate(admin, "/units")
	h.expectNew(admin.ID, "Đơn vị —")
}

// bulk stores forms of 1 MB each for made-up users from..to, to make the
// database large.
func (h *harness) bulk(from, to int) {
	big := strings.Repeat("x", 1<<20)
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		for i := from; i < to; i++ {
			c := store.Conversation{ChatID: int64(900000 + i), UserID: int64(900000 + i), Form: "unit_add",
				Answers: map[string]string{"name": big}}
			if err := tx.PutConversation(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Error(err)
	}
}

// Copies in chat leave out what waits to be sent, so they do not nest and
// the database does not grow with them; one copy at a time per admin.
func TestChatBackupsDoNotNest(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.chatBackups = true
	h.restart()
	h.importCommune()
	last := 0
	for i := 0; i < 6; i++ {
		h.srv.SendPrivate(admin, "/backup")
		doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
			return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".db") && s.Seq > last
		})
		if err != nil {
			t.Fatal(err)
		}
		last = doc.Seq
		data, _ := h.srv.FileData(doc.Params["document"])
		copyPath := filepath.Join(t.TempDir(), "copy.db")
		os.WriteFile(copyPath, data, 0o600)
		if n := h.unitCount(copyPath); n != 19 {
			t.Fatalf("copy %d has %d units", i+1, n)
		}
		if len(data) > 1<<20 {
			t.Errorf("copy %d is %d bytes: earlier copies nest in it", i+1, len(data))
		}
		h.settle()
	}
	if st, _ := os.Stat(h.path); st.Size() > 4<<20 {
		t.Errorf("the database grew to %d bytes with six copies", st.Size())
	}
	h.waitEmptyDir(h.path + ".files") // removed right after the delivery is recorded

	h.srv.FailNext("sendDocument", 3, 502, "Bad Gateway", 0) // the next copy is slow to go
	h.srv.SendPrivate(admin, "/backup")
	h.srv.SendPrivate(admin, "/backup")
	h.expect(admin.ID, "đang được gửi")
}

// waitEmptyDir waits until dir exists and is empty: files the sender
// removes once their delivery is recorded.
func (h *harness) waitEmptyDir(dir string) {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		entries, err := os.ReadDir(dir)
		if err == nil && len(entries) == 0 {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("%s: %v (%v): sent files left behind", dir, entries, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
