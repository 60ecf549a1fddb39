package main

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/dvkbot/dvkbot/locales"
)

// rules are what a part must be on paper.
type rules struct {
	what string // what it is: "signed", "signed table", "list", "chart", "report draft", "registration sheet"
	// perPage: the part may print on at most ceil(rows/perPage) pages,
	// and on one if it has at most onePage rows; pages: a fixed budget
	// (a signed sheet: 1); neither: no budget (the report draft, which
	// the office edits).
	perPage, onePage, pages int
	party                   party
	known                   bool // a sheet the check has rules for
}

// party says where "ĐẢNG CỘNG SẢN VIỆT NAM" belongs: on the paper of a
// Party body (the Đảng ủy, the Ban Dân vận, a chi bộ), never on a mass
// organisation's or the government's.
type party int

const (
	partyAny party = iota
	partyMust
	partyNever
)

// The figures the rules hold paper to.
const (
	// minType is the smallest type on paper, in points: the review read
	// 5.5 pt on the model list; 10 pt is read at arm's length.
	minType = 10.0
	// boxPerPoint: a word's box (pdftotext -bbox) is the font's ascent
	// plus descent high: 1.107 em in Liberation Serif, Times New Roman's
	// metric twin (0.891 + 0.216), so a word set in s pt is 1.107·s high.
	boxPerPoint = 1.107
	// signedRows: a signed table that grows (by commune, the year-end
	// table) prints on one page up to signedOnePage rows of its sheet
	// (heading and signatures included: a commune's 20 to 30 units), and
	// beyond that holds at least signedRows rows a page (A4 portrait at
	// 10 pt holds about 45 rows of one line, 25 of two).
	signedRows    = 20
	signedOnePage = 40
	// listRows: a list fits at least this many rows to a page, whatever
	// its texts: A4 landscape at 11 pt (the model list's floor), rows of
	// up to four lines, as the sample's model names of 120 characters and
	// a province's unit cells, which carry the commune's name, take.
	listRows = 6
)

var sheetNames = map[string]string{}

// loadSheetNames reads the workbook's sheet names from the locales (the
// Vietnamese ones, as the office's paper has them).
func loadSheetNames() error {
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	for _, id := range []string{"xl_sheet_summary", "xl_sheet_communes", "xl_sheet_models", "xl_sheet_owing", "xl_sheet_year_end", "xl_sheet_chart"} {
		sheetNames[cat.Text("vi", id, nil)] = id
	}
	return nil
}

// sheetRules are the rules of a workbook's sheet, by its name. A sheet
// the check does not know is printed, so it fails (known false) until the
// check is told what it is.
func sheetRules(sheet string) rules {
	switch sheetNames[sheet] {
	case "xl_sheet_summary":
		return rules{what: "signed", pages: 1, party: partyMust, known: true}
	case "xl_sheet_communes", "xl_sheet_year_end":
		return rules{what: "signed table", perPage: signedRows, onePage: signedOnePage, party: partyMust, known: true}
	case "xl_sheet_models", "xl_sheet_owing":
		return rules{what: "list", perPage: listRows, known: true}
	case "xl_sheet_chart":
		return rules{what: "chart", pages: 1, known: true}
	}
	return rules{what: "unknown sheet", perPage: listRows}
}

// docxRules: a registration sheet ("Phieu" in its name) prints on one
// page; the report draft has no page budget.
func docxRules(path string) rules {
	if strings.Contains(strings.ToLower(filepath.Base(path)), "phieu") {
		return rules{what: "registration sheet", pages: 1, known: true}
	}
	return rules{what: "report draft", party: partyMust, known: true}
}

// kindOfFile: the sample names a registration sheet by its unit's kind
// (mau-lon_phieu_hoi_phu_nu.docx).
var kindOfFile = regexp.MustCompile(`phieu_([a-z_]+)\.docx$`)

// partyKinds: the units of these kinds are Party organisations; of
// these, not (mass organisations, the Front, the government). A "Ban,
// ngành" or "Khác" may be either, so the check says nothing of them.
var partyKinds = map[string]party{
	"chi_bo_thon": partyMust, "chi_bo_truong": partyMust, "chi_bo_cong_an": partyMust, "chi_bo_quan_su": partyMust, "chi_bo_co_quan": partyMust,
	"mttq": partyNever, "hoi_phu_nu": partyNever, "hoi_nong_dan": partyNever, "hoi_ccb": partyNever, "doan_thanh_nien": partyNever,
	"hoi_quan_chung": partyNever, "to_dan_van": partyNever, "chinh_quyen": partyNever,
}

