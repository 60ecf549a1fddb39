package main

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
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

// finder finds a text on pages, whole: the concatenation of words that
// follow each other as a cell's or a paragraph's text does (on along the
// line, or on to the next line below, in the same column) must spell it,
// starting and ending on word boundaries.
type finder struct {
	pages []page
	index []map[string][]int // per page: word text -> the words
	byTop [][]int            // per page: its words by their tops
	long  int                // the longest word, in bytes
}

func newFinder(pages []page) *finder {
	f := &finder{pages: pages, index: make([]map[string][]int, len(pages)), byTop: make([][]int, len(pages))}
	for i, p := range pages {
		f.index[i] = map[string][]int{}
		for j, w := range p.Words {
			f.index[i][w.Text] = append(f.index[i][w.Text], j)
			f.long = max(f.long, len(w.Text))
			f.byTop[i] = append(f.byTop[i], j)
		}
		slices.SortFunc(f.byTop[i], func(a, b int) int { return cmp.Compare(p.Words[a].YMin, p.Words[b].YMin) })
	}
	return f
}

// find is the first page from..to (inclusive, from 0) where text is
// whole, or -1.
func (f *finder) find(text string, from, to int) int {
	s := fold(text)
	if s == "" {
		return from
	}
	for p := max(from, 0); p <= min(to, len(f.pages)-1); p++ {
		if f.on(p, s) {
			return p
		}
	}
	return -1
}

// findNear is find over every page, trying first the few from page
// near on: a sheet's rows are printed in order, so a text of a row is on
// or after the page of the row sampled before it.
func (f *finder) findNear(text string, near int) int {
	if p := f.find(text, near, near+3); p >= 0 {
		return p
	}
	return f.find(text, 0, len(f.pages)-1)
}

// on tells whether s (folded) is whole on page p.
func (f *finder) on(p int, s string) bool {
	for end := 1; end <= min(len(s), f.long); end++ {
		if end < len(s) && !utf8.RuneStart(s[end]) {
			continue
		}
		for _, j := range f.index[p][s[:end]] {
			w := f.pages[p].Words[j]
			if f.follow(p, j, s[end:], w.XMin, w.XMax, 0) {
				return true
			}
		}
	}
	return false
}

// follow: word j of page p matched, and rest is still to spell; the
// words matched so far span xMin..xMax. The next word is on the same
// line, a little to the right, or on the next line below, overlapping
// the column.
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
	order := f.byTop[p]
	first := sort.Search(len(order), func(i int) bool { return words[order[i]].YMin >= cur.YMin-h/3 })
	for _, k := range order[first:] {
		w := words[k]
		if w.YMin >= cur.YMax+h/2 {
			break
		}
		if k == j || !strings.HasPrefix(rest, w.Text) {
			continue
		}
		sameLine := math.Abs(w.YMin-cur.YMin) < h/3 && w.XMin >= cur.XMax-1 && w.XMin-cur.XMax < 6*h
		below := w.YMin > cur.YMin+h/2 && w.XMax > xMin-4*h && w.XMin < xMax+h
		if (sameLine || below) && f.follow(p, k, rest[len(w.Text):], min(xMin, w.XMin), max(xMax, w.XMax), depth+1) {
			return true
		}
	}
	return false
}
