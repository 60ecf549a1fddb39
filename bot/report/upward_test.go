package report_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// upward is a campaign with what the level above acts on (issue 27):
// new and kept models, results against their targets, people and
// households, outcomes at their levels and a model proposed upward; read
// with Build and with Count.
func upward(t *testing.T) (full, brief report.Summary) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "u.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, _ := tx.PutCampaign(store.Campaign{Name: "DVK 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		for i, m := range []struct {
			novelty string
			carried uint64
			res     *store.Results
			ev      *store.Evaluation
		}{
			{store.NoveltyNew, 0, &store.Results{People: 1200, Households: 150, Against: "vuot"},
				&store.Evaluation{Outcome: store.OutcomeRecognised, Level: store.LevelBase, ProposeHigher: true}},
			{store.NoveltyKept, 0, &store.Results{Households: 40, Against: "dat"}, &store.Evaluation{Outcome: store.OutcomeExemplary, Level: store.LevelProvince}},
			{"", 1, &store.Results{People: 80, Against: "chua_dat"}, &store.Evaluation{Outcome: store.OutcomeNotMet}}, // older: carried over
			{"", 0, &store.Results{People: 150}, &store.Evaluation{Outcome: store.OutcomeRecognised}},                 // older: no novelty, no standing, no level
			{store.NoveltyNew, 0, nil, nil},
		} {
			u, _ := tx.AddUnit(store.Unit{Name: "Chi bộ " + string(rune('A'+i)), Kind: "chi_bo_thon"})
			g, err := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, CarriedFrom: m.carried,
				Model: store.Model{Name: "Mô hình " + string(rune('A'+i)), Kind: store.KindCollective, Field: "kinh_te", Novelty: m.novelty}}, "2024")
			if err != nil {
				return err
			}
			g.Results, g.Evaluation = m.res, m.ev
			if err := tx.PutRegistration(g, 0, "x", ""); err != nil {
				return err
			}
		}
		if full, err = report.Build(tx, c); err != nil {
			return err
		}
		brief, err = report.Count(tx, c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return full, brief
}

