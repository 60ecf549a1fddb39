//go:build linux

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
	"github.com/dvkbot/dvkbot/store/provincetest"
)

// The province of issue 15: 100 communes × 30 units, 6,000 people with
// roles, 9,000 models with results (provincetest.Standard). See
// docs/BENCHMARKS.md, "Province scale", for the commands and figures.

// benchProvinceOffice is the province office's admin of the benchmarks' config.
var benchProvinceOffice = telegramtest.User{ID: 777001, FirstName: "Ban Dân vận"}

// provinceTOML is the config of a bot serving the standard province: the
// home commune is the first one Build writes.
func provinceTOML() string {
	return fmt.Sprintf(`[bot]
admins = [%d]
[log]
level = "warn"
[office]
commune = "Xã Số 1"
code = "XA001"
body = ["ĐẢNG BỘ TỈNH THỬ", "ĐẢNG ỦY XÃ SỐ 1"]
[province]
name = "Tỉnh Thử"
admins = [%d]
`, admin.ID, benchProvinceOffice.ID)
}

// buildProvince writes the standard province at path and logs how long
// it took.
func buildProvince(b *testing.B, path string) provincetest.Province {
	b.Helper()
	start := time.Now()
	p, err := provincetest.Build(path, provincetest.Standard())
	if err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.Logf("province of %d communes, %d units, %d people: built in %v, %.1f MB", len(p.Communes), len(p.Units), p.People(),
		time.Since(start).Round(time.Millisecond), float64(fi.Size())/(1<<20))
	return p
}

// provinceConfig is provinceTOML as the binary reads it.
func provinceConfig(b *testing.B, dir string) Config {
	b.Helper()
	path := filepath.Join(dir, "province.toml")
	if err := os.WriteFile(path, []byte(provinceTOML()), 0o600); err != nil {
		b.Fatal(err)
	}
	srv := telegramtest.NewServer()
	defer srv.Close()
	cfg, err := LoadConfig(path, func(k string) string {
		if k == "DVKBOT_TOKEN" {
			return srv.Token()
		}
		return ""
	})
	if err != nil {
		b.Fatal(err)
	}
	return cfg
}

// primeMenus starts the bot once on path (the province's config), which
// queues every person's command menu, and marks them sent: the database is
// then that of a bot that has run for a while, whose next start queues
// nothing.
func primeMenus(b *testing.B, path string) {
	b.Helper()
	primeMenusWith(b, path, provinceConfig(b, filepath.Dir(path)))
}

// primeMenusWith is primeMenus with that config.
func primeMenusWith(b *testing.B, path string, cfg Config) {
	b.Helper()
	startOnceWith(b, path, cfg)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q, err := st.QueueIndex(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]uint64, len(q))
	for i, e := range q {
		ids[i] = e.ID
	}
	if err := st.Delivered(context.Background(), 0, ids...); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkProvinceStartup is BenchmarkStartup on the province: from
// Main.Run to the first getUpdates, on a copy never run (every person's
// menu is queued) and on one that has run.
func BenchmarkProvinceStartup(b *testing.B) {
	dir := b.TempDir()
	seeded := filepath.Join(dir, "seed.db")
	buildProvince(b, seeded)
	cfg := provinceConfig(b, dir)
	ran := filepath.Join(dir, "ran.db")
	copyFile(b, seeded, ran)
	startOnceWith(b, ran, cfg)
	for _, tc := range []struct{ name, db string }{{"first", seeded}, {"restart", ran}} {
		b.Run(tc.name, func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				path := filepath.Join(b.TempDir(), "run.db")
				copyFile(b, tc.db, path)
				total += startOnceWith(b, path, cfg)
			}
			b.ReportMetric(total.Seconds()*1000/float64(b.N), "ms-to-first-poll")
		})
	}
}

// provinceSecretaries are n first secretaries spread evenly over the
// province's units (and so over its communes).
func provinceSecretaries(p provincetest.Province, n int) []telegramtest.User {
	out := make([]telegramtest.User, n)
	for i := range out {
		out[i] = telegramtest.User{ID: p.Secretaries[i*len(p.Secretaries)/n], FirstName: "Bí thư"}
	}
	return out
}

