package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

var paperDay = time.Date(2024, 9, 6, 10, 0, 0, 0, time.UTC)

func office() store.Office {
	return store.Office{Body: []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ AN BÌNH"}, Place: "An Bình", OnBehalf: "T/M ĐẢNG ỦY",
		Position: "PHÓ BÍ THƯ", Signer: "Lâm Ngọc Thu", Preparer: "Trần Văn Bình", Recipient: "Ban Dân vận Tỉnh ủy"}
}

// openBook is s's workbook as the commune's office prints it, opened.
func openBook(t *testing.T, s report.Summary) *excelize.File {
	t.Helper()
	_, f := bookOf(t, s, office())
	return f
}

// bookOf is s's workbook issued by o, dated paperDay: the file and the
// file opened.
func bookOf(t *testing.T, s report.Summary, o store.Office) ([]byte, *excelize.File) {
	t.Helper()
	data, err := report.Workbook(s, report.Paper{T: vi(t), Loc: time.UTC, Office: o, Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	return data, openXLSX(t, data)
}

// openXLSX opens a workbook's bytes, closed when the test ends.
func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// seeded is a model of the seeded campaign: field, kind, results, outcome.
type seeded struct {
	field, kind, outcome string
	results              bool
	measures             string
}

// seededModels span every field (one "khac"), both kinds and each outcome.
var seededModels = []seeded{
	{"kinh_te", "tap_the", store.OutcomeRecognised, true, "Ngày công: 100\nĐất hiến: 50 m²"},
	{"kinh_te", "ca_nhan", "", true, "ngay cong : 20"},
	{"van_hoa_xa_hoi", "tap_the", store.OutcomeExemplary, true, "Đất hiến: 1.200 m2"},
	{"quoc_phong_an_ninh", "tap_the", store.OutcomeNotMet, true, ""},
	{"xay_dung_htct", "ca_nhan", "", false, ""},
	{"khac", "tap_the", store.OutcomeRecognised, true, "Cây xanh: 30 cây"},
}

// seededSummary stores 7 units, one model each from seededModels (the
// last unit registers nothing), and builds the summary.
func seededSummary(t *testing.T) report.Summary {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s report.Summary
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, _ := tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua «Dân vận khéo» năm 2024", MinModels: 1,
			RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		for i, m := range append(seededModels, seeded{}) {
			u, _ := tx.AddUnit(store.Unit{Name: "Chi bộ " + string(rune('A'+i)), Kind: "chi_bo_thon"})
			if m.field == "" {
				tx.PutUser(store.User{ID: 77, FirstName: "Bình", LastName: "Trần Văn", Username: "tvbinh"})
				tx.AddSecretary(u.ID, 77, 0)
				continue
			}
			g, _ := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved,
				Model: store.Model{Name: "Mô hình " + m.field, Kind: m.kind, Field: m.field}}, "2024")
			if m.results {
				g.Results = &store.Results{Achieved: "x", People: 10, Money: 1_000_000, Measures: m.measures}
			}
			if m.outcome != "" {
				g.Evaluation = &store.Evaluation{Outcome: m.outcome}
			}
			tx.PutRegistration(g, 0, "x", "")
		}
		s, err = report.Build(tx, c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// findRow is the first row of sheet whose cell in column col is v.
func findRow(t *testing.T, rows [][]string, col int, v string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > col && r[col] == v {
			return r
		}
	}
	t.Fatalf("no row with %q in column %d", v, col)
	return nil
}

func TestSummarySheetIsTheOfficesPaper(t *testing.T) {
	f := openBook(t, seededSummary(t))
	rows, err := f.GetRows("Biểu tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(flatten(rows), "|")
	for _, want := range []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ AN BÌNH", "|*|", "ĐẢNG CỘNG SẢN VIỆT NAM", "An Bình, ngày 06 tháng 9 năm 2024",
		"BIỂU TỔNG HỢP KẾT QUẢ ĐĂNG KÝ VÀ THỰC HIỆN\nMÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024", "(Phong trào thi đua «Dân vận khéo» năm 2024)",
		"T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Lâm Ngọc Thu", "Người lập biểu: Trần Văn Bình", "Nơi nhận:", "- Ban Dân vận Tỉnh ủy (b/c);", "- Lưu VP."} {
		if !strings.Contains(all, want) {
			t.Errorf("summary sheet lacks %q", want)
		}
	}
	if a1, _ := f.GetCellValue("Biểu tổng hợp", "A1"); a1 != "ĐẢNG BỘ TỈNH GIA LAI" {
		t.Errorf("A1 %q: the issuing body goes top left", a1)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// TestFieldTableMatchesTheSeededModels counts the seeded models here, not
// through the summary, and reads the table's rows and total.
func TestFieldTableMatchesTheSeededModels(t *testing.T) {
	f := openBook(t, seededSummary(t))
	rows, _ := f.GetRows("Biểu tổng hợp")
	want := map[string][7]int{}
	var total [7]int
	for _, m := range seededModels {
		c := want[m.field]
		inc := func(i int, ok bool) {
			if ok {
				c[i]++
				total[i]++
			}
		}
		inc(0, m.kind == "tap_the")
		inc(1, m.kind == "ca_nhan")
		inc(2, true)
		inc(3, m.results)
		inc(4, m.outcome == store.OutcomeRecognised)
		inc(5, m.outcome == store.OutcomeExemplary)
		inc(6, m.outcome == store.OutcomeNotMet)
		want[m.field] = c
	}
	labels := map[string]string{"kinh_te": "Kinh tế", "van_hoa_xa_hoi": "Văn hóa - xã hội", "quoc_phong_an_ninh": "Quốc phòng - an ninh",
		"xay_dung_htct": "Xây dựng hệ thống chính trị", "khac": "Khác"}
	check := func(name string, r []string, w [7]int) {
		for i, n := range w {
			if got := r[2+i]; got != strconv.Itoa(n) {
				t.Errorf("%s column %d: %s, want %d (row %v)", name, i, got, n, r)
			}
		}
	}
	for field, w := range want {
		check(field, findRow(t, rows, 1, labels[field]), w)
	}
	check("total", findRow(t, rows, 1, "Tổng cộng"), total)
}

func TestTotalsSumMeasuresForgivingly(t *testing.T) {
	f := openBook(t, seededSummary(t))
	rows, _ := f.GetRows("Biểu tổng hợp")
	for _, c := range []struct{ name, unit, total string }{
		{"Số người tham gia", "người", "50"}, {"Số hộ tham gia", "hộ", "0"}, {"Nguồn lực huy động", "đồng", "5,000,000"},
		{"Ngày công", "ngày công", "120"}, {"Đất hiến", "m²", "1,250"}, {"Cây xanh", "cây", "30"},
	} {
		r := findRow(t, rows, 1, c.name)
		if r[5] != c.unit || r[7] != c.total {
			t.Errorf("%s: unit %q total %q, want %q %q", c.name, r[5], r[7], c.unit, c.total)
		}
	}
}

func TestWorkbookPrintsOnA4(t *testing.T) {
	f := openBook(t, seededSummary(t))
	names := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			names[dn.Scope] = true
		}
	}
	for _, sheet := range []string{"Biểu tổng hợp", "Danh sách mô hình", "Đơn vị chưa hoàn thành"} {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s: size %d, fit %d wide × %d high; want A4 (9), 1 × 0", sheet, *pl.Size, *pl.FitToWidth, *pl.FitToHeight)
		}
		if props, _ := f.GetSheetProps(sheet); props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set", sheet)
		}
		if hf, _ := f.GetHeaderFooter(sheet); !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: footer %q has no page number", sheet, hf.OddFooter)
		}
		if sheet != "Biểu tổng hợp" && !names[sheet] {
			t.Errorf("%s: no print titles", sheet)
		}
	}
	if pl, _ := f.GetPageLayout("Danh sách mô hình"); *pl.Orientation != "landscape" {
		t.Error("the model list is not landscape")
	}
	if pl, _ := f.GetPageLayout("Biểu tổng hợp"); *pl.Orientation != "portrait" {
		t.Error("the summary is not portrait")
	}
}

