package report

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// EvidenceFolder is one model's kept evidence, as it goes into the zip:
// <unit>/<number> <model>/<n>.<ext>.
type EvidenceFolder struct {
	Unit, Number, Model string
	Files               []store.Evidence
}

// Evidence lists the kept evidence of a campaign's models, of one unit or
// (unitID 0) of all, withdrawn models left out.
func Evidence(tx *store.Tx, campaignID, unitID uint64) ([]EvidenceFolder, error) {
	regs, err := tx.Registrations(campaignID)
	if err != nil {
		return nil, err
	}
	names := map[uint64]string{}
	var out []EvidenceFolder
	for _, g := range regs {
		if g.Status == store.StatusWithdrawn || g.Results == nil || unitID != 0 && g.UnitID != unitID {
			continue
		}
		if _, ok := names[g.UnitID]; !ok {
			u, err := tx.Unit(g.UnitID)
			if err != nil {
				return nil, err
			}
			names[g.UnitID] = u.Name
		}
		f := EvidenceFolder{Unit: names[g.UnitID], Number: g.Number, Model: g.Model.Name}
		for _, e := range g.Results.Evidence {
			if e.Local != "" {
				f.Files = append(f.Files, e)
			}
		}
		if len(f.Files) > 0 {
			out = append(out, f)
		}
	}
	return out, nil
}

// EvidenceZip writes the folders' files, read from dir (the files folder
// beside the database), to a zip on w, and returns how many it wrote. A
// kept copy that is missing on disk is skipped.
func EvidenceZip(w io.Writer, folders []EvidenceFolder, dir string) (int, error) {
	return WriteZip(w, EvidenceEntries(folders), dir)
}

// EvidenceEntries names the folders' files as they go into the zip:
// <unit>/<number> <model>/<n>.<ext>.
func EvidenceEntries(folders []EvidenceFolder) []store.ZipEntry {
	var out []store.ZipEntry
	for _, f := range folders {
		base := path.Join(safeName(f.Unit, 80), safeName(f.Number+" "+f.Model, 80))
		for _, e := range f.Files {
			out = append(out, store.ZipEntry{Name: path.Join(base, path.Base(e.Local)), Local: e.Local})
		}
	}
	return out
}

// WriteZip writes the entries' files, read from dir, to a zip on w, and
// returns how many it wrote; a kept copy missing on disk is skipped.
func WriteZip(w io.Writer, entries []store.ZipEntry, dir string) (int, error) {
	zw := zip.NewWriter(w)
	n := 0
	for _, e := range entries {
		ok, err := addFile(zw, e.Name, filepath.Join(dir, filepath.FromSlash(e.Local)))
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, zw.Close()
}

func addFile(zw *zip.Writer, name, src string) (bool, error) {
	in, err := os.Open(src)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer in.Close()
	out, err := zw.Create(name)
	if err != nil {
		return false, err
	}
	if _, err := io.Copy(out, in); err != nil {
		return false, fmt.Errorf("zip %s: %w", name, err)
	}
	return true, nil
}

// safeName makes s a folder name on every system: no separators or
// characters Windows refuses, no leading dots, at most max runes.
func safeName(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), ".")
	for utf8.RuneCountInString(s) > max {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" {
		return "_"
	}
	return s
}
