package bot

import (
	"bytes"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// maxChatBackup is the largest copy sent in chat: bots upload up to 50 MB.
const maxChatBackup = 45 << 20

// backup is /backup: a copy of the database as a document, when the
// office enabled it ([bot] chat_backups).
func (r *request) backup() error {
	if !r.cfg.ChatBackups {
		return r.reply(r.t("backup_disabled", nil), nil)
	}
	var buf bytes.Buffer
	if _, err := r.tx.Snapshot(&buf); err != nil {
		return err
	}
	if buf.Len() > maxChatBackup {
		return r.reply(r.t("backup_too_big", nil), nil)
	}
	if err := r.tx.Audit(r.user.ID, "backup.chat", ""); err != nil {
		return err
	}
	name := "dvkbot-" + r.tx.Now().In(r.cfg.Location).Format("2006-01-02-1504") + ".db"
	_, err := r.tx.Enqueue(store.Outgoing{Kind: store.KindDoc, ChatID: r.u.Chat.ID, FileName: name, Data: buf.Bytes(),
		Text: r.t("backup_caption", locales.Args{"Date": r.dateTime(r.tx.Now())})})
	return err
}
