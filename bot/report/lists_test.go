package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// The printed lists: what goes on paper and what stays in the file.
const (
	modelsSheet = "Danh sách mô hình"
	dataSheet   = "Dữ liệu mô hình"
	owingSheet  = "Đơn vị chưa hoàn thành"
)

// listBook renders s for office o and opens it; the bytes are kept to
// read what excelize does not tell (a row's customHeight).
func listBook(t *testing.T, s report.Summary, o store.Office) ([]byte, *excelize.File) {
	t.Helper()
	return bookOf(t, s, o)
}

// provinceSummary is the whole read of the province fixture.
func provinceSummary(t *testing.T) report.Summary {
	t.Helper()
	st, c := provinceStore(t)
	var s report.Summary
	if err := st.View(context.Background(), func(tx *store.Tx) (err error) { s, err = report.Build(tx, c); return err }); err != nil {
		t.Fatal(err)
	}
	return s
}

// listCases are a commune's workbook and a province's.
func listCases(t *testing.T) []struct {
	name   string
	s      report.Summary
	office store.Office
	header []string
} {
	commune := []string{"STT", "Mã số", "Đơn vị", "Tên mô hình", "Lĩnh vực", "Mới / duy trì", "Thời gian", "Kết quả so với chỉ tiêu", "Đánh giá", "Cấp công nhận"}
	return []struct {
		name   string
		s      report.Summary
		office store.Office
		header []string
	}{
		{"commune", seededSummary(t), office(), commune},
		{"province", provinceSummary(t), provinceOffice(), commune}, // the commune in the unit's cell
	}
}

// headerRow is the index (from 0) of the first row whose first cell is
// "STT", -1 if none.
func headerRow(rows [][]string) int {
	return slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "STT" })
}

// definedName is the formula of a sheet's _xlnm name, "" if none.
func definedName(f *excelize.File, sheet, name string) string {
	for _, dn := range f.GetDefinedName() {
		if dn.Name == name && dn.Scope == sheet {
			return dn.RefersTo
		}
	}
	return ""
}

// sheetXML is a worksheet's XML as stored in the file, found by its name
// through the workbook and its relationships.
func sheetXML(t *testing.T, data []byte, sheet string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal([]byte(readZip(t, files["xl/workbook.xml"])), &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal([]byte(readZip(t, files["xl/_rels/workbook.xml.rels"])), &rels); err != nil {
		t.Fatal(err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				target := strings.TrimPrefix(r.Target, "/")
				if !strings.HasPrefix(target, "xl/") {
					target = path.Join("xl", target)
				}
				return readZip(t, files[target])
			}
		}
	}
	t.Fatalf("no sheet %q in the file", sheet)
	return ""
}

var customRow = regexp.MustCompile(`<row r="(\d+)"[^>]*customHeight="(1|true)"`)

