//go:build linux

package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
	"go.etcd.io/bbolt"
)

// BenchmarkFormLoad runs the real binary against the emulator while many
// secretaries register a model at once, each typing an answer or pressing
// a button as soon as the previous question arrives, from /register to the
// submit (formscript.Realistic, with a secretary's text lengths), and the
// office is sent its notices. A step answered with anything but the next
// question fails the run. It reports the bot process's
// CPU per form step (from /proc, fsync of each answer included), the step
// latency a secretary sees, Bot API calls per step, and the process's
// resident memory idle and at its peak. With a wave, that many group
// reminders are queued when the secretaries start, and the share of
// Telegram's 30 messages a second that the bot used until the wave was out
// is reported too, with CPU per call (per step means little there). See docs/BENCHMARKS.md for the command and figures.
func BenchmarkFormLoad(b *testing.B) {
	cases := []struct {
		name     string
		users    int
		unpaced  bool // the bot's pace lifted (DVKBOT_BENCH_UNPACED); else the emulator enforces Telegram's limits
		wave     int  // group reminders queued at the start
		province bool // on the province of 100 communes × 30 units, secretaries spread over it
	}{
		{"users=200/pace=on/commune", 200, false, 0, false},
		{"users=200/pace=off/commune", 200, true, 0, false},
		{"users=20/pace=on/wave=3000", 20, false, 3000, false},
		{"users=200/pace=on/province", 200, false, 0, true},
		{"users=200/pace=off/province", 200, true, 0, true},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				loadRun(b, tc.users, tc.unpaced, tc.wave, tc.province).report(b)
			}
		})
	}
}

// loadResult is what one run measured.
type loadResult struct {
	steps      int
	cpu        time.Duration // the bot process's user+system time during the load
	formCPU    time.Duration // of it, until the last secretary's confirmation (the rest: the office's notices)
	polls      int           // getUpdates calls during the load
	latencies  []time.Duration
	calls      int // Bot API calls the bot made during the load, getUpdates aside
	idleRSS    int // kB
	peakRSS    int // kB
	waveShare  float64
	tooMany    int
	waveLasted time.Duration
	bareCommit time.Duration // CPU of one bare bbolt commit, in the same run
	floor      time.Duration // CPU of the floor under a step at its pace (floor_bench_test.go)
}

func (r loadResult) report(b *testing.B) {
	if testing.Verbose() { // each step's latency, to see who waits
		n := len(formscript.Realistic("").Steps())
		for i := range n {
			var xs []time.Duration
			for j := i; j < len(r.latencies); j += n {
				xs = append(xs, r.latencies[j])
			}
			slices.Sort(xs)
			b.Logf("step %d: p50 %v p90 %v max %v", i, xs[len(xs)/2], xs[len(xs)*9/10], xs[len(xs)-1])
		}
	}
	slices.Sort(r.latencies)
	pct := func(p float64) float64 {
		return r.latencies[int(p*float64(len(r.latencies)-1))].Seconds()
	}
	b.ReportMetric(float64(r.cpu.Microseconds())/float64(r.steps)/1000, "cpu-ms/step")
	b.ReportMetric(float64(r.formCPU.Microseconds())/float64(r.steps)/1000, "until-done-cpu-ms/step")
	b.ReportMetric(float64(r.steps)/float64(max(r.polls, 1)), "updates/poll")
	b.ReportMetric(pct(0.5), "p50-s")
	b.ReportMetric(pct(0.99), "p99-s")
	b.ReportMetric(float64(r.calls)/float64(r.steps), "calls/step")
	b.ReportMetric(float64(r.idleRSS)/1024, "idle-MB")
	b.ReportMetric(float64(r.peakRSS)/1024, "peak-MB")
	b.ReportMetric(float64(r.tooMany), "429s")
	if r.waveShare == 0 {
		perStep := float64(r.cpu) / float64(r.steps)
		b.ReportMetric(float64(r.bareCommit.Microseconds())/1000, "bare-commit-cpu-ms")
		b.ReportMetric(perStep/float64(r.bareCommit), "step/bare-commit")
		b.ReportMetric(float64(r.floor.Microseconds())/1000, "floor-cpu-ms")
		b.ReportMetric(perStep/float64(r.floor), "step/floor")
	}
	if r.waveShare > 0 {
		b.ReportMetric(float64(r.cpu.Microseconds())/float64(r.calls)/1000, "cpu-ms/call")
		b.ReportMetric(r.waveShare, "rate-share")
		b.ReportMetric(r.waveLasted.Seconds(), "wave-s")
	}
}

