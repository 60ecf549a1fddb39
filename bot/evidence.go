package bot

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeEvidenceZip route = "rz" // "rz:<unit>": the unit's kept evidence as a zip
)

var evidenceActions = []action{
	{route: routeEvidenceZip, private: true, who: readers, run: (*request).evidenceZipAction},
}

// keepEvidence queues a download of every evidence file of g that has no
// copy yet, through the outbox: retried like a send, never inside the
// update. The copy is named by registration and position, never by the
// name the user's file had.
func (r *request) keepEvidence(g store.Registration) error {
	if g.Results == nil {
		return nil
	}
	for i, e := range g.Results.Evidence {
		if e.Local != "" {
			continue
		}
		o := store.Outgoing{Kind: store.KindFetch, FileID: e.FileID, RegID: g.ID, Bulk: true,
			Target: evidencePath(g.ID, i+1, e)}
		if err := r.enqueue(o); err != nil {
			return err
		}
	}
	return nil
}

// evidencePath is evidence/<registration>/<n>.<ext>, the extension from a
// photo or from the document's name when it is a plain short one.
func evidencePath(regID uint64, n int, e store.Evidence) string {
	ext := ".jpg"
	if e.Kind != "photo" {
		ext = safeExt(e.Name)
	}
	return path.Join("evidence", fmt.Sprint(regID), fmt.Sprintf("%d%s", n, ext))
}

func safeExt(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if len(ext) < 2 || len(ext) > 6 || strings.Trim(ext[1:], "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		return ".bin"
	}
	return ext
}

// evidenceLost tells the admins that an evidence file could not be kept.
func (w *writer) evidenceLost(regID uint64, reason string) error {
	g, err := w.tx.Registration(regID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // gone: nobody to tell about
	}
	if err != nil {
		return err
	}
	return w.within(g.Commune, func() error {
		return w.notifyAdminsBut(0, "notice_evidence_lost", locales.Args{"Number": g.Number, "Reason": reason})
	})
}

// evidenceZipAction handles "rz:<unit>": the unit's kept evidence, every
// campaign, as a zip in the person's chat, a folder per model. Only what
// goes in is taken here; the zip is built after the update, outside any
// transaction (zips.go), one at a time per commune.
func (r *request) evidenceZipAction(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	switch j, err := r.tx.ZipJob(u.Commune); {
	case err == nil && j.ChatID == r.u.Chat.ID && j.UnitID == u.ID:
		r.tx.OnCommit(r.wakeZips) // a job whose end could not be written is tried again
		return r.reply(r.t("evidence_zip_on_its_way", locales.Args{"Unit": u.Name}), nil)
	case err == nil:
		r.tx.OnCommit(r.wakeZips)
		return r.reply(r.t("evidence_zip_busy", nil), nil)
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	folders, err := report.Evidence(r.tx, 0, u.ID)
	if err != nil {
		return err
	}
	if len(folders) == 0 {
		return r.reply(r.t("evidence_none_kept", locales.Args{"Unit": u.Name}), nil)
	}
	err = r.tx.PutZipJob(store.ZipJob{Commune: u.Commune, ChatID: r.u.Chat.ID, UnitID: u.ID, Unit: u.Name,
		Lang: r.lang, Files: report.EvidenceEntries(folders)})
	if err != nil {
		return err
	}
	r.tx.OnCommit(r.wakeZips)
	return r.reply(r.t("evidence_zip_preparing", locales.Args{"Unit": u.Name}), nil)
}

// asciiName is s without diacritics, lower case, words joined by '-':
// "Chi bộ thôn Đông" -> "chi-bo-thon-dong", for file names any system
// and mail program keeps.
func asciiName(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(store.Fold(s)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	if b.Len() == 0 {
		return "don-vi"
	}
	return b.String()
}
