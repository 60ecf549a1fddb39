package report

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// paperFont is the font of official papers.
const paperFont = "Times New Roman"

// styleSpec is one named style: font, alignment, border and number format.
type styleSpec struct {
	name                  string
	bold, italic, underln bool
	size                  float64
	align, valign         string
	border, wrap          bool
	numFmt                string
}

// styleSpecs are every style the workbook uses, by name.
var styleSpecs = []styleSpec{
	// The header block, title, text and signatures in the sizes of the
	// Party's form (HD 36-HD/VPTW): header 13, title 14 bold, text 13;
	// the tables stay at 11 so that they fit the page.
	{name: "body", size: 13, align: "center"},
	{name: "bodyBold", bold: true, size: 13, align: "center"},
	{name: "nation", bold: true, underln: true, size: 13, align: "center"},
	{name: "dateLine", italic: true, size: 13, align: "center"},
	{name: "title", bold: true, size: 14, align: "center", valign: "center", wrap: true},
	{name: "subtitle", italic: true, size: 13, align: "center", valign: "center", wrap: true},
	{name: "heading", bold: true, size: 13, align: "left"},
	{name: "line", size: 13, align: "left"},
	{name: "lineItalic", italic: true, size: 13, align: "left"},
	{name: "lineWrap", size: 13, align: "left", valign: "top", wrap: true},
	{name: "th", bold: true, size: 11, align: "center", valign: "center", border: true, wrap: true},
	{name: "td", size: 11, align: "left", valign: "top", border: true, wrap: true},
	{name: "tdCenter", size: 11, align: "center", valign: "top", border: true, wrap: true},
	// Numbers are numbers in their cells, written the Vietnamese way
	// (12.500.000; 1,5): [$-42A] is the Vietnamese locale, which
	// LibreOffice follows on any machine; Excel takes the separators from
	// the PC's regional settings (docs/PAPER.md).
	{name: "tdNum", size: 11, align: "center", valign: "top", border: true, numFmt: numFmtWhole},
	{name: "tdDec", size: 11, align: "center", valign: "top", border: true, numFmt: numFmtDecimal},
	{name: "tdMoney", size: 11, align: "center", valign: "top", border: true, numFmt: numFmtWhole},
	{name: "tdDate", size: 11, align: "center", valign: "top", border: true, numFmt: "dd/mm/yyyy"},
	{name: "total", bold: true, size: 11, align: "center", valign: "top", border: true, wrap: true},
	{name: "totalNum", bold: true, size: 11, align: "center", valign: "top", border: true, numFmt: numFmtWhole},
	{name: "signTitle", bold: true, size: 13, align: "center", wrap: true},
	{name: "signName", bold: true, size: 13, align: "center"},
	// "Nơi nhận:" upright and underlined, as the Party's papers write it
	// (the state's are bold italic); the recipients smaller.
	{name: "recipients", underln: true, size: 13, align: "left"},
	{name: "recipient", size: 12, align: "left", valign: "top"},
	{name: "preparer", italic: true, size: 11, align: "left", valign: "top"},
	// The printed lists' own styles (xlsx_lists.go): their column widths
	// are measured for 11 pt, whatever size the signed sheets take.
	{name: "listTitle", bold: true, size: 13, align: "center", valign: "center", wrap: true},
	{name: "listSub", italic: true, size: 12, align: "center", valign: "top", wrap: true},
	{name: "listNote", italic: true, size: 12, align: "left", valign: "top"},
	{name: "listTh", bold: true, size: 11, align: "center", valign: "center", border: true, wrap: true},
	{name: "listTd", size: 11, align: "left", valign: "top", border: true, wrap: true},
	{name: "listTdCenter", size: 11, align: "center", valign: "top", border: true, wrap: true},
	{name: "listTdNum", size: 11, align: "center", valign: "top", border: true, numFmt: numFmtWhole},
	{name: "listTdDate", size: 11, align: "center", valign: "top", border: true, numFmt: "dd/mm/yyyy"},
	{name: "listTotal", bold: true, size: 11, align: "left", valign: "top", border: true, wrap: true},
}

// The number formats: whole numbers (counts, people, đồng) and measures
// that may have decimals. A whole number never gets "#,##0.##": Excel
// prints it with a trailing decimal point ("120.").
const (
	numFmtWhole   = "[$-42A]#,##0"
	numFmtDecimal = "[$-42A]#,##0.##"
)

// styles makes every style of styleSpecs.
func (w *book) styles() {
	w.keep(w.f.SetDefaultFont(paperFont))
	w.st = map[string]int{}
	for _, sp := range styleSpecs {
		id, err := w.f.NewStyle(sp.style())
		w.keep(err)
		w.st[sp.name] = id
	}
}

// style is the excelize style of a spec.
func (sp styleSpec) style() *excelize.Style {
	font := &excelize.Font{Family: paperFont, Size: sp.size, Bold: sp.bold, Italic: sp.italic}
	if sp.underln {
		font.Underline = "single"
	}
	st := &excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: sp.align, Vertical: sp.valign, WrapText: sp.wrap}}
	if sp.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if sp.numFmt != "" {
		st.CustomNumFmt = &sp.numFmt
	}
	return st
}

// pageSetup makes a sheet print on A4 in the orientation given, one page
// wide, with the rows from 1 to titleRows repeated on every page (none if
// 0), and the margins of an official paper (more on the binding side).
// Each sheet numbers its own pages from 1, in the footer from the second
// page on ("Trang 2"): a one-page paper carries no number, as
// administrative papers are numbered, and printing the whole workbook
// does not run one count across its sheets. No "of N": LibreOffice's
// total (&N) is the whole workbook's pages whatever the sheet's first
// page number, so "Trang 1/5" would be printed on a one-page sheet.
func (w *book) pageSetup(sheet, orient string, titleRows int) {
	size, one, any := 9, 1, 0 // 9 is A4
	first := uint(1)
	fit := true
	w.keep(w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &any, FirstPageNumber: &first}))
	w.keep(w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	top, bottom, left, right, hf := 0.6, 0.6, 0.8, 0.5, 0.3
	if orient == "portrait" {
		top, bottom, left, right = 0.8, 0.8, 1.1, 0.6
	}
	w.margins(sheet, top, bottom, left, right, hf)
	w.keep(w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{DifferentFirst: true,
		OddFooter: `&C&"Times New Roman"&11` + w.t("xl_page") + " &P"}))
	if titleRows > 0 {
		w.repeatRows(sheet, 1, titleRows)
	}
}

// margins sets a sheet's margins, in inches.
func (w *book) margins(sheet string, top, bottom, left, right, hf float64) {
	w.keep(w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: &top, Bottom: &bottom, Left: &left, Right: &right, Header: &hf, Footer: &hf}))
}

// repeatRows prints the rows from first to last at the top of every page
// of a sheet: a table's header rows.
func (w *book) repeatRows(sheet string, first, last int) {
	w.keep(w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$" + strconv.Itoa(first) + ":$" + strconv.Itoa(last)}))
}
