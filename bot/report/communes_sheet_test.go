package report_test

import (
	"strconv"
	"testing"
)

// TestCommuneSheetPrintsWhole: the province's table by commune gives a
// long commune name the rows it wraps to (a fixed one-line row printed
// it over the next row), and repeats its two header rows on every page
// (a province of a hundred communes runs to several).
func TestCommuneSheetPrintsWhole(t *testing.T) {
	s := provinceSummary(t)
	long := "Phường Thống Nhất Thượng Hạ Đông Tây Nam Bắc Trung Sơn Lâm Hải"
	s.Communes[0].Name = long
	f := openBook(t, s)
	const sheet = "Tổng hợp theo xã, phường"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	row := 0
	for i, r := range rows {
		if len(r) > 1 && r[1] == long {
			row = i + 1
		}
	}
	if row == 0 {
		t.Fatalf("no row for %q", long)
	}
	if h, _ := f.GetRowHeight(sheet, row); h < 2*11 {
		t.Errorf("the row of a name that wraps to two lines is %v pt high", h)
	}
	titles := ""
	names := f.GetDefinedName()
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet {
			titles = n.RefersTo
		}
	}
	head := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "STT" {
			head = i + 1
			break
		}
	}
	if want := "'" + sheet + "'!$" + strconv.Itoa(head) + ":$" + strconv.Itoa(head+1); head == 0 || titles != want {
		t.Errorf("print titles %q, want %q (the table's two header rows)", titles, want)
	}
}
