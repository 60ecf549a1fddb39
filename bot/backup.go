package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// maxChatBackup is the largest copy sent in chat: bots upload up to 50 MB.
const maxChatBackup = 45 << 20

// backupPendingFor is how long a copy on its way blocks the next one.
const backupPendingFor = time.Hour

// backup is /backup: a copy of the records as a document, when the office
// enabled it ([bot] chat_backups). The copy leaves out what waits to be
// sent, so copies never nest, and it waits in a file, not in the outbox
// record; an admin has at most one copy on its way. Where the bot serves
// several communes the copy holds them all: only the province's office
// (an unscoped request) gets it.
func (r *request) backup() error {
	if !r.cfg.ChatBackups {
		return r.reply(r.t("backup_disabled", nil), nil)
	}
	if r.commune() != 0 && r.province() {
		return r.reply(r.t("backup_other_communes", nil), nil) // the copy is every commune's
	}
	path := filepath.Join(r.cfg.FilesDir, fmt.Sprintf("backup-%d.db", r.u.Chat.ID))
	if st, err := os.Stat(path); err == nil && r.tx.Now().Sub(st.ModTime()) < backupPendingFor {
		return r.reply(r.t("backup_pending", nil), nil)
	}
	if err := os.MkdirAll(r.cfg.FilesDir, 0o700); err != nil {
		return err
	}
	os.Remove(path) // a stale copy that was never sent
	n, err := r.tx.CopyRecords(path)
	r.tx.OnUndo(func() { os.Remove(path) }) // not sent: no copy on its way
	if err != nil {
		return err
	}
	if n > maxChatBackup {
		os.Remove(path)
		return r.reply(r.t("backup_too_big", nil), nil)
	}
	if err := r.tx.Audit(r.user.ID, "backup.chat", ""); err != nil {
		return err
	}
	name := "dvkbot-" + r.tx.Now().In(r.cfg.Location).Format("2006-01-02-1504") + ".db"
	err = r.enqueue(store.Outgoing{Kind: store.KindDoc, ChatID: r.u.Chat.ID, FileName: name, FilePath: path,
		Text: r.t("backup_caption", locales.Args{"Date": r.dateTime(r.tx.Now())})})
	return err
}
