package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// BenchmarkProvinceWorkbookRead is the province's workbook as the bot
// makes it on "Tải Excel": report.Read (the summary and the year-end
// table of 3,000 units) and Render, with the sheet "Tổng kết năm" full.
// Target: BenchmarkProvinceWorkbook's, under 5 s and 500 MB at the peak.
func BenchmarkProvinceWorkbookRead(b *testing.B) {
	st, c := provinceBig(b)
	b.ReportAllocs()
	peak := peakHeap()
	b.ResetTimer()
	for b.Loop() {
		var snap report.Snapshot
		err := st.View(context.Background(), func(tx *store.Tx) (err error) { snap, err = report.Read(tx, c); return err })
		if err != nil {
			b.Fatal(err)
		}
		if _, err := snap.Render("xlsx", report.Paper{T: func(id string) string { return id }, Loc: time.UTC, Office: provinceOffice()}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak()>>20), "peak-heap-MB")
}
