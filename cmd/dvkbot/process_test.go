package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// TestBinaryAnswersAndStopsCleanlyOnSIGTERM runs the real dvkbot binary
// as its own process against the emulator.
func TestBinaryAnswersAndStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := dvkbotBinary(t)
	srv := telegramtest.NewServer()
	defer srv.Close()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[store]\npath = \""+filepath.Join(dir, "bot.db")+"\"\n[telegram]\npoll_timeout = \"30s\"\n"), 0o600)
	cmd := exec.Command(bin, "run", "-config", cfg)
	cmd.Env = append(os.Environ(), "DVKBOT_TOKEN="+srv.Token(), "DVKBOT_API_ENDPOINT="+srv.Endpoint())
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	srv.SendPrivate(stranger, "/start")
	if _, err := srv.WaitText(10*time.Second, stranger.ID, "Xin chào"); err != nil {
		cmd.Process.Kill()
		t.Fatalf("%v\nlogs:\n%s", err, logs.String())
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM) // while a 30 s long poll is open
	err := cmd.Wait()
	if err != nil {
		t.Errorf("exit after SIGTERM: %v\nlogs:\n%s", err, logs.String())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v to stop: the long poll was not cut", took)
	}
	if strings.Contains(logs.String(), srv.Token()) {
		t.Error("the token is in the logs")
	}
	if !strings.Contains(logs.String(), "stopped") {
		t.Errorf("no clean stop in the logs:\n%s", logs.String())
	}
}
