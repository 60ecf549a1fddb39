// Package provincetest builds the database of a province for benchmarks:
// many communes, each with its units, secretaries, admins, linked groups
// and models with results, written through the store API in a few
// transactions. Only tests and benchmarks import it.
package provincetest

import (
	"context"
	"fmt"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// Spec says how big the province is. The zero value of a field is none.
type Spec struct {
	Communes int // the first is the home commune (store.HomeCommune)
	Units    int // per commune
	Models   int // per unit, approved, with results, in the province campaign
	// Secretaries per unit: every unit has the first; the second goes to
	// the first SecondSecretaries units of the province.
	SecondSecretaries int
	Admins            int  // commune admins per commune
	Groups            bool // each unit linked to a Telegram group
}

// Standard is the province of issue 15: 100 communes × 30 units, 6,000
// people with roles (5,800 secretaries, 2 admins per commune), 9,000
// models with results.
func Standard() Spec {
	return Spec{Communes: 100, Units: 30, Models: 3, SecondSecretaries: 2800, Admins: 2, Groups: true}
}

// Province is what Build wrote: ids to drive the bot with.
type Province struct {
	Communes    []store.Commune
	Units       []store.Unit
	Secretaries []int64   // the first secretary of each unit, in unit order
	Admins      [][]int64 // per commune, in commune order
	Groups      []int64   // the linked group of each unit, in unit order
	Campaign    store.Campaign

	second int // second secretaries
}

// People is how many people have a role.
func (p Province) People() int {
	n := 0
	for _, a := range p.Admins {
		n += len(a)
	}
	return n + len(p.Secretaries) + p.second
}

// Ids of the people Build writes: secretaries, second secretaries,
// admins; groups are negative.
const (
	SecretaryID       int64 = 10_000_000
	SecondSecretaryID int64 = 20_000_000
	AdminID           int64 = 30_000_000
	GroupID           int64 = -1_000_000_000_000
)

// perTx communes are written in one transaction: 4 transactions for the
// standard province, plus the one that creates the communes.
const perTx = 25

// Build writes the province into a new database at path.
func Build(path string, s Spec) (Province, error) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return Province{}, err
	}
	defer st.Close()
	ctx := context.Background()
	var p Province
	err = st.Update(ctx, func(tx *store.Tx) error {
		home, err := tx.Commune(store.HomeCommune)
		if err != nil {
			return err
		}
		home.Name, home.Code = communeName(0), communeCode(0)
		home.Office.Body = officeBody(0)
		if err := tx.PutCommune(home); err != nil {
			return err
		}
		p.Communes = append(p.Communes, home)
		for i := 1; i < s.Communes; i++ {
			c, err := tx.AddCommune(store.Commune{Name: communeName(i), Code: communeCode(i),
				Office: store.Office{Body: officeBody(i)}})
			if err != nil {
				return err
			}
			p.Communes = append(p.Communes, c)
		}
		p.Campaign, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2099", Province: true,
			MinModels: 1, RegDeadline: "2099-04-07", ResultsDeadline: "2099-09-05", EndDate: "2099-12-15"})
		if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return Province{}, fmt.Errorf("communes: %w", err)
	}
	for from := 0; from < s.Communes; from += perTx {
		err := st.Update(ctx, func(tx *store.Tx) error {
			for i := from; i < min(from+perTx, s.Communes); i++ {
				if err := p.commune(tx, s, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return Province{}, fmt.Errorf("commune %d: %w", from, err)
		}
	}
	return p, nil
}

func (p *Province) commune(tx *store.Tx, s Spec, i int) error {
	return tx.InCommune(p.Communes[i].ID, func() error { return p.communeIn(tx, s, i) })
}

func (p *Province) communeIn(tx *store.Tx, s Spec, i int) error {
	c := p.Communes[i]
	var admins []int64
	for a := 0; a < s.Admins; a++ {
		id := AdminID + int64(i*s.Admins+a)
		u, err := tx.SeeUser(store.Profile{ID: id, FirstName: "Văn phòng", LastName: fmt.Sprintf("%s %d", c.Code, a+1)})
		if err != nil {
			return err
		}
		u.Admin, u.Commune = true, c.ID
		if err := tx.PutUser(u); err != nil {
			return err
		}
		admins = append(admins, id)
	}
	p.Admins = append(p.Admins, admins)
	for j := 0; j < s.Units; j++ {
		if err := p.unit(tx, s, c, len(p.Units)); err != nil {
			return err
		}
	}
	return nil
}

func (p *Province) unit(tx *store.Tx, s Spec, c store.Commune, n int) error {
	u, err := tx.AddUnit(store.Unit{Name: fmt.Sprintf("Chi bộ thôn %d", n%s.Units+1), Kind: "chi_bo_thon"})
	if err != nil {
		return err
	}
	if s.Groups {
		if u, err = tx.LinkGroup(u.ID, GroupID-int64(n)); err != nil {
			return err
		}
		p.Groups = append(p.Groups, u.GroupChatID)
	}
	p.Units = append(p.Units, u)
	people := []int64{SecretaryID + int64(n)}
	if n < s.SecondSecretaries {
		people = append(people, SecondSecretaryID+int64(n))
		p.second++
	}
	for k, id := range people {
		if _, err := tx.SeeUser(store.Profile{ID: id, FirstName: "Bí thư", LastName: fmt.Sprintf("%s %d.%d", c.Code, n, k+1)}); err != nil {
			return err
		}
		if err := tx.AddSecretary(u.ID, id, 0); err != nil {
			return err
		}
	}
	p.Secretaries = append(p.Secretaries, people[0])
	for m := 0; m < s.Models; m++ {
		g := store.Registration{CampaignID: p.Campaign.ID, UnitID: u.ID, Status: store.StatusApproved, SubmittedBy: people[0],
			Model: store.Model{Name: fmt.Sprintf("Mô hình %d", m+1), Kind: "tap_the", Field: "kinh_te",
				Content: "Vận động nhân dân hiến đất làm đường.", Targets: "2 km đường bê tông."},
			Results: &store.Results{Achieved: "Xong 2 km.", People: 150, Money: 12_500_000}}
		if _, err := tx.AddRegistration(g, p.Campaign.Year()); err != nil {
			return err
		}
	}
	return nil
}

// communeName and communeCode name the i-th commune (from 0).
func communeName(i int) string { return fmt.Sprintf("Xã Số %d", i+1) }
func communeCode(i int) string { return fmt.Sprintf("XA%03d", i+1) }

func officeBody(i int) []string {
	return []string{"ĐẢNG BỘ TỈNH THỬ", fmt.Sprintf("ĐẢNG ỦY XÃ SỐ %d", i+1)}
}

// AddDue adds to the database at path a second province campaign whose
// registration deadline is day ("2006-01-02"), with a reminder on the day
// itself: nobody has registered in it, so every unit owes a reminder that
// day.
func AddDue(path, day string) (store.Campaign, error) {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return store.Campaign{}, err
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return store.Campaign{}, err
	}
	defer st.Close()
	var c store.Campaign
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, err = tx.PutCampaign(store.Campaign{Name: "Đợt 2: đăng ký mô hình mới", Province: true, MinModels: 1,
			RegDeadline: day, ResultsDeadline: d.AddDate(0, 3, 0).Format("2006-01-02"),
			EndDate: d.AddDate(0, 6, 0).Format("2006-01-02"), Reminders: []int{0}})
		return err
	})
	return c, err
}
