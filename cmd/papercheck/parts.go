package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// part is what is printed and checked as one: a workbook's sheet
// (written alone to its own file, so that its pages are its own) or a
// .docx. Its rules say what it must be on paper.
type part struct {
	file  string // the file it comes from
	sheet string // the sheet's name; "" for a .docx
	path  string // the file LibreOffice prints
	rules rules
	// texts are the cells' (or paragraphs') texts to find whole on its
	// pages: every header cell and a sample of the others.
	texts []string
	// headers are the texts of the rows printed on every page (the
	// sheet's print titles); titled tells whether it has any.
	headers []string
	titled  bool
	rows    int // the sheet's rows
}

// name is how a failure names the part: the file, and the sheet.
func (p part) name() string {
	if p.sheet == "" {
		return filepath.Base(p.file)
	}
	return filepath.Base(p.file) + " › " + p.sheet
}

// sheetParts writes each printed sheet of the workbook at path alone to
// a file in dir and returns them. A hidden sheet is not printed and not
// checked; it is only named in skipped. A chart sheet keeps the sheets
// its chart reads, hidden.
func sheetParts(path, dir string) (parts []part, skipped []string, err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sources, err := chartSources(path)
	if err != nil {
		return nil, nil, err
	}
	charts, err := chartSheets(path)
	if err != nil {
		return nil, nil, err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	for i, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible && !charts[sheet] {
			skipped = append(skipped, sheet)
			continue
		}
		p := part{file: path, sheet: sheet, path: filepath.Join(dir, fmt.Sprintf("%s__%d.xlsx", base, i+1))}
		if err := describeSheet(f, &p); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.name(), err)
		}
		if err := writeAlone(path, sheet, charts, sources, p.path); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.name(), err)
		}
		parts = append(parts, p)
	}
	return parts, skipped, nil
}

// writeAlone writes the workbook at path with only sheet left to print:
// the other sheets deleted, but those a chart reads (sources) kept,
// hidden.
func writeAlone(path, sheet string, charts, sources map[string]bool, out string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	chart := charts[sheet]
	idx, _ := f.GetSheetIndex(sheet)
	f.SetActiveSheet(idx)
	for _, s := range f.GetSheetList() {
		if s == sheet || chart && sources[s] {
			continue
		}
		if err := f.DeleteSheet(s); err != nil {
			return err
		}
	}
	// What is left besides the sheet (a chart's data; a chart sheet,
	// which excelize does not delete) is hidden: LibreOffice does not
	// print a hidden sheet.
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return hideOthers(buf.Bytes(), sheet, out)
}

// hideOthers writes the workbook data to out with every sheet but sheet
// hidden: state="hidden" on their entries in xl/workbook.xml (excelize
// hides no chart sheet).
func hideOthers(data []byte, sheet, out string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	entry := regexp.MustCompile(`<sheet [^>]*>`)
	name := regexp.MustCompile(` name="([^"]*)"`)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			return err
		}
		body, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		if zf.Name == "xl/workbook.xml" {
			body = entry.ReplaceAllFunc(body, func(e []byte) []byte {
				m := name.FindSubmatch(e)
				if m == nil || html.UnescapeString(string(m[1])) == sheet || bytes.Contains(e, []byte(" state=")) {
					return e
				}
				return bytes.Replace(e, []byte("<sheet "), []byte(`<sheet state="hidden" `), 1)
			})
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return err
		}
		if _, err := w.Write(body); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// chartSheets are the workbook's chart sheets: their entries in
// xl/workbook.xml point (through its relationships) into xl/chartsheets.
func chartSheets(path string) (map[string]bool, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for name, v := range map[string]any{"xl/workbook.xml": &book, "xl/_rels/workbook.xml.rels": &rels} {
		r, err := z.Open(name)
		if err != nil {
			return nil, err
		}
		err = xml.NewDecoder(r).Decode(v)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	out := map[string]bool{}
	for _, sh := range book.Sheets {
		for _, r := range rels.Rels {
			if r.ID == sh.ID && strings.Contains(r.Target, "chartsheets/") {
				out[sh.Name] = true
			}
		}
	}
	return out, nil
}

// chartSources are the sheets the workbook's charts read their data
// from.
func chartSources(path string) (map[string]bool, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	out := map[string]bool{}
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			return nil, err
		}
		err = formulaSheets(r, out)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", zf.Name, err)
		}
	}
	return out, nil
}

// formulaSheets adds the sheets a chart's references (<c:f>) name to
// out: 'Biểu tổng hợp'!$B$15:$B$19 names Biểu tổng hợp.
func formulaSheets(r io.Reader, out map[string]bool) error {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "f" {
			continue
		}
		var ref string
		if err := d.DecodeElement(&ref, &se); err != nil {
			return err
		}
		if i := strings.LastIndex(ref, "!"); i > 0 {
			name := strings.TrimSuffix(strings.TrimPrefix(ref[:i], "'"), "'")
			out[strings.ReplaceAll(name, "''", "'")] = true
		}
	}
}

