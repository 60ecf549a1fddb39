package report_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// The province's "Tổng kết năm" names each unit's commune, so two
// communes' "Chi bộ thôn Đông" are told apart, and its total row is the
// signed summary's, before and after the results deadline.
func TestProvinceYearEndSheetHasTheCommuneAndTheSummarysTotals(t *testing.T) {
	f := newYearFixture(t)
	for _, tc := range []struct {
		name string
		day  time.Time
		want string // Tổng cộng: models, on time, late; results on time, late, missing; outcomes
	}{
		{"before the results deadline", time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), "|Tổng cộng||2|1|1|1|0|0|1|0|0"},
		{"after it", time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC), "|Tổng cộng||2|1|1|1|0|1|1|0|0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var snap report.Snapshot
			err := f.st.View(context.Background(), func(tx *store.Tx) (err error) {
				snap, err = report.Read(tx, f.province)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			data, err := snap.Render("xlsx", report.Paper{T: vi(t), Loc: time.UTC, Office: provinceOffice(), Day: tc.day})
			if err != nil {
				t.Fatal(err)
			}
			book := openXLSX(t, data)
			rows, err := book.GetRows("Tổng kết năm")
			if err != nil {
				t.Fatal(err)
			}
			table := strings.Join(joinRows(rows), "\n")
			for _, want := range []string{"STT|Xã, phường|Đơn vị|", "1|Xã An Bình|Chi bộ thôn Đông|1|1|0|0|0|", "3|Xã Tân Phú|Chi bộ thôn Đông|1|0|1|1|0|0|1|0|0",
				tc.want} {
				if !strings.Contains(table, want) {
					t.Errorf("the year-end sheet lacks %q:\n%s", want, table)
				}
			}
		})
	}
}

// "Tổng kết năm" prints readably on any number of units (issue 28, items
// 4 and 6): its columns fit the page's width at a scale that prints the
// table at 10 pt or more; the table's two header rows
// (not the Party header block above them) repeat on every page; and no
// row is lower than its wrapped words.
func TestYearEndSheetPrintsReadably(t *testing.T) {
	f := newYearFixture(t)
	for _, tc := range []struct {
		name    string
		commune uint64
		office  store.Office
	}{
		{"a commune's", f.home, office()},
		{"the province's", 0, provinceOffice()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var snap report.Snapshot
			err := f.st.View(context.Background(), func(tx *store.Tx) (err error) {
				c := f.province
				if tc.commune != 0 {
					tx.Scope(tc.commune)
				}
				snap, err = report.Read(tx, c)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			data, err := snap.Render("xlsx", report.Paper{T: vi(t), Loc: time.UTC, Office: tc.office, Day: time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			book := openXLSX(t, data)
			const sheet = "Tổng kết năm"
			rows, _ := book.GetRows(sheet)
			head := 0
			for i, r := range rows {
				if len(r) > 0 && r[0] == "STT" {
					head = i + 1
				}
			}
			want := "'" + sheet + "'!$" + strconv.Itoa(head) + ":$" + strconv.Itoa(head+1)
			var titles string
			for _, d := range book.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
					titles = d.RefersTo
				}
			}
			if head == 0 || titles != want {
				t.Errorf("print titles %q, want the table's header rows %q", titles, want)
			}
			pl, err := book.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			m, err := book.GetPageMargins(sheet)
			if err != nil {
				t.Fatal(err)
			}
			page := 595.0 // A4 portrait, points
			if *pl.Orientation == "landscape" {
				page = 842
			}
			printable := (page - (*m.Left+*m.Right)*72) * 96 / 72 // pixels
			px := 0.0
			for i := range rows[head] { // the sub-headers fill every column of the table
				name, _ := excelize.ColumnNumberToName(i + 1)
				width, _ := book.GetColWidth(sheet, name)
				px += width*7 + 5 // Excel's pixels for a width, at the default font's 7 px digit
			}
			id, _ := book.GetCellStyle(sheet, "C"+strconv.Itoa(head+2))
			st, err := book.GetStyle(id)
			if err != nil || st.Font == nil {
				t.Fatalf("no font in the table's style: %v", err)
			}
			if printed := st.Font.Size * min(1, printable/px); printed < 10 {
				t.Errorf("the table is %.0f px wide, the page %.0f: its %.0f pt type prints at %.1f pt", px, printable, st.Font.Size, printed)
			}
			if h, _ := book.GetRowHeight(sheet, head+1); h < 2*11*1.2 {
				t.Errorf("the sub-header row is %.0f pt high: “Điển hình, nhân rộng” wraps to at least two lines", h)
			}
		})
	}
}