func loadRun(b *testing.B, users int, unpaced bool, wave int, province bool) loadResult {
	dir := b.TempDir()
	srv := telegramtest.NewServer()
	defer srv.Close()
	dbPath := filepath.Join(dir, "load.db")
	var secs []telegramtest.User
	config := fmt.Sprintf("[bot]\nadmins = [%d]\n[log]\nlevel = \"warn\"\n", admin.ID)
	if province {
		p := buildProvince(b, dbPath)
		primeMenus(b, dbPath) // a bot that has run: its start queues no menus
		secs, config = provinceSecretaries(p, users), provinceTOML()
		for _, office := range p.Admins { // offices that use the bot have started it: their notices reach them
			for _, id := range office {
				srv.HasGroup(telegramtest.PrivateChat(telegramtest.User{ID: id}))
			}
		}
	} else {
		secs = seedSecretaries(b, dbPath, users)
		cfg := DefaultConfig()
		cfg.Bot.Admins = []int64{admin.ID}
		primeMenusWith(b, dbPath, cfg) // as above: the menus of a start are not the form's work
	}
	groups := seedWave(b, srv, dbPath, wave)
	inbox := newInboxes(srv)
	notices := countNotices(srv, inbox)
	p := newProcess(b, srv, dbPath, config)
	if unpaced {
		p.env = append(p.env, envUnpaced+"=1")
	}
	p.start()
	defer p.stop()
	pid := p.cmd.Process.Pid
	t0 := time.Now()
	srv.SendPrivate(admin, "/start")
	if err := (&person{srv: srv, in: inbox, u: admin}).await("Xin chào", time.Minute); err != nil {
		b.Fatal(err)
	}
	if testing.Verbose() {
		b.Logf("the admin's first answer took %v; sent so far %d", time.Since(t0), apiCalls(srv))
	}
	var res loadResult
	res.idleRSS = procStatus(b, pid, "VmRSS")
	srv.EnforceLimits(!unpaced) // paced, the bot must keep within them: 429s are counted
	cpu0, calls0, polls0 := procCPU(b, pid), apiCalls(srv), srv.Calls("getUpdates")
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var errs []error
	for _, u := range secs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, err := fillForm(inbox, srv, u)
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			errs = append(errs, err)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
	res.formCPU = procCPU(b, pid) - cpu0
	if wave > 0 { // the wave's share of the pace, until the last group has its reminder
		waitGroupsServed(b, srv, groups)
		res.waveLasted = time.Since(start)
		res.waveShare = float64(apiCalls(srv)-calls0) / (res.waveLasted.Seconds() * 30)
	}
	// The office's notices are part of the work: at Telegram's pace of a
	// message a second to one chat, they go out for minutes after the last
	// step, and that wait is counted too (waiting should cost nothing).
	// The commune's office is the admin, whose chat the emulator shows;
	// the province's offices are many: the outbox is asked, which costs
	// the bot a little.
	if !province {
		notices.wait(b, users)
	}
	p.waitOutbox(dbPath+".sock", 10*time.Minute, time.Second)
	res.cpu = procCPU(b, pid) - cpu0
	lasted := time.Since(start)
	res.calls = apiCalls(srv) - calls0
	res.polls = srv.Calls("getUpdates") - polls0
	res.steps = len(res.latencies)
	res.peakRSS = procStatus(b, pid, "VmHWM")
	res.tooMany = srv.Rejected(429)
	res.bareCommit = bareCommitCPU(b, dir, 300)
	if wave == 0 && res.steps > 0 {
		res.floor = floorCPU(b, dir, lasted/time.Duration(res.steps), 150)
	}
	return res
}

// bareCommitCPU is the CPU (user + system, this process's) of one bbolt
// write transaction of a form step's shape and size — a new update id,
// the conversation record overwritten, a reply added to the outbox —
// committed with fsync on the same disk, and nothing else: the floor
// under a form step, measured in the same run (n commits, averaged).
func bareCommitCPU(b *testing.B, dir string, n int) time.Duration {
	commit, closeDB := bareCommitDB(b, dir, "bare.db")
	defer closeDB()
	cpu0 := selfCPU()
	for i := range uint64(n) {
		if err := commit(2000 + i); err != nil {
			b.Fatal(err)
		}
	}
	return (selfCPU() - cpu0) / time.Duration(n)
}

