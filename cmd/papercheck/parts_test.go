package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestEachSheetAlone: a sheet's file prints only that sheet; a chart
// sheet's keeps its chart's data, hidden.
func TestEachSheetAlone(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Biểu tổng hợp")
	for i, v := range []any{"Lĩnh vực", "Số", "Kinh tế", 3, "Văn hóa", 5} {
		cell, _ := excelize.CoordinatesToCellName(i%2+1, i/2+1)
		f.SetCellValue("Biểu tổng hợp", cell, v)
	}
	f.NewSheet("Danh sách")
	f.SetCellStr("Danh sách", "A1", "STT")
	f.NewSheet("Đơn vị")
	f.SetCellStr("Đơn vị", "A1", "Tên")
	if err := f.AddChartSheet("Biểu đồ", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{
		Categories: "'Biểu tổng hợp'!$A$2:$A$3", Values: "'Biểu tổng hợp'!$B$2:$B$3"}}}); err != nil {
		t.Fatal(err)
	}
	f.NewSheet("Sau")
	f.SetCellStr("Sau", "A1", "x")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	parts, skipped, err := sheetParts(book, dir)
	if err != nil || len(parts) != 5 || len(skipped) != 0 {
		t.Fatalf("%d parts, skipped %v, %v", len(parts), skipped, err)
	}
	want := map[string][]string{"Biểu tổng hợp": {"Biểu tổng hợp"}, "Danh sách": {"Danh sách"}, "Đơn vị": {"Đơn vị"},
		"Biểu đồ": {"Biểu đồ"}, "Sau": {"Sau"}}
	for _, p := range parts {
		g, err := excelize.OpenFile(p.path)
		if err != nil {
			t.Fatal(err)
		}
		var visible []string
		for _, s := range g.GetSheetList() {
			if v, _ := g.GetSheetVisible(s); v && s != "Biểu đồ" || s == p.sheet {
				visible = append(visible, s)
			}
		}
		if len(visible) != 1 || visible[0] != want[p.sheet][0] {
			t.Errorf("%s: sheets shown %v, want only %v", p.sheet, visible, want[p.sheet])
		}
		if p.sheet == "Biểu đồ" {
			if i, _ := g.GetSheetIndex("Biểu tổng hợp"); i < 0 || len(g.GetSheetList()) != 2 {
				t.Errorf("the chart's file has %v, want the chart and its data", g.GetSheetList())
			}
		}
		g.Close()
	}
	os.Remove(book)
}

// TestDocxParagraphsKeepNonBreakingHyphens: Word's non-breaking hyphen
// (a registration number "DVK‑2024‑001" that must not break) is an
// element, not text; it prints as "-", and is looked for as one.
func TestDocxParagraphsKeepNonBreakingHyphens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sheet.docx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(out)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>Mã số: DVK</w:t><w:noBreakHyphen/><w:t>2024</w:t><w:noBreakHyphen/><w:t>001</w:t></w:r></w:p></w:body></w:document>`))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	paras, err := docxParagraphs(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(paras) != 1 || paras[0] != "Mã số: DVK-2024-001" {
		t.Errorf("paragraphs %q, want [\"Mã số: DVK-2024-001\"]", paras)
	}
}
