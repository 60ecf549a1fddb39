package report_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
)

// TestDraftTableKeepsSTTAndCodesWhole: the number column is wide enough
// for "STT" in bold 12 pt (it printed "ST/T"), and a registration number
// never breaks at its hyphens ("DVK-/2024-001").
func TestDraftTableKeepsSTTAndCodesWhole(t *testing.T) {
	data, err := report.Draft(seededSummary(t), report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	doc := docxParts(t, data)["word/document.xml"]
	grids := regexp.MustCompile(`<w:tblGrid><w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(doc, -1)
	found := false
	for _, g := range grids {
		w, _ := strconv.Atoi(g[1])
		i := strings.Index(doc, g[0])
		if !strings.Contains(doc[i:min(len(doc), i+3000)], ">STT<") {
			continue
		}
		found = true
		// Times New Roman Bold: S 0.556 em, T 0.667 em; 12 pt; 1/20 pt;
		// Word's cell margins 108 + 108; some room for the borders.
		stt := (0.556 + 2*0.667) * 12 * 20 // 454 twips
		need := int(stt) + 1 + 2*108 + 40
		if w < need {
			t.Errorf("STT column %d twips wide, want at least %d", w, need)
		}
	}
	if !found {
		t.Fatal("no table with STT")
	}
	text := strings.Join(paragraphs(t, doc), "\n")
	if !strings.Contains(text, nb("DVK-2024-003")+" “Mô hình van_hoa_xa_hoi”") {
		t.Errorf("the recognised model is not named with its number unbroken:\n%s", text)
	}
	if strings.Contains(text, "DVK-") {
		t.Errorf("a code with a breaking hyphen:\n%s", text)
	}
}

// TestDraftRecipientsInThePartysForm: "Nơi nhận:" is written upright and
// underlined, as the Party's papers and the workbook write it, not in
// the state's bold italic.
func TestDraftRecipientsInThePartysForm(t *testing.T) {
	data, err := report.Draft(seededSummary(t), report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	doc := docxParts(t, data)["word/document.xml"]
	m := regexp.MustCompile(`<w:r><w:rPr>([^<]*(?:<[^>]*>)*?)</w:rPr><w:t xml:space="preserve">Nơi nhận:</w:t>`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no run \"Nơi nhận:\"")
	}
	if !strings.Contains(m[1], "<w:u ") || strings.Contains(m[1], "<w:b/>") || strings.Contains(m[1], "<w:i/>") {
		t.Errorf("\"Nơi nhận:\" formatted %q, want underlined, upright, not bold", m[1])
	}
}
