package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
)

// page is one printed page as pdftotext -bbox reads it: its size in
// points and its words in reading order, each with its box.
type page struct {
	W, H  float64
	Words []word
}

// word is a word's text and box in points, from the page's top left.
type word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

func (w word) height() float64 { return w.YMax - w.YMin }

// readPDF reads the pages of a PDF with pdftotext -bbox.
func readPDF(path string) ([]page, error) {
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w", path, err)
	}
	return parseBBox(out)
}

// parseBBox parses pdftotext's -bbox XHTML: pages of words.
func parseBBox(data []byte) ([]page, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var pages []page
	for {
		tok, err := d.Token()
		if err != nil {
			break // io.EOF, or the end of what parses
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) float64 {
			for _, a := range se.Attr {
				if a.Name.Local == name {
					v, _ := strconv.ParseFloat(a.Value, 64)
					return v
				}
			}
			return 0
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, page{W: attr("width"), H: attr("height")})
		case "word":
			var text string
			if err := d.DecodeElement(&text, &se); err != nil {
				return nil, fmt.Errorf("pdftotext output: %w", err)
			}
			if len(pages) == 0 {
				return nil, fmt.Errorf("pdftotext output: a word before a page")
			}
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, word{Text: fold(text), XMin: attr("xMin"), YMin: attr("yMin"), XMax: attr("xMax"), YMax: attr("yMax")})
		}
	}
	return pages, nil
}

// fold is text as the check compares it: no white space, ligatures
// spelled out, typographic dashes as the file has them.
func fold(s string) string {
	return strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl", "\u00a0", "", " ", "", "\t", "", "\n", "", "\r", "").Replace(s)
}

// where finds text on pages, whole: the concatenation of words that
// follow each other as a cell's or a paragraph's text does (on along
// the line, or on to the next line below, in the same column) must spell
// it, starting and ending on word boundaries. It returns the page (from 0)
// it starts on, or -1.
type finder struct {
	pages []page
	index []map[string][]int // per page: word text -> positions
}

func newFinder(pages []page) *finder {
	f := &finder{pages: pages, index: make([]map[string][]int, len(pages))}
	for i, p := range pages {
		f.index[i] = map[string][]int{}
		for j, w := range p.Words {
			f.index[i][w.Text] = append(f.index[i][w.Text], j)
		}
	}
	return f
}

// find is the first page from..to (inclusive) where text is whole, or -1.
func (f *finder) find(text string, from, to int) int {
	s := fold(text)
	if s == "" {
		return from
	}
	for p := max(from, 0); p <= min(to, len(f.pages)-1); p++ {
		for end := 1; end <= len(s); end++ {
			for _, j := range f.index[p][s[:end]] {
				if f.follow(p, j, s[end:], f.pages[p].Words[j].XMin, f.pages[p].Words[j].XMax, 0) {
					return p
				}
			}
		}
	}
	return -1
}

// follow: word j of page p matched, and rest is still to spell; the
// words matched so far span xMin..xMax. The next word is the one after j
// on its line, close to it, or a word of the next line below that
// overlaps the column.
func (f *finder) follow(p, j int, rest string, xMin, xMax float64, depth int) bool {
	if rest == "" {
		return true
	}
	if depth > 400 {
		return false
	}
	words := f.pages[p].Words
	cur := words[j]
	h := cur.height()
	for k, w := range words {
		if k == j || !strings.HasPrefix(rest, w.Text) {
			continue
		}
		sameLine := math.Abs(w.YMin-cur.YMin) < h/3 && w.XMin >= cur.XMax-1 && w.XMin-cur.XMax < 6*h
		below := w.YMin > cur.YMin+h/2 && w.YMin < cur.YMax+h/2 && w.XMax > xMin-4*h && w.XMin < xMax+h
		if (sameLine || below) && f.follow(p, k, rest[len(w.Text):], min(xMin, w.XMin), max(xMax, w.XMax), depth+1) {
			return true
		}
	}
	return false
}
