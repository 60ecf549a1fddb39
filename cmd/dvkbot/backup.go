package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// runBackup is `dvkbot backup -config config.toml -out file.db`: a
// consistent copy of the database, taken by the running bot through its
// control socket, or from the file (read-only) when the bot is stopped.
// The copy is written to a temporary file beside -out, synced, and then
// renamed over it: a failed backup leaves an earlier copy untouched.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", "[-config config.toml] -out copy.db", "a consistent copy of the database, and of the kept evidence in copy.db.files; also while the bot runs", stderr)
	path := fs.String("config", "config.toml", "configuration file")
	out := fs.String("out", "", "file to write the copy to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: -out is required")
	}
	cfg, err := loadConfig(*path, os.Getenv, false)
	if err != nil {
		return err
	}
	for _, o := range []string{*out, *out + ".files"} { // the copy, and its evidence folder
		if err := refuseOwnFiles("-out", o, ownFiles(cfg, *path)); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	n, err := writeAtomically(*out, func(w io.Writer) (int64, error) { return backupTo(ctx, cfg, w) })
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, n)
	files, err := copyEvidence(filepath.Join(filesDir(cfg), "evidence"), filepath.Join(*out+".files", "evidence"))
	if err != nil {
		return fmt.Errorf("backup of the evidence files: %w", err)
	}
	if files > 0 {
		fmt.Fprintf(stdout, "copied %d evidence files to %s\n", files, *out+".files")
	}
	return nil
}

// copyEvidence copies the kept evidence files that the backup folder does
// not have yet (kept files never change: same name, same size is the same
// file). A copy taken while the bot runs may miss a file kept after the
// database copy was taken; the database then does not name it either.
func copyEvidence(src, dst string) (int, error) {
	n := 0
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if errors.Is(err, os.ErrNotExist) && p == src {
			return filepath.SkipDir // nothing kept yet
		}
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if st, err := os.Stat(to); err == nil && st.Size() == info.Size() {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
			return err
		}
		if _, err := writeAtomically(to, func(w io.Writer) (int64, error) {
			f, err := os.Open(p)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			return io.Copy(w, f)
		}); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

// writeAtomically writes through fill to a temporary file in path's
// directory, syncs it and renames it to path. On any error the temporary
// file is removed and path is not touched.
func writeAtomically(path string, fill func(io.Writer) (int64, error)) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return 0, err
	}
	n, err := fill(tmp)
	if err != nil {
		return n, err
	}
	if err := tmp.Sync(); err != nil {
		return n, err
	}
	if err := tmp.Close(); err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, err
	}
	done = true
	return n, nil
}

func backupTo(ctx context.Context, cfg Config, w io.Writer) (int64, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		body, err := askRunningBotFor(ctx, controlPath(cfg), "/backup")
		if err != nil {
			return 0, err
		}
		defer body.Close()
		return io.Copy(w, body) // the bot sends Content-Length: a cut stream fails
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.Backup(ctx, w)
}
