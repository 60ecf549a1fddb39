// Package store keeps all of dvkbot's state in one bbolt file.
//
// It imports nothing else of ours. Every exported method of Store runs in one
// bbolt transaction; handlers that must change several records atomically get a
// *Tx through Store.HandleUpdate or Store.Update and call its methods.
package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Options tune Open. Zero values get sensible defaults.
type Options struct {
	// Timeout bounds the wait for the file lock held by another process.
	Timeout time.Duration
	// Now is the clock used for timestamps; tests inject a fixed one.
	Now func() time.Time
	// ReadOnly opens an existing file without creating or migrating it:
	// for export and backup while the bot is stopped.
	ReadOnly bool
	// Check runs bbolt's consistency check over the whole file at open.
	Check bool
	// DeliveredLinger, when set, is the wait of every removal of a sent
	// entry, whatever its sender asked (tests; see Delivered).
	DeliveredLinger time.Duration
}

// Store is the bbolt-backed state of the bot.
type Store struct {
	db      *bolt.DB
	path    string
	now     func() time.Time
	onQueue func([]Queued) // told after a commit that queued entries
	sent    delivered      // removals of sent entries waiting for a commit
	linger  time.Duration  // Options.DeliveredLinger
}

// Open opens (or creates, mode 0600) the database at path and runs pending
// migrations. A file locked by another process fails with ErrInUse after
// opts.Timeout; a file written by a newer dvkbot fails with ErrNewerSchema;
// an empty, truncated or foreign file fails with ErrDamaged instead of
// crashing the process or being taken for a new database.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := checkFile(path, opts.ReadOnly); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := openBolt(path, opts)
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: opts.Now, linger: opts.DeliveredLinger}
	if err := s.prepare(opts); err != nil {
		return nil, errors.Join(fmt.Errorf("open store %s: %w", path, err), db.Close())
	}
	return s, nil
}

// openBolt opens the file, turning a panic or a memory fault of bbolt
// over a damaged file into ErrDamaged.
func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			db, err = nil, fmt.Errorf("%w (%v)", ErrDamaged, p)
		}
	}()
	return bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
}

// prepare migrates (or, read-only, checks the schema) and runs the
// optional consistency check, with faults turned into ErrDamaged.
func (s *Store) prepare(opts Options) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", ErrDamaged, p)
		}
	}()
	if opts.Check {
		if err := s.check(); err != nil {
			return err
		}
	}
	if opts.ReadOnly {
		return s.checkVersion()
	}
	return s.migrate()
}

func (s *Store) check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // read to the end: the check runs on
			if first == nil {
				first = fmt.Errorf("%w (%v)", ErrDamaged, err)
			}
		}
		return first
	})
}

func (s *Store) checkVersion() error {
	v, err := s.Version()
	switch {
	case err != nil:
		return err
	case v > SchemaVersion():
		return ErrNewerSchema
	case v < SchemaVersion():
		return ErrOlderSchema
	}
	return nil
}

// checkFile refuses, before bbolt maps it, an existing file that cannot be
// a whole database: empty, not a bbolt file, or not a whole number of
// pages. A missing file is created by Open, unless read-only.
func checkFile(path string, readOnly bool) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !readOnly {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var head [80]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return fmt.Errorf("%w: %d bytes", ErrDamaged, st.Size())
	}
	// The first meta page: a 16-byte page header, then magic, version,
	// page size, flags, root bucket, freelist, the high-water page id and
	// the transaction id (bbolt's layout, in the machine's byte order).
	magic := binary.NativeEndian.Uint32(head[16:])
	pageSize := int64(binary.NativeEndian.Uint32(head[24:]))
	switch {
	case magic != 0xED0CDAED:
		return fmt.Errorf("%w: not a bbolt file", ErrDamaged)
	case pageSize < 512 || st.Size()%pageSize != 0 || st.Size() < 4*pageSize:
		return fmt.Errorf("%w: %d bytes is not a whole number of %d-byte pages", ErrDamaged, st.Size(), pageSize)
	}
	return checkHighWater(f, st.Size(), pageSize, head[:])
}

// checkHighWater refuses a file shorter than its newest meta page says:
// cut at a page boundary, bbolt would fault on the missing pages.
func checkHighWater(f *os.File, size, pageSize int64, meta0 []byte) error {
	var meta1 [80]byte
	if _, err := f.ReadAt(meta1[:], pageSize); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	m := meta0
	if binary.NativeEndian.Uint64(meta1[64:]) > binary.NativeEndian.Uint64(meta0[64:]) {
		m = meta1[:]
	}
	if pages := int64(binary.NativeEndian.Uint64(m[56:])); pages*pageSize > size {
		return fmt.Errorf("%w: %d bytes, but the database has %d pages of %d", ErrDamaged, size, pages, pageSize)
	}
	return nil
}

// Close releases the file.
func (s *Store) Close() error {
	s.FlushDelivered()
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
	var undo []func()
	err := s.update(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, now: s.now(), onQueue: s.onQueue, undo: &undo})
	})
	if err != nil {
		for _, f := range undo {
			f()
		}
	}
	return err
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
	queued  []Queued  // entries this transaction added to the outbox
	undo    *[]func() // see OnUndo; nil in a read-only transaction
	scope   uint64    // the commune it is limited to (see Scope)
	limited bool      // false: across communes; true with scope 0: the province's place
}

// OnUndo registers fn to run if the write transaction does not commit:
// a file written for it (a copy, an export) is removed again, so that a
// rolled-back update leaves nothing behind that a later try would take for
// its own.
func (t *Tx) OnUndo(fn func()) {
	if t.undo != nil {
		*t.undo = append(*t.undo, fn)
	}
}

// OnCommit registers fn to run once the write transaction committed: to
// wake a worker for what it recorded.
func (t *Tx) OnCommit(fn func()) { t.tx.OnCommit(fn) }

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

// transient buckets are left empty in a copy of the records: what waits to
// be sent (a copy must not carry earlier copies along), handled update
// ids, pending imports and zips waiting to be built.
var transient = map[string]bool{string(bucketOutbox): true, string(bucketOutboxFailed): true,
	string(bucketUpdates): true, string(bucketImports): true, string(bucketAttempts): true,
	string(bucketMenus): true, string(bucketZipJobs): true}

// CopyRecords writes the records this transaction sees to a new database
// file at path, with the transient buckets empty, and returns its size.
// The copy opens as a database of this schema.
func (t *Tx) CopyRecords(path string) (int64, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return 0, fmt.Errorf("copy records to %s: %w", path, err)
	}
	err = db.Update(func(dst *bolt.Tx) error {
		return t.tx.ForEach(func(name []byte, src *bolt.Bucket) error {
			return copyBucket(dst, name, src)
		})
	})
	if err = errors.Join(err, db.Close()); err != nil {
		os.Remove(path)
		return 0, fmt.Errorf("copy records to %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func copyBucket(dst *bolt.Tx, name []byte, src *bolt.Bucket) error {
	b, err := dst.CreateBucket(name)
	if err != nil {
		return err
	}
	if err := b.SetSequence(src.Sequence()); err != nil || transient[string(name)] {
		return err
	}
	b.FillPercent = 1 // written in key order: pack the pages
	return src.ForEach(func(k, v []byte) error { return b.Put(k, v) })
}
