package store

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// Invite is a single-use link that makes whoever opens it a secretary.
type Invite struct {
	Code   string `json:"code"`
	UnitID uint64 `json:"unit_id,omitempty"`
	Admin  bool   `json:"admin,omitempty"` // makes an admin instead of a secretary
	// Viewer makes a read-only user (Thường trực Đảng ủy, Ủy ban kiểm
	// tra): reports, workbooks and model files, no changes.
	Viewer bool `json:"viewer,omitempty"`
	// Commune is where an admin or read-only invite's role applies (0 in
	// older records: the home commune); Province makes the province's
	// office or leadership instead.
	Commune   uint64    `json:"commune,omitempty"`
	Province  bool      `json:"province,omitempty"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	UsedBy    int64     `json:"used_by,omitempty"`
	UsedAt    time.Time `json:"used_at,omitempty"`
	Revoked   bool      `json:"revoked,omitempty"`
}

// Why an invite cannot be used.
var (
	ErrInviteUsed    = errors.New("invite already used")
	ErrInviteExpired = errors.New("invite expired")
	ErrInviteRevoked = errors.New("invite revoked")
	ErrUnitArchived  = errors.New("the invite's unit is archived")
	// ErrHasOffice: an admin or read-only link opened by someone who
	// holds an office's role already; a person is of one office, and the
	// link stays unused for whom it was meant.
	ErrHasOffice = errors.New("already holds an office's role")
)

// inviteBytes of crypto/rand make 128 bits: 22 characters of base64url,
// well inside Telegram's 64-character start payload.
const inviteBytes = 16

// CreateInvite makes a fresh code for unit, valid for ttl. Unit 0 makes
// an invite for a new admin of the scope's commune (unscoped: the home
// commune's; see CreateOfficeInvite for the province).
func (t *Tx) CreateInvite(unitID uint64, by int64, ttl time.Duration) (Invite, error) {
	commune := t.here()
	if unitID == 0 && commune == 0 {
		return Invite{}, ErrProvincePlace // the province's office invites with CreateOfficeInvite
	}
	if unitID != 0 {
		u, err := t.Unit(unitID)
		if err != nil {
			return Invite{}, err
		}
		commune = u.Commune
	}
	buf := make([]byte, inviteBytes)
	if _, err := rand.Read(buf); err != nil {
		return Invite{}, fmt.Errorf("invite code: %w", err)
	}
	inv := Invite{Code: base64.RawURLEncoding.EncodeToString(buf), UnitID: unitID, Admin: unitID == 0,
		Commune: commune, CreatedBy: by, CreatedAt: t.now, ExpiresAt: t.now.Add(ttl)}
	return inv, putJSON(t.tx.Bucket(bucketInvites), []byte(inv.Code), inv)
}

// CreateOfficeInvite makes an admin (or, viewer, a read-only) invite for
// commune's office, or for the province's with commune 0: what the
// province's office sends a commune's first admin. Only an unscoped
// transaction makes one for another commune than its scope.
func (t *Tx) CreateOfficeInvite(commune uint64, viewer bool, by int64, ttl time.Duration) (Invite, error) {
	if commune != 0 {
		if _, err := t.Commune(commune); err != nil {
			return Invite{}, err
		}
	} else if t.scope != 0 {
		return Invite{}, ErrNotFound
	}
	var inv Invite
	err := t.AcrossCommunes(func() (err error) { inv, err = t.CreateInvite(0, by, ttl); return err })
	if err != nil {
		return inv, err
	}
	inv.Admin, inv.Viewer, inv.Commune, inv.Province = !viewer, viewer, commune, commune == 0
	return inv, putJSON(t.tx.Bucket(bucketInvites), []byte(inv.Code), inv)
}

// Invite returns the invite with that code, or ErrNotFound.
func (t *Tx) Invite(code string) (Invite, error) {
	var inv Invite
	if code == "" || len(code) > 64 {
		return Invite{}, ErrNotFound
	}
	if err := getJSON(t.tx.Bucket(bucketInvites), []byte(code), &inv); err != nil {
		return Invite{}, fmt.Errorf("invite: %w", err)
	}
	return inv, nil
}

// UseInvite spends the code for user and makes them a secretary of its
// unit. A code already used by this same user returns the invite and
// ErrInviteUsed, so the caller can say "you are already in".
func (t *Tx) UseInvite(code string, userID int64) (Invite, error) {
	inv, err := t.Invite(code)
	switch {
	case err != nil:
		return Invite{}, err
	case inv.Revoked:
		return inv, ErrInviteRevoked
	case inv.UsedBy != 0:
		return inv, ErrInviteUsed
	case !t.now.Before(inv.ExpiresAt):
		return inv, ErrInviteExpired
	case !t.isAdmin(inv.CreatedBy):
		return inv, ErrInviteRevoked // whoever made it is no longer an admin
	}
	if !inv.Admin && !inv.Viewer {
		if u, err := t.anyUnit(inv.UnitID); err != nil || u.Archived {
			return inv, ErrUnitArchived
		}
	} else if u, err := t.User(userID); err == nil && (u.Admin || u.Viewer) {
		return inv, ErrHasOffice
	}
	inv.UsedBy, inv.UsedAt = userID, t.now
	if err := putJSON(t.tx.Bucket(bucketInvites), []byte(code), inv); err != nil {
		return Invite{}, err
	}
	r := role{province: inv.Province, commune: ownerOf(inv.Commune)}
	switch {
	case inv.Admin:
		return inv, t.ensureAdmin(userID, false, r)
	case inv.Viewer:
		return inv, t.makeViewer(userID, r)
	}
	return inv, t.addSecretary(inv.UnitID, userID, inv.CreatedBy)
}

// Place is the commune the invite's role is in; 0 for the province's.
func (inv Invite) Place() uint64 {
	if inv.Province {
		return 0
	}
	return ownerOf(inv.Commune)
}

// CreateViewerInvite makes a fresh code for a read-only user of the
// scope's commune, valid for ttl.
func (t *Tx) CreateViewerInvite(by int64, ttl time.Duration) (Invite, error) {
	inv, err := t.CreateInvite(0, by, ttl)
	if err != nil {
		return inv, err
	}
	inv.Admin, inv.Viewer = false, true
	return inv, putJSON(t.tx.Bucket(bucketInvites), []byte(inv.Code), inv)
}

// makeViewer gives the user the read-only role at r; an admin or viewer
// keeps the office they have.
func (t *Tx) makeViewer(id int64, r role) error {
	u, err := t.User(id)
	if errors.Is(err, ErrNotFound) {
		u, err = User{ID: id, CreatedAt: t.now, SeenAt: t.now}, nil
	}
	if err != nil || u.Viewer || u.Admin {
		return err
	}
	u.Viewer, u.Province, u.Commune = true, r.province, r.commune
	return t.PutUser(u)
}

// OwnInvite is Invite for the office that manages it: an invite of
// another commune than the scope's (its unit's, or the office's it makes)
// is not found. Invite itself reads any commune's: whoever holds a code
// may open it.
func (t *Tx) OwnInvite(code string) (Invite, error) {
	inv, err := t.Invite(code)
	if err != nil || !t.limited {
		return inv, err
	}
	if t.inProvince() {
		if inv.Province || inv.UnitID == 0 && t.byProvince(inv.CreatedBy) {
			return inv, nil // its own, and the links it made for communes' first admins
		}
		return Invite{}, fmt.Errorf("invite: %w", ErrNotFound)
	}
	commune := ownerOf(inv.Commune)
	if inv.UnitID != 0 {
		commune = t.communeOfUnit(inv.UnitID)
	}
	if inv.Province || commune != t.scope {
		return Invite{}, fmt.Errorf("invite: %w", ErrNotFound)
	}
	return inv, nil
}

// RevokeInvite makes an unused code of the scope's commune unusable.
func (t *Tx) RevokeInvite(code string) (Invite, error) {
	inv, err := t.OwnInvite(code)
	if err != nil {
		return Invite{}, err
	}
	inv.Revoked = true
	return inv, putJSON(t.tx.Bucket(bucketInvites), []byte(code), inv)
}

// OpenInvites lists the unit's invites that can still be used.
func (t *Tx) OpenInvites(unitID uint64) ([]Invite, error) {
	var out []Invite
	b := t.tx.Bucket(bucketInvites)
	err := b.ForEach(func(k, v []byte) error {
		var inv Invite
		if err := decodeJSON(k, v, &inv); err != nil {
			return err
		}
		if inv.UnitID == unitID && !inv.Revoked && inv.UsedBy == 0 && t.now.Before(inv.ExpiresAt) {
			out = append(out, inv)
		}
		return nil
	})
	return out, err
}

// RevokeInvitesBy revokes every unused invite that by created: an admin
// who is removed takes their open invites along.
func (t *Tx) RevokeInvitesBy(by int64) error {
	b := t.tx.Bucket(bucketInvites)
	var open []Invite
	err := b.ForEach(func(k, v []byte) error {
		var inv Invite
		if err := decodeJSON(k, v, &inv); err != nil {
			return err
		}
		if inv.CreatedBy == by && !inv.Revoked && inv.UsedBy == 0 {
			open = append(open, inv)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, inv := range open {
		inv.Revoked = true
		if err := putJSON(b, []byte(inv.Code), inv); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) isAdmin(id int64) bool {
	u, err := t.User(id)
	return err == nil && u.Admin
}

// byProvince reports whether id is of the province's office.
func (t *Tx) byProvince(id int64) bool {
	u, err := t.User(id)
	return err == nil && u.Province
}
