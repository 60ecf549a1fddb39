package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// crashSecretaries each register crashModels models while the bot is
// killed with SIGKILL again and again.
const (
	crashSecretaries = 8
	crashModels      = 2
	crashKills       = 20
)

// TestCrashSafetyUnderSIGKILL runs the real binary as its own process
// against the emulator, drives several secretaries through the
// registration form at once, and kills the bot at random moments, starting
// it again each time. Every answer the bot acknowledged must be kept, the
// registration numbers must run without gaps or repeats, and every queued
// message must arrive (repeats only in the moment between Telegram's
// acceptance and the outbox delete, counted and reported).
func TestCrashSafetyUnderSIGKILL(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the binary for a while")
	}
	dir := t.TempDir()
	srv := telegramtest.NewServer()
	defer srv.Close()
	dbPath := filepath.Join(dir, "crash.db")
	secs := seedSecretaries(t, dbPath, crashSecretaries)
	in := newInboxes(srv)
	p := newProcess(t, srv, dbPath, fmt.Sprintf("[bot]\nadmins = [%d]\n", admin.ID))
	p.start()
	defer p.stop()
	srv.SendPrivate(admin, "/start") // so that the admins' notices can be delivered

	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, u := range secs {
		wg.Add(1)
		go func() { defer wg.Done(); driveSecretary(t, srv, in, u) }()
	}
	go func() { wg.Wait(); close(done) }()

	kills := 0
	for kills < crashKills {
		time.Sleep(time.Duration(200+rand.IntN(500)) * time.Millisecond)
		p.kill()
		kills++
		p.start()
	}
	select {
	case <-done:
	case <-time.After(4 * time.Minute):
		t.Fatal("the secretaries did not finish")
	}
	p.stop() // a clean stop after the last answers were sent
	// What was still queued is delivered by the next run: start once more
	// and wait until the outbox is empty (an outcome, not a time).
	p.start()
	p.waitOutboxEmpty(dbPath + ".sock")
	p.stop()
	checkCrashDB(t, dbPath, srv, secs)
	t.Logf("%d SIGKILLs", kills)
}

// waitOutboxEmpty asks the running binary, through its control socket,
// until nothing waits to be sent.
func (p *process) waitOutboxEmpty(sock string) {
	p.waitOutbox(sock, 3*time.Minute, 100*time.Millisecond)
}

// waitOutbox is waitOutboxEmpty within d, asking every so often.
func (p *process) waitOutbox(sock string, d, every time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for {
		body, err := askRunningBotFor(context.Background(), sock, "/outbox")
		if err == nil {
			var q, f int
			_, err = fmt.Fscanf(body, "queued %d failed %d", &q, &f)
			body.Close()
			if err == nil && q == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the outbox did not empty in %v: %v\n%s", d, err, p.logs.String())
		}
		time.Sleep(every)
	}
}

// process is the dvkbot binary running as a child process.
type process struct {
	t        testing.TB
	bin, cfg string
	srv      *telegramtest.Server
	cmd      *exec.Cmd
	env      []string // added to this process's environment
	logs     bytes.Buffer
}

// newProcess writes the binary's config for the database at dbPath, the
// emulator's endpoint and a short long poll, plus extra TOML.
func newProcess(t testing.TB, srv *telegramtest.Server, dbPath, extra string) *process {
	t.Helper()
	cfg := filepath.Join(filepath.Dir(dbPath), "config.toml")
	base := fmt.Sprintf("[store]\npath = %q\n[telegram]\npoll_timeout = \"2s\"\n", dbPath)
	if err := os.WriteFile(cfg, []byte(base+extra), 0o600); err != nil {
		t.Fatal(err)
	}
	return &process{t: t, bin: dvkbotBinary(t), cfg: cfg, srv: srv}
}

func (p *process) start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, "run", "-config", p.cfg)
	p.cmd.Env = append(append(os.Environ(), p.env...), "DVKBOT_TOKEN="+p.srv.Token(), "DVKBOT_API_ENDPOINT="+p.srv.Endpoint())
	p.cmd.Stderr = &p.logs
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
}

func (p *process) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
}

