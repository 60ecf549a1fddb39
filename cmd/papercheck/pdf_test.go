package main

import "testing"

// bbox is a page as pdftotext -bbox writes it: a table of two rows, the
// second row's last cell wrapped onto two lines ("Chưa đến" / "hạn"),
// and the third row's first line printed over it, as LibreOffice prints a
// row too low for its text.
const bbox = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title></title></head>
<body>
<doc>
  <page width="841.890000" height="595.304000">
    <word xMin="86.0" yMin="40.0" xMax="102.5" yMax="52.2">STT</word>
    <word xMin="150.0" yMin="40.0" xMax="180.0" yMax="52.2">Đơn</word>
    <word xMin="183.0" yMin="40.0" xMax="196.0" yMax="52.2">vị</word>
    <word xMin="86.0" yMin="60.0" xMax="92.0" yMax="72.2">6</word>
    <word xMin="150.0" yMin="60.0" xMax="170.0" yMax="72.2">Hội</word>
    <word xMin="173.0" yMin="60.0" xMax="190.0" yMax="72.2">Phụ</word>
    <word xMin="193.0" yMin="60.0" xMax="205.0" yMax="72.2">nữ</word>
    <word xMin="481.3" yMin="60.0" xMax="505.0" yMax="72.2">Chưa</word>
    <word xMin="508.0" yMin="60.0" xMax="525.0" yMax="72.2">đến</word>
    <word xMin="481.3" yMin="72.0" xMax="497.2" yMax="84.2">hạn</word>
    <word xMin="86.0" yMin="78.0" xMax="92.0" yMax="90.2">7</word>
    <word xMin="481.3" yMin="78.0" xMax="505.0" yMax="90.2">Chưa</word>
  </page>
  <page width="841.890000" height="595.304000">
    <word xMin="86.0" yMin="40.0" xMax="102.5" yMax="52.2">8</word>
  </page>
</doc>
</body>
</html>`

func TestFindsTextsWhole(t *testing.T) {
	pages, err := parseBBox([]byte(bbox))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || len(pages[0].Words) != 12 || pages[0].W < 841 {
		t.Fatalf("parsed %d pages, %d words on the first", len(pages), len(pages[0].Words))
	}
	f := newFinder(pages)
	for _, c := range []struct {
		text string
		page int
	}{
		{"STT", 0},
		{"Đơn vị", 0},
		{"Hội Phụ nữ", 0},
		{"Chưa đến hạn", 0}, // wrapped in its cell
		{"Chưa  đến\nhạn", 0},
		{"8", 1},
		{"Hội Phụ nữ xã", -1}, // cut short
		{"Đơn vị Hội", -1},    // the next row, not the next line of one cell
		{"Chưa đến hạn nộp", -1},
	} {
		if got := f.find(c.text, 0, len(pages)-1); got != c.page {
			t.Errorf("find(%q) = page %d, want %d", c.text, got, c.page)
		}
	}
	if got := f.find("8", 0, 0); got != -1 {
		t.Errorf("find on the first page only found %q on page %d", "8", got)
	}
}

func TestOverlapsAreTextCutOff(t *testing.T) {
	pages, err := parseBBox([]byte(bbox))
	if err != nil {
		t.Fatal(err)
	}
	fs := checkOverlaps(part{file: "x.xlsx", sheet: "Đơn vị chưa hoàn thành"}, pages)
	if len(fs) != 1 {
		t.Fatalf("failures %v, want one: “hạn” over “Chưa”", fs)
	}
	// Two lines of one wrapped cell touch (“Chưa” 60–72.2, “hạn” 72–84.2):
	// not an overlap.
	w := pages[0].Words
	if overlap(w[7], w[9]) {
		t.Error("the two lines of a wrapped cell read as printed over each other")
	}
}

func TestSmallTypeLeavesOutTheFooter(t *testing.T) {
	pg := page{W: 595, H: 842, Words: []word{
		{Text: "body", YMin: 100, YMax: 100 + 11*boxPerPoint},
		{Text: "tiny", YMin: 200, YMax: 200 + 5.5*boxPerPoint},
		{Text: "Trang", YMin: 820, YMax: 820 + 8*boxPerPoint}, // the footer
	}}
	small, _, n, at := smallType([]page{pg})
	if n != 1 || at.text != "tiny" || small < 5.4 || small > 5.6 {
		t.Errorf("smallType = %.1f pt, %d words, %q; want 5.5 pt, 1 word, “tiny”", small, n, at.text)
	}
}

func TestPageBudgets(t *testing.T) {
	if err := loadSheetNames(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sheet string
		rows  int
		want  int
	}{
		{"Biểu tổng hợp", 60, 1},
		{"Biểu đồ", 0, 1},
		{"Tổng kết năm", 40, 1},     // a commune's, with its heading and signatures
		{"Tổng kết năm", 3021, 152}, // a province's 3,000 units
		{"Danh sách mô hình", 9001, 1501},
		{"Danh sách mô hình", 3, 1},
	} {
		p := part{file: "x.xlsx", sheet: c.sheet, rows: c.rows, rules: sheetRules(c.sheet)}
		if got := p.budget(); got != c.want {
			t.Errorf("%s of %d rows: budget %d pages, want %d", c.sheet, c.rows, got, c.want)
		}
	}
	if r := sheetRules("Dữ liệu"); r.known {
		t.Error("a sheet the check does not know has rules")
	}
}

func TestPartyHeadingBelongsToPartyBodies(t *testing.T) {
	for _, c := range []struct {
		path  string
		paras []string
		want  party
	}{
		{"DVK_dang-uy-xa-an-binh_2024_bao-cao_2024-09-05.docx", nil, partyMust},
		{"mau-lon_phieu_chi_bo_thon.docx", nil, partyMust},
		{"mau-lon_phieu_hoi_phu_nu.docx", nil, partyNever},
		{"mau-lon_phieu_chinh_quyen.docx", nil, partyNever},
		{"mau-lon_phieu_ban_nganh.docx", nil, partyAny},
		{"Phieu-dang-ky_DVK-2024-001.docx", []string{"Mã số: DVK-2024-001", "Đơn vị", "Chi bộ thôn Đông"}, partyMust},
		{"Phieu-dang-ky_DVK-2024-002.docx", []string{"Đơn vị", "Chi hội Phụ nữ thôn Ea Kmăl"}, partyNever},
		{"Phieu-dang-ky_DVK-2024-003.docx", []string{"Đơn vị", "Ban công tác Mặt trận thôn Tây"}, partyNever},
		{"Phieu-dang-ky_DVK-2024-004.docx", []string{"Ma so"}, partyAny},
	} {
		if got := docxParty(c.path, c.paras); got != c.want {
			t.Errorf("%s: %d, want %d", c.path, got, c.want)
		}
	}
}
