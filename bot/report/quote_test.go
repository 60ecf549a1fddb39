package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// TestDraftDoesNotNestQuotes: a model name is quoted once; a name that
// has quotes of its own is printed as typed.
func TestDraftDoesNotNestQuotes(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Đường hoa", "“Đường hoa”"},
		{"Mô hình “Dân vận khéo” trong xây dựng nông thôn mới", "Mô hình “Dân vận khéo” trong xây dựng nông thôn mới ("},
		{"“Đường hoa nông thôn mới”", " “Đường hoa nông thôn mới” ("},
		{`Mô hình "Dân vận khéo" ở thôn`, `Mô hình "Dân vận khéo" ở thôn (`},
		{"Mô hình «Dân vận khéo»", "Mô hình «Dân vận khéo» ("},
		{"  Sân chơi  ", "“Sân chơi” ("},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"}
			g := store.Registration{Number: "DVK-2024-004", Status: store.StatusApproved, Model: store.Model{Name: c.name, Kind: "tap_the", Field: "kinh_te"},
				Evaluation: &store.Evaluation{Outcome: store.OutcomeRecognised}}
			s := report.Summary{Campaign: store.Campaign{Name: "DVK 2024", EndDate: "2024-12-15"}, Rows: []report.Row{{Unit: &u, Reg: &g}}}
			data, err := report.Draft(s, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
			if err != nil {
				t.Fatal(err)
			}
			var line string
			for _, p := range paragraphs(t, docxParts(t, data)["word/document.xml"]) {
				if strings.HasPrefix(p, "- "+nb("DVK-2024-004")) {
					line = p
				}
			}
			if !strings.Contains(line, c.want) {
				t.Errorf("line %q, want it to hold %q", line, c.want)
			}
			for _, nested := range []string{"““", "””", "“Mô hình “", "“Mô hình \"", "“Mô hình «"} {
				if strings.Contains(line, nested) {
					t.Errorf("line %q has nested quotes %q", line, nested)
				}
			}
		})
	}
}
