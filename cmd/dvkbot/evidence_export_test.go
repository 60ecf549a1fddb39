package main

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// dvkbot export -evidence through the running bot streams the zip: the
// bot allocates far less than the evidence it sends (the test process
// runs the bot and the command, so both are counted).
func TestEvidenceExportThroughTheBotStreams(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	const each = 8 << 20
	for _, e := range g.Results.Evidence {
		data := make([]byte, each) // random: deflate cannot shrink it
		rand.Read(data)
		if err := os.WriteFile(filepath.Join(h.path+".files", filepath.FromSlash(e.Local)), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	total := uint64(len(g.Results.Evidence) * each)
	cfg := h.toolConfig()
	out := filepath.Join(t.TempDir(), "minh-chung.zip")

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code, msg := runTool("export", "-config", cfg, "-evidence", out)
	runtime.ReadMemStats(&after)
	if code != 0 {
		t.Fatal(msg)
	}
	if st, err := os.Stat(out); err != nil || uint64(st.Size()) < total {
		t.Fatalf("zip of %d bytes of evidence: %v, %v", total, st, err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > total/4 {
		t.Errorf("exporting %d MiB of evidence allocated %d MiB; want under a quarter", total>>20, grown>>20)
	} else {
		t.Logf("exporting %d MiB of evidence allocated %.1f MiB", total>>20, float64(grown)/(1<<20))
	}
}

// A kept copy that cannot be read once the streamed zip has begun breaks
// the export off: the command fails and leaves no cut zip behind.
func TestEvidenceExportBrokenOffLeavesNoZip(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	last := filepath.Join(h.path+".files", filepath.FromSlash(g.Results.Evidence[2].Local))
	if err := os.Remove(last); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(last, 0o700); err != nil { // opens, but reads fail
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "minh-chung.zip")
	if code, msg := runTool("export", "-config", h.toolConfig(), "-evidence", out); code == 0 {
		t.Fatalf("export with an unreadable kept copy succeeded: %s", msg)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a cut zip was left at %s: %v", out, err)
	}
	if !strings.Contains(h.logs.String(), "broken off") {
		t.Errorf("the bot's log does not say why the export was broken off")
	}
}
