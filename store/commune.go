package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// HomeCommune is the commune a deployment starts with: the one its
// config's [office] describes, and the one every record of an older,
// one-commune database belongs to (records written before communes carry
// no commune, and read as this one).
const HomeCommune uint64 = 1

// Office is who issues a paper and signs it: the header block and the
// signature of every document the bot prints (the workbook, the report
// draft, the registration sheets), a commune's or the province's. It is
// the one shape of it: kept with a commune, read from the config's
// [office] and [province] under the same keys (the toml tags), and
// printed by bot/report, so that a field added here reaches them all.
type Office struct {
	Body      []string `json:"body,omitempty" toml:"body"`             // one or two lines, as printed: "ĐẢNG BỘ TỈNH …", "ĐẢNG ỦY XÃ …"
	ShortName string   `json:"short_name,omitempty" toml:"short_name"` // for file names; empty: the body's last line
	Place     string   `json:"place,omitempty" toml:"place"`           // the place name of the date line: "An Bình, ngày …"
	OnBehalf  string   `json:"on_behalf,omitempty" toml:"on_behalf"`   // "T/M ĐẢNG ỦY"
	Position  string   `json:"position,omitempty" toml:"position"`     // the signer's position, "PHÓ BÍ THƯ"
	Signer    string   `json:"signer,omitempty" toml:"signer"`         // the signer's name; empty leaves a blank to sign
	Preparer  string   `json:"preparer,omitempty" toml:"preparer"`     // who drew up the table (người lập biểu); optional
	Recipient string   `json:"recipient,omitempty" toml:"recipient"`   // named in "Nơi nhận", today the province's Ban Dân vận
	// Abbreviation is the body's part of the ký hiệu: "ĐU" of a commune's
	// Đảng ủy in "Số 15-BC/ĐU", "BDVTU" of a Ban Dân vận Tỉnh ủy; empty:
	// a Đảng ủy's "ĐU" ([office]) or "BDVTU" ([province]).
	Abbreviation string `json:"abbreviation,omitempty" toml:"abbreviation"`
}

