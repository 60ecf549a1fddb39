package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// WordprocessingML is written with the standard library: the drafts need
// paragraphs, two kinds of table and a header block, which a small
// template covers; no Go library on the module proxy that writes .docx
// is both maintained and MIT/BSD/Apache licensed (see docs/BENCHMARKS.md).

// doc is a .docx body being written, paragraph by paragraph.
type doc struct {
	body strings.Builder
}

// run is a piece of text of one look.
type run struct {
	text                    string
	bold, italic, underline bool
	size                    int // half-points; 0: the document's 14 pt
}

// para is a paragraph's look: alignment ("left", "center", "right",
// "both"), first-line indent in twentieths of a point, space after.
type para struct {
	align  string
	indent int
	after  int
	whole  bool // kept on one page (w:keepLines): an item of a list
}

// xmlText escapes s for WordprocessingML, a typed newline a line break,
// U+2011 Word's own non-breaking hyphen (drawn with the font's hyphen,
// which a font without U+2011 would not do).
func xmlText(s string) string {
	var b bytes.Buffer
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString(`</w:t><w:br/><w:t xml:space="preserve">`)
		}
		for j, part := range strings.Split(line, "\u2011") {
			if j > 0 {
				b.WriteString(`</w:t><w:noBreakHyphen/><w:t xml:space="preserve">`)
			}
			xml.EscapeText(&b, []byte(part))
		}
	}
	return b.String()
}

// quoted is a name in “ ”, as administrative texts quote. A name with
// quotes of its own (Mô hình “Dân vận khéo” ở thôn, or typed with " or
// « ») is printed as typed: quoting it again reads as nested quotes.
func quoted(name string) string {
	name = strings.TrimSpace(name)
	if strings.ContainsAny(name, "“”\"«»") {
		return name
	}
	return "“" + name + "”"
}

// unbroken is a code such as DVK-2024-001 with its hyphens
// non-breaking: a line never ends at "DVK-".
func unbroken(code string) string { return strings.ReplaceAll(code, "-", "\u2011") }

// runXML is one run.
func runXML(r run) string {
	var p strings.Builder
	if r.bold {
		p.WriteString("<w:b/>")
	}
	if r.italic {
		p.WriteString("<w:i/>")
	}
	if r.underline {
		p.WriteString(`<w:u w:val="single"/>`)
	}
	if r.size > 0 {
		fmt.Fprintf(&p, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size, r.size)
	}
	return `<w:r><w:rPr>` + p.String() + `</w:rPr><w:t xml:space="preserve">` + xmlText(r.text) + `</w:t></w:r>`
}

// paraXML is a paragraph of runs.
func paraXML(p para, runs ...run) string {
	if p.align == "" {
		p.align = "both"
	}
	var b strings.Builder
	keep := ""
	if p.whole {
		keep = "<w:keepLines/>"
	}
	fmt.Fprintf(&b, `<w:p><w:pPr>%s<w:spacing w:before="0" w:after="%d"/><w:ind w:firstLine="%d"/><w:jc w:val="%s"/></w:pPr>`, keep, p.after, p.indent, p.align)
	for _, r := range runs {
		b.WriteString(runXML(r))
	}
	b.WriteString("</w:p>")
	return b.String()
}

// p adds a paragraph.
func (d *doc) p(p para, runs ...run) { d.body.WriteString(paraXML(p, runs...)) }

// text adds an indented body paragraph, justified, as the office writes.
func (d *doc) text(s string) { d.p(para{indent: 567, after: 80}, run{text: s}) }

// item adds a body paragraph that is one item of a list (a model and
// its outcome): never split over two pages.
func (d *doc) item(s string) { d.p(para{indent: 567, after: 80, whole: true}, run{text: s}) }

// heading adds a bold section heading.
func (d *doc) heading(s string) { d.p(para{indent: 567, after: 80}, run{text: s, bold: true}) }

// cellXML is a table cell of width w (twentieths of a point) holding
// paragraphs.
func cellXML(w int, border bool, paras ...string) string {
	b := `<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>`
	if border {
		b = `<w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/></w:tcBorders>`
	}
	if len(paras) == 0 {
		paras = []string{"<w:p/>"}
	}
	return fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>%s</w:tc>`, w, b, strings.Join(paras, ""))
}

// table adds a table of rows of cells (already XML) with column widths.
func (d *doc) table(widths []int, rows [][]string) {
	var grid strings.Builder
	for _, w := range widths {
		fmt.Fprintf(&grid, `<w:gridCol w:w="%d"/>`, w)
	}
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>` + grid.String() + `</w:tblGrid>`)
	for _, row := range rows {
		d.body.WriteString("<w:tr>" + strings.Join(row, "") + "</w:tr>")
	}
	d.body.WriteString("</w:tbl>")
}

// grid adds a bordered table of text: a bold header row, then the rows;
// the last row bold when total is set.
func (d *doc) grid(widths []int, head []string, rows [][]string, total bool) {
	mk := func(cells []string, bold bool) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			align := "center"
			if i == 1 && !bold {
				align = "left"
			}
			out[i] = cellXML(widths[i], true, paraXML(para{align: align}, run{text: c, bold: bold, size: 24}))
		}
		return out
	}
	all := [][]string{mk(head, true)}
	for i, r := range rows {
		all = append(all, mk(r, total && i == len(rows)-1))
	}
	d.table(widths, all)
}