// customRows are the rows (from 1) of a sheet's XML whose height is
// fixed.
func customRows(x string) []int {
	var out []int
	for _, m := range customRow.FindAllStringSubmatch(x, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// fontSize is the font size of a cell's style.
func fontSize(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st.Font == nil {
		t.Fatalf("%s!%s: style %v, %v", sheet, cell, st, err)
	}
	return st.Font.Size
}

// landscapePixels is what one landscape A4 page holds between a sheet's
// margins, in pixels (96 an inch); a column of Excel width w is 7w+5
// pixels in the workbook's 11 pt Times New Roman.
func landscapePixels(t *testing.T, f *excelize.File, sheet string) float64 {
	t.Helper()
	m, err := f.GetPageMargins(sheet)
	if err != nil || m.Left == nil || m.Right == nil {
		t.Fatalf("margins of %s: %v", sheet, err)
	}
	if pl, _ := f.GetPageLayout(sheet); *pl.Orientation != "landscape" || *pl.Size != 9 {
		t.Errorf("%s: %s, paper %d; want landscape A4", sheet, *pl.Orientation, *pl.Size)
	}
	return (11.69 - *m.Left - *m.Right) * 96
}

func TestModelListIsAPaperOfTenColumns(t *testing.T) {
	for _, c := range listCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data, f := listBook(t, c.s, c.office)
			rows, err := f.GetRows(modelsSheet)
			if err != nil {
				t.Fatal(err)
			}
			h := titledHeader(t, rows, "DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024", c.s.Campaign.Name, "06/09/2024")
			if !slices.Equal(rows[h], c.header) {
				t.Errorf("header %q, want %q", rows[h], c.header)
			}
			if strings.Contains(strings.Join(flatten(rows), "|"), "Telegram") {
				t.Error("the paper list names Telegram")
			}
			body := rows[h+1:]
			if len(body) != len(c.s.Rows)+1 {
				t.Fatalf("%d rows under the header, want %d models and the total", len(body), len(c.s.Rows))
			}
			for i, r := range c.s.Rows {
				if body[i][1] != r.Reg.Number || !strings.HasPrefix(body[i][2], r.Unit.Name) {
					t.Errorf("row %d: %q, want model %s of %s", i+1, body[i], r.Reg.Number, r.Unit.Name)
				}
				if c.name == "province" && !strings.HasSuffix(body[i][3], strings.TrimSuffix(body[i][2][len(r.Unit.Name):], ")")[2:]) {
					t.Errorf("row %d: %q: model of another commune than the unit's cell says", i+1, body[i])
				}
			}
			total := strings.Join(body[len(body)-1], "|")
			if !strings.Contains(total, "Tổng cộng") || !strings.Contains(total, itoa(len(c.s.Rows))+" mô hình") {
				t.Errorf("total row %q", total)
			}
			want := "'" + modelsSheet + "'!$" + itoa(h+1) + ":$" + itoa(h+1)
			if got := definedName(f, modelsSheet, "_xlnm.Print_Titles"); got != want {
				t.Errorf("print titles %q, want the header row %q", got, want)
			}
			if got := customRows(sheetXML(t, data, modelsSheet)); slices.ContainsFunc(got, func(r int) bool { return r > h }) {
				t.Errorf("rows %v have a fixed height: wrapped text would be cut", got)
			}
			px := 0.0
			for i := range c.header {
				col, _ := excelize.ColumnNumberToName(i + 1)
				w, _ := f.GetColWidth(modelsSheet, col)
				px += 7*w + 5
			}
			if px > landscapePixels(t, f, modelsSheet) {
				t.Errorf("columns %.0f pixels wide, more than a landscape page's %.0f: the list would be squeezed", px, landscapePixels(t, f, modelsSheet))
			}
			if w, _ := f.GetColWidth(modelsSheet, "A"); w < 5 {
				t.Errorf("STT column %v wide: the bold header wraps", w)
			}
			if ht, _ := f.GetRowHeight(modelsSheet, h+1); ht < 2*12.7 { // "Kết quả so với chỉ tiêu" takes two lines
				t.Errorf("header row %v points high: its wrapped headers would be cut", ht)
			}
			code := 0
			for _, r := range c.s.Rows {
				code = max(code, utf8.RuneCountInString(r.Reg.Number))
			}
			if w, _ := f.GetColWidth(modelsSheet, "B"); w < float64(code)+1 {
				t.Errorf("code column %v wide for codes of %d characters: they break at the hyphen", w, code)
			}
			for _, cell := range []string{"A" + itoa(h+1), "D" + itoa(h+2), "B" + itoa(h+1+len(body))} {
				if size := fontSize(t, f, modelsSheet, cell); size < 11 {
					t.Errorf("%s in %v pt, want at least 11", cell, size)
				}
			}
		})
	}
}

func TestModelListTotalCountsEachColumn(t *testing.T) {
	_, f := listBook(t, seededSummary(t), office())
	rows, _ := f.GetRows(modelsSheet)
	total := rows[len(rows)-1]
	for col, want := range map[int]string{1: "Tổng cộng: 6 mô hình", 4: "Kinh tế: 2", 8: "Công nhận: 2\nĐiển hình, nhân rộng: 1\nChưa đạt: 1"} {
		if len(total) <= col || !strings.Contains(total[col], want) {
			t.Errorf("total row %q: column %d lacks %q", total, col+1, want)
		}
	}
}

func TestModelDataIsWholeHiddenAndNotPrinted(t *testing.T) {
	for _, c := range listCases(t) {
		t.Run(c.name, func(t *testing.T) {
			_, f := listBook(t, c.s, c.office)
			sheets := f.GetSheetList()
			if i := slices.Index(sheets, modelsSheet); i < 0 || i+1 >= len(sheets) || sheets[i+1] != dataSheet {
				t.Fatalf("sheets %q: want the data beside the model list", sheets)
			}
			if visible, _ := f.GetSheetVisible(dataSheet); visible {
				t.Error("the data sheet is visible: printing the workbook would print it")
			}
			for _, name := range []string{"_xlnm.Print_Area", "_xlnm.Print_Titles"} {
				if got := definedName(f, dataSheet, name); got != "" {
					t.Errorf("the data sheet has %s %q: LibreOffice prints a hidden sheet that has a print range", name, got)
				}
			}
			rows, _ := f.GetRows(dataSheet)
			if len(rows) != len(c.s.Rows)+1 || rows[0][0] != "STT" || len(rows[0]) < 30 || !slices.Contains(rows[0], "Nguồn lực huy động (đồng)") {
				t.Fatalf("data sheet: %d rows, header %q", len(rows), rows[0])
			}
			status := slices.Index(rows[0], "Trạng thái")
			for _, r := range rows[1:] {
				if s := r[status]; s == "" || strings.ToLower(s[:1]) == s[:1] {
					t.Errorf("status %q is not capitalised", s)
				}
			}
			if panes, _ := f.GetPanes(dataSheet); !panes.Freeze {
				t.Error("the data's header row is not frozen")
			}
		})
	}
}

