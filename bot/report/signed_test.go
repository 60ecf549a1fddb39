package report_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// The signed sheets of the workbook are Party papers (HD 36-HD/VPTW):
// a number and ký hiệu under the issuing body, the line that ties the
// table to the written report, Nơi nhận beside the signature, room to
// sign, and the Party form's type sizes.

// signedProvinceBook is the province's workbook, on the paper of a Ban Dân vận
// Tỉnh ủy with its ký hiệu.
func signedProvinceBook(t *testing.T) *excelize.File {
	t.Helper()
	st, c := provinceStore(t)
	var full report.Summary
	err := st.View(context.Background(), func(tx *store.Tx) (err error) {
		full, err = report.Build(tx, c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	o := provinceOffice()
	o.Abbreviation, o.Preparer = "BDVTU", "Trần Văn Bình"
	_, f := bookOf(t, full, o)
	return f
}

// signedSheet is one signed sheet of a workbook and what its paper says.
type signedSheet struct {
	name     string
	book     func(*testing.T) *excelize.File
	sheet    string
	symbol   string // "BC/ĐU"
	onBehalf string
	annex    bool // carries the "Kèm theo" line
}

var signedSheets = []signedSheet{
	{"commune summary", func(t *testing.T) *excelize.File { return openBook(t, seededSummary(t)) }, "Biểu tổng hợp", "BC/ĐU", "T/M ĐẢNG ỦY", true},
	{"commune year-end", func(t *testing.T) *excelize.File { return openBook(t, seededSummary(t)) }, "Tổng kết năm", "BC/ĐU", "T/M ĐẢNG ỦY", true},
	{"province summary", signedProvinceBook, "Biểu tổng hợp", "BC/BDVTU", "T/M BAN DÂN VẬN", true},
	{"province by commune", signedProvinceBook, "Tổng hợp theo xã, phường", "BC/BDVTU", "T/M BAN DÂN VẬN", true},
}

// signedRow is the first row (from 1) whose cell in column col is v; 0 if none.
func signedRow(t *testing.T, f *excelize.File, sheet, col, v string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := excelize.ColumnNameToNumber(col)
	for i, r := range rows {
		if len(r) >= n && r[n-1] == v {
			return i + 1
		}
	}
	return 0
}

// signedFind is the row and column of the first cell that is v, the
// rows read top down; 0, "" if none.
func signedFind(t *testing.T, f *excelize.File, sheet, v string) (int, string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, c := range r {
			if c == v {
				col, _ := excelize.ColumnNumberToName(j + 1)
				return i + 1, col
			}
		}
	}
	return 0, ""
}

// signedLine is the row's cells joined by "|".
func signedLine(t *testing.T, f *excelize.File, sheet string, row int) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if row < 1 || row > len(rows) {
		return ""
	}
	return strings.Join(rows[row-1], "|")
}

func signedCell(f *excelize.File, sheet, col string, row int) string {
	v, _ := f.GetCellValue(sheet, col+strconv.Itoa(row))
	return v
}

// signedStyle is the style of a cell.
func signedStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil {
		st.Font = &excelize.Font{}
	}
	return st
}

