package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// frozenHeader keeps a list's header row in view.
var frozenHeader = excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

// list is a list sheet written as a stream: each row goes straight into
// the sheet's XML, in order, with no cell model kept for it. Written cell
// by cell, the 15,000-row model list of a 5,000-unit commune was most of
// the workbook's time and memory.
//
// Each row is given the height its wrapped texts take (fitHeight), since
// LibreOffice does not grow a row to its text when it opens a file; the
// height is not marked as fixed (finish), so Excel refits a row to its
// text when a cell changes.
type list struct {
	w      *book
	name   string
	sw     *excelize.StreamWriter // nil if the sheet could not be made (w.err)
	widths []float64
	row    int
	head   int // the header row, 0 if none
}

// listSheet starts a list sheet with columns of the widths given.
// frozen is the header row to keep in view (0: none).
func (w *book) listSheet(name string, widths []float64, frozen int) *list {
	_, err := w.f.NewSheet(name)
	w.keep(err)
	w.listPage(name) // before the stream, which keeps the sheet's settings
	sw, err := w.f.NewStreamWriter(name)
	w.keep(err)
	l := &list{w: w, name: name, sw: sw, widths: widths}
	w.lists = append(w.lists, name)
	if sw == nil {
		return l
	}
	for i, width := range widths {
		w.keep(sw.SetColWidth(i+1, i+1, width))
	}
	if frozen > 0 {
		top := cell(1, frozen+1)
		w.keep(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: frozen, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}))
	}
	return l
}

// List margins, in inches: narrower than a signed paper's, for the
// width of a table of ten columns at 11 pt on landscape A4.
const listLeft, listRight = 0.6, 0.4

// listPage is a list's page: landscape A4, one page wide (the columns
// are chosen to fit it at 100 %, see paperWidth), narrower margins.
func (w *book) listPage(name string) {
	w.pageSetup(name, "landscape", 0)
	w.margins(name, 0.6, 0.6, listLeft, listRight, 0.3)
}

// paperWidth is the width, in Excel's column units, that a landscape A4
// page holds between the list's margins for n columns: a column of width
// c is 7c+5 pixels (96 an inch) in the 11 pt Times New Roman the workbook
// is set in; one unit is left to spare for other fonts' metrics.
func paperWidth(n int) float64 {
	px := (11.69 - listLeft - listRight) * 96
	return (px-5*float64(n))/7 - 1
}

// title writes a list's title in capitals and, below, the campaign and
// the day the figures are of, across the list's columns.
func (l *list) title(title, sub string) {
	total := 0.0
	for _, w := range l.widths {
		total += w + 5.0/7 // the columns' padding, inside a merged cell
	}
	l.merged(title, "listTitle", float64(lineCount(title, total, 13*1.08))*17+6)
	l.merged(sub, "listSub", float64(lineCount(sub, total, 12))*16+4)
}

// merged writes a row of one text across every column, in a height that
// holds it (a merged cell does not grow its row).
func (l *list) merged(text, style string, height float64) {
	if l.sw == nil {
		return
	}
	l.row++
	l.w.keep(l.sw.SetRow(cell(1, l.row), []any{l.w.styled(text, style)}, excelize.RowOpts{Height: min(height, 409)}))
	if len(l.widths) > 1 {
		l.w.keep(l.sw.MergeCell(cell(1, l.row), cell(len(l.widths), l.row)))
	}
}

// header writes the bordered bold header row, printed at the top of
// every page.
func (l *list) header(headers []string) {
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = l.w.styled(h, "listTh")
	}
	l.add(cells, headers, true)
	l.head = l.row
}

// note is a list's one line when it is empty: no header row over nothing.
func (l *list) note(text string) {
	if l.sw == nil {
		return
	}
	l.row++
	l.w.keep(l.sw.SetRow(cell(1, l.row), []any{l.w.styled(text, "listNote")}, excelize.RowOpts{Height: 20}))
}

// add writes the next row, as high as its texts (bold: the header's and
// total's) take in its columns.
func (l *list) add(cells []any, texts []string, bold bool) {
	if l.sw == nil {
		return
	}
	l.row++
	l.w.keep(l.sw.SetRow(cell(1, l.row), cells, excelize.RowOpts{Height: fitHeight(texts, l.widths, bold)}))
}

