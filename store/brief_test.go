package store_test

import (
	"fmt"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// briefPart is what a brief must hold of a registration.
func briefPart(r store.Registration) string {
	s := fmt.Sprintf("%d %s c%d u%d k%d %+v %s late=%v from=%d", r.ID, r.Number, r.CampaignID, r.UnitID, r.Commune,
		[4]string{r.Model.Name, r.Model.Kind, r.Model.Field, r.Model.Novelty}, r.Status, r.Late, r.CarriedFrom)
	if r.Results != nil {
		s += fmt.Sprintf(" results{%d %d %d %q %s late=%v}", r.Results.People, r.Results.Households, r.Results.Money, r.Results.Measures, r.Results.Against, r.Results.Late)
	}
	if r.Evaluation != nil {
		s += fmt.Sprintf(" eval{%s %s %v}", r.Evaluation.Outcome, r.Evaluation.Level, r.Evaluation.ProposeHigher)
	}
	return s
}

// checkBriefs: a campaign's briefs say what its whole records say.
func checkBriefs(t *testing.T, tx *store.Tx, campaign uint64) {
	t.Helper()
	whole, err := tx.Registrations(campaign)
	if err != nil {
		t.Fatal(err)
	}
	briefs, err := tx.RegistrationsBrief(campaign)
	if err != nil || len(briefs) != len(whole) {
		t.Fatalf("campaign %d: %d briefs, %v; %d registrations", campaign, len(briefs), err, len(whole))
	}
	for i := range whole {
		if got, want := briefPart(briefs[i]), briefPart(whole[i]); got != want {
			t.Errorf("brief\n %s\nwant\n %s", got, want)
		}
	}
}

// TestBriefFollowsEveryWrite: the campaign index's brief of a registration
// changes with each write of it — results, evaluation, return, withdrawal.
func TestBriefFollowsEveryWrite(t *testing.T) {
	s, _ := openTemp(t)
	within(t, s, func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		r, err := tx.AddRegistration(store.Registration{UnitID: w.homeUnit.ID, CampaignID: w.homeCamp.ID, Status: store.StatusSubmitted,
			Model: store.Model{Name: "Đường hoa", Kind: "tap_the", Field: "kinh_te", Content: "Trồng hoa hai bên đường."}}, "2024")
		if err != nil {
			return err
		}
		checkBriefs(t, tx, w.homeCamp.ID)
		r.Model.Novelty = store.NoveltyKept
		r.Results = &store.Results{Achieved: "2 km", People: 150, Households: 40, Money: 12_500_000, Measures: "Ngày công: 350", Against: "vuot", Late: true}
		changes := []func(){
			func() { r.Status = store.StatusApproved },
			func() { r.Evaluation = &store.Evaluation{Outcome: store.OutcomeExemplary, Level: "co_so"} },
			func() { r.Evaluation.ProposeHigher = true },
			func() { r.Model.Name, r.Results.People = "Đường hoa sáng", 170 },
			func() { r.Status, r.Evaluation = store.StatusWithdrawn, nil },
		}
		for _, change := range changes {
			change()
			if err := tx.PutRegistration(r, 1, "edit", ""); err != nil {
				return err
			}
			checkBriefs(t, tx, w.homeCamp.ID)
		}
		if got, _ := tx.RegistrationsBrief(w.homeCamp.ID); len(got) == 0 || got[len(got)-1].Status != store.StatusWithdrawn {
			t.Errorf("last brief %+v, want the withdrawal", got)
		}
		return nil
	})
}