// partyNames: the same by the unit's name, for a sheet whose file does
// not name its kind (the demo's), read from the sheet's own text.
var partyNames = []struct {
	prefix string
	party  party
}{{"Chi bộ", partyMust}, {"Đảng bộ", partyMust}, {"Chi hội", partyNever}, {"Hội", partyNever}, {"Chi đoàn", partyNever},
	{"Đoàn", partyNever}, {"Ban công tác Mặt trận", partyNever}, {"Mặt trận", partyNever}, {"Ủy ban Mặt trận", partyNever},
	{"Tổ dân vận", partyNever}, {"Ủy ban nhân dân", partyNever}}

// docxParty is where the Party heading belongs on a .docx: on the
// report draft always; on a registration sheet as its unit's kind says.
func docxParty(path string, paras []string) party {
	r := docxRules(path)
	if r.what != "registration sheet" {
		return r.party
	}
	if m := kindOfFile.FindStringSubmatch(path); m != nil {
		return partyKinds[m[1]]
	}
	for i, t := range paras { // the unit's name follows its label, "Đơn vị"
		if t != "Đơn vị" || i+1 >= len(paras) {
			continue
		}
		for _, n := range partyNames {
			if strings.HasPrefix(paras[i+1], n.prefix) {
				return n.party
			}
		}
	}
	return partyAny
}

// budget is the most pages the part may print on; 0: no budget.
func (p part) budget() int {
	switch {
	case p.rules.pages > 0:
		return p.rules.pages
	case p.rules.perPage > 0 && p.rows <= p.rules.onePage:
		return 1
	case p.rules.perPage > 0:
		return max(1, int(math.Ceil(float64(p.rows)/float64(p.rules.perPage))))
	}
	return 0
}

// failure is one broken rule of one part.
type failure struct {
	part, rule, detail string
}

func (f failure) String() string { return fmt.Sprintf("FAIL %s: [%s] %s", f.part, f.rule, f.detail) }

// nation is the Party heading.
const nation = "ĐẢNG CỘNG SẢN VIỆT NAM"

