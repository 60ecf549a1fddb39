package report

import "github.com/xuri/excelize/v2"

// The chart's sheet is a landscape A4 page of nine columns: the header
// block (left half columns 1-4, right half 5-9), the title, and the chart
// under them, as wide as the nine columns but a little (excelize counts a
// column of w characters 8w pixels wide and anchors the chart by that
// count; LibreOffice's columns are a little narrower, and what passes
// column I is cut off the page) and chartRows rows of 20 pixels (15 pt)
// tall.
const (
	chartCols   = 9
	chartColW   = 14.5               // characters
	chartWidthX = chartCols*116 - 20 // 116 = int(chartColW*8 + 0.5)
	chartRows   = 26
	chartTall   = chartRows*20 - 1
)

// chartSpan is the chart sheet's share of the width for the header block.
var chartSpan = span{leftEnd: 4, rightBeg: 5, last: chartCols}

// chart is "Biểu đồ": a worksheet with the office's header block, the
// date and a title, so the printed page says what it is, and under them a
// native Excel column chart of the models by field, drawn from the
// summary's table, so that the office can restyle it in Excel. It is
// made to print on paper in black: black tick labels and counts on the
// bars, whole-number steps on the value axis, the legend in the sheet's
// words. With no models yet, one line says so instead of an empty frame.
// It prints on one landscape A4 page.
func (w *book) chart(s Summary) {
	name := w.t("xl_sheet_chart")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	col := cell(chartCols, 1)[:1]
	w.keep(w.f.SetColWidth(name, "A", col, chartColW))
	row := w.headerIn(name, 1, chartSpan)
	w.merged(name, 1, chartCols, row+1, w.t("xl_chart_title")+" "+s.Campaign.Year(), "title")
	w.keep(w.f.SetRowHeight(name, row+1, 36))
	w.merged(name, 1, chartCols, row+2, "("+s.Campaign.Name+")", "subtitle")
	row += 4
	last := row
	top := s.tallest()
	if top == 0 || w.table.last < w.table.first {
		w.merged(name, 1, chartCols, row, w.t("chart_none"), "line")
	} else {
		w.keep(w.f.AddChart(name, cell(1, row), w.columnChart(top)))
		last = row + chartRows
	}
	w.pageSetup(name, "landscape", 0)
	one := 1
	w.keep(w.f.SetPageLayout(name, &excelize.PageLayoutOptions{FitToHeight: &one}))
	centred := true
	w.keep(w.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Horizontally: &centred}))
	w.keep(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: name,
		RefersTo: "'" + name + "'!$A$1:$" + col + "$" + itoa(last)}))
}

// columnChart is the chart of the table's "Tổng số" column by field; top
// is the tallest bar's count, for the value axis's steps.
func (w *book) columnChart(top int) *excelize.Chart {
	src := "'" + w.t("xl_sheet_summary") + "'!"
	rng := func(col string) string {
		return src + "$" + col + "$" + itoa(w.table.first) + ":$" + col + "$" + itoa(w.table.last)
	}
	black := func(size float64, bold bool) excelize.Font {
		return excelize.Font{Family: paperFont, Size: size, Bold: bold, Color: "000000"}
	}
	step := countStep(top)
	lo, hi := 0.0, float64((top/step+1)*step)
	gap, vary := uint(80), false // one colour: varyColors would colour each bar in Excel
	legend := black(12, false)
	return &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			// The name is the table's "Số mô hình đăng ký", the legend's words.
			Name: src + "$C$" + itoa(w.table.first-2), Categories: rng("B"), Values: rng("E"),
			Fill:              excelize.Fill{Type: "pattern", Color: []string{"C8102E"}, Pattern: 1},
			DataLabel:         excelize.ChartDataLabel{Font: black(12, true)},
			DataLabelPosition: excelize.ChartDataLabelsPositionOutsideEnd,
		}},
		Dimension: excelize.ChartDimension{Width: chartWidthX, Height: chartTall},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &legend},
		XAxis:     excelize.ChartAxis{Font: black(12, false)},
		YAxis: excelize.ChartAxis{Font: black(12, false), MajorGridLines: true, MajorUnit: float64(step),
			Minimum: &lo, Maximum: &hi, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		Border:     excelize.LineOptions{Type: excelize.LineNone}, // no pale frame on paper
		GapWidth:   &gap,
		VaryColors: &vary,
	}
}
