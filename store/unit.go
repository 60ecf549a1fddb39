package store

import (
	"bytes"
	"strings"

	"errors"
	"fmt"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"sort"
	"time"
)

// Unit kinds (đơn vị), as stored. Their Vietnamese labels live in locales.
var UnitKinds = []string{
	"chi_bo_thon", "chi_bo_truong", "chi_bo_cong_an", "chi_bo_quan_su", "chi_bo_co_quan",
	"chinh_quyen", "ban_nganh", "mttq", "hoi_phu_nu", "hoi_nong_dan", "hoi_ccb", "doan_thanh_nien", "hoi_quan_chung",
	"to_dan_van", "khac",
}

// ValidKind reports whether k is one of UnitKinds.
func ValidKind(k string) bool {
	for _, v := range UnitKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Unit is a party cell, mass organisation or team that registers models.
type Unit struct {
	ID          uint64    `json:"id"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	GroupChatID int64     `json:"group_chat_id,omitempty"` // its linked Telegram group
	GroupBroken string    `json:"group_broken,omitempty"`  // why the link stopped working
	Contact     string    `json:"contact,omitempty"`       // imported secretary name
	Phone       string    `json:"phone,omitempty"`         // imported, only if the office has it
	Order       int       `json:"order,omitempty"`         // the office's STT from an imported list; 0: none
	Archived    bool      `json:"archived,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Errors of unit changes that users can cause.
var (
	ErrDuplicateName = errors.New("a unit with this name exists")
	ErrBadKind       = errors.New("unknown unit kind")
	ErrEmptyName     = errors.New("empty name")
)

// Unit returns the unit with that id, or ErrNotFound.
func (t *Tx) Unit(id uint64) (Unit, error) {
	var u Unit
	if err := getJSON(t.tx.Bucket(bucketUnits), itob(id), &u); err != nil {
		return Unit{}, fmt.Errorf("unit %d: %w", id, err)
	}
	return u, nil
}

// UnitByName finds a unit by name in any normalisation and spacing.
func (t *Tx) UnitByName(name string) (Unit, error) {
	id := t.tx.Bucket(bucketUnitNames).Get(nameKey(name))
	if id == nil {
		return Unit{}, fmt.Errorf("unit %q: %w", name, ErrNotFound)
	}
	return t.Unit(btoi(id))
}

// AddUnit creates a unit; the name must be new.
func (t *Tx) AddUnit(u Unit) (Unit, error) {
	u.Name = NormalizeName(u.Name)
	if err := t.checkUnit(u, 0); err != nil {
		return Unit{}, err
	}
	b := t.tx.Bucket(bucketUnits)
	id, err := b.NextSequence()
	if err != nil {
		return Unit{}, fmt.Errorf("unit sequence: %w", err)
	}
	u.ID, u.CreatedAt, u.UpdatedAt = id, t.now, t.now
	if err := t.tx.Bucket(bucketUnitNames).Put(nameKey(u.Name), itob(id)); err != nil {
		return Unit{}, err
	}
	return u, putJSON(b, itob(id), u)
}

// PutUnit saves changes to an existing unit, keeping the name index right.
func (t *Tx) PutUnit(u Unit) error {
	old, err := t.Unit(u.ID)
	if err != nil {
		return err
	}
	u.Name = NormalizeName(u.Name)
	if err := t.checkUnit(u, u.ID); err != nil {
		return err
	}
	names := t.tx.Bucket(bucketUnitNames)
	if err := names.Delete(nameKey(old.Name)); err != nil {
		return err
	}
	if err := names.Put(nameKey(u.Name), itob(u.ID)); err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = old.CreatedAt, t.now
	return putJSON(t.tx.Bucket(bucketUnits), itob(u.ID), u)
}

func (t *Tx) checkUnit(u Unit, self uint64) error {
	if u.Name == "" {
		return ErrEmptyName
	}
	if !ValidKind(u.Kind) {
		return fmt.Errorf("%q: %w", u.Kind, ErrBadKind)
	}
	if id := t.tx.Bucket(bucketUnitNames).Get(nameKey(u.Name)); id != nil && btoi(id) != self {
		return fmt.Errorf("%q: %w", u.Name, ErrDuplicateName)
	}
	return nil
}

// Units lists units sorted by name (Vietnamese-insensitive order of the
// folded name); archived ones only when asked.
func (t *Tx) Units(withArchived bool) ([]Unit, error) {
	var out []Unit
	b := t.tx.Bucket(bucketUnits)
	err := b.ForEach(func(k, v []byte) error {
		var u Unit
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		if withArchived || !u.Archived {
			out = append(out, u)
		}
		return nil
	})
	SortUnits(out)
	return out, err
}

// SortUnits orders units as the office's list reads: the units it
// numbered (an STT column of an imported file) first, by that number;
// then the others, as a Vietnamese list is read: Vietnamese collation (Đ
// after D, Ă and Â after A), numbers by value ("khu phố 2" before "khu
// phố 10").
func SortUnits(units []Unit) {
	col := collate.New(language.Vietnamese, collate.Numeric)
	var buf collate.Buffer
	keys := make(map[uint64][]byte, len(units)) // one key a name, not one a comparison
	for _, u := range units {
		keys[u.ID] = append([]byte(nil), col.KeyFromString(&buf, NormalizeName(u.Name))...)
		buf.Reset()
	}
	sort.SliceStable(units, func(i, j int) bool {
		a, b := units[i], units[j]
		if (a.Order > 0) != (b.Order > 0) {
			return a.Order > 0
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return bytes.Compare(keys[a.ID], keys[b.ID]) < 0
	})
}

// FindUnits are the units whose name matches what someone typed, with or
// without diacritics: the one whose whole name it is, or else every unit
// whose name contains it.
func FindUnits(units []Unit, typed string) []Unit {
	want := Fold(typed)
	if want == "" {
		return nil
	}
	var part []Unit
	for _, u := range units {
		name := Fold(u.Name)
		if name == want {
			return []Unit{u}
		}
		if strings.Contains(name, want) {
			part = append(part, u)
		}
	}
	return part
}