func TestTableCellsHaveBordersAndTimes(t *testing.T) {
	f := openBook(t, seededSummary(t))
	for _, c := range []struct{ sheet, cell string }{{"Biểu tổng hợp", "C15"}, {"Dữ liệu mô hình", "B2"}, {"Dữ liệu mô hình", "Z7"}, {"Danh sách mô hình", "B4"}, {"Đơn vị chưa hoàn thành", "C4"}} {
		id, _ := f.GetCellStyle(c.sheet, c.cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Border) != 4 || st.Font == nil || st.Font.Family != "Times New Roman" {
			t.Errorf("%s!%s: %d borders, font %+v", c.sheet, c.cell, len(st.Border), st.Font)
		}
	}
}

func TestWorkbookPropertiesAndNoFormulas(t *testing.T) {
	f := openBook(t, seededSummary(t))
	doc, _ := f.GetDocProps()
	app, _ := f.GetAppProps()
	if !strings.Contains(doc.Title, "BIỂU TỔNG HỢP") || doc.Creator != "ĐẢNG BỘ TỈNH GIA LAI - ĐẢNG ỦY XÃ AN BÌNH" || app.Company != doc.Creator {
		t.Errorf("properties: title %q, author %q, company %q", doc.Title, doc.Creator, app.Company)
	}
	for _, sheet := range f.GetSheetList()[:3] {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fo, _ := f.GetCellFormula(sheet, cell); fo != "" {
					t.Errorf("%s!%s is the formula %q", sheet, cell, fo)
				}
			}
		}
	}
}