// fitHeight is the height, in points, of a row of 11 pt texts in
// columns of the widths given: the most lines a text wraps to, 14
// points a line (LibreOffice sets 11 pt Times at 12.7) and some room. The widths are measured as the fonts
// set them (textPixels), a little wide, so that a row is never short.
func fitHeight(texts []string, widths []float64, bold bool) float64 {
	size := 11.0
	if bold {
		size *= 1.08
	}
	lines := 1
	for i, t := range texts {
		if t != "" && i < len(widths) {
			lines = max(lines, lineCount(t, widths[i], size))
		}
	}
	return min(float64(lines)*14+1.5, 409)
}

// lineCount is how many lines a text takes in a column of Excel width
// width at size points: its paragraphs wrapped at spaces and after
// hyphens, as spreadsheets wrap, and a word wider than the column broken.
func lineCount(text string, width, size float64) int {
	room := 7*width + 5 - 6 // pixels inside the cell's padding
	scale := size / 11
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		line := 0.0
		for para != "" {
			end := strings.IndexAny(para, " -")
			if end < 0 {
				end = len(para) - 1
			}
			word := para[:end+1]
			para = para[end+1:]
			w := textPixels(word) * scale
			if line > 0 && line+textPixels(strings.TrimSuffix(word, " "))*scale > room { // a line may end in a space
				n++
				line = 0
			}
			for w > room {
				n++
				w -= room
			}
			line += w
		}
	}
	return n
}

// done ends the sheet; the header row repeats on every printed page.
func (l *list) done() {
	if l.sw == nil {
		return
	}
	l.w.keep(l.sw.Flush())
	if l.head > 0 {
		l.w.repeatRows(l.name, l.head, l.head)
	}
}

// subtitle is "(<campaign>; số liệu tính đến ngày 06/09/2024)".
func (w *book) subtitle(s Summary) string {
	return "(" + s.Campaign.Name + "; " + w.t("xl_list_as_of") + " " + w.day.Format("02/01/2006") + ")"
}

// models is "Danh sách mô hình", the model list as it is printed: a
// title, ten columns (paperColumns) at 11 pt that fit a landscape page,
// a row a model and a total row that counts the models by the columns'
// values. Every other field is on the data sheet (modelData).
func (w *book) models(s Summary) {
	cols := w.paperColumns(s)
	ws := make([]float64, len(cols))
	heads := make([]string, len(cols))
	for i, c := range cols {
		ws[i], heads[i] = c.width, w.t(c.head)
	}
	frozen := 3
	if len(s.Rows) == 0 {
		frozen = 0
	}
	l := w.listSheet(w.t("xl_sheet_models"), ws, frozen)
	l.title(w.t("xl_models_title")+" "+s.Campaign.Year(), w.subtitle(s))
	if len(s.Rows) == 0 {
		l.note(w.t("xl_models_none"))
		l.done()
		return
	}
	l.header(heads)
	names := s.communeNames()
	styles := make([]excelize.Cell, len(cols))
	for j, c := range cols {
		styles[j] = w.styled(nil, c.style)
	}
	counts := make([]map[string]int, len(cols))
	for j, c := range cols {
		if c.order != nil {
			counts[j] = map[string]int{}
		}
	}
	cells, texts := make([]any, len(cols)), make([]string, len(cols))
	for i, r := range s.Rows {
		x := ctx{n: i + 1, t: w.t, loc: w.loc, communes: names, tickable: tickable(s.Campaign, w.t)}
		for j, c := range cols {
			v := c.value(r, x)
			texts[j] = csvCell(v)
			if counts[j] != nil && texts[j] != "" {
				counts[j][texts[j]]++
			}
			cl := styles[j]
			cl.Value = cellValue(v)
			cells[j] = cl
		}
		l.add(cells, texts, false)
	}
	total := make([]any, len(cols))
	for j := range cols {
		texts[j] = tally(counts[j], cols[j].order)
	}
	name := slices.IndexFunc(cols, func(c paperColumn) bool { return c.id == "xl_name" })
	texts[1] = w.t("xl_total") + ": " + strconv.Itoa(len(s.Rows)) + " " + w.t("xl_models_unit")
	for j := range cols {
		total[j] = w.styled(texts[j], "listTotal")
	}
	l.add(total, texts, true)
	if l.sw != nil {
		w.keep(l.sw.MergeCell(cell(2, l.row), cell(name+1, l.row)))
	}
	l.done()
}

// tally is a total row's cell: each value's count, one a line, in the
// order given, then any other value by name.
func tally(counts map[string]int, order []string) string {
	if counts == nil {
		return ""
	}
	var lines []string
	seen := map[string]bool{}
	for _, v := range order {
		if n := counts[v]; n > 0 && !seen[v] {
			lines = append(lines, v+": "+strconv.Itoa(n))
		}
		seen[v] = true
	}
	var rest []string
	for v := range counts {
		if !seen[v] {
			rest = append(rest, v)
		}
	}
	slices.Sort(rest)
	for _, v := range rest {
		lines = append(lines, v+": "+strconv.Itoa(counts[v]))
	}
	return strings.Join(lines, "\n")
}

