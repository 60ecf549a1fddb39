package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// Nightly backups in one folder copy only the evidence that changed:
// a file an earlier backup holds unchanged is hard-linked from it, and
// each backup still holds every file. Before, every night copied every
// file again.
func TestNightlyBackupsLinkUnchangedEvidence(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	cfg := h.toolConfig()
	dir := t.TempDir()
	backup := func(name, want string) string {
		t.Helper()
		out := filepath.Join(dir, name)
		code, msg := runTool("backup", "-config", cfg, "-out", out)
		if code != 0 || !strings.Contains(msg, want) {
			t.Fatalf("backup %s: exit %d: %s (want %q)", name, code, msg, want)
		}
		return out + ".files"
	}
	kept := func(root string, e store.Evidence) string { return filepath.Join(root, filepath.FromSlash(e.Local)) }
	mon := backup("dvkbot-2026-12-07.db", "3 copied, 0 linked")
	tue := backup("dvkbot-2026-12-08.db", "0 copied, 3 linked")
	for _, e := range g.Results.Evidence {
		a, errA := os.Stat(kept(mon, e))
		b, errB := os.Stat(kept(tue, e))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("%s: not one file in both backups (%v, %v)", e.Local, errA, errB)
		}
	}

	// A kept file rewritten at the same place (results filed again) is
	// copied anew; the earlier backup keeps what it had.
	live := kept(h.path+".files", g.Results.Evidence[0])
	old := readFile(t, live)
	renewed := bytes.ToUpper(old)
	if bytes.Equal(renewed, old) {
		renewed = append(renewed[:len(renewed)-1:len(renewed)-1], old[len(old)-1]^1)
	}
	tmp := live + ".new"
	os.WriteFile(tmp, renewed, 0o600)
	later := time.Now().Add(time.Hour)
	os.Chtimes(tmp, later, later)
	if err := os.Rename(tmp, live); err != nil {
		t.Fatal(err)
	}
	wed := backup("dvkbot-2026-12-09.db", "1 copied, 2 linked")
	if got := readFile(t, kept(wed, g.Results.Evidence[0])); !bytes.Equal(got, renewed) {
		t.Errorf("the rewritten file was not copied anew: %q", got)
	}
	for _, b := range []string{mon, tue} {
		if got := readFile(t, kept(b, g.Results.Evidence[0])); !bytes.Equal(got, old) {
			t.Errorf("an earlier backup's file changed: %q", got)
		}
	}
	// Pruning the older backups leaves the newest whole.
	for _, b := range []string{mon, tue} {
		os.RemoveAll(b)
		os.Remove(strings.TrimSuffix(b, ".files"))
	}
	for _, e := range g.Results.Evidence {
		if _, err := os.Stat(kept(wed, e)); err != nil {
			t.Errorf("after pruning: %v", err)
		}
	}
}

// A full restore as docs/DEPLOY.md says: the database and its .files
// folder from a backup put into a fresh folder; the bot starts there and
// sends a kept evidence file when Telegram no longer knows its id.
func TestRestoreFromABackupResendsKeptEvidence(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	cfg := h.toolConfig()
	backups := t.TempDir()
	first := filepath.Join(backups, "dvkbot-2026-12-07.db")
	if code, msg := runTool("backup", "-config", cfg, "-out", first); code != 0 {
		t.Fatal(msg)
	}
	out := filepath.Join(backups, "dvkbot-2026-12-08.db") // its evidence is linked from the first
	if code, msg := runTool("backup", "-config", cfg, "-out", out); code != 0 {
		t.Fatal(msg)
	}
	os.RemoveAll(first + ".files") // pruned: the second holds every file by itself
	h.main.Close()
	h.main = nil

	// Restore into a fresh folder: the old one is gone with its disk.
	os.RemoveAll(filepath.Dir(h.path))
	h.path = filepath.Join(t.TempDir(), "dvkbot.db")
	copyTree(t, out, h.path)
	copyTree(t, out+".files", h.path+".files")
	want := map[string][]byte{}
	for _, e := range g.Results.Evidence {
		data, _ := h.srv.FileData(e.FileID)
		want[string(data)] = data
		h.srv.ForgetFile(e.FileID) // a new bot, or a new token
	}
	h.start()
	before := len(h.srv.SentTo(admin.ID))
	h.srv.SendPrivate(admin, "/pending")
	h.press(admin, telegramtest.PrivateChat(admin), h.expectNew(admin.ID, g.Number), "Hồ sơ")
	deadline := time.Now().Add(wait)
	for {
		var files int
		for _, s := range h.srv.SentTo(admin.ID)[before:] {
			if s.Method == "sendPhoto" || s.Method == "sendDocument" {
				files++
				data, _ := h.srv.FileData(s.Params[strings.TrimPrefix(strings.ToLower(s.Method), "send")])
				if want[string(data)] == nil {
					t.Fatalf("sent a file that is not a kept one: %q", data)
				}
			}
		}
		if files == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 3 evidence files re-sent from the restored copies", files)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// copyTree copies a file, or a folder and everything in it, keeping
// modification times (cp -a).
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		o, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(o, in); err != nil {
			o.Close()
			return err
		}
		if err := o.Close(); err != nil {
			return err
		}
		return os.Chtimes(dst, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}
