package report

import (
	"strings"
)

// yearLayout is the year-end sheet's columns: STT, the commune (the
// province's table only), the unit, three of models registered, three of
// results, three outcomes; their widths; the header block's halves; and
// the page's orientation. A commune's prints on A4 portrait at about
// 100 %; so does a province's of up to yearPortraitUnits units (one
// page, at about 93 %: 10 pt or more). A longer province's runs to many
// pages anyway, and prints on landscape, so that the commune's and the
// unit's names keep to a line or two (in portrait a province of a
// hundred communes with long names took 189 pages, three lines a row;
// 148 now). Each count's column is wide enough for "Muộn" in bold, which
// broke as "Muộ/n"; "Điển hình, nhân rộng" takes two lines in a
// commune's, four in a province's.
type yearLayout struct {
	commune bool
	widths  []float64
	span    span
	orient  string
}

// yearPortraitUnits is how many units a province's year-end table may
// have and still print on one portrait page with its heading and
// signatures.
const yearPortraitUnits = 25

var (
	yearCommune       = yearLayout{widths: []float64{4.5, 20.5, 6, 6, 6, 6, 6, 6, 6, 10.5, 6}, span: span{4, 5, 11}, orient: "portrait"}
	yearProvince      = yearLayout{commune: true, widths: []float64{4.6, 11.5, 18.5, 6, 6, 6, 6, 6, 6, 6, 7.5, 6}, span: span{4, 5, 12}, orient: "portrait"}
	yearProvinceLarge = yearLayout{commune: true, widths: []float64{4.6, 27, 47, 6, 6, 6, 6, 6, 6, 6, 9, 6}, span: span{3, 4, 12}, orient: "landscape"}
)

// counts is the first column of the nine counts.
func (l yearLayout) counts() int { return len(l.widths) - 8 }

// yearEnd is "Tổng kết năm": the Party header block, the title with the
// campaign's year, the table per unit of the year's campaigns (models on
// time or late, results on time, late or missing, the outcomes) with a
// total row, and the signatures: a paper of its own, for the annual
// rating of units. The province's names each unit's commune. Every row
// is as high as its wrapped text, and the table's two header rows repeat
// on every printed page.
func (w *book) yearEnd(s Summary) {
	l := yearCommune
	if s.Communes != nil {
		l = yearProvince
		if len(s.Year) > yearPortraitUnits {
			l = yearProvinceLarge
		}
	}
	name := w.t("xl_sheet_year_end")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	for col, width := range l.widths {
		c := strings.TrimRight(cell(col+1, 1), "0123456789")
		w.keep(w.f.SetColWidth(name, c, c, width))
	}
	last := len(l.widths)
	row := w.headerIn(name, 1, l.span)
	title := w.t("xl_year_title") + " " + s.Campaign.Year()
	w.merged(name, 1, last, row+1, title, "title")
	w.keep(w.f.SetRowHeight(name, row+1, w.height("title", []string{title}, []float64{sum(l.widths)})))
	w.merged(name, 1, last, row+2, w.t("xl_year_subtitle"), "subtitle")
	top := w.annexLine(name, row+3, l.span) + 1
	w.yearHead(name, top, l)
	r := top + 2
	var total YearRow
	for i, y := range s.Year {
		texts := []string{y.Unit.Name}
		w.number(name, 1, r, float64(i+1), "tdNum")
		if l.commune {
			w.text(name, 2, r, y.Commune, "td")
			texts = append(texts, y.Commune)
		}
		w.text(name, l.counts()-1, r, y.Unit.Name, "td")
		w.yearCounts(name, r, l, y, "tdNum")
		w.keep(w.f.SetRowHeight(name, r, w.height("td", texts, []float64{l.widths[l.counts()-2], l.widths[1]})))
		total = total.plus(y)
		r++
	}
	w.text(name, 1, r, "", "total")
	w.merged(name, 2, l.counts()-1, r, w.t("xl_total"), "total")
	w.yearCounts(name, r, l, total, "totalNum")
	w.signaturesIn(name, r+2, l.span)
	w.pageSetup(name, l.orient, 0)
	// The header rows to repeat are the table's, not the sheet's first
	// rows (the Party header block), which pageSetup's titleRows would be.
	w.repeatRows(name, top, top+1)
}