// draftText is the .docx draft's paragraphs of s, one a line.
func draftText(t *testing.T, s report.Summary) string {
	t.Helper()
	data, err := report.Draft(s, report.Paper{T: vi(t), Loc: time.UTC, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(paragraphs(t, docxParts(t, data)["word/document.xml"]), "\n")
}

// People and households are summed apart and never added, from records
// and from briefs alike, and the papers name each with its unit (F13).
func TestPeopleAndHouseholdsSummedApart(t *testing.T) {
	full, brief := upward(t)
	for name, s := range map[string]report.Summary{"Build": full, "Count": brief} {
		if s.People != 1430 || s.Households != 190 {
			t.Errorf("%s: %d people, %d households; want 1430 and 190", name, s.People, s.Households)
		}
	}
	if text := draftText(t, full); !strings.Contains(text, "1.430 người; 190 hộ;") {
		t.Errorf("the draft does not give people and households apart:\n%s", text)
	}
	onlyHouseholds := full
	onlyHouseholds.People = 0 // counted as households only: not "0 người", as if nobody took part
	if text := draftText(t, onlyHouseholds); !strings.Contains(text, "huy động: 190 hộ;") {
		t.Errorf("the draft of households only:\n%s", text)
	}
	rows, _ := openBook(t, full).GetRows("Biểu tổng hợp")
	for _, c := range []struct{ name, unit, total string }{{"Số người tham gia", "người", "1,430"}, {"Số hộ tham gia", "hộ", "190"}} {
		if r := findRow(t, rows, 1, c.name); r[5] != c.unit || r[7] != c.total {
			t.Errorf("%s: unit %q total %q, want %q %q", c.name, r[5], r[7], c.unit, c.total)
		}
	}
}

// What the level above acts on is counted once, from records and from
// briefs alike, and printed in the workbook's summary and the .docx
// draft: new and kept, against the targets, outcomes by level, and the
// models proposed upward by name (review F9).
func TestUpwardCountsOnPaper(t *testing.T) {
	full, brief := upward(t)
	for name, s := range map[string]report.Summary{"Build": full, "Count": brief} {
		total := s.Total()
		if !reflect.DeepEqual(s.ByNovelty, map[string]int{store.NoveltyNew: 2, store.NoveltyKept: 2, "": 1}) {
			t.Errorf("%s: by novelty %v", name, s.ByNovelty)
		}
		if !reflect.DeepEqual(s.ByAgainst, map[string]int{"vuot": 1, "dat": 1, "chua_dat": 1, "": 1}) {
			t.Errorf("%s: against the targets %v", name, s.ByAgainst)
		}
		if total.Proposed != 1 || total.AtLevels(store.OutcomeRecognised)[store.LevelBase] != 2 || total.AtLevels(store.OutcomeExemplary)[store.LevelProvince] != 1 {
			t.Errorf("%s: outcomes by level %+v", name, total.Evaluations)
		}
		if len(s.ProposedUp()) != 1 || s.ProposedUp()[0].Reg.Model.Name != "Mô hình A" {
			t.Errorf("%s: proposed upward %v", name, s.ProposedUp())
		}
	}
	lines := []string{
		"Mới / duy trì: Mô hình mới: 2; Duy trì, nhân rộng: 2; chưa ghi: 1.",
		"Kết quả so với chỉ tiêu: Đạt chỉ tiêu: 1; Vượt chỉ tiêu: 1; Chưa đạt chỉ tiêu: 1; chưa ghi: 1.",
		"Được công nhận: Cấp cơ sở: 2; Cấp tỉnh: 0; Cấp Trung ương: 0.",
		"Điển hình, nhân rộng: Cấp cơ sở: 0; Cấp tỉnh: 1; Cấp Trung ương: 0.",
	}
	text := draftText(t, full)
	for _, want := range append(lines, "Đề nghị cấp trên công nhận: 1 ("+nb("DVK-2024-001")+" “Mô hình A”).",
		"- "+nb("DVK-2024-001")+" “Mô hình A” (Chi bộ A): Công nhận, cấp cơ sở; đề nghị cấp trên công nhận.",
		"- "+nb("DVK-2024-002")+" “Mô hình B” (Chi bộ B): Điển hình, nhân rộng, cấp tỉnh.") {
		if !strings.Contains(text, want) {
			t.Errorf("the draft lacks %q:\n%s", want, text)
		}
	}
	rows, _ := openBook(t, full).GetRows("Biểu tổng hợp")
	var sheet []string
	for _, r := range rows {
		sheet = append(sheet, strings.Join(r, "|"))
	}
	book := strings.Join(sheet, "\n")
	for _, want := range append(lines, "III. PHÂN LOẠI, ĐÁNH GIÁ MÔ HÌNH", "Đề nghị cấp trên công nhận: 1 (DVK-2024-001 “Mô hình A” - Chi bộ A).") {
		if !strings.Contains(book, want) {
			t.Errorf("the workbook's summary lacks %q:\n%s", want, book)
		}
	}
}

// A province proposes hundreds: the line names up to five, and beyond
// that says where each is named, so that a signed page stays one.
func TestUpwardNamesAFew(t *testing.T) {
	full, _ := upward(t)
	many := full
	many.Rows = nil
	for range 6 {
		many.Rows = append(many.Rows, full.ProposedUp()[0])
	}
	rows, _ := openBook(t, many).GetRows("Biểu tổng hợp")
	var book []string
	for _, r := range rows {
		book = append(book, strings.Join(r, "|"))
	}
	if text := strings.Join(book, "\n"); !strings.Contains(text, "Đề nghị cấp trên công nhận: 1 (tên từng mô hình ở bảng Danh sách mô hình).") || strings.Contains(text, "“Mô hình A” - Chi bộ A") {
		t.Errorf("six proposals named on the summary:\n%s", text)
	}
	if text := draftText(t, many); !strings.Contains(text, "Đề nghị cấp trên công nhận: 1 (tên từng mô hình ghi ở dưới).") {
		t.Errorf("six proposals in the draft's line:\n%s", text)
	}
}
