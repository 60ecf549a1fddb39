package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// BenchmarkStartup is the time from Main.Run to the first getUpdates the
// emulator sees, on a database of 5,000 units, 15,000 models with results
// and 6,000 people with roles: "first" on a copy that has never been run
// (every person's command menu is queued then), "restart" on one that has
// (nothing changed, nothing queued).
func BenchmarkStartup(b *testing.B) {
	seeded := filepath.Join(b.TempDir(), "seed.db")
	seedProvince(b, seeded, 5000, 3, 1000)
	ran := filepath.Join(b.TempDir(), "ran.db")
	copyFile(b, seeded, ran)
	startOnce(b, ran) // its menus are queued and remembered
	for _, tc := range []struct{ name, db string }{{"first", seeded}, {"restart", ran}} {
		b.Run(tc.name, func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				path := filepath.Join(b.TempDir(), "run.db")
				copyFile(b, tc.db, path)
				total += startOnce(b, path)
			}
			b.ReportMetric(total.Seconds()*1000/float64(b.N), "ms-to-first-poll")
		})
	}
}

// startOnce runs the bot on path until its first poll and stops it.
func startOnce(b *testing.B, path string) time.Duration {
	cfg := DefaultConfig()
	cfg.Bot.Admins = []int64{admin.ID}
	return startOnceWith(b, path, cfg)
}

// startOnceWith is startOnce with that config (its Telegram and store
// settings are replaced).
func startOnceWith(b *testing.B, path string, cfg Config) time.Duration {
	srv := telegramtest.NewServer()
	defer srv.Close()
	cfg.Telegram.Token, cfg.Telegram.APIEndpoint = srv.Token(), srv.Endpoint()
	cfg.Telegram.PollTimeout = Duration{time.Second}
	cfg.Store.Path = path
	m := NewMain(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	m.HTTPClient = srv.Client()
	start := time.Now()
	if err := m.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	for srv.Calls("getUpdates") == 0 {
		time.Sleep(time.Millisecond)
	}
	took := time.Since(start)
	m.Close()
	return took
}

// seedProvince writes units, each with a secretary and models with
// results, plus extra secretaries on the first units.
func seedProvince(b *testing.B, path string, units, models, extra int) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, err := tx.PutCampaign(store.Campaign{Name: "Phong trào 2099", MinModels: 1, RegDeadline: "2099-04-07",
			ResultsDeadline: "2099-09-05", EndDate: "2099-12-15"})
		if err != nil {
			return err
		}
		for i := 0; i < units; i++ {
			if err := seedUnit(tx, c, i, models, i < extra); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func seedUnit(tx *store.Tx, c store.Campaign, i, models int, second bool) error {
	u, err := tx.AddUnit(store.Unit{Name: fmt.Sprintf("Chi bộ thôn %d", i+1), Kind: "chi_bo_thon"})
	if err != nil {
		return err
	}
	people := []int64{int64(100000 + i)}
	if second {
		people = append(people, int64(200000+i))
	}
	for _, id := range people {
		if _, err := tx.SeeUser(store.Profile{ID: id, FirstName: "Bí thư", LastName: fmt.Sprint(i)}); err != nil {
			return err
		}
		if err := tx.AddSecretary(u.ID, id, 0); err != nil {
			return err
		}
	}
	for m := 0; m < models; m++ {
		g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, SubmittedBy: people[0],
			Model: store.Model{Name: fmt.Sprintf("Mô hình %d", m+1), Kind: "tap_the", Field: "kinh_te",
				Content: "Vận động nhân dân làm đường.", Targets: "2 km."},
			Results: &store.Results{Achieved: "Xong 2 km.", People: 150, Money: 12_500_000}}
		if _, err := tx.AddRegistration(g, "2099"); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(b *testing.B, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		b.Fatal(err)
	}
}