// bareCommitDB opens a database for bare commits, its buckets as deep as
// after a day's updates, and returns the commit of update id (ids from
// 2000 on are new).
func bareCommitDB(b *testing.B, dir, name string) (commit func(id uint64) error, closeDB func()) {
	db, err := bbolt.Open(filepath.Join(dir, name), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range []string{"updates", "conversations", "outbox"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	conv, reply := make([]byte, 900), make([]byte, 700)
	commit = func(id uint64) error {
		key := binary.BigEndian.AppendUint64(nil, id)
		return db.Update(func(tx *bbolt.Tx) error {
			return errors.Join(tx.Bucket([]byte("updates")).Put(key, key),
				tx.Bucket([]byte("conversations")).Put([]byte("77:77"), conv),
				tx.Bucket([]byte("outbox")).Put(key, reply))
		})
	}
	for i := range uint64(1000) {
		if err := commit(i); err != nil {
			b.Fatal(err)
		}
	}
	return commit, func() { db.Close() }
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fillForm registers one model, as a secretary does it, and returns each
// step's latency; it fails when the bot answers a step with anything but
// the next question.
func fillForm(in *inboxes, srv *telegramtest.Server, u telegramtest.User) ([]time.Duration, error) {
	p := &person{srv: srv, in: in, u: u, strict: true}
	return p.fill(formscript.Realistic("Mô hình thử tải của "+u.FirstName).Steps(), 5*time.Minute)
}

// noticeCount counts the office's notices of new registrations as the
// admin's chat shows them (several may share one message).
type noticeCount struct {
	mu   sync.Mutex
	n    int
	more chan struct{}
}

// countNotices counts in the admin's chat; it replaces the inboxes' own
// event handler, to which it passes every event on.
func countNotices(srv *telegramtest.Server, in *inboxes) *noticeCount {
	c := &noticeCount{more: make(chan struct{}, 1)}
	srv.OnEvent(func(e telegramtest.Event) {
		in.take(e)
		if e.FromBot && e.ChatID == admin.ID && !e.Edited {
			c.mu.Lock()
			c.n += strings.Count(e.Text, "Đăng ký mới")
			c.mu.Unlock()
			select {
			case c.more <- struct{}{}:
			default:
			}
		}
	})
	return c
}

// wait returns once n notices have arrived.
func (c *noticeCount) wait(b *testing.B, n int) {
	timeout := time.After(10 * time.Minute)
	for {
		c.mu.Lock()
		got := c.n
		c.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-c.more:
		case <-timeout:
			b.Fatalf("%d notices of %d reached the office in 10 min", got, n)
		}
	}
}

// seedWave queues one reminder to each of n groups the emulator knows.
func seedWave(b *testing.B, srv *telegramtest.Server, path string, n int) []int64 {
	if n == 0 {
		return nil
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var ids []int64
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			chat := telegramtest.Chat{ID: -200000 - int64(i), Type: "supergroup", Title: "Nhóm " + strconv.Itoa(i)}
			srv.HasGroup(chat)
			ids = append(ids, chat.ID)
			if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chat.ID, Bulk: true, Text: "⏰ <b>Nhắc hạn</b>"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}

func waitGroupsServed(b *testing.B, srv *telegramtest.Server, groups []int64) {
	deadline := time.Now().Add(10 * time.Minute)
	for _, id := range groups {
		for len(srv.SentTo(id)) == 0 {
			if time.Now().After(deadline) {
				b.Fatalf("group %d never got its reminder", id)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// apiCalls counts what the bot asked of Telegram, polling aside.
func apiCalls(srv *telegramtest.Server) int {
	n := 0
	for _, m := range []string{"sendMessage", "editMessageText", "answerCallbackQuery", "sendDocument", "sendPhoto", "setMyCommands"} {
		n += srv.Calls(m)
	}
	return n
}

// procCPU is a process's user+system time, from /proc/<pid>/stat.
func procCPU(b testing.TB, pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	fields := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// procStatus reads a kB figure of /proc/<pid>/status.
func procStatus(b *testing.B, pid int, key string) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.Atoi(strings.Fields(v)[0])
			return n
		}
	}
	return 0
}