// sampleRows: a sheet of more rows than this has its texts sampled: its
// first and last rows whole, and rows spread between them.
const sampleRows = 120

// describeSheet reads what the sheet's paper must show: its texts (text
// cells, and numbers that print as stored), its header rows and rules.
func describeSheet(f *excelize.File, p *part) error {
	p.rules = sheetRules(p.sheet)
	formatted, err := f.GetRows(p.sheet)
	if err != nil || len(formatted) == 0 {
		return nil // a chart sheet: no cells
	}
	raw, err := f.GetRows(p.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	p.rows = len(formatted)
	first, last := printTitles(f, p.sheet)
	p.titled = first > 0
	area := printArea(f, p.sheet)
	step := 1
	if len(formatted) > sampleRows {
		step = int(math.Ceil(float64(len(formatted)) / (sampleRows / 2)))
	}
	for r, row := range formatted {
		title := r+1 >= first && r+1 <= last
		keep := title || r < 25 || r >= len(formatted)-25 || r%step == 0
		for c, v := range row {
			if strings.TrimSpace(v) == "" || c >= len(raw[r]) || raw[r][c] != v || !area.holds(c+1, r+1) {
				continue
			}
			if title {
				p.headers = append(p.headers, v)
			}
			if keep {
				p.texts = append(p.texts, v)
			}
		}
	}
	return nil
}

// printTitles are the first and last rows the sheet repeats on every
// printed page (its _xlnm.Print_Titles), or 0, 0.
func printTitles(f *excelize.File, sheet string) (first, last int) {
	rows := regexp.MustCompile(`\$(\d+):\$(\d+)`)
	for _, n := range f.GetDefinedName() {
		if n.Name != "_xlnm.Print_Titles" || n.Scope != sheet {
			continue
		}
		if m := rows.FindStringSubmatch(n.RefersTo); m != nil {
			first, _ = strconv.Atoi(m[1])
			last, _ = strconv.Atoi(m[2])
		}
	}
	return first, last
}

// area is a sheet's print area; the zero area holds every cell.
type area struct{ c1, r1, c2, r2 int }

func (a area) holds(col, row int) bool {
	return a == area{} || col >= a.c1 && col <= a.c2 && row >= a.r1 && row <= a.r2
}

func printArea(f *excelize.File, sheet string) area {
	for _, n := range f.GetDefinedName() {
		if n.Name != "_xlnm.Print_Area" || n.Scope != sheet {
			continue
		}
		ref := strings.ReplaceAll(n.RefersTo, "$", "")
		if i := strings.LastIndex(ref, "!"); i >= 0 {
			ref = ref[i+1:]
		}
		from, to, ok := strings.Cut(ref, ":")
		if !ok || strings.Contains(to, ",") {
			return area{}
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil {
			return area{c1, r1, c2, r2}
		}
	}
	return area{}
}

// docxPart is a .docx as one part: its paragraphs' texts (table cells'
// too), all of a short document, a sample of a long one.
func docxPart(path string) (part, error) {
	p := part{file: path, path: path, rules: docxRules(path)}
	paras, err := docxParagraphs(path)
	if err != nil {
		return p, err
	}
	p.rules.party = docxParty(path, paras)
	step := max(1, len(paras)/150)
	for i, t := range paras {
		if i < 60 || i >= len(paras)-40 || i%step == 0 {
			p.texts = append(p.texts, opening(t))
		}
	}
	return p, nil
}

// opening is a paragraph's text, or the opening 300 characters (whole
// words) of a longer one: Writer flows a paragraph on to the next page,
// where the finder does not follow it.
func opening(t string) string {
	r := []rune(t)
	if len(r) <= 400 {
		return t
	}
	cut := string(r[:300])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut
}

// docxParagraphs are the non-empty paragraphs of word/document.xml, in
// order, each as the text of its runs.
func docxParagraphs(path string) ([]string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	r, err := z.Open("word/document.xml")
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	var out []string
	var cur strings.Builder
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				cur.Reset()
			case "t":
				in = true
			case "tab", "br":
				cur.WriteString(" ")
			case "noBreakHyphen": // Word's non-breaking hyphen, printed as "-"
				cur.WriteString("-")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				in = false
			case "p":
				if s := strings.TrimSpace(cur.String()); s != "" {
					out = append(out, s)
				}
			}
		case xml.CharData:
			if in {
				cur.Write(t)
			}
		}
	}
}

// convertible tells the files the check knows how to print.
func convertible(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".docx":
		_, err := os.Stat(path)
		return err == nil
	}
	return false
}
