package report_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// bigStore: 5,000 units with 3 models each, all with results.
func bigStore(b *testing.B) (*store.Store, store.Campaign) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "big.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var c store.Campaign
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, _ = tx.PutCampaign(store.Campaign{Name: "DVK 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		for i := 0; i < 5000; i++ {
			u, err := tx.AddUnit(store.Unit{Name: fmt.Sprintf("Chi bộ thôn số %d", i), Kind: "chi_bo_thon"})
			if err != nil {
				return err
			}
			for j := 0; j < 3; j++ {
				_, err := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved,
					Model: store.Model{Name: "Mô hình dân vận khéo", Kind: "tap_the", Field: "kinh_te", Content: "Vận động nhân dân làm đường, trồng hoa, giữ vệ sinh.", From: "2024-04-01", To: "2024-11-30"},
					Results: &store.Results{Achieved: "Hoàn thành 2 km đường hoa", People: 150, Money: 12_500_000, Criteria: []int{1, 2, 5},
						Measures: "Ngày công: 350\nĐất hiến: 200 m²", Lessons: "Đảng viên đi trước", Proposals: "Nhân rộng"},
					Evaluation: &store.Evaluation{Outcome: store.OutcomeRecognised}}, "2024")
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st, c
}

// BenchmarkReport5000Units is /report's read: report.Count, as the bot
// calls it. BenchmarkBuild5000Units is the whole read the files start
// from (report.Build), for comparison.
func BenchmarkReport5000Units(b *testing.B) { benchRead(b, report.Count) }

func BenchmarkBuild5000Units(b *testing.B) { benchRead(b, report.Build) }

func benchRead(b *testing.B, read func(*store.Tx, store.Campaign) (report.Summary, error)) {
	st, c := bigStore(b)
	b.ResetTimer()
	for b.Loop() {
		err := st.View(context.Background(), func(tx *store.Tx) error {
			_, err := read(tx, c)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWorkbook5000Units(b *testing.B) { benchRender(b, report.Workbook) }

func BenchmarkDraft5000Units(b *testing.B) { benchRender(b, report.Draft) }

// benchRender renders a file from the 5,000-unit summary, reporting the
// peak heap in use.
func benchRender(b *testing.B, render func(report.Summary, report.Paper) ([]byte, error)) {
	st, c := bigStore(b)
	var s report.Summary
	err := st.View(context.Background(), func(tx *store.Tx) (err error) { s, err = report.Build(tx, c); return err })
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	peak := peakHeap()
	b.ResetTimer()
	for b.Loop() {
		if _, err := render(s, report.Paper{T: func(id string) string { return id }, Loc: time.UTC}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak()>>20), "peak-heap-MB")
}

// peakHeap samples the heap in use until the returned func is called.
func peakHeap() func() uint64 {
	var mu sync.Mutex
	var max uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				mu.Lock()
				max = maxU(max, m.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		mu.Lock()
		defer mu.Unlock()
		return max
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
