package store

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
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
	Criteria []string `json:"criteria,omitempty"`
	// Commune is the commune whose campaign it is; 0 in older records,
	// read as the home commune, and 0 for the province's (Province).
	Commune uint64 `json:"commune,omitempty"`
	// Province: the province's office launched it, for Communes (none
	// listed: every commune), each taking part with all its units.
	Province bool     `json:"province,omitempty"`
	Communes []uint64 `json:"communes,omitempty"`
	// Local holds the earlier internal deadlines a commune set for itself
	// in a province campaign, by commune id; a transaction scoped to that
	// commune reads them as the campaign's own dates.
	Local map[string]Dates `json:"local,omitempty"`
	// official are the province's dates of a campaign read with a
	// commune's own (see Official).
	official *Dates

	Closed bool `json:"closed,omitempty"`
	// Reopened: the office reopened the movement after its end date, so
	// it takes registrations again until closed (bot/campaign.Open).
	Reopened  bool      `json:"reopened,omitempty"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Dates are a commune's own deadlines in a province campaign; an empty
// one is the province's.
type Dates struct {
	RegDeadline     string `json:"reg_deadline,omitempty"`
	ResultsDeadline string `json:"results_deadline,omitempty"`
}

// Official are the deadlines a filing is late against: the province's in
// a province campaign, even where the commune reminds its units of
// earlier dates of its own (what goes upward counts by the province's).
func (c Campaign) Official() Dates {
	if c.official != nil {
		return *c.official
	}
	return Dates{RegDeadline: c.RegDeadline, ResultsDeadline: c.ResultsDeadline}
}

// ErrProvinceCampaign: a commune may set its own dates in a province
// campaign, not change it.
var ErrProvinceCampaign = errors.New("the province's campaign")

// For reports whether commune takes part.
func (c Campaign) For(commune uint64) bool {
	if !c.Province {
		return ownerOf(c.Commune) == commune
	}
	return len(c.Communes) == 0 || slices.Contains(c.Communes, commune)
}

// localised is the campaign as commune sees it: with its own dates.
func (c Campaign) localised(commune uint64) Campaign {
	d, ok := c.Local[strconv.FormatUint(commune, 10)]
	if !ok {
		return c
	}
	c.official = &Dates{RegDeadline: c.RegDeadline, ResultsDeadline: c.ResultsDeadline}
	if d.RegDeadline != "" {
		c.RegDeadline = d.RegDeadline
	}
	if d.ResultsDeadline != "" {
		c.ResultsDeadline = d.ResultsDeadline
	}
	return c
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

// Includes reports whether the unit takes part: its commune does (the
// campaign is the commune's, or the province's for it), and the campaign
// names it or every unit.
func (c Campaign) Includes(u Unit) bool {
	if !c.For(ownerOf(u.Commune)) {
		return false
	}
	return len(c.Units) == 0 || slices.Contains(c.Units, u.ID)
}

// PutCampaign creates (ID 0) or updates a campaign and returns it. A
// scoped transaction creates the commune's own campaigns and changes only
// those: in a province campaign a commune sets its dates with
// SetLocalDates. An unscoped one creates the province's (Province set) or
// the home commune's.
func (t *Tx) PutCampaign(c Campaign) (Campaign, error) {
	b := t.tx.Bucket(bucketCampaigns)
	switch {
	case c.ID != 0:
		old, err := t.mayChange(c.ID)
		if err != nil {
			return Campaign{}, err
		}
		c.Province, c.Commune, c.Local, c.CreatedAt = old.Province, old.Commune, old.Local, old.CreatedAt
		if !c.Province {
			c.Communes = nil
		}
	case t.scope != 0 || !c.Province && !t.inProvince():
		c.Province, c.Communes, c.Commune = false, nil, t.here()
	default: // the province's place makes the province's campaigns only
		c.Province, c.Commune = true, 0
	}
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

// mayChange reads a campaign to be changed, as stored: a scoped
// transaction changes only its commune's campaigns.
func (t *Tx) mayChange(id uint64) (Campaign, error) {
	if _, err := t.Campaign(id); err != nil {
		return Campaign{}, err
	}
	var old Campaign
	if err := getJSON(t.tx.Bucket(bucketCampaigns), itob(id), &old); err != nil {
		return Campaign{}, err
	}
	if old.Province && t.scope != 0 {
		return Campaign{}, fmt.Errorf("campaign %d: %w", id, ErrProvinceCampaign)
	}
	old.Commune = ownerOf(old.Commune)
	if old.Province {
		old.Commune = 0
	}
	return old, nil
}

// SetLocalDates sets the scope's commune's own deadlines in a province
// campaign (empty ones: the province's).
func (t *Tx) SetLocalDates(id uint64, d Dates) error {
	var c Campaign
	b := t.tx.Bucket(bucketCampaigns)
	if err := getJSON(b, itob(id), &c); err != nil {
		return fmt.Errorf("campaign %d: %w", id, err)
	}
	if t.scope == 0 || !c.Province || !c.For(t.scope) {
		return fmt.Errorf("campaign %d: %w", id, ErrNotFound)
	}
	if c.Local == nil {
		c.Local = map[string]Dates{}
	}
	key := strconv.FormatUint(t.scope, 10)
	if d == (Dates{}) {
		delete(c.Local, key)
	} else {
		c.Local[key] = d
	}
	c.UpdatedAt = t.now
	return putJSON(b, itob(id), c)
}

// Campaign returns the campaign with that id, or ErrNotFound: also for
// one the scope's commune does not take part in. Scoped, a province
// campaign has the commune's own dates.
func (t *Tx) Campaign(id uint64) (Campaign, error) {
	var c Campaign
	if err := getJSON(t.tx.Bucket(bucketCampaigns), itob(id), &c); err != nil {
		return Campaign{}, fmt.Errorf("campaign %d: %w", id, err)
	}
	c, ok := t.visible(c)
	if !ok {
		return Campaign{}, fmt.Errorf("campaign %d: %w", id, ErrNotFound)
	}
	return c, nil
}

// visible is the campaign as the scope sees it, if it sees it at all.
func (t *Tx) visible(c Campaign) (Campaign, bool) {
	if !c.Province {
		c.Commune = ownerOf(c.Commune)
	}
	if !t.limited {
		return c, true
	}
	if t.inProvince() {
		return c, c.Province
	}
	if !c.For(t.scope) {
		return Campaign{}, false
	}
	return c.localised(t.scope), true
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
		c, ok := t.visible(c)
		if ok && (withClosed || !c.Closed) {
			out = append(out, c)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].RegDeadline > out[j].RegDeadline })
	return out, err
}

// campaignFor: a unit files only into a campaign of its commune (its
// own, or the province's for it). Campaign 0 is none (tests, imports).
func (t *Tx) campaignFor(id uint64, u Unit) error {
	if id == 0 {
		return nil
	}
	var c Campaign
	if err := getJSON(t.tx.Bucket(bucketCampaigns), itob(id), &c); err != nil {
		return fmt.Errorf("campaign %d: %w", id, err)
	}
	if !c.For(u.Commune) {
		return fmt.Errorf("campaign %d for unit %d of commune %d: %w", id, u.ID, u.Commune, ErrNotFound)
	}
	return nil
}
