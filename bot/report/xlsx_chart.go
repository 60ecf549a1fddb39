package report

import "github.com/xuri/excelize/v2"

// chart adds a chart sheet with a native Excel column chart of the models
// by field, drawn from the summary's table, so that the office can
// restyle it in Excel.
func (w *book) chart(s Summary) {
	if w.table.last < w.table.first {
		return
	}
	src := "'" + w.t("xl_sheet_summary") + "'!"
	rng := func(col string) string {
		return src + "$" + col + "$" + itoa(w.table.first) + ":$" + col + "$" + itoa(w.table.last)
	}
	gap := uint(80)
	chart := &excelize.Chart{
		Type:     excelize.Col,
		Series:   []excelize.ChartSeries{{Name: src + "$C$" + itoa(w.table.first-2), Categories: rng("B"), Values: rng("E"), Fill: excelize.Fill{Type: "pattern", Color: []string{"C8102E"}, Pattern: 1}}},
		Title:    excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("chart_title") + " — " + s.Campaign.Name, Font: &excelize.Font{Family: paperFont, Size: 14, Bold: true}}}},
		Legend:   excelize.ChartLegend{Position: "none"},
		XAxis:    excelize.ChartAxis{Font: excelize.Font{Family: paperFont, Size: 11}},
		YAxis:    excelize.ChartAxis{Font: excelize.Font{Family: paperFont, Size: 11}, MajorGridLines: true},
		GapWidth: &gap,
	}
	w.keep(w.f.AddChartSheet(w.t("xl_sheet_chart"), chart))
}
