package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/store"
)

// echo gives a message id back as its text, so headers show their ids.
func echo(id string) string { return id }

// formulaSummary has one model whose user text all looks like a formula.
func formulaSummary() Summary {
	u := &store.Unit{Name: "=1+1"}
	g := &store.Registration{Status: store.StatusApproved, SubmittedAt: time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC),
		Model:      store.Model{Name: "=HYPERLINK(\"http://x\",\"x\")", Subject: "@SUM(A1)", Kind: "tap_the", From: "2024-04-01", To: "2024-11-30"},
		Results:    &store.Results{Achieved: "=2+2", People: 3, Money: 1000, Lessons: "@A1", Proposals: "=3+3"},
		Evaluation: &store.Evaluation{Outcome: store.OutcomeRecognised, Comment: "=cmd|' /C calc'!A0"}}
	return Summary{Rows: []Row{{Unit: u, Reg: g}}}
}

func wantHeaders() []string {
	var want []string
	for _, col := range modelColumns {
		want = append(want, col.header)
	}
	return want
}

func TestWorkbookAndCSVHeadersComeFromTheColumns(t *testing.T) {
	s := formulaSummary()
	f := openWorkbook(t, s)
	defer f.Close()
	rows, err := f.GetRows("xl_sheet_model_data")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], wantHeaders()) {
		t.Errorf("xlsx header %v, want %v", rows[0], wantHeaders())
	}
	recs := readCSV(t, s)
	if !slices.Equal(recs[0], wantHeaders()) {
		t.Errorf("csv header %v, want %v", recs[0], wantHeaders())
	}
	if len(recs[1]) != len(modelColumns) || len(rows[1]) != len(modelColumns) {
		t.Errorf("rows of %d (csv) and %d (xlsx) cells, want %d", len(recs[1]), len(rows[1]), len(modelColumns))
	}
}

func TestFormulaLookingValuesStayText(t *testing.T) {
	s := formulaSummary()
	f := openWorkbook(t, s)
	defer f.Close()
	recs := readCSV(t, s)
	checked := 0
	for i, col := range modelColumns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		v, _ := f.GetCellValue("xl_sheet_model_data", cell)
		if v == "" || (v[0] != '=' && v[0] != '@') {
			continue
		}
		kind, _ := f.GetCellType("xl_sheet_model_data", cell)
		if (kind != excelize.CellTypeInlineString && kind != excelize.CellTypeSharedString) || col.kind != cellText {
			t.Errorf("%s: %q is a cell of type %v, want a string", col.header, v, kind)
		}
		if formula, _ := f.GetCellFormula("xl_sheet_model_data", cell); formula != "" {
			t.Errorf("%s: became the formula %q", col.header, formula)
		}
		if recs[1][i] != "'"+v {
			t.Errorf("%s: csv cell %q, want %q defused", col.header, recs[1][i], v)
		}
		checked++
	}
	if checked != 7 {
		t.Errorf("%d formula-looking cells checked, want 7", checked)
	}
}

func openWorkbook(t *testing.T, s Summary) *excelize.File {
	t.Helper()
	data, err := Workbook(s, Paper{T: echo, Loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func readCSV(t *testing.T, s Summary) [][]string {
	t.Helper()
	data, err := CSV(s, echo, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