// BenchmarkProvinceWave runs the real binary on the province, with a
// province campaign whose registration deadline is today and nobody
// registered in it: at start the bot queues a reminder to each of the
// 3,000 units' groups, and sends them against the emulator enforcing
// Telegram's limits (30 a second overall, 1 a second and 20 a minute per
// group, 429 beyond). The rate is the reminders' (all sends counted)
// from the first to the last one's arrival, as a share of 30 a second.
func BenchmarkProvinceWave(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		dbPath := filepath.Join(dir, "province.db")
		p := buildProvince(b, dbPath)
		primeMenus(b, dbPath)
		today := time.Now().In(ictZone).Format("2006-01-02")
		if _, err := provincetest.AddDue(dbPath, today); err != nil {
			b.Fatal(err)
		}
		srv := telegramtest.NewServer()
		for _, id := range p.Groups {
			srv.HasGroup(telegramtest.Chat{ID: id, Type: "supergroup", Title: "Nhóm"})
		}
		var mu sync.Mutex
		var first, last time.Time
		served := map[int64]bool{}
		done := make(chan struct{})
		srv.OnEvent(func(e telegramtest.Event) {
			if !e.FromBot || e.ChatID >= 0 {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if first.IsZero() {
				first = e.At
			}
			last = e.At
			if !served[e.ChatID] {
				served[e.ChatID] = true
				if len(served) == len(p.Groups) {
					close(done)
				}
			}
		})
		srv.EnforceLimits(true)
		proc := newProcess(b, srv, dbPath, provinceTOML()+"[reminders]\ntime = \"00:00\"\n")
		proc.start()
		select {
		case <-done:
		case <-time.After(10 * time.Minute):
			mu.Lock()
			n := len(served)
			mu.Unlock()
			proc.stop()
			b.Fatalf("%d of %d groups reminded in 10 min\n%s", n, len(p.Groups), proc.logs.String())
		}
		pid := proc.cmd.Process.Pid
		peak := procStatus(b, pid, "VmHWM")
		cpu := procCPU(b, pid)
		proc.stop()
		srv.Close()
		mu.Lock()
		sends := srv.Calls("sendMessage") // every one of them to a group: nobody else wrote
		span := last.Sub(first)
		mu.Unlock()
		b.ReportMetric(float64(sends-1)/span.Seconds()/30, "of_allowed_rate")
		b.ReportMetric(float64(sends-1)/span.Seconds(), "msgs/s")
		b.ReportMetric(float64(srv.Rejected(429)), "429s")
		b.ReportMetric(span.Seconds(), "wave-s")
		b.ReportMetric(float64(sends), "sends")
		b.ReportMetric(float64(srv.Calls("setMyCommands")), "menus")
		b.ReportMetric(float64(peak)/1024, "peak-MB")
		b.ReportMetric(float64(cpu.Microseconds())/float64(sends)/1000, "cpu-ms/send")
	}
}

// BenchmarkProvinceIdle runs the real binary on the province and reads
// its resident memory (VmRSS, as BenchmarkFormLoad does) once it has
// answered the admin's /start: on a database never run, whose 6,000
// command menus are queued and being published, and on one that has run.
func BenchmarkProvinceIdle(b *testing.B) {
	for _, tc := range []struct {
		name   string
		primed bool
	}{{"first", false}, {"restart", true}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				dbPath := filepath.Join(b.TempDir(), "province.db")
				buildProvince(b, dbPath)
				if tc.primed {
					primeMenus(b, dbPath)
				}
				srv := telegramtest.NewServer()
				proc := newProcess(b, srv, dbPath, provinceTOML())
				proc.start()
				srv.SendPrivate(admin, "/start")
				if _, err := srv.WaitText(time.Minute, admin.ID, "Xin chào"); err != nil {
					proc.stop()
					b.Fatalf("%v\n%s", err, proc.logs.String())
				}
				pid := proc.cmd.Process.Pid
				rss, hwm := procStatus(b, pid, "VmRSS"), procStatus(b, pid, "VmHWM")
				anon, file := procStatus(b, pid, "RssAnon"), procStatus(b, pid, "RssFile") // Go's heap; the mapped database
				proc.stop()
				srv.Close()
				b.ReportMetric(float64(rss)/1024, "idle-MB")
				b.ReportMetric(float64(hwm)/1024, "peak-MB")
				b.ReportMetric(float64(anon)/1024, "anon-MB")
				b.ReportMetric(float64(file)/1024, "file-MB")
			}
		})
	}
}