// checkPart holds the part's pages to its rules.
func checkPart(p part, pages []page) []failure {
	var out []failure
	fail := func(rule, format string, args ...any) {
		out = append(out, failure{p.name(), rule, fmt.Sprintf(format, args...)})
	}
	if !p.rules.known {
		fail("known sheet", "a printed sheet the check has no rules for: hide it if it is data, or give it rules in cmd/papercheck/rules.go")
	}
	if len(pages) == 0 {
		fail("prints", "no page printed")
		return out
	}
	for i, pg := range pages {
		if !a4(pg) {
			fail("A4", "page %d is %.0f×%.0f pt, not A4", i+1, pg.W, pg.H)
			break
		}
	}
	if b := p.budget(); b > 0 && len(pages) > b {
		fail("page budget", "%d pages, want at most %d (%s%s)", len(pages), b, p.rules.what, budgetWhy(p))
	}
	if small, median, n, at := smallType(pages); n > 0 {
		fail("type ≥ 10 pt", "%d words under %.0f pt, the smallest %.1f pt (“%s” on page %d); the median word %.1f pt", n, minType, small, at.text, at.page, median)
	}
	f := newFinder(pages)
	var missing []string
	near := 0
	for _, t := range p.texts {
		if at := f.findNear(t, near); at >= 0 {
			near = at
		} else {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		fail("text whole", "%d of %d texts not found whole on its pages, e.g. %s", len(missing), len(p.texts), quoteSome(missing, 3))
	}
	out = append(out, checkHeaders(p, f, len(pages))...)
	out = append(out, checkOverlaps(p, pages)...)
	switch hasNation := f.find(nation, 0, 0) >= 0; {
	case p.rules.party == partyMust && !hasNation:
		fail("Party heading", "no “%s” on its first page: the paper of a Party body has it", nation)
	case p.rules.party == partyNever && f.find(nation, 0, len(pages)-1) >= 0:
		fail("Party heading", "“%s” is printed, but the unit is not a Party organisation", nation)
	}
	return out
}

func budgetWhy(p part) string {
	switch {
	case p.rules.perPage > 0 && p.rows <= p.rules.onePage:
		return fmt.Sprintf(", %d rows: one page up to %d", p.rows, p.rules.onePage)
	case p.rules.perPage > 0:
		return fmt.Sprintf(", %d rows at %d a page", p.rows, p.rules.perPage)
	}
	return ""
}

// a4 tells an A4 page, either way round.
func a4(p page) bool {
	near := func(a, b float64) bool { return math.Abs(a-b) < 3 }
	return near(p.W, 595) && near(p.H, 842) || near(p.W, 842) && near(p.H, 595)
}

type spot struct {
	text string
	page int
}

// smallType counts the words of the page's body set under minType (by
// their boxes' heights), with the smallest and the body's median. The
// page's header and footer (the page number) are left out: their size
// is not the paper's.
func smallType(pages []page) (smallest, median float64, n int, at spot) {
	smallest = math.Inf(1)
	var all []float64
	for i, pg := range pages {
		for _, w := range pg.Words {
			if w.YMax > pg.H-marginBand || w.YMin < marginBand {
				continue
			}
			pt := w.height() / boxPerPoint
			all = append(all, pt)
			if pt < minType-0.3 { // the boxes are rounded: 10 pt measures 9.9–10.1
				n++
				if pt < smallest {
					smallest, at = pt, spot{w.Text, i + 1}
				}
			}
		}
	}
	if len(all) > 0 {
		slices.Sort(all)
		median = all[len(all)/2]
	}
	return smallest, median, n, at
}

// marginBand: words this close to a page's top or bottom edge (half an
// inch) are its header or footer.
const marginBand = 36.0

// checkHeaders: a sheet of several pages repeats its header rows (print
// titles) on every page, and they are printed there.
func checkHeaders(p part, f *finder, pages int) []failure {
	if p.sheet == "" || pages < 2 {
		return nil
	}
	if !p.titled {
		return []failure{{p.name(), "header rows on every page", fmt.Sprintf("%d pages, but no rows are set to repeat on each (Print_Titles)", pages)}}
	}
	var bad []int
	for pg := 1; pg < pages; pg++ {
		for _, h := range p.headers {
			if f.find(h, pg, pg) != pg {
				bad = append(bad, pg+1)
				break
			}
		}
	}
	if len(bad) > 0 {
		return []failure{{p.name(), "header rows on every page", fmt.Sprintf("pages %s lack a header cell", intsSome(bad, 8))}}
	}
	return nil
}

// checkOverlaps: no word is printed over another. Text that a row too low
// cuts off, or that runs into the next cell, lands on its neighbour's.
func checkOverlaps(p part, pages []page) []failure {
	n, first := 0, ""
	for i, pg := range pages {
		words := slices.Clone(pg.Words)
		slices.SortFunc(words, func(a, b word) int { return cmp.Compare(a.YMin, b.YMin) })
		for a := range words {
			for b := a + 1; b < len(words) && words[b].YMin < words[a].YMax; b++ {
				if overlap(words[a], words[b]) {
					if n == 0 {
						first = fmt.Sprintf("“%s” and “%s” on page %d", words[a].Text, words[b].Text, i+1)
					}
					n++
				}
			}
		}
	}
	if n > 0 {
		return []failure{{p.name(), "no text over text", fmt.Sprintf("%d pairs of words printed over each other (text cut off by its row, or run into the next cell), first %s", n, first)}}
	}
	return nil
}

// overlap: two words' boxes share more than 40 % of the lower one's
// height and 20 % of the narrower one's width (lines of one paragraph
// touch by a point or two, which is not an overlap).
func overlap(a, b word) bool {
	dy := math.Min(a.YMax, b.YMax) - math.Max(a.YMin, b.YMin)
	dx := math.Min(a.XMax, b.XMax) - math.Max(a.XMin, b.XMin)
	return dy > 0.4*math.Min(a.height(), b.height()) && dx > 0.2*math.Min(a.XMax-a.XMin, b.XMax-b.XMin)
}

func quoteSome(s []string, n int) string {
	var q []string
	for _, t := range s[:min(n, len(s))] {
		if r := []rune(t); len(r) > 60 {
			t = string(r[:60]) + "…"
		}
		q = append(q, "“"+strings.ReplaceAll(t, "\n", " ")+"”")
	}
	return strings.Join(q, ", ")
}

func intsSome(v []int, n int) string {
	var s []string
	for _, x := range v[:min(n, len(v))] {
		s = append(s, fmt.Sprint(x))
	}
	if len(v) > n {
		s = append(s, fmt.Sprintf("… (%d in all)", len(v)))
	}
	return strings.Join(s, ", ")
}
