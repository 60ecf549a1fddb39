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
	kept, err := backupEvidence(filesDir(cfg), *out)
	if err != nil {
		return fmt.Errorf("backup of the evidence files: %w", err)
	}
	if kept != (evidenceCount{}) {
		fmt.Fprintf(stdout, "evidence in %s: %d copied, %d linked unchanged from earlier backups, %d already there\n",
			*out+".files", kept.copied, kept.linked, kept.there)
	}
	return nil
}

// evidenceCount is what a backup did with each kept evidence file.
type evidenceCount struct{ copied, linked, there int }

// backupEvidence copies the kept evidence files into out.files. A file
// that an earlier backup in out's folder holds unchanged is hard-linked
// from it instead: nightly backups then cost the day's new files only,
// and each still holds every file, so any one of them restores alone and
// removing old ones frees only what no other backup holds. A file
// counts as unchanged when its size and modification time are the same,
// as rsync judges: kept files are written once, to a new file renamed
// into place, so one filed again at the same place has a new time.
// A copy taken while the bot runs may miss a file kept after the
// database copy was taken; the database then does not name it either.
func backupEvidence(live, out string) (evidenceCount, error) {
	src, dst := filepath.Join(live, "evidence"), filepath.Join(out+".files", "evidence")
	earlier, err := earlierBackups(out, live)
	if err != nil {
		return evidenceCount{}, err
	}
	var n evidenceCount
	err = filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
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
		if st, err := os.Stat(to); err == nil && unchanged(st, info) {
			n.there++
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
			return err
		}
		if linkFromEarlier(earlier, rel, to, info) {
			n.linked++
			return nil
		}
		n.copied++
		return copyKept(p, to, info)
	})
	return n, err
}

// earlierBackups are the evidence folders of the other backups in out's
// folder (every "*.files" folder with an evidence folder in it, but the
// bot's own), the newest name first: dated names sort by date.
func earlierBackups(out, live string) ([]string, error) {
	dir := filepath.Dir(out)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	liveInfo, _ := os.Stat(live)
	var found []string
	for i := len(entries) - 1; i >= 0; i-- {
		name := entries[i].Name()
		if !entries[i].IsDir() || !strings.HasSuffix(name, ".files") || name == filepath.Base(out)+".files" {
			continue
		}
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err != nil || liveInfo != nil && os.SameFile(info, liveInfo) {
			continue
		}
		if st, err := os.Stat(filepath.Join(p, "evidence")); err == nil && st.IsDir() {
			found = append(found, filepath.Join(p, "evidence"))
		}
	}
	return found, nil
}

// linkFromEarlier hard-links to from the first earlier backup that holds
// rel unchanged. It says false when none does or links cannot be made
// there (another disk, a file system without them): then it is copied.
func linkFromEarlier(earlier []string, rel, to string, info os.FileInfo) bool {
	for _, e := range earlier {
		from := filepath.Join(e, rel)
		st, err := os.Stat(from)
		if err != nil || !unchanged(st, info) {
			continue
		}
		tmp := filepath.Join(filepath.Dir(to), ".link-"+filepath.Base(to))
		os.Remove(tmp)
		if err := os.Link(from, tmp); err != nil {
			return false
		}
		if err := os.Rename(tmp, to); err != nil {
			os.Remove(tmp)
			return false
		}
		return true
	}
	return false
}

// unchanged says whether a and b are the same kept file: the same size
// and modification time (to the second when a disk keeps no finer time).
func unchanged(a, b os.FileInfo) bool {
	ta, tb := a.ModTime(), b.ModTime()
	if ta.Nanosecond() == 0 || tb.Nanosecond() == 0 {
		return a.Size() == b.Size() && ta.Unix() == tb.Unix()
	}
	return a.Size() == b.Size() && ta.Equal(tb)
}

// copyKept copies a kept file to a new file renamed over to (never
// writing into a file an earlier backup shares), with its modification
// time, so that the next backup can link it.
func copyKept(from, to string, info os.FileInfo) error {
	if _, err := writeAtomically(to, func(w io.Writer) (int64, error) {
		f, err := os.Open(from)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return io.Copy(w, f)
	}); err != nil {
		return err
	}
	return os.Chtimes(to, info.ModTime(), info.ModTime())
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
