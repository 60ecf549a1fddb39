package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// User is a Telegram user the bot has met, with what the bot remembers of
// them. Telegram's names are refreshed from every update; the full name is
// the one the person confirmed or typed. Nothing else personal is kept.
type User struct {
	ID        int64  `json:"id"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
	// FullName: "Họ và tên" as the person confirmed it, family name first
	// ("Trần Văn Bình"); older records have none.
	FullName string `json:"full_name,omitempty"`
	// NameAsked: the bot has asked for the full name once; it does not ask
	// again unprompted, whether or not the person answered.
	NameAsked bool   `json:"name_asked,omitempty"`
	Language  string `json:"language,omitempty"` // "" = the configured default
	Admin     bool   `json:"admin,omitempty"`
	// Viewer: read-only (leadership, Ủy ban kiểm tra); older records
	// have none.
	Viewer bool `json:"viewer,omitempty"`
	// Commune is where the admin or read-only role applies; 0 in older
	// records, read as the home commune.
	Commune uint64 `json:"commune,omitempty"`
	// Province: the admin or read-only role is the province office's
	// (Ban Dân vận Tỉnh ủy, its leadership): over every commune, not one.
	Province bool `json:"province,omitempty"`
	// Place is the commune a person with roles in several chose to work
	// in, in private chat (0: their office's, or their first unit's).
	Place uint64 `json:"place,omitempty"`
	// ConfigAdmin: the admin role comes from [bot] admins of the config,
	// and goes when the id is taken out of that list.
	ConfigAdmin bool      `json:"config_admin,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	SeenAt      time.Time `json:"seen_at"`
	// UnreachableSince: Telegram refused to deliver to this person
	// (blocked the bot, or never opened it); cleared when they write.
	UnreachableSince time.Time `json:"unreachable_since,omitempty"`
}

// Profile is what Telegram tells about a user in an update.
type Profile struct {
	ID        int64
	FirstName string
	LastName  string
	Username  string
}

// User returns the user with that Telegram id, or ErrNotFound.
func (t *Tx) User(id int64) (User, error) {
	var u User
	err := getJSON(t.tx.Bucket(bucketUsers), idKey(id), &u)
	if err != nil {
		return User{}, fmt.Errorf("user %d: %w", id, err)
	}
	u.Commune = ownerOf(u.Commune)
	return u, nil
}

// AdminOf reports whether u is an admin of commune's office.
func (u User) AdminOf(commune uint64) bool {
	return u.Admin && !u.Province && ownerOf(u.Commune) == commune
}

// ViewerOf reports whether u has the read-only role in commune.
func (u User) ViewerOf(commune uint64) bool {
	return u.Viewer && !u.Province && ownerOf(u.Commune) == commune
}

// PutUser saves u.
func (t *Tx) PutUser(u User) error {
	if err := putJSON(t.tx.Bucket(bucketUsers), idKey(u.ID), u); err != nil {
		return err
	}
	return indexAdmin(t.tx.Bucket(bucketAdmins), u)
}

// indexAdmin keeps the admins index in step with the user record, in the
// same transaction: the value is the admin's commune, 0 for the
// province's office.
func indexAdmin(b *bolt.Bucket, u User) error {
	switch {
	case u.Admin && u.Province:
		return b.Put(idKey(u.ID), itob(0))
	case u.Admin:
		return b.Put(idKey(u.ID), itob(ownerOf(u.Commune)))
	}
	return b.Delete(idKey(u.ID))
}

// indexAdmins is a migration: the admins index from the user records.
func indexAdmins(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists(bucketAdmins)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		var u User
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		return indexAdmin(b, u)
	})
}

// SeeUser records that p sent an update now: it creates the user on first
// contact and refreshes the names. It returns the stored user.
func (t *Tx) SeeUser(p Profile) (User, error) {
	u, err := t.User(p.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return User{}, err
	}
	if u.ID == 0 {
		u = User{ID: p.ID, CreatedAt: t.now}
	}
	u.FirstName, u.LastName, u.Username = p.FirstName, p.LastName, p.Username
	u.SeenAt, u.UnreachableSince = t.now, time.Time{}
	return u, t.PutUser(u)
}