// headerBlock is the Party header block: the issuing body lines, "*"
// and the number line on the left; "ĐẢNG CỘNG SẢN VIỆT NAM", underlined,
// and the date line on the right.
func (d *doc) headerBlock(left []string, number, nation, dateLine string) {
	d.header(header{left: left, mark: "*", number: number, nation: nation, date: dateLine})
}

// header is a paper's header block, whoever issues it.
type header struct {
	left   []string // the issuing bodies, the issuer's own last (bold)
	mark   string   // under them: "*" (Party), "***" (Đoàn), "" a short rule (NĐ 30)
	number string   // the number line; "" for none
	nation string   // top right: "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto  string   // under it: "Độc lập - Tự do - Hạnh phúc"; "" for none
	date   string   // "An Bình, ngày 05 tháng 9 năm 2024"
}

// header adds h: a borderless table of two cells. The title on the right
// is underlined, or the motto under it when there is one; the state's
// wider title gets the wider cell.
func (d *doc) header(h header) {
	var l []string
	for i, line := range h.left {
		l = append(l, paraXML(para{align: "center"}, run{text: line, bold: i == len(h.left)-1, size: 26}))
	}
	if h.mark != "" {
		l = append(l, paraXML(para{align: "center"}, run{text: h.mark, size: 26}))
	} else {
		l = append(l, ruleXML)
	}
	if h.number != "" {
		l = append(l, paraXML(para{align: "center"}, run{text: h.number, size: 26}))
	}
	widths := []int{4200, 5300}
	var r []string
	if h.motto == "" {
		r = append(r, paraXML(para{align: "center", after: 240}, run{text: h.nation, bold: true, underline: true, size: 26}))
	} else {
		widths = []int{3700, 5800}
		r = append(r, paraXML(para{align: "center"}, run{text: h.nation, bold: true, size: 24}),
			paraXML(para{align: "center", after: 240}, run{text: h.motto, bold: true, underline: true, size: 26}))
	}
	r = append(r, paraXML(para{align: "center"}, run{text: h.date, italic: true, size: 26}))
	d.table(widths, [][]string{{cellXML(widths[0], false, l...), cellXML(widths[1], false, r...)}})
	d.p(para{})
}

// ruleXML is the short line under a state body's name (NĐ 30): an empty
// paragraph's bottom border, a third of the cell wide.
const ruleXML = `<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:spacing w:before="0" w:after="0" w:line="100" w:lineRule="exact"/><w:ind w:left="1300" w:right="1300"/><w:jc w:val="center"/></w:pPr></w:p>`

// signBlock is the recipients (or a left signature) and the signature
// block on the right: on whose behalf, the position, room to sign, the
// name.
func (d *doc) signBlock(left []string, right []string, name string) {
	var l, r []string
	for i, line := range left {
		r := run{text: line, bold: i == 0, size: 24}
		if i == 0 && strings.HasSuffix(line, ":") { // "Nơi nhận:", upright and underlined as the Party writes it
			r = run{text: line, underline: true, size: 26}
		}
		l = append(l, paraXML(para{align: "left"}, r))
	}
	for _, line := range right {
		hint := strings.HasPrefix(line, "(") // "(Ký, ghi rõ họ tên)" is italic
		r = append(r, paraXML(para{align: "center"}, run{text: line, bold: !hint, italic: hint}))
	}
	for range 4 {
		r = append(r, "<w:p/>")
	}
	r = append(r, paraXML(para{align: "center"}, run{text: name, bold: true}))
	d.p(para{})
	d.table([]int{4700, 4800}, [][]string{{cellXML(4700, false, l...), cellXML(4800, false, r...)}})
}

// docxMeta is the file's properties.
type docxMeta struct {
	Title, Author string
	Created       string
}

// file packs the body into a .docx.
func (d *doc) file(m docxMeta) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := map[string]string{"[Content_Types].xml": docxTypes, "_rels/.rels": docxRels, "word/_rels/document.xml.rels": docxDocRels,
		"word/styles.xml": docxStyles, "word/document.xml": docxDocument, "docProps/core.xml": docxCore, "docProps/app.xml": docxApp,
		"word/footer1.xml": docxFooter, "word/footer2.xml": docxFirstFooter}
	data := struct {
		Body string
		docxMeta
	}{d.body.String(), escapeMeta(m)}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml", "docProps/core.xml", "docProps/app.xml"} {
		w, err := z.Create(name)
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", name, err)
		}
		if err := template.Must(template.New(name).Parse(parts[name])).Execute(w, data); err != nil {
			return nil, fmt.Errorf("docx %s: %w", name, err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

// escapeMeta makes the properties safe to put in XML.
func escapeMeta(m docxMeta) docxMeta {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	return docxMeta{Title: esc(m.Title), Author: esc(m.Author), Created: m.Created}
}

// meta is the properties of a paper dated day.
func meta(title string, o store.Office, day time.Time) docxMeta {
	return docxMeta{Title: title, Author: Author(o), Created: day.UTC().Format(time.RFC3339)}
}
