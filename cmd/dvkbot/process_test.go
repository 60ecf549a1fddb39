package main

import (
	"bytes"
	"errors"
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

// A second dvkbot on the same token (its own database, another machine,
// say) is refused every getUpdates with 409 Conflict while the first
// polls. Before, it logged and retried for ever, answering now and then
// in the first one's place; now `dvkbot run` stops with a message naming
// the conflict and a non-zero exit, shutting down in order, and the first
// one carries on.
func TestSecondInstanceOnTheSameTokenStops(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	h := newHarness(t)
	h.say(stranger, "/start", "Xin chào")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[store]\npath = \""+filepath.Join(dir, "other.db")+
		"\"\n[telegram]\npoll_timeout = \"10s\"\nconflict_grace = \"1s\"\n"), 0o600)
	cmd := exec.Command(dvkbotBinary(t), "run", "-config", cfg)
	cmd.Env = append(os.Environ(), "DVKBOT_TOKEN="+h.srv.Token(), "DVKBOT_API_ENDPOINT="+h.srv.Endpoint())
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(2 * time.Minute): // an upper bound, not the expected time
		// Its long polls stay open while the first one polls again a second
		// after each 409, so every poll of the first ends one of its own:
		// with a poll as short as that second, the two would miss each other.
		cmd.Process.Kill()
		<-exited
		t.Fatalf("the second instance kept running\nlogs:\n%s", logs.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitConflict {
		t.Errorf("exit %v, want status %d\nlogs:\n%s", err, exitConflict, logs.String())
	}
	out := logs.String()
	for _, want := range []string{"dvkbot: updates: another instance of the bot is running with the same token",
		"terminated by other getUpdates request", "stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the output:\n%s", want, out)
		}
	}
	if strings.Contains(out, h.srv.Token()) {
		t.Error("the token is in the output")
	}
	h.say(stranger, "/help", "") // the first one still serves
}

// A build without VCS information (the container's: no .git,
// -buildvcs=false) passes the revision in with -ldflags, and `dvkbot
// version` shows it: the exports the national office collects are
// traced to a source revision that way.
func TestVersionShowsTheRevisionPassedToTheBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "dvkbot")
	const rev = "0123abcd-from-ldflags"
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X main.revision="+rev, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), " "+rev+" ") {
		t.Errorf("dvkbot version says %q, want the revision %s", out, rev)
	}
}