// EnsureAdmins makes every id an admin from the config, creating
// placeholder users for ids that have not written to the bot yet, and
// takes the role from config admins no longer listed (with an audit entry
// and their invites revoked). It returns the people it demoted, for the
// log. Admins invited in the bot are not the config's: they stay.
//
// [bot] admins are the home commune's office; province admins
// (EnsureProvinceAdmins) are the other list of the config.
func (s *Store) EnsureAdmins(ctx context.Context, ids []int64) ([]User, error) {
	return s.ensureConfigAdmins(ctx, ids, false)
}

// EnsureProvinceAdmins is EnsureAdmins for [province] admins: the
// province's office, over every commune.
func (s *Store) EnsureProvinceAdmins(ctx context.Context, ids []int64) ([]User, error) {
	return s.ensureConfigAdmins(ctx, ids, true)
}

func (s *Store) ensureConfigAdmins(ctx context.Context, ids []int64, province bool) ([]User, error) {
	var demoted []User
	err := s.Update(ctx, func(t *Tx) error {
		listed := map[int64]bool{}
		for _, id := range ids {
			listed[id] = true
			if err := t.ensureAdmin(id, true, role{province: province, commune: HomeCommune}); err != nil {
				return fmt.Errorf("ensure admin %d: %w", id, err)
			}
		}
		var err error
		demoted, err = t.demoteUnlisted(listed, province)
		return err
	})
	return demoted, err
}

// role is where an admin role applies: the province, or one commune.
type role struct {
	province bool
	commune  uint64
}

