package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Registration statuses.
const (
	StatusSubmitted = "submitted" // waiting for the office
	StatusReturned  = "returned"  // sent back with a comment, open for changes
	StatusApproved  = "approved"
	StatusWithdrawn = "withdrawn"
)

// Model is what a unit registers (seed 001, section II).
type Model struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`    // one of ModelKinds
	Subject string `json:"subject"` // the collective, or a person's name and position
	Field   string `json:"field"`   // one of ModelFields
	// Novelty is one of ModelNovelties; "" in older records.
	Novelty string `json:"novelty,omitempty"`
	Address string `json:"address"`
	Content string `json:"content"`
	Targets string `json:"targets"`
	From    string `json:"from"` // 2006-01-02
	To      string `json:"to"`
}

// The model's vocabulary, as stored, in the order the form offers it;
// the words are in the locales under each list's prefix
// (model_kind_tap_the, model_field_kinh_te, model_novelty_moi). The form,
// the reports and the locales' key test read these lists, and
// ResultsAgainst, Levels and Outcomes below, rather than spelling them
// again.
var (
	ModelKinds = []string{KindCollective, KindIndividual}
	// ModelFields are in the order of the plan; FieldOther ("Lĩnh vực
	// khác", seed 004) is last.
	ModelFields    = []string{"kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_htct", FieldOther}
	ModelNovelties = []string{NoveltyNew, NoveltyKept}
)

// The words of the vocabulary that the code decides on.
const (
	KindCollective = "tap_the" // tập thể
	KindIndividual = "ca_nhan" // cá nhân
	FieldOther     = "khac"    // lĩnh vực khác
	NoveltyNew     = "moi"     // a new model
	NoveltyKept    = "duy_tri" // maintained and replicated (seed 000)
)

// Registration is a unit's model in a campaign and its review.
type Registration struct {
	ID         uint64 `json:"id"`
	Number     string `json:"number"` // DVK-TANPHU-2024-017, or DVK-2024-017
	CampaignID uint64 `json:"campaign_id"`
	UnitID     uint64 `json:"unit_id"`
	// Commune is the unit's; 0 in older records, read as the home commune.
	Commune     uint64      `json:"commune,omitempty"`
	Model       Model       `json:"model"`
	Status      string      `json:"status"`
	Late        bool        `json:"late,omitempty"`
	Comment     string      `json:"comment,omitempty"` // the office's last comment
	SubmittedBy int64       `json:"submitted_by"`
	SubmittedAt time.Time   `json:"submitted_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	History     []Step      `json:"history,omitempty"`
	Results     *Results    `json:"results,omitempty"`
	Evaluation  *Evaluation `json:"evaluation,omitempty"`
	// CarriedFrom is the unit's model of an earlier campaign this one
	// carries on ("duy trì, nhân rộng", seed 000); 0 for a new model.
	CarriedFrom uint64 `json:"carried_from,omitempty"`
}

// Step is one event of a registration's life.
type Step struct {
	At      time.Time `json:"at"`
	By      int64     `json:"by"`
	Action  string    `json:"action"` // submit, edit, return, resubmit, approve, withdraw
	Comment string    `json:"comment,omitempty"`
}

// Editable reports whether the unit may still change or withdraw it.
func (r Registration) Editable() bool {
	return r.Status == StatusSubmitted || r.Status == StatusReturned
}