// modelData is "Dữ liệu mô hình": every stored field of every model, a
// row each, by the column table, as the CSV has them: the data to sort,
// filter and reuse, not a paper. It is hidden, since a hidden sheet is the one kind that neither Excel nor LibreOffice
// prints when the whole workbook is printed or made a PDF (a visible
// sheet has no "do not print" setting; a print area cannot be empty);
// it is given no print area or print titles, with which LibreOffice
// would print it even hidden. The office shows it with "Unhide". The
// sheet is hidden when the file is finished (finish).
func (w *book) modelData(s Summary) {
	cols, names := columnsOf(s), s.communeNames()
	name := w.t("xl_sheet_model_data")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	sw, err := w.f.NewStreamWriter(name)
	w.keep(err)
	if sw == nil {
		return
	}
	ws := widths(cols)
	for i, width := range ws {
		w.keep(sw.SetColWidth(i+1, i+1, width))
	}
	w.keep(sw.SetPanes(&frozenHeader))
	cells := make([]any, len(cols))
	for i, h := range headers(cols, w.t) {
		cells[i] = w.styled(h, "th")
	}
	w.keep(sw.SetRow("A1", cells))
	styles := make([]int, len(cols))
	for j, col := range cols {
		styles[j] = w.st[kindStyle[col.kind]]
	}
	for i, r := range s.Rows {
		c := ctx{n: i + 1, t: w.t, loc: w.loc, communes: names, tickable: tickable(s.Campaign, w.t)}
		for j, col := range cols {
			cells[j] = excelize.Cell{StyleID: styles[j], Value: cellValue(col.value(r, c))}
		}
		w.keep(sw.SetRow(cell(1, i+2), cells))
	}
	w.keep(sw.Flush())
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

// owing is "Đơn vị chưa hoàn thành": a title, then what each unit owes,
// since which deadline, how many days late, and whom to call. The
// Telegram usernames are for the office on screen: they are outside the
// print area, not on the paper sent upward.
func (w *book) owing(s Summary) {
	ws := []float64{5, 36, 36, 12, 13, 32, 18}
	debts := w.debts(s)
	frozen := 3
	if len(debts) == 0 {
		frozen = 0
	}
	l := w.listSheet(w.t("xl_sheet_owing"), ws, frozen)
	l.widths = ws[:6] // the title spans the printed columns
	l.title(w.t("xl_owing_title")+" "+s.Campaign.Year(), w.subtitle(s))
	if len(debts) == 0 {
		l.note(w.t("xl_owing_none"))
		l.done()
		return
	}
	l.header([]string{w.t("xl_stt"), w.t("xl_unit"), w.t("xl_owes"), w.t("xl_deadline"), w.t("xl_days_late"),
		w.t("xl_secretary"), w.t("xl_telegram")})
	names := s.communeNames()
	for i, d := range debts {
		unit := d.unit.Unit.Name
		if c, ok := names[d.unit.Unit.Commune]; ok {
			unit += " (" + c + ")" // two communes may each have a "Chi bộ thôn Đông"
		}
		who, handles := contacts(d.unit)
		deadline, late := w.deadlineCells(d.deadline)
		due := ""
		if v, ok := late.Value.(string); ok {
			due = v // "Chưa đến hạn"
		}
		l.add([]any{w.styled(i+1, "listTdNum"), w.styled(unit, "listTd"), w.styled(d.what, "listTd"), deadline, late,
			w.styled(who, "listTd"), w.styled(handles, "td")}, []string{"", unit, d.what, "", due, who}, false)
	}
	l.done()
	w.keep(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: l.name,
		RefersTo: "'" + l.name + "'!$A$1:$F$" + strconv.Itoa(max(l.row, 1))}))
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
		return w.styled("", "listTd"), w.styled("", "listTd")
	}
	deadline = w.styled(day, "listTdDate")
	today := time.Date(w.day.Year(), w.day.Month(), w.day.Day(), 0, 0, 0, 0, time.UTC)
	if n := int(today.Sub(day).Hours() / 24); n > 0 {
		return deadline, w.styled(n, "listTdNum")
	}
	return deadline, w.styled(w.t("xl_not_due"), "listTdCenter")
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
