package report_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// The workbook's "Tổng kết năm" is the year-end table per unit over the
// campaign year's campaigns, as a paper of its own: the Party header
// block, the title with the year, a row per unit with a total, the
// signatures, on A4 (issue 14, item 6).
func TestWorkbookHasTheYearEndSheet(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "y.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var snap report.Snapshot
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c1, _ := tx.PutCampaign(store.Campaign{Name: "Đợt 1 năm 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		c2, _ := tx.PutCampaign(store.Campaign{Name: "Đợt 2 năm 2024", MinModels: 1, RegDeadline: "2024-08-07", ResultsDeadline: "2024-11-05", EndDate: "2024-12-15"})
		old, _ := tx.PutCampaign(store.Campaign{Name: "Năm 2023", MinModels: 1, RegDeadline: "2023-04-07", ResultsDeadline: "2023-09-05", EndDate: "2023-12-15"})
		a, _ := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon", Order: 2})
		b, _ := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Tây", Kind: "chi_bo_thon", Order: 1})
		add := func(c store.Campaign, u store.Unit, late bool, res *store.Results, outcome string) {
			g, _ := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: late,
				Model: store.Model{Name: "Mô hình", Kind: "tap_the", Field: "kinh_te"}}, c.Year())
			g.Results = res
			if outcome != "" {
				g.Evaluation = &store.Evaluation{Outcome: outcome}
			}
			tx.PutRegistration(g, 0, "x", "")
		}
		add(c1, a, false, &store.Results{Achieved: "x"}, store.OutcomeExemplary)
		add(c2, a, true, &store.Results{Achieved: "x", Late: true}, store.OutcomeRecognised)
		add(c1, b, true, nil, "")
		add(old, b, false, &store.Results{Achieved: "x"}, store.OutcomeNotMet) // another year: not counted
		var err error
		snap, err = report.Read(tx, c1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := snap.Render("xlsx", report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)
	const sheet = "Tổng kết năm"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("no year-end sheet in %v: %v", f.GetSheetList(), err)
	}
	all := strings.Join(flatten(rows), "|")
	for _, want := range []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ AN BÌNH", "|*|", "ĐẢNG CỘNG SẢN VIỆT NAM", "An Bình, ngày 06 tháng 9 năm 2024",
		"BẢNG TỔNG KẾT THỰC HIỆN MÔ HÌNH “DÂN VẬN KHÉO” THEO ĐƠN VỊ NĂM 2024", "Số mô hình đăng ký", "Đã báo cáo kết quả", "Chưa nộp",
		"T/M ĐẢNG ỦY", "Lâm Ngọc Thu", "Nơi nhận:"} {
		if !strings.Contains(all, want) {
			t.Errorf("year-end sheet lacks %q", want)
		}
	}
	if a1, _ := f.GetCellValue(sheet, "A1"); a1 != "ĐẢNG BỘ TỈNH GIA LAI" {
		t.Errorf("A1 %q: the issuing body goes top left", a1)
	}
	// Per unit, in the office's order (Tây is STT 1): models, on time,
	// late; results on time, late, missing; recognised, exemplary, not met.
	for _, want := range []string{
		"1|Chi bộ thôn Tây|1|0|1|0|0|1|0|0|0",
		"2|Chi bộ thôn Đông|2|1|1|1|1|0|1|1|0",
		"|Tổng cộng|3|1|2|1|1|1|1|1|0",
	} {
		if !strings.Contains(strings.Join(joinRows(rows), "\n"), want) {
			t.Errorf("year-end table lacks the row %q:\n%s", want, strings.Join(joinRows(rows), "\n"))
		}
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil || *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.Orientation != "portrait" {
		t.Errorf("page layout %+v, %v: want A4 portrait, one page wide", pl, err)
	}
	id, _ := f.GetCellStyle(sheet, "C12")
	if st, _ := f.GetStyle(id); st == nil || len(st.Border) != 4 || st.Font.Family != "Times New Roman" {
		t.Errorf("a table cell is not a bordered Times New Roman cell: %+v", st)
	}
}

func joinRows(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "|")
	}
	return out
}
