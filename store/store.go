// Package store keeps all of dvkbot's state in one bbolt file.
//
// It imports nothing else of ours. Every exported method of Store runs in one
// bbolt transaction; handlers that must change several records atomically get a
// *Tx through Store.HandleUpdate or Store.Update and call its methods.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Options tune Open. Zero values get sensible defaults.
type Options struct {
	// Timeout bounds the wait for the file lock held by another process.
	Timeout time.Duration
	// Now is the clock used for timestamps; tests inject a fixed one.
	Now func() time.Time
}

// Store is the bbolt-backed state of the bot.
type Store struct {
	db      *bolt.DB
	path    string
	now     func() time.Time
	onQueue func([]Queued) // told after a commit that queued entries
}

// Open opens (or creates, mode 0600) the database at path and runs pending
// migrations. A file locked by another process fails with ErrInUse after
// opts.Timeout; a file written by a newer dvkbot fails with ErrNewerSchema.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: opts.Now}
	if err := s.migrate(); err != nil {
		return nil, errors.Join(fmt.Errorf("open store %s: %w", path, err), db.Close())
	}
	return s, nil
}

// Close releases the file.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Path is the database file name.
func (s *Store) Path() string { return s.path }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Update runs fn in one read-write transaction; an error from fn rolls back.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, now: s.now(), onQueue: s.onQueue})
	})
}

// View runs fn in one read-only transaction. Records decoded inside fn stay
// valid after it returns.
func (s *Store) View(ctx context.Context, fn func(*Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, now: s.now()})
	})
}

// Tx is one open transaction. Its methods must not be used after the
// function given to Update or View returns.
type Tx struct {
	tx      *bolt.Tx
	now     time.Time
	onQueue func([]Queued)
	queued  []Queued // entries this transaction added to the outbox
}

// Now is the time the transaction started, from the store's clock.
func (t *Tx) Now() time.Time { return t.now }

// Backup writes a consistent copy of the whole database to w from one read
// transaction, while the bot goes on working.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, ctx.Err()
}

// Snapshot is Backup for a caller already in a transaction: the copy of
// the database as this transaction sees it.
func (t *Tx) Snapshot(w io.Writer) (int64, error) { return t.tx.WriteTo(w) }