// yearHead is the table's two header rows, with the merged groups, each
// row as high as its wrapped words.
func (w *book) yearHead(sheet string, top int, l yearLayout) {
	type head struct {
		c1, r1, c2, r2 int
		id             string
	}
	c := l.counts() // the first count's column
	heads := []head{{1, top, 1, top + 1, "xl_stt"}, {c - 1, top, c - 1, top + 1, "xl_unit"}}
	if l.commune {
		heads = append(heads, head{2, top, 2, top + 1, "xl_commune"})
	}
	heads = append(heads, head{c, top, c + 2, top, "xl_registered_models"}, head{c + 3, top, c + 5, top, "xl_results_reported"},
		head{c + 6, top, c + 8, top, "xl_evaluated"})
	for i, id := range []string{"xl_sum", "xl_on_time", "xl_late", "xl_on_time", "xl_late", "xl_year_missing", "xl_recognised", "xl_exemplary", "xl_not_met"} {
		heads = append(heads, head{c + i, top + 1, c + i, top + 1, id})
	}
	var groups, subs []string
	var groupW, subW []float64
	for _, h := range heads {
		w.text(sheet, h.c1, h.r1, w.t(h.id), "th")
		if h.c2 != h.c1 || h.r2 != h.r1 {
			w.keep(w.f.MergeCell(sheet, cell(h.c1, h.r1), cell(h.c2, h.r2)))
		}
		width := sum(l.widths[h.c1-1 : h.c2])
		switch {
		case h.r1 == top && h.r2 == top:
			groups, groupW = append(groups, w.t(h.id)), append(groupW, width)
		case h.r1 == top+1:
			subs, subW = append(subs, w.t(h.id)), append(subW, width)
		}
	}
	w.keep(w.f.SetCellStyle(sheet, cell(1, top), cell(len(l.widths), top+1), w.st["th"]))
	w.keep(w.f.SetRowHeight(sheet, top, w.height("th", groups, groupW)))
	w.keep(w.f.SetRowHeight(sheet, top+1, w.height("th", subs, subW)))
}

// yearCounts writes a row's nine counts from the layout's first count.
func (w *book) yearCounts(sheet string, row int, l yearLayout, y YearRow, style string) {
	for i, v := range []int{y.Models, y.RegOnTime, y.RegLate, y.ResOnTime, y.ResLate, y.ResMissing, y.Recognised, y.Exemplary, y.NotMet} {
		w.number(sheet, l.counts()+i, row, float64(v), style)
	}
}

// plus is the sum of two rows' counts, for the total row.
func (y YearRow) plus(o YearRow) YearRow {
	y.Models, y.RegOnTime, y.RegLate = y.Models+o.Models, y.RegOnTime+o.RegOnTime, y.RegLate+o.RegLate
	y.ResOnTime, y.ResLate, y.ResMissing = y.ResOnTime+o.ResOnTime, y.ResLate+o.ResLate, y.ResMissing+o.ResMissing
	y.Evaluations.add(o.Evaluations)
	y.MissingModels += o.MissingModels
	return y
}

// height is the height in points of a row whose cells, in the named
// style, hold texts in columns of those widths: its tallest cell's
// lines, word-wrapped (wrapLines), at the style's size. A spreadsheet
// does not grow a row for wrapped text when printing, so a row too low
// cuts the words off.
func (w *book) height(style string, texts []string, widths []float64) float64 {
	sp := specOf(style)
	lines := 1
	for i, t := range texts {
		lines = max(lines, wrapLines(t, widths[i], sp.size, sp.bold))
	}
	return min(float64(lines)*sp.size*1.2+2.5, 409)
}

// wrapLines is how many lines text takes in a column width characters
// wide at size points, as the printed lists measure it (lineCount: Times
// New Roman's widths, wrapped where a spreadsheet wraps), bold a little
// wider.
func wrapLines(text string, width, size float64, bold bool) int {
	if bold {
		size *= 1.08
	}
	return max(lineCount(text, width, size), 1)
}

// specOf is the named style's spec (the body's if there is none).
func specOf(name string) styleSpec {
	for _, sp := range styleSpecs {
		if sp.name == name {
			return sp
		}
	}
	return styleSpecs[0]
}

// sum is the total of widths.
func sum(widths []float64) float64 {
	t := 0.0
	for _, v := range widths {
		t += v
	}
	return t
}
