package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// User is a Telegram user the bot has met, with what the bot remembers of
// them. Names are refreshed from every update; nothing else personal is kept.
type User struct {
	ID        int64     `json:"id"`
	FirstName string    `json:"first_name,omitempty"`
	LastName  string    `json:"last_name,omitempty"`
	Username  string    `json:"username,omitempty"`
	Language  string    `json:"language,omitempty"` // "" = the configured default
	Admin     bool      `json:"admin,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	SeenAt    time.Time `json:"seen_at"`
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
	return u, nil
}

// PutUser saves u.
func (t *Tx) PutUser(u User) error {
	return putJSON(t.tx.Bucket(bucketUsers), idKey(u.ID), u)
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
	u.SeenAt = t.now
	return u, t.PutUser(u)
}

// EnsureAdmins makes every id an admin, creating placeholder users for ids
// that have not written to the bot yet (the config's bootstrap admins).
func (s *Store) EnsureAdmins(ctx context.Context, ids []int64) error {
	return s.Update(ctx, func(t *Tx) error {
		for _, id := range ids {
			if err := t.ensureAdmin(id); err != nil {
				return fmt.Errorf("ensure admin %d: %w", id, err)
			}
		}
		return nil
	})
}

func (t *Tx) ensureAdmin(id int64) error {
	u, err := t.User(id)
	if errors.Is(err, ErrNotFound) {
		u, err = User{ID: id, CreatedAt: t.now, SeenAt: t.now}, nil
	}
	if err != nil || u.Admin {
		return err
	}
	u.Admin = true
	return t.PutUser(u)
}

// Admins lists the admins' user ids in ascending order.
func (t *Tx) Admins() ([]int64, error) {
	var ids []int64
	err := t.tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		var u User
		if err := decodeJSON(k, v, &u); err != nil {
			return err
		}
		if u.Admin {
			ids = append(ids, u.ID)
		}
		return nil
	})
	return ids, err
}

// ErrLastAdmin: the bot must keep at least one admin.
var ErrLastAdmin = errors.New("the last admin cannot be removed")

// RemoveAdmin takes the admin role from id, unless id is the last admin.
func (t *Tx) RemoveAdmin(id int64) error {
	admins, err := t.Admins()
	if err != nil {
		return err
	}
	if len(admins) <= 1 {
		return ErrLastAdmin
	}
	u, err := t.User(id)
	if err != nil {
		return err
	}
	u.Admin = false
	return t.PutUser(u)
}
