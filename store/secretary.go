package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"
)

// Membership makes a user a secretary (người phụ trách) of a unit.
type Membership struct {
	UnitID  uint64    `json:"unit_id"`
	UserID  int64     `json:"user_id"`
	AddedBy int64     `json:"added_by,omitempty"`
	AddedAt time.Time `json:"added_at"`
}

// AddSecretary makes user a secretary of unit; adding twice is harmless.
func (t *Tx) AddSecretary(unitID uint64, userID, by int64) error {
	if _, err := t.Unit(unitID); err != nil {
		return err
	}
	return t.addSecretary(unitID, userID, by)
}

// addSecretary is AddSecretary whatever the scope: an invite names its
// unit itself.
func (t *Tx) addSecretary(unitID uint64, userID, by int64) error {
	m := Membership{UnitID: unitID, UserID: userID, AddedBy: by, AddedAt: t.now}
	if err := putJSON(t.tx.Bucket(bucketSecretaries), pairKey(int64(unitID), userID), m); err != nil {
		return err
	}
	return t.tx.Bucket(bucketUserUnits).Put(pairKey(userID, int64(unitID)), []byte{})
}

// RemoveSecretary takes the role away; removing a non-secretary is harmless.
func (t *Tx) RemoveSecretary(unitID uint64, userID int64) error {
	if err := t.tx.Bucket(bucketSecretaries).Delete(pairKey(int64(unitID), userID)); err != nil {
		return fmt.Errorf("remove secretary: %w", err)
	}
	return t.tx.Bucket(bucketUserUnits).Delete(pairKey(userID, int64(unitID)))
}

// IsSecretary reports whether user is a secretary of unit.
func (t *Tx) IsSecretary(unitID uint64, userID int64) bool {
	return t.tx.Bucket(bucketSecretaries).Get(pairKey(int64(unitID), userID)) != nil
}

// Secretaries lists the user ids of a unit's secretaries.
func (t *Tx) Secretaries(unitID uint64) []int64 {
	return seconds(t.tx.Bucket(bucketSecretaries).Cursor(), idKey(int64(unitID)))
}

// UnitsOf lists the ids of the units user is a secretary of, in the
// scope's commune.
func (t *Tx) UnitsOf(userID int64) []uint64 {
	var out []uint64
	for _, id := range seconds(t.tx.Bucket(bucketUserUnits).Cursor(), idKey(userID)) {
		if t.sees(t.communeOfUnit(uint64(id))) {
			out = append(out, uint64(id))
		}
	}
	return out
}

// CommunesOf lists the communes of the units user is a secretary of,
// whatever the scope, in the order of their units.
func (t *Tx) CommunesOf(userID int64) []uint64 {
	var out []uint64
	for _, id := range seconds(t.tx.Bucket(bucketUserUnits).Cursor(), idKey(userID)) {
		if c := t.communeOfUnit(uint64(id)); c != 0 && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// communeOfUnit is a unit's commune whatever the scope, 0 if none.
func (t *Tx) communeOfUnit(id uint64) uint64 {
	u, err := t.anyUnit(id)
	if err != nil {
		return 0
	}
	return u.Commune
}

// seconds returns the second half of every 16-byte key with prefix.
func seconds(c interface {
	Seek([]byte) ([]byte, []byte)
	Next() ([]byte, []byte)
}, prefix []byte) []int64 {
	var out []int64
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, int64(btoi(k[8:])))
	}
	return out
}

// SecretaryIDs lists every user who is a secretary of some unit.
func (t *Tx) SecretaryIDs() []int64 {
	var out []int64
	c := t.tx.Bucket(bucketUserUnits).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		id := int64(btoi(k[:8]))
		if len(out) == 0 || out[len(out)-1] != id {
			out = append(out, id)
		}
	}
	return out
}