func TestOwingSheetSaysWhatAndSinceWhen(t *testing.T) {
	f := openBook(t, seededSummary(t))
	rows, _ := f.GetRows("Đơn vị chưa hoàn thành")
	none := findRow(t, rows, 1, "Chi bộ G")
	if !strings.HasPrefix(none[2], "Đăng ký mô hình") || none[3] != "07/04/2024" || none[4] != "152" || none[6] != "@tvbinh" || !strings.Contains(none[5], "Bình") {
		t.Errorf("unit without a model: %v", none)
	}
	res := findRow(t, rows, 1, "Chi bộ E")
	if res[2] != "Báo cáo kết quả mô hình DVK-2024-005" || res[3] != "05/09/2024" || res[4] != "1" {
		t.Errorf("unit owing results: %v", res)
	}
	if len(rows) != 5 || rows[2][0] != "STT" {
		t.Errorf("%d rows, want the title, the campaign, the header and 2", len(rows))
	}
}

func TestChartIsNativeExcel(t *testing.T) {
	s := seededSummary(t)
	data, err := report.Workbook(s, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	z, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	found := false
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			found = true
			body := readZip(t, f)
			if !strings.Contains(body, "Biểu tổng hợp") || !strings.Contains(body, "barChart") {
				t.Errorf("chart does not draw from the summary table: %.300s", body)
			}
		}
	}
	if !found {
		t.Error("no chart in the workbook")
	}
}

func readZip(t *testing.T, f *zip.File) string {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	return string(b)
}

// docxText is the text of a .docx's document.xml and its core properties.
func docxText(t *testing.T, data []byte) (doc, core string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		switch f.Name {
		case "word/document.xml":
			doc = readZip(t, f)
		case "docProps/core.xml":
			core = readZip(t, f)
		}
	}
	return doc, core
}