func TestSignedSheetsCarryTheNumberAndTheAnnexLine(t *testing.T) {
	for _, tt := range signedSheets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.book(t)
			star := signedRow(t, f, tt.sheet, "A", "*")
			if star == 0 {
				t.Fatal("no \"*\" under the issuing body")
			}
			number := "Số       -" + tt.symbol
			if got := signedCell(f, tt.sheet, "A", star+1); got != number {
				t.Errorf("under \"*\": %q, want %q", got, number)
			}
			if got := signedLine(t, f, tt.sheet, star+1); !strings.Contains(got, ", ngày 06 tháng 9 năm 2024") {
				t.Errorf("the date line is not level with the number: %q", got)
			}
			st := signedStyle(t, f, tt.sheet, "A"+strconv.Itoa(star+1))
			if st.Font.Size < 12 || st.Font.Size > 13 || st.Font.Bold || st.Font.Italic {
				t.Errorf("number line: %v pt, bold %v, italic %v; want upright, 12-13 pt", st.Font.Size, st.Font.Bold, st.Font.Italic)
			}
			if !tt.annex {
				return
			}
			annex := "(Kèm theo Báo cáo số       -" + tt.symbol + ", ngày      tháng      năm 2024)"
			r := signedRow(t, f, tt.sheet, "A", annex)
			if r == 0 {
				t.Fatalf("no line %q", annex)
			}
			if r < star+2 {
				t.Errorf("the annex line is in row %d, inside the header block", r)
			}
			if st := signedStyle(t, f, tt.sheet, "A"+strconv.Itoa(r)); !st.Font.Italic || st.Alignment == nil || st.Alignment.Horizontal != "center" {
				t.Errorf("annex line: italic %v, alignment %+v; want centred italic", st.Font.Italic, st.Alignment)
			}
		})
	}
}

// TestSignatureBlockIsThePartys: "Nơi nhận:" sits left, level with "T/M
// …", upright and underlined; at least 3 cm to sign between the position
// and the name; no "NGƯỜI LẬP BIỂU" co-signature, the preparer a small
// line under the recipients.
func TestSignatureBlockIsThePartys(t *testing.T) {
	for _, tt := range signedSheets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.book(t)
			top, right := signedFind(t, f, tt.sheet, tt.onBehalf)
			if top == 0 {
				t.Fatalf("no %q", tt.onBehalf)
			}
			if got := signedCell(f, tt.sheet, "A", top); got != "Nơi nhận:" {
				t.Errorf("level with %q: %q, want \"Nơi nhận:\"", tt.onBehalf, got)
			}
			st := signedStyle(t, f, tt.sheet, "A"+strconv.Itoa(top))
			if st.Font.Underline != "single" || st.Font.Italic || st.Font.Size < 12 {
				t.Errorf("\"Nơi nhận:\" underline %q, italic %v, %v pt; want upright, underlined", st.Font.Underline, st.Font.Italic, st.Font.Size)
			}
			if got := signedCell(f, tt.sheet, "A", top+1); !strings.HasPrefix(got, "- ") || !strings.HasSuffix(got, " (b/c);") {
				t.Errorf("first recipient %q", got)
			}
			if got := signedCell(f, tt.sheet, "A", top+2); got != "- Lưu VP." {
				t.Errorf("second recipient %q", got)
			}
			position := signedCell(f, tt.sheet, right, top+1)
			if position == "" {
				t.Fatal("no position under on whose behalf")
			}
			name := 0
			for r := top + 2; r < top+15; r++ {
				if signedCell(f, tt.sheet, right, r) != "" {
					name = r
					break
				}
			}
			if name == 0 {
				t.Fatal("no signer's name under the position")
			}
			space := 0.0
			for r := top + 2; r < name; r++ {
				h, _ := f.GetRowHeight(tt.sheet, r)
				space += h
			}
			if space < 85 { // 3 cm
				t.Errorf("%.0f pt (%.1f cm) to sign, want at least 3 cm", space, space/72*2.54)
			}
			rows, _ := f.GetRows(tt.sheet)
			for _, c := range flatten(rows) {
				if c == "NGƯỜI LẬP BIỂU" {
					t.Error("a \"NGƯỜI LẬP BIỂU\" co-signature on a Party paper")
				}
			}
			prep := signedRow(t, f, tt.sheet, "A", "Người lập biểu: Trần Văn Bình")
			if prep <= top+2 {
				t.Errorf("preparer line in row %d, want under the recipients (from row %d)", prep, top+3)
			} else if st := signedStyle(t, f, tt.sheet, "A"+strconv.Itoa(prep)); st.Font.Size > 12 || st.Font.Bold {
				t.Errorf("preparer line %v pt, bold %v: a note, not a signature", st.Font.Size, st.Font.Bold)
			}
		})
	}
}

