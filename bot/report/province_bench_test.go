package report_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// provinceBig is a province of 100 communes × 30 units (3,000 units), two
// secretaries a unit (6,000 people), three models a unit (9,000) with
// results, written with the store's API as the bot writes them: each
// commune's records in a transaction scoped to it. One province campaign.
func provinceBig(b *testing.B) (*store.Store, store.Campaign) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "province.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var c store.Campaign
	err = st.Update(context.Background(), func(tx *store.Tx) (err error) {
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” tỉnh năm 2024", Province: true, MinModels: 1,
			RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	person := int64(1000)
	for i := 0; i < 100; i++ {
		err := st.Update(context.Background(), func(tx *store.Tx) error {
			id := store.HomeCommune
			if i > 0 {
				m, err := tx.AddCommune(store.Commune{Code: fmt.Sprintf("XA%03d", i), Name: fmt.Sprintf("Xã số %d", i)})
				if err != nil {
					return err
				}
				id = m.ID
			}
			tx.Scope(id)
			defer tx.Scope(0)
			for j := 0; j < 30; j++ {
				u, err := tx.AddUnit(store.Unit{Name: fmt.Sprintf("Chi bộ thôn số %d", j), Kind: "chi_bo_thon"})
				if err != nil {
					return err
				}
				for k := 0; k < 2; k++ {
					person++
					tx.PutUser(store.User{ID: person, FirstName: "Bình", LastName: "Trần Văn", Username: fmt.Sprintf("u%d", person)})
					if err := tx.AddSecretary(u.ID, person, 0); err != nil {
						return err
					}
				}
				for k := 0; k < 3; k++ {
					g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: (i+j+k)%7 == 0,
						Model: store.Model{Name: "Mô hình dân vận khéo", Kind: "tap_the", Field: "kinh_te", Content: "Vận động nhân dân làm đường, trồng hoa, giữ vệ sinh.", From: "2024-04-01", To: "2024-11-30"},
						Results: &store.Results{Achieved: "Hoàn thành 2 km đường hoa", People: 150, Money: 12_500_000, Criteria: []int{1, 2, 5},
							Measures: "Ngày công: 350\nĐất hiến: 200 m²", Lessons: "Đảng viên đi trước", Proposals: "Nhân rộng"},
						Evaluation: &store.Evaluation{Outcome: store.OutcomeRecognised}}
					if (i*30+j)%5 == 0 && k == 2 {
						g.Results, g.Evaluation = nil, nil // a unit in five owes a model's results
					}
					if _, err := tx.AddRegistration(g, "2024"); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return st, c
}

// BenchmarkProvinceRollup is the province's /report: the roll-up of 100
// communes read in one transaction. Target: under 200 ms.
func BenchmarkProvinceRollup(b *testing.B) {
	st, c := provinceBig(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		err := st.View(context.Background(), func(tx *store.Tx) error {
			r, err := report.BuildRollup(tx, c)
			if err == nil && (len(r.Lines) != 100 || r.Total.Models != 9000) {
				err = fmt.Errorf("%d communes, %d models", len(r.Lines), r.Total.Models)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProvinceWorkbook is the province's workbook of that roll-up:
// read and rendered, as the bot does on "Tải Excel". Target: under 5 s
// and 500 MB at the peak (peak-heap-MB, sampled).
func BenchmarkProvinceWorkbook(b *testing.B) {
	st, c := provinceBig(b)
	runtime.GC()
	b.ReportAllocs()
	peak := peakHeap()
	b.ResetTimer()
	for b.Loop() {
		var s report.Summary
		err := st.View(context.Background(), func(tx *store.Tx) (err error) { s, err = report.Build(tx, c); return err })
		if err != nil {
			b.Fatal(err)
		}
		if _, err := report.Workbook(s, report.Paper{T: func(id string) string { return id }, Loc: time.UTC, Office: provinceOffice()}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak()>>20), "peak-heap-MB")
}