func (p *process) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
}

// seedSecretaries prepares n units, each with a secretary, and an open
// campaign.
func seedSecretaries(t testing.TB, path string, n int) []telegramtest.User {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var secs []telegramtest.User
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.PutCampaign(store.Campaign{Name: "Đợt thử", MinModels: 1, RegDeadline: "2099-04-07",
			ResultsDeadline: "2099-09-05", EndDate: "2099-12-15"}); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			u, err := tx.AddUnit(store.Unit{Name: fmt.Sprintf("Chi bộ thôn %d", i+1), Kind: "chi_bo_thon"})
			if err != nil {
				return err
			}
			user := telegramtest.User{ID: int64(5000 + i), FirstName: fmt.Sprintf("Bí thư %d", i+1)}
			if _, err := tx.SeeUser(store.Profile{ID: user.ID, FirstName: user.FirstName}); err != nil {
				return err
			}
			if err := tx.AddSecretary(u.ID, user.ID, 0); err != nil {
				return err
			}
			secs = append(secs, user)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return secs
}

// driveSecretary registers crashModels models, each by the registration's
// script (formscript.Realistic, as the load benchmark's secretaries do),
// waiting for the bot's next question before going on. A message the bot
// repeats after a kill is passed over.
func driveSecretary(t *testing.T, srv *telegramtest.Server, in *inboxes, u telegramtest.User) {
	p := &person{srv: srv, in: in, u: u}
	for m := 0; m < crashModels; m++ {
		name := fmt.Sprintf("Mô hình %d của %s", m+1, u.FirstName)
		if _, err := p.fill(formscript.Realistic(name).Steps(), 90*time.Second); err != nil {
			t.Errorf("%s, model %d: %v", u.FirstName, m+1, err)
			return
		}
	}
}

// checkCrashDB verifies what the run left in the database and in the chats.
func checkCrashDB(t *testing.T, path string, srv *telegramtest.Server, secs []telegramtest.User) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var regs []store.Registration
	st.View(context.Background(), func(tx *store.Tx) error { regs, _ = tx.Registrations(0); return nil })
	want := crashSecretaries * crashModels
	if len(regs) != want {
		t.Errorf("%d registrations stored, want %d", len(regs), want)
	}
	numbers := map[string]bool{}
	for _, g := range regs {
		numbers[g.Number] = true
		if g.Model.Name == "" || g.Model.From != "2099-04-01" {
			t.Errorf("registration %s lost answers: %+v", g.Number, g.Model)
		}
	}
	for n := 1; n <= want; n++ {
		if !numbers[fmt.Sprintf("DVK-2099-%03d", n)] {
			t.Errorf("registration number DVK-2099-%03d is missing (skipped or repeated)", n)
		}
	}
	if q, _ := st.Queued(context.Background(), 10); len(q) != 0 {
		t.Errorf("%d messages still queued after the last run emptied the outbox", len(q))
	}
	// A button's spinner answer may come too late for Telegram ("query is
	// too old") after a kill; a message may not be given up.
	failed, _ := st.FailedSends(context.Background(), 1000)
	for _, f := range failed {
		if f.Kind != store.KindAnswer {
			t.Errorf("a message was given up: %+v", f)
		}
	}
	dups := 0
	for _, u := range secs {
		got := map[string]int{}
		for _, s := range srv.SentTo(u.ID) {
			if strings.Contains(s.Plain, "Đã nộp đăng ký") {
				got[s.Plain]++
			}
		}
		if len(got) != crashModels {
			t.Errorf("%s was told of %d submitted registrations, want %d", u.FirstName, len(got), crashModels)
		}
		for _, n := range got {
			dups += n - 1
		}
	}
	// A repeat is possible only for a message on the wire when a kill came
	// (Telegram accepted it, the outbox delete did not happen): at most one
	// per kill per chat being sent to at that moment.
	if max := crashKills * crashSecretaries; dups > max {
		t.Errorf("%d repeated confirmations, more than the kills can explain (%d)", dups, max)
	}
	t.Logf("repeated confirmations (sent, killed before the outbox delete): %d", dups)
}