// AddRegistration numbers and stores a new registration of r's unit:
// numbers run per commune and year without gaps, and carry the commune's
// code (DVK-TANPHU-2024-001). The home commune of an older database,
// without a code, goes on with DVK-2024-004 after DVK-2024-003.
func (t *Tx) AddRegistration(r Registration, year string) (Registration, error) {
	u, err := t.Unit(r.UnitID)
	if err != nil {
		return Registration{}, err
	}
	c, err := t.Commune(u.Commune)
	if err != nil {
		return Registration{}, err
	}
	if err := t.campaignFor(r.CampaignID, u); err != nil {
		return Registration{}, err
	}
	b := t.tx.Bucket(bucketRegistrations)
	id, err := b.NextSequence()
	if err != nil {
		return Registration{}, fmt.Errorf("registration sequence: %w", err)
	}
	n, err := t.nextCounter(counterName(c.ID, year))
	if err != nil {
		return Registration{}, err
	}
	r.ID, r.Commune, r.Number = id, c.ID, registrationNumber(c.Code, year, n)
	r.SubmittedAt, r.UpdatedAt = t.now, t.now
	r.History = append(r.History, Step{At: t.now, By: r.SubmittedBy, Action: "submit"})
	if err := t.tx.Bucket(bucketUnitRegs).Put(pairKey(int64(r.UnitID), int64(id)), []byte{}); err != nil {
		return Registration{}, err
	}
	return r, t.putRegistration(r)
}

// counterName: the home commune keeps the counters of an older database.
func counterName(commune uint64, year string) string {
	if commune == HomeCommune {
		return "reg-" + year
	}
	return fmt.Sprintf("reg-%d-%s", commune, year)
}

func registrationNumber(code, year string, n uint64) string {
	if code == "" {
		return fmt.Sprintf("DVK-%s-%03d", year, n)
	}
	return fmt.Sprintf("DVK-%s-%s-%03d", code, year, n)
}

// nextCounter returns 1, 2, 3... for a name: registration numbers run per
// year without gaps, whatever else uses sequences.
func (t *Tx) nextCounter(name string) (uint64, error) {
	b := t.tx.Bucket(bucketCounters)
	n := uint64(1)
	if v := b.Get([]byte(name)); len(v) == 8 {
		n = btoi(v) + 1
	}
	return n, b.Put([]byte(name), itob(n))
}

// PutRegistration saves a change, appending what happened to its history.
func (t *Tx) PutRegistration(r Registration, by int64, action, comment string) error {
	if r.Commune = ownerOf(r.Commune); !t.sees(r.Commune) {
		return fmt.Errorf("registration %d: %w", r.ID, ErrNotFound)
	}
	r.UpdatedAt = t.now
	r.History = append(r.History, Step{At: t.now, By: by, Action: action, Comment: comment})
	return t.putRegistration(r)
}

// putRegistration stores r, and its brief in the campaign's index: the
// two are always written together.
func (t *Tx) putRegistration(r Registration) error {
	if err := putJSON(t.tx.Bucket(bucketRegistrations), itob(r.ID), r); err != nil {
		return err
	}
	return putBrief(t.tx.Bucket(bucketCampaignRegs), r)
}

// Registration returns the registration with that id, or ErrNotFound:
// also for one of another commune than the scope's.
func (t *Tx) Registration(id uint64) (Registration, error) {
	var r Registration
	err := getJSON(t.tx.Bucket(bucketRegistrations), itob(id), &r)
	if r.Commune = ownerOf(r.Commune); err == nil && !t.sees(r.Commune) {
		err = ErrNotFound
	}
	if err != nil {
		return Registration{}, fmt.Errorf("registration %d: %w", id, err)
	}
	return r, nil
}

