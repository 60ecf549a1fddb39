package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// docxParts are a .docx's parts by name.
func docxParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		out[f.Name] = readZip(t, f)
	}
	return out
}

// paragraphs are the text of every paragraph of a WordprocessingML part,
// in order: a line break is "\n", Word's non-breaking hyphen U+2011.
func paragraphs(t *testing.T, part string) []string {
	t.Helper()
	var out []string
	var cur strings.Builder
	inText := false
	d := xml.NewDecoder(strings.NewReader(part))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				cur.Reset()
			case "t":
				inText = true
			case "br":
				cur.WriteString("\n")
			case "noBreakHyphen":
				cur.WriteString("\u2011")
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				out = append(out, cur.String())
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(e)
			}
		}
	}
	return out
}

// nbsp is s with its hyphens non-breaking, as a code is printed.
func nb(s string) string { return strings.ReplaceAll(s, "-", "\u2011") }

// TestDocxNumbersPagesFromTheSecond: administrative papers print no
// number on the first page; a one-page registration sheet prints none.
func TestDocxNumbersPagesFromTheSecond(t *testing.T) {
	draft, err := report.Draft(seededSummary(t), report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := report.RegistrationSheet(report.Sheet{Unit: store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"},
		Reg: store.Registration{Number: "DVK-2024-001", Model: store.Model{Name: "Đường hoa", Kind: "tap_the", Field: "kinh_te"}}}, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`<w:footerReference w:type="(\w+)" r:id="(\w+)"/>`)
	rel := regexp.MustCompile(`Id="(\w+)" Type="[^"]+/footer" Target="([^"]+)"`)
	for name, data := range map[string][]byte{"draft": draft, "sheet": sheet} {
		t.Run(name, func(t *testing.T) {
			parts := docxParts(t, data)
			doc := parts["word/document.xml"]
			sect := doc[strings.LastIndex(doc, "<w:sectPr"):]
			if !strings.Contains(sect, "<w:titlePg/>") {
				t.Errorf("section has no distinct first page: %s", sect)
			}
			targets := map[string]string{}
			for _, m := range rel.FindAllStringSubmatch(parts["word/_rels/document.xml.rels"], -1) {
				targets[m[1]] = "word/" + strings.TrimPrefix(m[2], "/word/")
			}
			footers := map[string]string{}
			for _, m := range ref.FindAllStringSubmatch(sect, -1) {
				part, ok := parts[targets[m[2]]]
				if !ok {
					t.Errorf("footer %s (%s) is not in the package", m[1], m[2])
				}
				footers[m[1]] = part
			}
			if first, ok := footers["first"]; !ok || strings.Contains(first, "PAGE") {
				t.Errorf("first page footer %q (present %v): want one without a page number", first, ok)
			}
			if !strings.Contains(footers["default"], " PAGE ") {
				t.Errorf("later pages' footer %q has no page number", footers["default"])
			}
			types := parts["[Content_Types].xml"]
			for _, target := range targets {
				if !strings.Contains(types, `PartName="/`+target+`"`) {
					t.Errorf("%s has no content type", target)
				}
			}
		})
	}
}
