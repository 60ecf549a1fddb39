package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
	"github.com/dvkbot/dvkbot/store/modeltest"
)

// oneModel is a list of one registration of m.
func oneModel(m store.Model) report.Summary {
	return report.Summary{Rows: []report.Row{{Unit: &store.Unit{Name: "Chi bộ thôn Đông"},
		Reg: &store.Registration{Number: "DVK-2024-001", Status: store.StatusApproved, SubmittedAt: paperDay, Model: m}}}}
}

// TestEveryModelFieldHasAnExportColumn: every field of store.Model is in
// a column of the export, the CSV and the workbook's list of models
// (both come from the one column table), found by reflection over the
// record.
func TestEveryModelFieldHasAnExportColumn(t *testing.T) {
	modeltest.EveryFieldShown(t, "the CSV", func(t *testing.T, m store.Model) string {
		data, err := report.CSV(oneModel(m), vi(t), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	})
	modeltest.EveryFieldShown(t, "the workbook's list of models", func(t *testing.T, m store.Model) string {
		data, err := report.Workbook(oneModel(m), report.Paper{T: vi(t), Loc: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(vi(t)("xl_sheet_model_data"))
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, row := range rows {
			cells = append(cells, strings.Join(row, "\t"))
		}
		return strings.Join(cells, "\n")
	})
}

// TestEveryModelFieldIsOnTheSheet: every field of store.Model has a line
// on the printable registration sheet, found by reflection over the
// record.
func TestEveryModelFieldIsOnTheSheet(t *testing.T) {
	s := sampleSheet()
	modeltest.EveryFieldShown(t, "the registration sheet", func(t *testing.T, m store.Model) string {
		s.Reg.Model = m
		return strings.Join(sheetParas(t, s, time.UTC), "\n")
	})
}
