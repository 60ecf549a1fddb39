package store

import (
	"context"
	"fmt"
)

// BeginAttempt records, in a transaction of its own, that the risky part
// of handling an update (reading a file an admin sent) is about to start.
// It reports false when a marker was already there: an earlier try died
// in the middle (out of memory, a crash of a library), so this one must
// not run the same work again.
func (s *Store) BeginAttempt(ctx context.Context, updateID int) (first bool, err error) {
	err = s.Update(ctx, func(t *Tx) error {
		b := t.tx.Bucket(bucketAttempts)
		key := itob(uint64(updateID))
		if b.Get(key) != nil {
			return nil
		}
		first = true
		return b.Put(key, itob(uint64(t.now.Unix())))
	})
	if err != nil {
		return false, fmt.Errorf("attempt of update %d: %w", updateID, err)
	}
	return first, nil
}

// EndAttempt clears the marker, in the transaction that handled the
// update.
func (t *Tx) EndAttempt(updateID int) error {
	return t.tx.Bucket(bucketAttempts).Delete(itob(uint64(updateID)))
}
