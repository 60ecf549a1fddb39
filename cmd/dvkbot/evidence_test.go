package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// submitResults has secA report results with two photos and a PDF, and
// returns the registration once every evidence file has a kept copy.
func (h *harness) submitResults() store.Registration {
	h.t.Helper()
	h.approvedModel(30)
	review := h.fillResults(secA)
	h.press(secA, telegramtest.PrivateChat(secA), review, "Xác nhận")
	h.expectNew(secA.ID, "Đã nộp báo cáo kết quả")
	return h.waitKept(3)
}

// waitKept waits until the first registration's n evidence files are kept.
func (h *harness) waitKept(n int) store.Registration {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		regs := h.registrations()
		if len(regs) > 0 && regs[0].Results != nil {
			kept := 0
			for _, e := range regs[0].Results.Evidence {
				if e.Local != "" {
					kept++
				}
			}
			if kept == n {
				return regs[0]
			}
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("evidence not kept: %+v", regs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Evidence is downloaded when the results come in, kept beside the
// database under the registration's id (never the user's file name), with
// its checksum and size.
func TestEvidenceIsDownloadedAndKept(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	want := []string{"1.jpg", "2.jpg", "3.pdf"}
	for i, e := range g.Results.Evidence {
		data, ok := h.srv.FileData(e.FileID)
		if !ok {
			t.Fatalf("emulator lost %s", e.FileID)
		}
		path := filepath.Join(h.path+".files", filepath.FromSlash(e.Local))
		kept, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(kept, data) {
			t.Errorf("evidence %d: kept %q (%v), sent %q", i+1, kept, err, data)
		}
		sum := sha256.Sum256(data)
		if e.SHA256 != hex.EncodeToString(sum[:]) || e.Stored != int64(len(data)) {
			t.Errorf("evidence %d: checksum %s size %d", i+1, e.SHA256, e.Stored)
		}
		if filepath.Base(path) != want[i] || !strings.Contains(e.Local, "evidence/") {
			t.Errorf("evidence %d kept as %s, want evidence/<registration>/%s", i+1, e.Local, want[i])
		}
	}
}

// A file that will not download is tried again after passing failures,
// and when Telegram refuses it for good the admins are told.
func TestEvidenceThatWillNotDownloadIsReported(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.say(admin, "/start", "Xin chào")
	h.approvedModel(30)
	review := h.fillResults(secA)
	h.srv.FailNext("getFile", 2, 502, "Bad Gateway", 0)
	h.srv.FailNext("getFile", 1, 400, "Bad Request: file is too big", 0)
	h.press(secA, telegramtest.PrivateChat(secA), review, "Xác nhận")
	h.expectNew(admin.ID, "chưa lưu được bản sao")
	if n := h.srv.Calls("getFile"); n < 3 {
		t.Errorf("getFile called %d times: not retried", n)
	}
}

// The kept copies go into dvkbot backup, into dvkbot export -evidence as a
// zip with a folder per unit and model, and into the unit's zip from
// /report.
func TestKeptEvidenceIsBackedUpAndExported(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	cfg := h.toolConfig()
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	if code, msg := runTool("backup", "-config", cfg, "-out", out); code != 0 {
		t.Fatal(msg)
	}
	for _, e := range g.Results.Evidence {
		if _, err := os.Stat(filepath.Join(out+".files", filepath.FromSlash(e.Local))); err != nil {
			t.Errorf("backup lacks %s: %v", e.Local, err)
		}
	}
	zipPath := filepath.Join(dir, "minh-chung.zip")
	if code, msg := runTool("export", "-config", cfg, "-evidence", zipPath); code != 0 {
		t.Fatal(msg)
	}
	names := zipNames(t, readFile(t, zipPath))
	folder := "Chi bộ thôn Đông/" + g.Number + " Tuyến đường hoa/"
	for _, n := range []string{"1.jpg", "2.jpg", "3.pdf"} {
		if !names[folder+n] {
			t.Errorf("zip lacks %s%s: %v", folder, n, names)
		}
	}

	// Another commune's export gets none of it, even naming the campaign.
	h.change(func(tx *store.Tx) error {
		_, err := tx.AddCommune(store.Commune{Name: "Xã Tân Phú", Code: "TANPHU"})
		return err
	})
	other := filepath.Join(dir, "tan-phu.zip")
	code, msg := runTool("export", "-config", cfg, "-evidence", other, "-commune", "tanphu", "-campaign", idStr(g.CampaignID))
	if data, _ := os.ReadFile(other); code == 0 && len(zipNames(t, data)) > 0 {
		t.Errorf("Tân Phú's evidence export holds the home commune's files: %v", zipNames(t, data))
	}
	if code == 0 {
		t.Errorf("Tân Phú's export of the home commune's campaign succeeded: %s", msg)
	}

	pa := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/report Chi bộ thôn Đông")
	h.settle()
	h.press(admin, pa, h.last(admin.ID), "Tải minh chứng")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".zip")
	})
	if err != nil {
		t.Fatal(err)
	}
	if doc.FileName != "minh-chung_chi-bo-thon-dong.zip" {
		t.Errorf("zip named %q", doc.FileName)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	if n := len(zipNames(t, data)); n != 3 {
		t.Errorf("the unit's zip has %d files, want 3", n)
	}
}

// When Telegram no longer knows a file id (another bot, a new token), the
// model's file is sent from the kept copy.
func TestEvidenceIsResentFromTheKeptCopy(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	for _, e := range g.Results.Evidence {
		h.srv.ForgetFile(e.FileID)
	}
	before := len(h.srv.SentTo(admin.ID))
	h.srv.SendPrivate(admin, "/pending")
	h.press(admin, telegramtest.PrivateChat(admin), h.expectNew(admin.ID, g.Number), "Hồ sơ")
	deadline := time.Now().Add(wait)
	for {
		var files int
		for _, s := range h.srv.SentTo(admin.ID)[before:] {
			if s.Method == "sendPhoto" || s.Method == "sendDocument" {
				files++
			}
		}
		if files == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 3 evidence files re-sent from the kept copies", files)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func zipNames(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]bool{}
	for _, f := range zr.File {
		out[f.Name] = true
	}
	return out
}
