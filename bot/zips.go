package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// maxChatZip is the largest evidence zip sent in chat: Telegram lets a
// bot upload up to 50 MB, and the upload's own framing needs some room.
const maxChatZip = maxChatBackup

// errZipTooBig: a kept copy fits in no zip that may be sent in chat.
var errZipTooBig = errors.New("a kept evidence file is larger than a zip sent in chat may be")

// wakeZips tells the builder that a job may wait; one wake pending is
// enough for any number.
func (e *env) wakeZips() {
	select {
	case e.zips <- struct{}{}:
	default:
	}
}

// RunZips builds the evidence zips people asked for (evidenceZipAction),
// one after another and outside any transaction, and queues each in the
// outbox in the transaction that ends its job. It returns when ctx is
// cancelled: a build under way then stops, its files are removed and its
// job stays recorded, to be built when the bot starts again.
func (b *Bot) RunZips(ctx context.Context) error {
	for {
		var jobs []store.ZipJob
		err := b.store.View(ctx, func(tx *store.Tx) error {
			var err error
			jobs, err = tx.ZipJobs()
			return err
		})
		if err != nil && ctx.Err() == nil {
			b.log.Error("evidence zips not read", slog.Any("error", err))
		}
		for _, j := range jobs {
			if ctx.Err() != nil {
				return nil
			}
			b.zipJob(ctx, j)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-b.zips:
		}
	}
}

// zipJob builds j's zips and ends the job: the zips queued, or the person
// told why there are none.
func (b *Bot) zipJob(ctx context.Context, j store.ZipJob) {
	if b.cfg.ZipStarted != nil {
		b.cfg.ZipStarted(ctx)
	}
	parts, built := b.buildZips(ctx, j)
	if ctx.Err() != nil {
		removeZips(parts)
		return // built again at the next start
	}
	if built != nil && !errors.Is(built, errZipTooBig) {
		b.log.Error("evidence zip not built", slog.Uint64("commune", j.Commune), slog.Any("error", built))
	}
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		return newWriter(b.env, tx).endZipJob(j, parts, built)
	})
	if err != nil {
		removeZips(parts)
		b.log.Error("evidence zip not queued", slog.Uint64("commune", j.Commune), slog.Any("error", err))
		return
	}
	b.wake()
}

// endZipJob deletes j and queues its zips, or tells its person why there
// are none: a file too big for any zip, a failed build, or no kept copy
// left.
func (w *writer) endZipJob(j store.ZipJob, parts []zipPart, built error) error {
	if _, err := w.tx.ZipJob(j.Commune); errors.Is(err, store.ErrNotFound) {
		removeZips(parts) // not ours to send any more
		return nil
	} else if err != nil {
		return err
	}
	if err := w.tx.DeleteZipJob(j.Commune); err != nil {
		return err
	}
	text := func(id string, args locales.Args) string {
		args["Unit"] = j.Unit
		return w.cat.HTML(j.Lang, id, args)
	}
	switch {
	case errors.Is(built, errZipTooBig):
		mb := strconv.FormatInt(max(1, w.zipLimit()>>20), 10)
		return w.send(j.ChatID, text("evidence_zip_too_big", locales.Args{"Max": mb}), nil)
	case built != nil:
		return w.send(j.ChatID, text("evidence_zip_failed", locales.Args{}), nil)
	case len(parts) == 0:
		return w.send(j.ChatID, text("evidence_none_kept", locales.Args{}), nil)
	}
	for i, p := range parts {
		name := "minh-chung_" + asciiName(j.Unit) + ".zip"
		caption := text("evidence_zip_caption", locales.Args{"Count": strconv.Itoa(p.files)})
		if len(parts) > 1 {
			name = fmt.Sprintf("minh-chung_%s_phan-%d-tren-%d.zip", asciiName(j.Unit), i+1, len(parts))
			caption = text("evidence_zip_part_caption", locales.Args{"Count": strconv.Itoa(p.files),
				"Step": strconv.Itoa(i + 1), "Total": strconv.Itoa(len(parts))})
		}
		err := w.enqueue(store.Outgoing{Kind: store.KindDoc, ChatID: j.ChatID, FileName: name, FilePath: p.path,
			Text: caption, Bulk: true})
		if err != nil {
			return err
		}
	}
	return nil
}

func (e *env) zipLimit() int64 {
	if e.cfg.ZipLimit > 0 {
		return e.cfg.ZipLimit
	}
	return maxChatZip
}

// zipPart is one zip built beside the database, waiting to be sent.
type zipPart struct {
	path  string
	files int
}

func removeZips(parts []zipPart) {
	for _, p := range parts {
		os.Remove(p.path)
	}
}

// buildZips writes j's files into as many zips as the upload limit needs,
// in the files folder, named by the job; on an error none is left. What a
// build of the same job cut by a crash left is overwritten or removed.
func (b *Bot) buildZips(ctx context.Context, j store.ZipJob) ([]zipPart, error) {
	dir := b.cfg.FilesDir
	stale, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("minh-chung-%d-*.zip", j.ID)))
	for _, p := range stale {
		os.Remove(p)
	}
	limit := b.zipLimit()
	groups, err := planZips(j.Files, dir, limit)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var parts []zipPart
	for i, g := range groups {
		p := zipPart{path: filepath.Join(dir, fmt.Sprintf("minh-chung-%d-%d.zip", j.ID, i+1))}
		p.files, err = writeZip(ctx, p.path, g, dir, limit)
		if err != nil {
			removeZips(append(parts, p))
			return nil, err
		}
		parts = append(parts, p)
	}
	return parts, nil
}

// writeZip writes the entries' files, read from dir, to a zip at path and
// returns how many it holds; errZipTooBig if it came out over limit.
func writeZip(ctx context.Context, path string, entries []store.ZipEntry, dir string, limit int64) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := report.WriteZip(ctxWriter{ctx, f}, entries, dir)
	if err == nil {
		var st fs.FileInfo
		if st, err = f.Stat(); err == nil && st.Size() > limit {
			err = errZipTooBig // the plan's bound failed: never send it
		}
	}
	return n, errors.Join(err, f.Close())
}

// planZips groups the entries, in order, into zips of at most limit
// bytes, by the sizes of their kept copies under dir (a missing copy is
// left out); errZipTooBig when a file fits in no zip.
func planZips(entries []store.ZipEntry, dir string, limit int64) ([][]store.ZipEntry, error) {
	var groups [][]store.ZipEntry
	var cur []store.ZipEntry
	used := int64(zipEnd)
	for _, e := range entries {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.Local)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		cost := zipCost(e.Name, st.Size())
		if zipEnd+cost > limit {
			return nil, errZipTooBig
		}
		if used+cost > limit {
			groups, cur, used = append(groups, cur), nil, zipEnd
		}
		cur, used = append(cur, e), used+cost
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups, nil
}

// zipEnd bounds a zip's end records (zip64's included); zipCost a file's
// bytes in a zip: its data, the stored blocks deflate falls back to on
// data it cannot shrink (5 bytes in 16 KiB), its two headers with the
// name, and its data descriptor.
const zipEnd = 22 + 56 + 20

func zipCost(name string, size int64) int64 {
	return size + size/1024 + 64 + 30 + 46 + 24 + 2*int64(len(name))
}

// ctxWriter stops a build when the bot stops.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
