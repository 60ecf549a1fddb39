package store

import (
	"context"
	"time"
)

// AuditEntry records one change of roles, units or links: who, when, what.
type AuditEntry struct {
	ID     uint64    `json:"id"`
	At     time.Time `json:"at"`
	Actor  int64     `json:"actor"`
	Action string    `json:"action"` // e.g. unit.add, invite.use, group.link
	Detail string    `json:"detail,omitempty"`
	// Commune is the scope the change was made in; 0 in an entry written
	// before communes, read as the home commune's.
	Commune uint64 `json:"commune,omitempty"`
	// Province: made unscoped (the province's office, the operator, a
	// job of no commune); seen by the province only.
	Province bool `json:"province,omitempty"`
}

// Audit appends an entry in the current transaction.
func (t *Tx) Audit(actor int64, action, detail string) error {
	b := t.tx.Bucket(bucketAudit)
	id, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, itob(id), AuditEntry{ID: id, At: t.now, Actor: actor, Action: action, Detail: detail, Commune: t.scope, Province: t.scope == 0})
}

// AuditPage returns up to n entries older than before (0: the newest),
// newest first; scoped, the commune's only.
func (s *Store) AuditPage(ctx context.Context, before uint64, n int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.View(ctx, func(t *Tx) error {
		var err error
		out, err = t.AuditPage(before, n)
		return err
	})
	return out, err
}

// AuditPage is Store.AuditPage inside a transaction.
func (t *Tx) AuditPage(before uint64, n int) ([]AuditEntry, error) {
	var out []AuditEntry
	b := t.tx.Bucket(bucketAudit)
	c := b.Cursor()
	k, _ := c.Last()
	if before > 0 {
		c.Seek(itob(before))
		k, _ = c.Prev()
	}
	for ; k != nil && len(out) < n; k, _ = c.Prev() {
		var e AuditEntry
		if err := getJSON(b, k, &e); err != nil {
			return nil, err
		}
		if !t.limited || t.inProvince() && e.Province || !e.Province && ownerOf(e.Commune) == t.scope {
			out = append(out, e)
		}
	}
	return out, nil
}