// TestSummaryTypeSizesAreTheForms: header 12-13, title 14-15 bold, body
// 13-14; tables may stay smaller.
func TestSummaryTypeSizesAreTheForms(t *testing.T) {
	f := openBook(t, seededSummary(t))
	const sheet = "Biểu tổng hợp"
	rows, _ := f.GetRows(sheet)
	find := func(prefix string) string {
		for i, r := range rows {
			for j, c := range r {
				if strings.HasPrefix(c, prefix) {
					name, _ := excelize.CoordinatesToCellName(j+1, i+1)
					return name
				}
			}
		}
		t.Fatalf("no cell starting %q", prefix)
		return ""
	}
	for _, tt := range []struct {
		what, prefix string
		min, max     float64
		bold         bool
	}{
		{"issuing body", "ĐẢNG ỦY XÃ AN BÌNH", 12, 13, true},
		{"nation", "ĐẢNG CỘNG SẢN VIỆT NAM", 12, 13, true},
		{"date line", "An Bình, ngày", 12, 13, false},
		{"title", "BIỂU TỔNG HỢP", 14, 15, true},
		{"section heading", "I. ĐƠN VỊ THAM GIA", 13, 14, true},
		{"body line", "- Tổng số đơn vị tham gia", 13, 14, false},
		{"on behalf", "T/M ĐẢNG ỦY", 13, 14, true},
		{"signer", "Lâm Ngọc Thu", 13, 14, true},
	} {
		t.Run(tt.what, func(t *testing.T) {
			st := signedStyle(t, f, sheet, find(tt.prefix))
			if st.Font.Size < tt.min || st.Font.Size > tt.max || st.Font.Bold != tt.bold {
				t.Errorf("%v pt bold %v; want %v-%v pt bold %v", st.Font.Size, st.Font.Bold, tt.min, tt.max, tt.bold)
			}
		})
	}
}

// TestTitleKeepsTheYearWithItsWords: the long title breaks into two
// lines of about equal length, never leaving "2024" alone on the second.
func TestTitleKeepsTheYearWithItsWords(t *testing.T) {
	for _, tt := range signedSheets {
		if tt.sheet == "Tổng kết năm" {
			continue // the year-end sheet's title is its own layout's
		}
		t.Run(tt.name, func(t *testing.T) {
			f := tt.book(t)
			rows, _ := f.GetRows(tt.sheet)
			for i, r := range rows {
				if len(r) == 0 || !strings.HasPrefix(r[0], "BIỂU TỔNG HỢP") {
					continue
				}
				lines := strings.Split(r[0], "\n")
				if len(lines) != 2 {
					t.Fatalf("title %q: want two lines", r[0])
				}
				first, second := len([]rune(lines[0])), len([]rune(lines[1]))
				if len(strings.Fields(lines[1])) < 3 || second < first/2 {
					t.Errorf("title lines of %d and %d characters: %q", first, second, lines)
				}
				if h, _ := f.GetRowHeight(tt.sheet, i+1); h < 36 {
					t.Errorf("title row %v pt high, too low for two lines of 14 pt", h)
				}
				return
			}
			t.Fatal("no title")
		})
	}
}

// TestSectionOneLinesAreNotSpacedApart: a line that fits on one printed
// line gets a row one line high, so the two lines of section I do not
// read as separated by an empty row.
func TestSectionOneLinesAreNotSpacedApart(t *testing.T) {
	f := openBook(t, seededSummary(t))
	const sheet = "Biểu tổng hợp"
	head := signedRow(t, f, sheet, "A", "I. ĐƠN VỊ THAM GIA")
	if head == 0 {
		t.Fatal("no section I")
	}
	for _, r := range []int{head + 1, head + 2} {
		v := signedCell(f, sheet, "A", r)
		h, _ := f.GetRowHeight(sheet, r)
		if len([]rune(v)) < 90 && h > 22 {
			t.Errorf("row %d (%d characters) is %v pt high: one line needs about 18", r, len([]rune(v)), h)
		}
	}
}
