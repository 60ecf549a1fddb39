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
	ID uint64 `json:"id"`
	// Commune is whose unit it is; 0 in older records, read as the home
	// commune.
	Commune     uint64    `json:"commune,omitempty"`
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

// Unit returns the unit with that id, or ErrNotFound: also for a unit of
// another commune than the transaction's scope.
func (t *Tx) Unit(id uint64) (Unit, error) {
	u, err := t.anyUnit(id)
	if err == nil && !t.sees(u.Commune) {
		err = ErrNotFound
	}
	if err != nil {
		return Unit{}, fmt.Errorf("unit %d: %w", id, err)
	}
	return u, nil
}

// anyUnit reads a unit whatever the scope: for what names its unit by
// itself (an invite, a group's link).
func (t *Tx) anyUnit(id uint64) (Unit, error) {
	var u Unit
	if err := getJSON(t.tx.Bucket(bucketUnits), itob(id), &u); err != nil {
		return Unit{}, err
	}
	u.Commune = ownerOf(u.Commune)
	return u, nil
}

// UnitByName finds a unit of the scope's commune (the home commune when
// unscoped) by name in any normalisation and spacing.
func (t *Tx) UnitByName(name string) (Unit, error) {
	id := t.tx.Bucket(bucketUnitNames).Get(unitNameKey(t.here(), name))
	if id == nil {
		return Unit{}, fmt.Errorf("unit %q: %w", name, ErrNotFound)
	}
	return t.Unit(btoi(id))
}

// unitNameKey: names are unique within a commune.
func unitNameKey(commune uint64, name string) []byte {
	return append(itob(commune), nameKey(name)...)
}

// AddUnit creates a unit of the scope's commune (the home commune when
// unscoped, unless u names another); the name must be new there.
func (t *Tx) AddUnit(u Unit) (Unit, error) {
	if t.inProvince() {
		return Unit{}, ErrProvincePlace
	}
	if u.Commune == 0 || t.limited {
		u.Commune = t.here()
	}
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
	if err := t.tx.Bucket(bucketUnitNames).Put(unitNameKey(u.Commune, u.Name), itob(id)); err != nil {
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
	u.Name, u.Commune = NormalizeName(u.Name), old.Commune
	if err := t.checkUnit(u, u.ID); err != nil {
		return err
	}
	names := t.tx.Bucket(bucketUnitNames)
	if err := names.Delete(unitNameKey(old.Commune, old.Name)); err != nil {
		return err
	}
	if err := names.Put(unitNameKey(u.Commune, u.Name), itob(u.ID)); err != nil {
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
	if id := t.tx.Bucket(bucketUnitNames).Get(unitNameKey(u.Commune, u.Name)); id != nil && btoi(id) != self {
		return fmt.Errorf("%q: %w", u.Name, ErrDuplicateName)
	}
	return nil
}

// Units lists the scope's units sorted by name (Vietnamese-insensitive
// order of the folded name); archived ones only when asked.
func (t *Tx) Units(withArchived bool) ([]Unit, error) {
	var out []Unit
	b := t.tx.Bucket(bucketUnits)
	err := b.ForEach(func(k, v []byte) error {
		var u Unit
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		u.Commune = ownerOf(u.Commune)
		if (withArchived || !u.Archived) && t.sees(u.Commune) {
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
	sortCollated(units, func(u Unit) string { return u.Name })
	sort.SliceStable(units, func(i, j int) bool {
		a, b := units[i], units[j]
		if (a.Order > 0) != (b.Order > 0) {
			return a.Order > 0
		}
		return a.Order < b.Order
	})
}

// sortCollated orders xs by name as a Vietnamese list is read, with one
// collation key a name, not one a comparison.
func sortCollated[T any](xs []T, name func(T) string) {
	col := collate.New(language.Vietnamese, collate.Numeric)
	var buf collate.Buffer
	keys := make([][]byte, len(xs))
	for i, x := range xs {
		keys[i] = append([]byte(nil), col.KeyFromString(&buf, NormalizeName(name(x)))...)
		buf.Reset()
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return bytes.Compare(keys[idx[i]], keys[idx[j]]) < 0 })
	sorted := make([]T, len(xs))
	for i, k := range idx {
		sorted[i] = xs[k]
	}
	copy(xs, sorted)
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