// demoteUnlisted takes the role from config admins of that list (the
// province's or the home commune's) not in listed.
func (t *Tx) demoteUnlisted(listed map[int64]bool, province bool) ([]User, error) {
	var gone []User
	err := t.tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		var u User
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		if u.Admin && u.ConfigAdmin && u.Province == province && !listed[u.ID] {
			gone = append(gone, u)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, u := range gone {
		u.Admin, u.ConfigAdmin = false, false
		if err := t.PutUser(u); err != nil {
			return nil, err
		}
		if err := t.RevokeInvitesBy(u.ID); err != nil {
			return nil, err
		}
		office := u.Commune // the audit log of the office they left
		if u.Province {
			office = 0
		}
		audit := func() error { return t.Audit(0, "admin.remove", u.Label()+" · "+configList(province)) }
		if err := t.InCommune(office, audit); err != nil {
			return nil, err
		}
		gone[i] = u
	}
	return gone, nil
}

func configList(province bool) string {
	if province {
		return "[province] admins"
	}
	return "[bot] admins"
}

// Name is the person's name as the bot shows it: the full name they
// confirmed, else Telegram's names in Vietnamese order (OrderedName), else
// their username.
func (u User) Name() string {
	if u.FullName != "" {
		return u.FullName
	}
	if n := OrderedName(u.FirstName, u.LastName); n != "" {
		return n
	}
	return u.Username
}

// Label names the person for the audit log and the operator's log: the
// name and the Telegram id, which is what [bot] admins lists.
func (u User) Label() string {
	id := strconv.FormatInt(u.ID, 10)
	if n := u.Name(); n != "" {
		return n + " (" + id + ")"
	}
	return id
}

// markConfigAdmins is a migration: records written before ConfigAdmin
// existed do not say where an admin's role came from. The role has two
// sources only, the config and an admin invite, and invites are never
// deleted: an admin who used no admin invite came from the config, and is
// marked so that taking the id out of [bot] admins demotes them.
func markConfigAdmins(tx *bolt.Tx) error {
	invited := map[int64]bool{}
	err := tx.Bucket(bucketInvites).ForEach(func(k, v []byte) error {
		var inv Invite
		if err := decodeJSON(k, v, &inv); err != nil {
			return err
		}
		if inv.Admin && inv.UsedBy != 0 {
			invited[inv.UsedBy] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	users := tx.Bucket(bucketUsers)
	var marked []User
	err = users.ForEach(func(k, v []byte) error {
		var u User
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		if u.Admin && !u.ConfigAdmin && !invited[u.ID] {
			u.ConfigAdmin = true
			marked = append(marked, u)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, u := range marked {
		if err := putJSON(users, idKey(u.ID), u); err != nil {
			return err
		}
	}
	return nil
}

// ensureAdmin gives id the admin role at r. An admin keeps the role
// they have: a person is the admin of one office.
func (t *Tx) ensureAdmin(id int64, fromConfig bool, r role) error {
	u, err := t.User(id)
	if errors.Is(err, ErrNotFound) {
		u, err = User{ID: id, CreatedAt: t.now, SeenAt: t.now}, nil
	}
	if err != nil || u.Admin && u.ConfigAdmin == fromConfig || u.Admin && !fromConfig {
		return err
	}
	u.Admin, u.ConfigAdmin, u.Province, u.Commune = true, fromConfig, r.province, r.commune
	return t.PutUser(u)
}

// Admins lists, in ascending order, the user ids of the scope's commune's
// admins; unscoped, of every commune's (not the province's office).
// It reads the admins index, not every user: a province's thousands of
// people cost nothing on the update path.
func (t *Tx) Admins() ([]int64, error) {
	return t.adminsWhere(func(c uint64) bool { return c != 0 && t.sees(c) })
}

// AdminsOf lists the admins of one commune (0: the province's office),
// if the place sees that office: a commune sees its own, the province's
// place its own and how many each commune has.
func (t *Tx) AdminsOf(commune uint64) ([]int64, error) {
	if commune == 0 && t.limited && t.scope != 0 || commune != 0 && !t.seesCommune(commune) {
		return nil, nil
	}
	return t.adminsWhere(func(c uint64) bool { return c == commune })
}

func (t *Tx) adminsWhere(keep func(commune uint64) bool) ([]int64, error) {
	var ids []int64
	err := t.tx.Bucket(bucketAdmins).ForEach(func(k, v []byte) error {
		c := HomeCommune // an index written before communes
		if len(v) == 8 {
			c = btoi(v)
		}
		if keep(c) {
			ids = append(ids, int64(btoi(k)))
		}
		return nil
	})
	return ids, err
}

// ErrLastAdmin: the bot must keep at least one admin.
var ErrLastAdmin = errors.New("the last admin cannot be removed")

// RemoveAdmin takes the admin role from id, unless id is the last admin
// of their office, and revokes every invite id made that is still open.
func (t *Tx) RemoveAdmin(id int64) error {
	u, err := t.User(id)
	if err != nil {
		return err
	}
	office := u.Commune
	if u.Province {
		office = 0
	}
	admins, err := t.AdminsOf(office)
	if err != nil {
		return err
	}
	if len(admins) <= 1 {
		return ErrLastAdmin
	}
	u.Admin, u.ConfigAdmin = false, false
	if err := t.PutUser(u); err != nil {
		return err
	}
	return t.RevokeInvitesBy(id)
}

// UserCount is how many people the bot keeps.
func (t *Tx) UserCount() int { return t.tx.Bucket(bucketUsers).Stats().KeyN }

// Viewers lists, in ascending order, the people with the read-only role
// in the scope's commune (unscoped: the province's leadership). It reads
// every user: the admins' page asks it, not the update path.
func (t *Tx) Viewers() ([]User, error) {
	var out []User
	err := t.tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		var u User
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		if u.Viewer && (t.scope == 0 && u.Province || t.scope != 0 && u.ViewerOf(t.scope)) {
			out = append(out, u)
		}
		return nil
	})
	return out, err
}
