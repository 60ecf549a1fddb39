package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// `dvkbot export` says in Vietnamese what is missing and what to do:
// before, a new deployment got `running bot: campaign "": not found`.
func TestExportSaysWhichCampaignIsMissing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	cfg := h.toolConfig()
	dir := t.TempDir()
	check := func(t *testing.T, want []string, args ...string) {
		t.Helper()
		code, msg := runTool(append([]string{"export", "-config", cfg}, args...)...)
		if code == 0 {
			t.Fatalf("exit 0: %s", msg)
		}
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q not in: %s", w, msg)
			}
		}
		if strings.Contains(msg, "not found") {
			t.Errorf("bare error: %s", msg)
		}
	}
	none := []string{"Chưa có phong trào nào", "/campaigns", "Tạo phong trào mới"}
	closed := []string{"Không có phong trào nào đang mở", "-campaign", "Phong trào 2024"}
	unknown := []string{"Không có phong trào nào có số hoặc tên “Phong trào 2099”", "Phong trào 2024"}
	for _, when := range []string{"running", "stopped"} {
		if when == "stopped" {
			h.main.Close()
			h.main = nil
		}
		t.Run(when+" none yet", func(t *testing.T) {
			check(t, none, "-out", filepath.Join(dir, "a.xlsx"))
			check(t, none, "-evidence", filepath.Join(dir, "a.zip"))
		})
	}
	h.start()
	c := h.campaign("Phong trào 2024", 10)
	c.Closed = true
	h.change(func(tx *store.Tx) error { _, err := tx.PutCampaign(c); return err })
	for _, when := range []string{"running", "stopped"} {
		if when == "stopped" {
			h.main.Close()
			h.main = nil
		}
		t.Run(when+" all closed", func(t *testing.T) {
			check(t, closed, "-out", filepath.Join(dir, "a.xlsx"))
			check(t, closed, "-evidence", filepath.Join(dir, "a.zip"))
		})
		t.Run(when+" unknown name", func(t *testing.T) {
			check(t, unknown, "-out", filepath.Join(dir, "a.xlsx"), "-campaign", "Phong trào 2099")
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
}

// `export -out X -evidence Y` is refused: before, it wrote the zip only
// and exited 0.
func TestExportRefusesOutWithEvidence(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.campaign("Phong trào 2024", 10)
	cfg := h.toolConfig()
	dir := t.TempDir()
	code, msg := runTool("export", "-config", cfg, "-out", filepath.Join(dir, "a.xlsx"), "-evidence", filepath.Join(dir, "a.zip"))
	if code == 0 || !strings.Contains(msg, "-out") || !strings.Contains(msg, "-evidence") {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
}

// -h prints a command's usage and does nothing else: before, `dvkbot
// demo -h` played the whole demo.
func TestEveryCommandPrintsItsUsageOnH(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"run", "demo", "export", "backup", "version", "help"} {
		t.Run(cmd, func(t *testing.T) {
			code, msg := runTool(cmd, "-h")
			if code != 0 || !strings.Contains(msg, "dvkbot "+cmd) || !strings.Contains(strings.ToLower(msg), "usage") {
				t.Errorf("exit %d: %s", code, msg)
			}
			if strings.Contains(msg, "DVKBOT DEMO") {
				t.Error("the demo ran")
			}
		})
	}
}
