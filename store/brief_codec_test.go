package store

import (
	"errors"
	"reflect"
	"testing"
)

func TestBriefRoundTrip(t *testing.T) {
	for _, r := range []Registration{
		{},
		{ID: 1, CampaignID: 2, UnitID: 3, Number: "DVK-2024-001", Status: StatusSubmitted, Model: Model{Name: "Đường hoa", Kind: "tap_the", Field: "kinh_te"}},
		{ID: 1 << 40, CampaignID: 7, UnitID: 9, Commune: 12, CarriedFrom: 5, Late: true, Status: StatusApproved,
			Results:    &Results{People: 150, Money: 12_500_000, Measures: "Ngày công: 350\nĐất hiến: 200 m²", Late: true},
			Evaluation: &Evaluation{Outcome: OutcomeExemplary, Level: "co_so"}},
		{ID: 5, CampaignID: 7, Model: Model{Novelty: NoveltyKept},
			Results:    &Results{People: 1200, Households: 150, Against: "vuot"},
			Evaluation: &Evaluation{Outcome: OutcomeRecognised, Level: LevelBase, ProposeHigher: true}},
		{ID: 4, Results: &Results{People: -1}, Evaluation: &Evaluation{}},
	} {
		key := pairKey(int64(r.CampaignID), int64(r.ID))
		got, err := readBrief(key, appendBrief(nil, r), map[string]string{})
		if err != nil || !reflect.DeepEqual(got, r) {
			t.Errorf("read back %+v, %v; want %+v", got, err, r)
		}
		other := pairKey(int64(r.CampaignID), int64(r.ID)+1)
		if _, err := readBrief(other, appendBrief(nil, r), map[string]string{}); !errors.Is(err, ErrDamaged) {
			t.Errorf("registration %d's brief under the key of %d: %v, want ErrDamaged", r.ID, r.ID+1, err)
		}
	}
}

// A damaged brief is refused as damaged, never read as some other
// registration and never a panic.
func FuzzReadBrief(f *testing.F) {
	f.Add(appendBrief(nil, Registration{ID: 3, Number: "DVK-2024-003", Results: &Results{Measures: "a: 1"}, Evaluation: &Evaluation{Outcome: "x"}}))
	f.Add([]byte{briefVersion})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, v []byte) {
		r, err := readBrief(nil, v, map[string]string{})
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("error %v, want ErrDamaged", err)
			}
			return
		}
		if again, err := readBrief(nil, appendBrief(nil, r), map[string]string{}); err != nil || !reflect.DeepEqual(again, r) {
			t.Errorf("%x read as %+v, written and read again as %+v, %v", v, r, again, err)
		}
	})
}
