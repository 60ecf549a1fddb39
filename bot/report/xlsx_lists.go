package report

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// frozenHeader keeps a list's header row in view.
var frozenHeader = excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

// list is a list sheet written as a stream: each row goes straight into
// the sheet's XML, in order, with no cell model kept for it. Written cell
// by cell, the 15,000-row model list of a 5,000-unit commune was most of
// the workbook's time and memory.
type list struct {
	w      *book
	sw     *excelize.StreamWriter // nil if the sheet could not be made (w.err)
	widths []float64
	row    int
}

// listSheet starts a landscape list sheet with a bordered, bold header
// row that is frozen and printed on every page.
func (w *book) listSheet(name string, headers []string, widths []float64) *list {
	_, err := w.f.NewSheet(name)
	w.keep(err)
	w.pageSetup(name, "landscape", 1) // before the stream, which keeps the sheet's settings
	sw, err := w.f.NewStreamWriter(name)
	w.keep(err)
	l := &list{w: w, sw: sw, widths: widths}
	if sw == nil {
		return l
	}
	for i := range headers {
		w.keep(sw.SetColWidth(i+1, i+1, widths[min(i, len(widths)-1)]))
	}
	w.keep(sw.SetPanes(&frozenHeader))
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: w.st["th"], Value: h}
	}
	l.add(cells, headers, 1.25)
	return l
}

// add writes the next row, as high as its texts need (see rowHeight).
func (l *list) add(cells []any, texts []string, wide float64) {
	if l.sw == nil {
		return
	}
	l.row++
	l.w.keep(l.sw.SetRow(cell(1, l.row), cells, excelize.RowOpts{Height: rowHeight(texts, l.widths, wide)}))
}

// done ends the sheet.
func (l *list) done() {
	if l.sw != nil {
		l.w.keep(l.sw.Flush())
	}
}

// models is "Danh sách mô hình": every stored field of every model, a
// row each, by the column table, each cell bordered in its column's style.
func (w *book) models(s Summary) {
	cols, names := columnsOf(s), s.communeNames()
	l := w.listSheet(w.t("xl_sheet_models"), headers(cols, w.t), widths(cols))
	styles := make([]int, len(cols))
	for j, col := range cols {
		styles[j] = w.st[kindStyle[col.kind]]
	}
	cells, texts := make([]any, len(cols)), make([]string, len(cols))
	for i, r := range s.Rows {
		c := ctx{n: i + 1, t: w.t, loc: w.loc, communes: names}
		for j, col := range cols {
			v := col.value(r, c)
			cells[j] = excelize.Cell{StyleID: styles[j], Value: cellValue(v)}
			texts[j] = csvCell(v)
		}
		l.add(cells, texts, 1)
	}
	l.done()
}

// kindStyle is the bordered style of a column's kind.
var kindStyle = map[cellKind]string{cellText: "td", cellNumber: "tdNum", cellMoney: "tdMoney", cellDate: "tdDate"}

// cellValue is a column's value as the sheet stores it: a string always as
// text, a day as the date of that day; nil leaves the cell empty.
func cellValue(v any) any {
	if d, ok := v.(time.Time); ok {
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	return v
}

// fitRow sets a row's height to hold its wrapped texts (see rowHeight).
func (w *book) fitRow(sheet string, row int, texts []string, widths []float64, wide float64) {
	w.keep(w.f.SetRowHeight(sheet, row, rowHeight(texts, widths, wide)))
}

// rowHeight is the height of a row that holds its wrapped texts:
// spreadsheets do not grow a row for wrapped text on their own when
// printing, so a long cell would be cut off. A column of width n holds
// about n characters a line (bold text: fewer, by the factor wide).
func rowHeight(texts []string, widths []float64, wide float64) float64 {
	lines := 1
	for i, t := range texts {
		per := max(int(widths[min(i, len(widths)-1)]/wide), 1)
		n := 0
		for _, para := range strings.Split(t, "\n") {
			n += max((utf8.RuneCountInString(para)+per-1)/per, 1)
		}
		lines = max(lines, n)
	}
	return min(float64(lines)*15+3, 409)
}

// debt is one thing a unit owes: a registration or a model's results.
type debt struct {
	unit     UnitLine
	what     string
	deadline string // ISO day
}

// debts are what the owing units owe, a line each, registrations first.
func (w *book) debts(s Summary) []debt {
	var out []debt
	for _, l := range s.Owing() {
		if l.MissingModels > 0 {
			out = append(out, debt{l, w.t("xl_owes_registration") + " (" + w.t("xl_owes_short") + " " + strconv.Itoa(l.MissingModels) + ")", s.Campaign.RegDeadline})
		}
		for _, n := range l.MissingResults {
			out = append(out, debt{l, w.t("xl_owes_results") + " " + n, s.Campaign.ResultsDeadline})
		}
	}
	return out
}

// owing is "Đơn vị chưa hoàn thành": what each unit owes, since which
// deadline, how many days late, and whom to call.
func (w *book) owing(s Summary) {
	ws := []float64{5, 26, 32, 11, 9, 24, 18}
	l := w.listSheet(w.t("xl_sheet_owing"), []string{w.t("xl_stt"), w.t("xl_unit"), w.t("xl_owes"), w.t("xl_deadline"), w.t("xl_days_late"),
		w.t("xl_secretary"), w.t("xl_telegram")}, ws)
	names := s.communeNames()
	for i, d := range w.debts(s) {
		unit := d.unit.Unit.Name
		if c, ok := names[d.unit.Unit.Commune]; ok {
			unit += " (" + c + ")" // two communes may each have a "Chi bộ thôn Đông"
		}
		who, handles := contacts(d.unit)
		deadline, late := w.deadlineCells(d.deadline)
		l.add([]any{w.styled(i+1, "tdNum"), w.styled(unit, "td"), w.styled(d.what, "td"), deadline, late,
			w.styled(who, "td"), w.styled(handles, "td")}, []string{"", unit, d.what, "", "", who, handles}, 1)
	}
	l.done()
}

// styled is a value in a named style, for a streamed row.
func (w *book) styled(v any, style string) excelize.Cell {
	return excelize.Cell{StyleID: w.st[style], Value: v}
}

// deadlineCells are the deadline and the days since it on the paper's
// day: "Chưa đến hạn" before it.
func (w *book) deadlineCells(iso string) (deadline, late excelize.Cell) {
	day, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return w.styled("", "td"), w.styled("", "td")
	}
	deadline = w.styled(day, "tdDate")
	today := time.Date(w.day.Year(), w.day.Month(), w.day.Day(), 0, 0, 0, 0, time.UTC)
	if n := int(today.Sub(day).Hours() / 24); n > 0 {
		return deadline, w.styled(n, "tdNum")
	}
	return deadline, w.styled(w.t("xl_not_due"), "tdCenter")
}

// contacts are a unit's secretaries' names (or the imported contact) and
// their Telegram usernames, one a line.
func contacts(l UnitLine) (names, handles string) {
	var n, h []string
	for _, s := range l.Secretaries {
		n = append(n, s.Name)
		if s.Username != "" {
			h = append(h, "@"+s.Username)
		}
	}
	if len(n) == 0 && l.Unit.Contact != "" {
		n = append(n, strings.TrimSpace(l.Unit.Contact+" "+l.Unit.Phone))
	}
	return strings.Join(n, "\n"), strings.Join(h, "\n")
}