// UnitRegistrations lists a unit's registrations, oldest first.
func (t *Tx) UnitRegistrations(unitID uint64) ([]Registration, error) {
	var out []Registration
	c := t.tx.Bucket(bucketUnitRegs).Cursor()
	prefix := idKey(int64(unitID))
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		r, err := t.Registration(btoi(k[8:]))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Registrations lists every registration of a campaign (0: all), oldest
// first (keys are big-endian ids, so bbolt's order is the id order). A
// campaign's are found by its index, so a later year's report does not
// decode the years before it.
func (t *Tx) Registrations(campaignID uint64) ([]Registration, error) {
	if campaignID == 0 {
		return t.allRegistrations()
	}
	return t.campaignRegs(campaignID)
}

// campaignRegs decodes the campaign's registrations in id order, walking
// one cursor over the records and seeking only past other campaigns'.
func (t *Tx) campaignRegs(campaignID uint64) ([]Registration, error) {
	ids := t.campaignRegIDs(campaignID)
	out := make([]Registration, 0, len(ids))
	c := t.tx.Bucket(bucketRegistrations).Cursor()
	k, v := c.First()
	for _, id := range ids {
		if k == nil || btoi(k) != id {
			k, v = c.Seek(itob(id))
		}
		if k == nil || btoi(k) != id {
			return nil, fmt.Errorf("registration %d of campaign %d: %w", id, campaignID, ErrNotFound)
		}
		r, err := decodeRegistration(k, v)
		if err != nil {
			return nil, err
		}
		if r.Commune = ownerOf(r.Commune); t.sees(r.Commune) {
			out = append(out, r)
		}
		k, v = c.Next()
	}
	return out, nil
}

func decodeRegistration(k, v []byte) (r Registration, err error) {
	return r, decodeJSON(k, v, &r)
}

// campaignRegIDs are the ids of a campaign's registrations, in order.
func (t *Tx) campaignRegIDs(campaignID uint64) []uint64 {
	var ids []uint64
	c := t.tx.Bucket(bucketCampaignRegs).Cursor()
	prefix := idKey(int64(campaignID))
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, btoi(k[8:]))
	}
	return ids
}

