package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// TestWorkbookChartPrints: the "Biểu đồ" sheet is a page that says what
// it is (the office's header, the date, a title) and prints on one A4
// page; its native chart has black tick labels (a black-and-white
// printer drops the pale grey excelize gives by default), whole-number
// steps on the value axis, the count on each bar and a Vietnamese
// legend. With no models there is no empty chart frame, one line says
// there is nothing yet.
func TestWorkbookChartPrints(t *testing.T) {
	five := func(*testing.T) report.Summary {
		return report.Summary{Campaign: store.Campaign{Name: "DVK 2024", RegDeadline: "2024-04-07"}, Table: map[string]*report.FieldLine{
			"kinh_te": {Collective: 7, Individual: 5}, "van_hoa_xa_hoi": {Collective: 9}, "quoc_phong_an_ninh": {Collective: 4, Individual: 3},
			"xay_dung_htct": {Collective: 11}, store.FieldOther: {Individual: 2},
		}}
	}
	for _, tc := range []struct {
		name     string
		s        func(t *testing.T) report.Summary
		models   bool
		unit, hi string // the value axis's step and end
	}{
		{"a commune with models", fixture, true, "1", "4"},
		{"five fields, the tallest 12 of 41", five, true, "5", "15"},
		{"no models yet", func(*testing.T) report.Summary {
			return report.Summary{Campaign: store.Campaign{Name: "DVK 2025", RegDeadline: "2025-04-07"}}
		}, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, f := bookOf(t, tc.s(t), office())
			const sheet = "Biểu đồ"
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatalf("no worksheet %q (a chart sheet holds no header or date): %v", sheet, err)
			}
			page := strings.Join(sheetTexts(rows), "\n")
			for _, want := range []string{"ĐẢNG ỦY XÃ AN BÌNH", "ĐẢNG CỘNG SẢN VIỆT NAM", report.DateLine(office(), paperDay), "BIỂU ĐỒ SỐ MÔ HÌNH"} {
				if !strings.Contains(page, want) {
					t.Errorf("the chart's page lacks %q:\n%s", want, page)
				}
			}
			if none := "Chưa có mô hình nào được đăng ký."; strings.Contains(page, none) == tc.models {
				t.Errorf("the line %q on the page: %v, want %v", none, tc.models, !tc.models)
			}
			last := onePage(t, f, sheet)

			xml := zipPart(t, data, "xl/charts/chart")
			if !tc.models {
				if xml != "" {
					t.Errorf("an empty chart is printed: %.200s", xml)
				}
				return
			}
			if xml == "" {
				t.Fatal("no chart in the workbook")
			}
			// The chart fills the printed columns A-I and ends in the print area.
			to := regexp.MustCompile(`<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`).FindStringSubmatch(zipPart(t, data, "xl/drawings/drawing"))
			if to == nil || to[1] != "8" || atoi(t, to[2])+1 > last {
				t.Errorf("the chart ends at %v, want in column I (8) and by row %d", to, last)
			}
			// The same with or without the "c:" prefix, and quotes plain.
			xml = strings.ReplaceAll(regexp.MustCompile(`<(/?)c:`).ReplaceAllString(xml, "<$1"), "&#39;", "'")
			texts := regexp.MustCompile(`(?s)<txPr>.*?</txPr>`).FindAllString(xml, -1)
			if len(texts) < 4 { // the counts, two axes, the legend
				t.Errorf("%d text styles in the chart, want 4", len(texts))
			}
			for _, txPr := range texts {
				if strings.Contains(txPr, "lumMod") || !strings.Contains(txPr, `<a:srgbClr val="000000"`) {
					t.Errorf("text not black: %s", txPr)
				}
			}
			valAx := regexp.MustCompile(`(?s)<valAx>.*</valAx>`).FindString(xml)
			for _, want := range []string{`<majorUnit val="` + tc.unit + `"`, `<max val="` + tc.hi + `"`, `formatCode="0"`, `<min val="0"`} {
				if !strings.Contains(valAx, want) {
					t.Errorf("value axis lacks %s: %s", want, valAx)
				}
			}
			dLbls := regexp.MustCompile(`(?s)<dLbls>.*?</dLbls>`).FindString(xml)
			if !strings.Contains(dLbls, `<showVal val="1"`) {
				t.Errorf("no counts on the bars: %s", dLbls)
			}
			if !strings.Contains(xml, "<legend>") {
				t.Error("no legend")
			}
			ref := regexp.MustCompile(`<tx><strRef><f>'([^']+)'!\$([A-Z]+)\$(\d+)</f>`).FindStringSubmatch(xml)
			if ref == nil {
				t.Fatalf("the series has no name: %.300s", xml)
			}
			if name, _ := f.GetCellValue(ref[1], ref[2]+ref[3]); name != "Số mô hình đăng ký" {
				t.Errorf("the legend reads %q", name)
			}
		})
	}
}

// onePage: A4, fitted to one page wide and one tall, and a print area
// of columns A-I, whose last row it returns.
func onePage(t *testing.T, f *excelize.File, sheet string) int {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Error(err)
		return 0
	}
	if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 1 {
		t.Errorf("page layout %+v, want A4 fitted to one page", pl)
	}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" && dn.Scope == sheet {
			if m := regexp.MustCompile(`!\$A\$1:\$I\$(\d+)$`).FindStringSubmatch(dn.RefersTo); m != nil {
				return atoi(t, m[1])
			}
			t.Errorf("print area %s, want columns A-I", dn.RefersTo)
		}
	}
	t.Error("no print area")
	return 0
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sheetTexts(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// zipPart is the workbook's first part whose name starts with prefix, ""
// when there is none.
func zipPart(t *testing.T, data []byte, prefix string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, prefix) && strings.HasSuffix(f.Name, ".xml") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	return ""
}
