package store

import (
	"fmt"
	"sort"
	"time"
)

// Campaign is one emulation campaign (phong trào / đợt) with its deadlines.
// Dates are calendar days "2006-01-02" in the configured time zone.
type Campaign struct {
	ID              uint64   `json:"id"`
	Name            string   `json:"name"`
	Units           []uint64 `json:"units,omitempty"` // empty: every unit that is not archived
	MinModels       int      `json:"min_models"`
	RegDeadline     string   `json:"reg_deadline"`
	ResultsDeadline string   `json:"results_deadline"`
	EndDate         string   `json:"end_date"`
	Reminders       []int    `json:"reminders,omitempty"` // days before each deadline
	// NumberYear is the campaign's year ("năm 2026"), for registration
	// numbers and file names; 0 (older records): the registration
	// deadline's year.
	NumberYear int `json:"year,omitempty"`
	// Criteria are what a unit assesses itself against, one a line, each
	// "n. text" with its number in the plan; nil (and older records): the
	// defaults, seed 001's II.4 without criterion 4, which is the
	// office's evaluation.
	Criteria  []string  `json:"criteria,omitempty"`
	Closed    bool      `json:"closed,omitempty"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Year is the campaign's year, for registration numbers and file names:
// the year the office gave it, or else its registration deadline's. Not
// the end date's: a campaign "năm 2026" may end in January 2027.
func (c Campaign) Year() string {
	switch {
	case c.NumberYear > 0:
		return fmt.Sprintf("%04d", c.NumberYear)
	case len(c.RegDeadline) >= 4:
		return c.RegDeadline[:4]
	case len(c.EndDate) >= 4:
		return c.EndDate[:4]
	}
	return "0000"
}

// Includes reports whether the unit takes part.
func (c Campaign) Includes(unitID uint64) bool {
	if len(c.Units) == 0 {
		return true
	}
	for _, id := range c.Units {
		if id == unitID {
			return true
		}
	}
	return false
}

// PutCampaign creates (ID 0) or updates a campaign and returns it.
func (t *Tx) PutCampaign(c Campaign) (Campaign, error) {
	b := t.tx.Bucket(bucketCampaigns)
	if c.ID == 0 {
		id, err := b.NextSequence()
		if err != nil {
			return Campaign{}, fmt.Errorf("campaign sequence: %w", err)
		}
		c.ID, c.CreatedAt = id, t.now
	}
	c.UpdatedAt = t.now
	return c, putJSON(b, itob(c.ID), c)
}

// Campaign returns the campaign with that id, or ErrNotFound.
func (t *Tx) Campaign(id uint64) (Campaign, error) {
	var c Campaign
	if err := getJSON(t.tx.Bucket(bucketCampaigns), itob(id), &c); err != nil {
		return Campaign{}, fmt.Errorf("campaign %d: %w", id, err)
	}
	return c, nil
}

// Campaigns lists campaigns, the newest deadline first; closed ones only
// when asked.
func (t *Tx) Campaigns(withClosed bool) ([]Campaign, error) {
	var out []Campaign
	b := t.tx.Bucket(bucketCampaigns)
	err := b.ForEach(func(k, v []byte) error {
		var c Campaign
		if err := decodeJSON(k, v, &c); err != nil {
			return err
		}
		if withClosed || !c.Closed {
			out = append(out, c)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].RegDeadline > out[j].RegDeadline })
	return out, err
}