func TestOwingListHasATitleAndNoTelegramOnPaper(t *testing.T) {
	for _, c := range listCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data, f := listBook(t, c.s, c.office)
			rows, _ := f.GetRows(owingSheet)
			h := titledHeader(t, rows, "DANH SÁCH ĐƠN VỊ CHƯA HOÀN THÀNH", c.s.Campaign.Name, "06/09/2024")
			tg := slices.Index(rows[h], "Telegram")
			if tg < 0 {
				t.Fatalf("header %q: the usernames stay in the file, for the office", rows[h])
			}
			col, _ := excelize.ColumnNumberToName(tg)
			area := definedName(f, owingSheet, "_xlnm.Print_Area")
			if !strings.Contains(area, "$A$1:$"+col+"$") {
				t.Errorf("print area %q, want columns A to %s (not Telegram)", area, col)
			}
			want := "'" + owingSheet + "'!$" + itoa(h+1) + ":$" + itoa(h+1)
			if got := definedName(f, owingSheet, "_xlnm.Print_Titles"); got != want {
				t.Errorf("print titles %q, want %q", got, want)
			}
			if got := customRows(sheetXML(t, data, owingSheet)); slices.ContainsFunc(got, func(r int) bool { return r > h }) {
				t.Errorf("rows %v have a fixed height: \"Chưa đến hạn\" would be cut", got)
			}
			if w, _ := f.GetColWidth(owingSheet, "A"); w < 5 {
				t.Errorf("STT column %v wide: the bold header wraps", w)
			}
		})
	}
}

// An empty list says so in one line: no page with a lone header row.
func TestEmptyListsSaySoInOneLine(t *testing.T) {
	s := report.Summary{Campaign: store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2025", EndDate: "2025-12-15"}}
	_, f := listBook(t, s, provinceOffice())
	for _, c := range []struct{ sheet, line string }{
		{modelsSheet, "Chưa có mô hình nào được đăng ký."},
		{owingSheet, "Không có đơn vị nào còn thiếu đăng ký hoặc báo cáo kết quả."},
	} {
		t.Run(c.sheet, func(t *testing.T) {
			rows, _ := f.GetRows(c.sheet)
			if headerRow(rows) >= 0 {
				t.Errorf("rows %q: a header row over nothing", rows)
			}
			if all := strings.Join(flatten(rows), "|"); !strings.Contains(all, c.line) || !strings.Contains(all, "NĂM 2025") {
				t.Errorf("rows %q, want the title and %q", rows, c.line)
			}
			if got := definedName(f, c.sheet, "_xlnm.Print_Titles"); got != "" {
				t.Errorf("print titles %q over an empty list", got)
			}
		})
	}
}

// Each sheet counts its own pages, from 1, and the first page of each
// carries no number (a one-page paper is not numbered): LibreOffice's &N
// is the whole workbook's count, so "page of pages" would be wrong there.
func TestPageNumbersCountPerSheet(t *testing.T) {
	data, f := listBook(t, seededSummary(t), office())
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible || sheet == "Biểu đồ" { // the chart sheet has no footer
			continue
		}
		t.Run(sheet, func(t *testing.T) {
			setup := regexp.MustCompile(`<pageSetup[^>]*>`).FindString(sheetXML(t, data, sheet))
			if !strings.Contains(setup, `firstPageNumber="1"`) || !strings.Contains(setup, `useFirstPageNumber="true"`) && !strings.Contains(setup, `useFirstPageNumber="1"`) {
				t.Errorf("page setup %s: want numbering from 1 on every sheet", setup)
			}
			hf, _ := f.GetHeaderFooter(sheet)
			if !strings.Contains(hf.OddFooter, "&P") || strings.Contains(hf.OddFooter, "&N") {
				t.Errorf("footer %q: want the page number without the workbook's count", hf.OddFooter)
			}
			if !hf.DifferentFirst || hf.FirstFooter != "" {
				t.Errorf("first page's footer %q (different %v): want none", hf.FirstFooter, hf.DifferentFirst)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// titledHeader is the index of a list's header row, under a title block
// that holds each of wants: the title, the campaign, the day.
func titledHeader(t *testing.T, rows [][]string, wants ...string) int {
	t.Helper()
	h := headerRow(rows)
	if h < 1 {
		t.Fatalf("no header row under a title: %q", rows)
	}
	top := strings.Join(flatten(rows[:h]), "|")
	for _, want := range wants {
		if !strings.Contains(top, want) {
			t.Errorf("the title block %q lacks %q", top, want)
		}
	}
	return h
}
