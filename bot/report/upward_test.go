package report_test

import (
	"context"
	"path/filepath"
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
	rows, _ := openBook(t, full).GetRows("Biểu tổng hợp")
	for _, c := range []struct{ name, unit, total string }{{"Số người tham gia", "người", "1,430"}, {"Số hộ tham gia", "hộ", "190"}} {
		if r := findRow(t, rows, 1, c.name); r[5] != c.unit || r[7] != c.total {
			t.Errorf("%s: unit %q total %q, want %q %q", c.name, r[5], r[7], c.unit, c.total)
		}
	}
}