// allRegistrations are every registration the scope sees.
func (t *Tx) allRegistrations() ([]Registration, error) {
	b := t.tx.Bucket(bucketRegistrations)
	out := make([]Registration, 0, b.Sequence()) // ids come from the sequence: no more than that
	err := b.ForEach(func(k, v []byte) error {
		var r Registration
		if err := decodeJSON(k, v, &r); err != nil {
			return err
		}
		if r.Commune = ownerOf(r.Commune); t.sees(r.Commune) {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// indexCampaignRegs is the migration that indexes the registrations so
// far by campaign.
func indexCampaignRegs(tx *bolt.Tx) error {
	idx, err := tx.CreateBucketIfNotExists(bucketCampaignRegs)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketCampaignRegs, err)
	}
	return tx.Bucket(bucketRegistrations).ForEach(func(k, v []byte) error {
		var r struct {
			CampaignID uint64 `json:"campaign_id"`
		}
		if err := decodeJSON(k, v, &r); err != nil {
			return err
		}
		return idx.Put(pairKey(int64(r.CampaignID), int64(btoi(k))), []byte{})
	})
}

// ResultsAgainst are the results judged against the registered targets
// (seed 001, II.5): achieved, exceeded, not achieved.
var ResultsAgainst = []string{"dat", "vuot", "chua_dat"}

// Results is a unit's report on a registered model (báo cáo kết quả).
type Results struct {
	Achieved string `json:"achieved"`
	// Against is the result judged against the registered targets (seed
	// 001, II.5), one of ResultsAgainst; "" in older reports.
	Against string `json:"against,omitempty"`
	// People and Households are two counts, never added together
	// (review F13): how many people and how many households took part;
	// 0 is "not counted that way". An older report's one number is
	// People, as it was labelled then.
	People      int64      `json:"people"`
	Households  int64      `json:"households,omitempty"`
	Money       int64      `json:"money"`              // đồng
	Measures    string     `json:"measures,omitempty"` // lines "label: number"
	Criteria    []int      `json:"criteria,omitempty"` // the self-assessed criteria met, 1..5
	Evidence    []Evidence `json:"evidence,omitempty"`
	Lessons     string     `json:"lessons,omitempty"`
	Proposals   string     `json:"proposals,omitempty"`
	Late        bool       `json:"late,omitempty"`
	SubmittedBy int64      `json:"submitted_by"`
	SubmittedAt time.Time  `json:"submitted_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	// ReceivedBy and ReceivedAt: the office received (tiếp nhận) the
	// report and put it before the Đảng ủy; zero until then. A report
	// changed by the unit is received again. Older reports have none:
	// an evaluated one was received before its evaluation (Received).
	ReceivedBy int64     `json:"received_by,omitempty"`
	ReceivedAt time.Time `json:"received_at,omitzero"`
}

// ResultsReceived reports whether the office has received the report. An older
// record, from before reports were received, counts as received once the
// model was evaluated: that is when the office had it.
func (r Registration) ResultsReceived() bool {
	return r.Results != nil && (!r.Results.ReceivedAt.IsZero() || r.Evaluation != nil)
}

// Evidence is a photo or document sent as proof (minh chứng). Telegram
// keeps the file under an id that only this bot can use; the bot also
// downloads a copy, so that the office keeps its evidence if it ever has
// to change bots, and can hand it on.
type Evidence struct {
	FileID string `json:"file_id"`
	Kind   string `json:"kind"` // photo or document
	Name   string `json:"name,omitempty"`
	Size   int    `json:"size,omitempty"`
	// Caption is what the sender wrote under the photo or file ("Ngày
	// ra quân"); older records have none.
	Caption string `json:"caption,omitempty"`
	// The downloaded copy: a path under the files folder beside the
	// database (evidence/<registration>/<n>.<ext>), its SHA-256 and size.
	Local  string `json:"local,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	Stored int64  `json:"stored,omitempty"`
}

// Evaluation outcomes.
const (
	OutcomeRecognised = "cong_nhan" // công nhận
	OutcomeExemplary  = "dien_hinh" // điển hình, nhân rộng
	OutcomeNotMet     = "chua_dat"  // chưa đạt
)

// Outcomes are the evaluation outcomes in the order the office is offered
// them: the evaluation's buttons, the printed model list's order and the
// reports' counts read this one list.
var Outcomes = []string{OutcomeRecognised, OutcomeExemplary, OutcomeNotMet}

// Recognition levels of a recognised or exemplary model.
const (
	LevelBase     = "co_so"      // cấp cơ sở: the commune's Đảng ủy, the default
	LevelProvince = "tinh"       // cấp tỉnh
	LevelNation   = "trung_uong" // cấp Trung ương
)

// Levels are the recognition levels in the order they are offered: the
// commune's own first, the usual one.
var Levels = []string{LevelBase, LevelProvince, LevelNation}

// Evaluation is the Đảng ủy's decision on a model's results, as the
// office records it: the outcome, on what basis and when it was decided.
type Evaluation struct {
	Outcome string `json:"outcome"`
	// Level is the level the model is recognised at, for a recognised
	// or exemplary model; "" (older records, or chưa đạt) reads as
	// LevelBase where a level applies (RecognisedAt).
	Level string `json:"level,omitempty"`
	// ProposeHigher: the Đảng ủy proposes the model for recognition by
	// the level above (đề nghị cấp trên công nhận).
	ProposeHigher bool   `json:"propose_higher,omitempty"`
	Comment       string `json:"comment,omitempty"`
	// Basis is what the decision rests on (căn cứ: the document's number,
	// the meeting); DecidedOn the day the Đảng ủy decided (2006-01-02).
	// Both "" in older records, which only knew when the office wrote it
	// down (At).
	Basis     string    `json:"basis,omitempty"`
	DecidedOn string    `json:"decided_on,omitempty"`
	By        int64     `json:"by"` // the office's member who recorded it
	At        time.Time `json:"at"` // when it was recorded
}

// Recognised reports whether the outcome recognises the model.
func (e Evaluation) Recognised() bool {
	return e.Outcome == OutcomeRecognised || e.Outcome == OutcomeExemplary
}

// RecognisedAt is the level of a recognised model (LevelBase unless the
// office chose another), or "" for one not recognised.
func (e Evaluation) RecognisedAt() string {
	switch {
	case !e.Recognised():
		return ""
	case e.Level == "":
		return LevelBase
	}
	return e.Level
}