// Commune is a commune or ward (xã, phường) whose office runs its own
// units and campaigns. One deployment serves a province's communes.
type Commune struct {
	ID uint64 `json:"id"`
	// Code is short, upper-case Latin ("TANPHU"): it goes into the
	// registration numbers (DVK-TANPHU-2024-001) and the export's file
	// names. The home commune of an older database may have none: its
	// numbers stay DVK-2024-001.
	Code      string    `json:"code,omitempty"`
	Name      string    `json:"name"` // "Xã Tân Phú"
	Office    Office    `json:"office"`
	CreatedBy int64     `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Errors of commune changes that users can cause.
var (
	ErrBadCode       = errors.New("a commune code is 2 to 12 letters A-Z or digits")
	ErrDuplicateCode = errors.New("a commune with this code exists")
)

var codeRe = regexp.MustCompile(`^[A-Z0-9]{2,12}$`)

// ValidCode reports whether code is a commune's code as stored: 2 to 12
// capital letters A-Z or digits. Everything that reads a code (the
// config, the form, a list of communes) asks this.
func ValidCode(code string) bool { return codeRe.MatchString(code) }

// NormalizeCode is a typed code as stored: upper case, no spaces.
func NormalizeCode(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// Commune returns the commune with that id, or ErrNotFound; in a
// transaction scoped to another commune it is not found either.
func (t *Tx) Commune(id uint64) (Commune, error) {
	var c Commune
	if !t.seesCommune(id) {
		return Commune{}, fmt.Errorf("commune %d: %w", id, ErrNotFound)
	}
	if err := getJSON(t.tx.Bucket(bucketCommunes), itob(id), &c); err != nil {
		return Commune{}, fmt.Errorf("commune %d: %w", id, err)
	}
	return c, nil
}

// CommuneByCode finds a commune by its code, typed in any case.
func (t *Tx) CommuneByCode(code string) (Commune, error) {
	id := t.tx.Bucket(bucketCommuneCodes).Get([]byte(NormalizeCode(code)))
	if id == nil {
		return Commune{}, fmt.Errorf("commune %q: %w", code, ErrNotFound)
	}
	return t.Commune(btoi(id))
}

// Communes lists the communes the transaction sees, by name.
func (t *Tx) Communes() ([]Commune, error) {
	var out []Commune
	err := t.tx.Bucket(bucketCommunes).ForEach(func(k, v []byte) error {
		var c Commune
		if err := decodeJSON(k, v, &c); err != nil {
			return err
		}
		if t.seesCommune(c.ID) {
			out = append(out, c)
		}
		return nil
	})
	sortCollated(out, func(c Commune) string { return c.Name })
	return out, err
}

// CommuneCount is how many communes the deployment serves.
func (t *Tx) CommuneCount() int {
	n := 0
	c := t.tx.Bucket(bucketCommunes).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++ // counted, not Stats().KeyN: that misses this transaction's own writes
	}
	return n
}

// AddCommune creates a commune; its code must be new. Only an unscoped
// transaction (the province, the operator) creates communes.
func (t *Tx) AddCommune(c Commune) (Commune, error) {
	if t.scope != 0 {
		return Commune{}, ErrNotFound
	}
	b := t.tx.Bucket(bucketCommunes)
	id, err := b.NextSequence()
	if err != nil {
		return Commune{}, fmt.Errorf("commune sequence: %w", err)
	}
	c.ID, c.CreatedAt = id, t.now
	return t.putCommune(c, "")
}

// PutCommune saves changes to an existing commune (its name, code and
// paper), keeping the code index right.
func (t *Tx) PutCommune(c Commune) error {
	old, err := t.Commune(c.ID)
	if err != nil {
		return err
	}
	c.CreatedAt, c.CreatedBy = old.CreatedAt, old.CreatedBy
	_, err = t.putCommune(c, old.Code)
	return err
}

func (t *Tx) putCommune(c Commune, oldCode string) (Commune, error) {
	c.Name, c.Code = NormalizeName(c.Name), NormalizeCode(c.Code)
	if err := t.checkCommune(c); err != nil {
		return Commune{}, err
	}
	codes := t.tx.Bucket(bucketCommuneCodes)
	if oldCode != "" {
		if err := codes.Delete([]byte(oldCode)); err != nil {
			return Commune{}, err
		}
	}
	if c.Code != "" {
		if err := codes.Put([]byte(c.Code), itob(c.ID)); err != nil {
			return Commune{}, err
		}
	}
	c.UpdatedAt = t.now
	return c, putJSON(t.tx.Bucket(bucketCommunes), itob(c.ID), c)
}

func (t *Tx) checkCommune(c Commune) error {
	if c.Name == "" {
		return ErrEmptyName
	}
	if c.Code == "" && c.ID == HomeCommune {
		return nil // an older database's home commune keeps its numbers
	}
	if !ValidCode(c.Code) {
		return fmt.Errorf("%q: %w", c.Code, ErrBadCode)
	}
	if id := t.tx.Bucket(bucketCommuneCodes).Get([]byte(c.Code)); id != nil && btoi(id) != c.ID {
		return fmt.Errorf("%q: %w", c.Code, ErrDuplicateCode)
	}
	return nil
}

// A transaction is in one of three places, which decide what it reads and
// where new records go:
//
//   - across communes: the default of a new transaction, and what
//     AcrossCommunes gives for a while. Every commune's records are seen.
//     Timed jobs, the way out and the operator's commands work here.
//   - a commune (Scope(id)): that commune's units, registrations, groups,
//     admins, audit entries and campaigns, with its own dates in a
//     province campaign.
//   - the province's place (Scope(0)): the province's own records only —
//     its campaigns, its office and leadership, its audit entries and the
//     list of communes — and none of a commune's units, registrations,
//     groups, admins or audit entries. Nothing commune-owned is created
//     there.
//
// The bot puts every update in its sender's place before any handler
// runs, so a forged id of another commune's record reads as one that does
// not exist, and a handler that reads across communes must say so with
// AcrossCommunes (a test of package bot lists who may).
func (t *Tx) Scope(commune uint64) { t.scope, t.limited = commune, true }

// Scoped is the commune the transaction is limited to: 0 in the
// province's place and across communes (see Across).
func (t *Tx) Scoped() uint64 { return t.scope }

// Across reports whether the transaction sees every commune.
func (t *Tx) Across() bool { return !t.limited }

// AcrossCommunes runs fn seeing every commune, then puts the transaction
// back in its place: the province's roll-up, a timed job's round of the
// communes, a person's roles wherever they hold them.
func (t *Tx) AcrossCommunes(fn func() error) error {
	scope, limited := t.scope, t.limited
	defer func() { t.scope, t.limited = scope, limited }()
	t.scope, t.limited = 0, false
	return fn()
}

// InCommune runs fn in commune's place (0: the province's), then puts
// the transaction back in its place.
func (t *Tx) InCommune(commune uint64, fn func() error) error {
	scope, limited := t.scope, t.limited
	defer func() { t.scope, t.limited = scope, limited }()
	t.Scope(commune)
	return fn()
}

// inProvince reports whether the transaction is in the province's place.
func (t *Tx) inProvince() bool { return t.limited && t.scope == 0 }

// sees reports whether a record of commune is visible in this place.
func (t *Tx) sees(commune uint64) bool { return !t.limited || commune == t.scope }

// seesCommune reports whether the commune's own record (its name, code
// and paper) is visible: the province's place lists every commune it
// serves, a commune sees itself.
func (t *Tx) seesCommune(id uint64) bool { return !t.limited || t.scope == 0 || id == t.scope }

// ErrProvincePlace: a unit, or what belongs to one, cannot be made in the
// province's place; the person works in a commune for that.
var ErrProvincePlace = errors.New("nothing of a commune's is made in the province's place")

// here is the commune new records go to: the scope, or the home commune
// across communes; 0 in the province's place (callers refuse it).
func (t *Tx) here() uint64 {
	if !t.limited {
		return HomeCommune
	}
	return t.scope
}

// ownerOf reads a stored commune id: records written before communes
// have none, and belong to the home commune.
func ownerOf(id uint64) uint64 {
	if id == 0 {
		return HomeCommune
	}
	return id
}

// createHomeCommune is a migration: an older database's records become
// the home commune's. Its name and paper come from the config at start
// (see Store.SyncHome); the unit name index gets the commune in its keys,
// since two communes may each have a "Chi bộ thôn Đông"; the admins index
// says whose admin each one is.
func createHomeCommune(tx *bolt.Tx) error {
	if err := createBuckets(bucketCommunes, bucketCommuneCodes)(tx); err != nil {
		return err
	}
	communes := tx.Bucket(bucketCommunes)
	if communes.Get(itob(HomeCommune)) == nil {
		if err := communes.SetSequence(HomeCommune); err != nil {
			return err
		}
		if err := putJSON(communes, itob(HomeCommune), Commune{ID: HomeCommune, Name: "Đảng ủy"}); err != nil {
			return err
		}
	}
	if err := rekeyUnitNames(tx); err != nil {
		return err
	}
	return indexAdmins(tx)
}

// rekeyUnitNames puts the home commune before every name of the index.
func rekeyUnitNames(tx *bolt.Tx) error {
	b := tx.Bucket(bucketUnitNames)
	type kv struct{ k, v []byte }
	var old []kv
	err := b.ForEach(func(k, v []byte) error {
		old = append(old, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range old {
		if err := b.Delete(e.k); err != nil {
			return err
		}
		if err := b.Put(append(itob(HomeCommune), e.k...), e.v); err != nil {
			return err
		}
	}
	return nil
}

// SyncHome writes the home commune's name, code and paper from the
// config, where a one-commune deployment keeps them; it runs at every
// start, so an edited config shows on the next paper.
func (s *Store) SyncHome(ctx context.Context, c Commune) error {
	err := s.Update(ctx, func(t *Tx) error {
		old, err := t.Commune(HomeCommune)
		if err != nil {
			return err
		}
		if old.Name == NormalizeName(c.Name) && old.Code == NormalizeCode(c.Code) && reflect.DeepEqual(old.Office, c.Office) {
			return nil // nothing to write: most starts
		}
		c.ID, c.CreatedAt, c.CreatedBy = HomeCommune, old.CreatedAt, old.CreatedBy
		_, err = t.putCommune(c, old.Code)
		return err
	})
	if err != nil {
		return fmt.Errorf("home commune: %w", err)
	}
	return nil
}
