package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// A messenger whose ids are not Telegram's numbers (Zalo's are strings)
// gets a stable int64 id for each person and chat, kept in the bucket
// identities, so that the store and the conversation keep speaking
// int64 ids. The edge converts at its door and nowhere else.
//
//	identities "x/<messenger>/<u|g>/<its id>" -> itob(our id)
//	           "i/" + idKey(our id)           -> "<messenger>/<its id>"
//	           "n/<messenger>"                -> itob(the last number given)
//
// Ids are given from the base the edge names (messenger.Range): a person
// gets base+n, a group -(base+n), n counting from 1 for each messenger.
// The base keeps them apart from Telegram's ids, which are below 2^53 in
// absolute value.

// ErrIdentity: an id that was never given to a messenger's person or chat.
var ErrIdentity = errors.New("no such messenger identity")

// Identity returns our id for a messenger's person (group false) or chat
// (group true: a negative id) whose own id is ext, giving it one the first
// time. A private chat has its person's id when the messenger names both
// alike.
func (s *Store) Identity(ctx context.Context, messenger, ext string, group bool, base int64) (int64, error) {
	if messenger == "" || ext == "" || strings.Contains(messenger, "/") {
		return 0, fmt.Errorf("identity %q/%q: empty or malformed", messenger, ext)
	}
	kind := "u"
	if group {
		kind = "g"
	}
	key := []byte("x/" + messenger + "/" + kind + "/" + ext)
	var id int64
	found := func(t *Tx) bool {
		if v := t.tx.Bucket(bucketIdentities).Get(key); v != nil {
			id = int64(btoi(v))
			return true
		}
		return false
	}
	if err := s.View(ctx, func(t *Tx) error { found(t); return nil }); err != nil || id != 0 {
		return id, err
	}
	err := s.Update(ctx, func(t *Tx) error {
		if found(t) {
			return nil
		}
		b := t.tx.Bucket(bucketIdentities)
		next := []byte("n/" + messenger)
		n := uint64(1)
		if v := b.Get(next); v != nil {
			n = btoi(v) + 1
		}
		if int64(n) >= base {
			return fmt.Errorf("identity: the range of %s is full", messenger)
		}
		id = base + int64(n)
		if group {
			id = -id
		}
		if err := b.Put(next, itob(n)); err != nil {
			return err
		}
		if err := b.Put(key, itob(uint64(id))); err != nil {
			return err
		}
		return b.Put(append([]byte("i/"), idKey(id)...), []byte(messenger+"/"+ext))
	})
	return id, err
}

// External returns the messenger and its own id of our id, or
// ErrIdentity.
func (s *Store) External(ctx context.Context, id int64) (messenger, ext string, err error) {
	err = s.View(ctx, func(t *Tx) error {
		v := t.tx.Bucket(bucketIdentities).Get(append([]byte("i/"), idKey(id)...))
		if v == nil {
			return fmt.Errorf("%w: %d", ErrIdentity, id)
		}
		messenger, ext, _ = strings.Cut(string(v), "/")
		return nil
	})
	return messenger, ext, err
}
