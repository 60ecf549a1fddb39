package store

import "errors"

// Errors callers may test with errors.Is.
var (
	// ErrNotFound: no record under that key.
	ErrNotFound = errors.New("not found")
	// ErrInUse: another process holds the database file.
	ErrInUse = errors.New("database is in use by another process (is dvkbot already running?)")
	// ErrNewerSchema: the file was written by a newer dvkbot than this binary.
	ErrNewerSchema = errors.New("database was written by a newer dvkbot; upgrade the binary")
	// ErrOlderSchema: a read-only open of a file not yet migrated.
	ErrOlderSchema = errors.New("database was written by an older dvkbot; start the bot once to upgrade it")
	// ErrDamaged: the file is not a whole bbolt database.
	ErrDamaged = errors.New("database damaged — restore a backup (dvkbot backup) and start again")
)
