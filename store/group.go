package store

import (
	"errors"
	"fmt"
)

// ErrGroupLinked: the group already belongs to another unit.
var ErrGroupLinked = errors.New("group is linked to another unit")

// UnitOfGroup returns the unit linked to the chat, or ErrNotFound.
func (t *Tx) UnitOfGroup(chatID int64) (Unit, error) {
	id := t.tx.Bucket(bucketGroups).Get(idKey(chatID))
	if id == nil {
		return Unit{}, fmt.Errorf("group %d: %w", chatID, ErrNotFound)
	}
	return t.Unit(btoi(id))
}

// CommuneOfGroup is the commune of the unit linked to the chat, whatever
// the scope: what a group's updates are scoped to. False for a group
// linked to no unit.
func (t *Tx) CommuneOfGroup(chatID int64) (uint64, bool) {
	id := t.tx.Bucket(bucketGroups).Get(idKey(chatID))
	if id == nil {
		return 0, false
	}
	c := t.communeOfUnit(btoi(id))
	return c, c != 0
}

// LinkGroup links chat to unit (one group, one unit). A unit that had
// another group moves to this one.
func (t *Tx) LinkGroup(unitID uint64, chatID int64) (Unit, error) {
	if cur, err := t.UnitOfGroup(chatID); err == nil && cur.ID != unitID {
		return cur, ErrGroupLinked
	}
	u, err := t.Unit(unitID)
	if err != nil {
		return Unit{}, err
	}
	if err := t.unlink(u); err != nil {
		return Unit{}, err
	}
	u.GroupChatID, u.GroupBroken = chatID, ""
	if err := t.tx.Bucket(bucketGroups).Put(idKey(chatID), itob(unitID)); err != nil {
		return Unit{}, err
	}
	return u, t.PutUnit(u)
}

func (t *Tx) unlink(u Unit) error {
	if u.GroupChatID == 0 {
		return nil
	}
	return t.tx.Bucket(bucketGroups).Delete(idKey(u.GroupChatID))
}

// MigrateGroup moves a link from a group to the supergroup it became.
// It reports whether a link was moved.
func (t *Tx) MigrateGroup(oldID, newID int64) (Unit, bool, error) {
	u, err := t.UnitOfGroup(oldID)
	if errors.Is(err, ErrNotFound) {
		return Unit{}, false, nil
	}
	if err != nil {
		return Unit{}, false, err
	}
	u, err = t.LinkGroup(u.ID, newID)
	return u, err == nil, err
}

// BreakGroup marks the unit's group link broken (bot removed, 403), with
// the reason; the link stays so that re-adding the bot restores it.
func (t *Tx) BreakGroup(chatID int64, reason string) (Unit, error) {
	u, err := t.UnitOfGroup(chatID)
	if err != nil {
		return Unit{}, err
	}
	u.GroupBroken = reason
	return u, t.PutUnit(u)
}