func TestDraftHasHeaderFiguresAndSections(t *testing.T) {
	s := seededSummary(t)
	data, err := report.Draft(s, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	doc, core := docxText(t, data)
	for _, want := range []string{"ĐẢNG ỦY XÃ AN BÌNH", "ĐẢNG CỘNG SẢN VIỆT NAM", "An Bình, ngày 06 tháng 9 năm 2024", "BÁO CÁO",
		"Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2024", "Số đơn vị tham gia: 7", "Số mô hình đăng ký: 6",
		"I. KẾT QUẢ", "II. HẠN CHẾ, NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG", "IV. ĐỀ XUẤT, KIẾN NGHỊ", " “Mô hình van_hoa_xa_hoi” (Chi bộ C): ",
		"Ngày công: 120", "Khác", "Chi bộ G", "T/M ĐẢNG ỦY", "Lâm Ngọc Thu", "Ban Dân vận Tỉnh ủy", `w:pgSz w:w="11906" w:h="16838"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	if !strings.Contains(core, "<dc:creator>ĐẢNG BỘ TỈNH GIA LAI - ĐẢNG ỦY XÃ AN BÌNH</dc:creator>") {
		t.Errorf("core properties %s", core)
	}
}

func TestRegistrationSheetHasEveryFieldAndASignature(t *testing.T) {
	u := store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"}
	g := store.Registration{Number: "DVK-2024-001", Status: store.StatusApproved, SubmittedAt: paperDay,
		Model: store.Model{Name: "Đường hoa <&>", Kind: "tap_the", Subject: "Nhân dân", Field: "van_hoa_xa_hoi", Address: "Thôn Đông",
			Content: "Trồng hoa", Targets: "2 km", From: "2024-04-01", To: "2024-11-30"}}
	c := store.Campaign{Name: "DVK 2024", EndDate: "2024-12-15"}
	data, err := report.RegistrationSheet(report.Sheet{Campaign: c, Unit: u, Reg: g}, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := docxText(t, data)
	if !strings.Contains(doc, "Đường hoa &lt;&amp;&gt;") {
		t.Error("the model's name is not escaped")
	}
	text := strings.Join(paragraphs(t, doc), "|")
	for _, want := range []string{"CHI BỘ THÔN ĐÔNG", "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024", nb("DVK-2024-001"), "Đường hoa <&>",
		"Tập thể", "Nhân dân", "Văn hóa - xã hội", "Thôn Đông", "Trồng hoa", "2 km", "01/04/2024 – 30/11/2024", "T/M CHI BỘ|BÍ THƯ|(Ký, ghi rõ họ tên)"} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet lacks %q", want)
		}
	}
}

func TestFileNameIsASCII(t *testing.T) {
	c := store.Campaign{EndDate: "2024-12-15"}
	got := report.FileName(office(), c, "tong-hop", paperDay, "xlsx")
	if got != "DVK_dang-uy-xa-an-binh_2024_tong-hop_2024-09-06.xlsx" {
		t.Errorf("file name %q", got)
	}
}

// TestListsKeepWidthsAndFitRows: the lists are written as streams; their
// columns still have the table's widths (the model data the column
// table's, the printed lists their own). A row's height is left to the
// spreadsheet, which grows it to its wrapped text (lists_test.go).
func TestListsKeepWidthsAndFitRows(t *testing.T) {
	f := openBook(t, seededSummary(t))
	for _, c := range []struct {
		sheet, col string
		width      float64
	}{{"Dữ liệu mô hình", "A", 4}, {"Dữ liệu mô hình", "C", 12}, {"Danh sách mô hình", "A", 5}, {"Đơn vị chưa hoàn thành", "C", 36}} {
		if w, _ := f.GetColWidth(c.sheet, c.col); w < c.width-0.01 || w > c.width+0.01 {
			t.Errorf("%s column %s: width %v, want %v", c.sheet, c.col, w, c.width)
		}
	}
}
