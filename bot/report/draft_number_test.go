package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
)

// TestDraftNumberLineIsTheOfficesSymbol: the report draft's "Số …-BC/ĐU"
// carries the issuing body's ký hiệu, a Đảng ủy's when none is set.
func TestDraftNumberLineIsTheOfficesSymbol(t *testing.T) {
	for _, tt := range []struct{ abbreviation, want string }{
		{"", "Số       -BC/ĐU"},
		{"ĐU", "Số       -BC/ĐU"},
		{"BDVTU", "Số       -BC/BDVTU"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			o := office()
			o.Abbreviation = tt.abbreviation
			data, err := report.Draft(seededSummary(t), report.Paper{T: vi(t), Loc: time.UTC, Office: o, Day: paperDay})
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := docxText(t, data)
			if !strings.Contains(doc, ">"+tt.want+"<") {
				t.Errorf("draft lacks the number line %q", tt.want)
			}
		})
	}
}
