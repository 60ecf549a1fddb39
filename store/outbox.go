package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Kinds of outgoing requests.
const (
	KindMessage = "message" // sendMessage
	KindEdit    = "edit"    // editMessageText (with its keyboard)
	KindAnswer  = "answer"  // answerCallbackQuery
	KindPhoto   = "photo"   // sendPhoto of a file Telegram already has
	KindDoc     = "doc"     // sendDocument of a file Telegram already has
	KindFetch   = "fetch"   // download an evidence file to keep a copy (not a send)
	KindMenu    = "menu"    // setMyCommands: a command menu for a scope and language
)

// Menu scopes of KindMenu.
const (
	MenuPrivate = "all_private_chats"
	MenuGroups  = "all_group_chats"
	MenuChat    = "chat" // one person's private chat: ChatID
)

// Command is one entry of a command menu.
type Command struct {
	Name string `json:"name"`
	Desc string `json:"desc"`
}

// Button is one inline keyboard button: Data for a callback, or URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Outgoing is one request to Telegram waiting in the outbox. It is written
// in the same transaction as the change that caused it, and deleted only
// after Telegram accepted it, so a crash neither loses nor (outside the
// moment between Telegram's answer and the delete) repeats it.
type Outgoing struct {
	ID         uint64     `json:"id"`
	Kind       string     `json:"kind"`
	ChatID     int64      `json:"chat_id,omitempty"`
	MessageID  int        `json:"message_id,omitempty"` // KindEdit: the message to edit
	Text       string     `json:"text,omitempty"`       // HTML, user strings escaped
	Buttons    [][]Button `json:"buttons,omitempty"`
	FileID     string     `json:"file_id,omitempty"`   // KindPhoto, KindDoc; Text is the caption
	FileName   string     `json:"file_name,omitempty"` // KindDoc with Data or FilePath: a file the bot made
	Data       []byte     `json:"data,omitempty"`
	FilePath   string     `json:"file_path,omitempty"`   // KindDoc: a file on disk, removed once sent or given up
	CallbackID string     `json:"callback_id,omitempty"` // KindAnswer
	Alert      bool       `json:"alert,omitempty"`       // KindAnswer: a pop-up instead of a toast
	Quiet      bool       `json:"quiet,omitempty"`       // if it is given up, nobody is told
	Bulk       bool       `json:"bulk,omitempty"`        // not an answer to what a person just did: after replies
	Fallback   string     `json:"fallback,omitempty"`    // KindPhoto, KindDoc: a local copy, if FileID no longer works
	RegID      uint64     `json:"reg_id,omitempty"`      // KindFetch: the registration the evidence belongs to
	Target     string     `json:"target,omitempty"`      // KindFetch: where the copy goes, under the files folder
	Scope      string     `json:"scope,omitempty"`       // KindMenu: MenuPrivate, MenuGroups or MenuChat
	Lang       string     `json:"lang,omitempty"`        // KindMenu: the app language it is for ("" = any)
	Commands   []Command  `json:"commands,omitempty"`    // KindMenu
	// Batch: messages of one batch waiting together for a chat may go out
	// as one message (notices to an admin in a burst); Tag names the
	// entry's buttons there ("DVK-2024-001 · ✅ Tiếp nhận").
	Batch     string    `json:"batch,omitempty"`
	Tag       string    `json:"tag,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	NotBefore time.Time `json:"not_before,omitempty"`
	Attempts  int       `json:"attempts,omitempty"`
	TriedAt   time.Time `json:"tried_at,omitempty"` // the last failed try
	LastError string    `json:"last_error,omitempty"`
}

// Queued is what the sender keeps in memory of an outbox entry: enough to
// schedule it, not its text or file.
type Queued struct {
	ID        uint64
	Kind      string
	ChatID    int64
	NotBefore time.Time
	Bulk      bool
	Batch     string
	Chars     int // the text's length in characters: what a batch may take is known without reading it
}

func (o Outgoing) queued() Queued {
	return Queued{ID: o.ID, Kind: o.Kind, ChatID: o.ChatID, NotBefore: o.NotBefore, Bulk: o.Bulk, Batch: o.Batch,
		Chars: utf8.RuneCountInString(o.Text)}
}

// OnQueue sets fn to be told, after each commit, of the entries that
// transaction queued: the sender learns of new work without rescanning the
// outbox. Set it before the store is used by others.
func (s *Store) OnQueue(fn func([]Queued)) { s.onQueue = fn }

// Enqueue adds o to the outbox and returns its id.
func (t *Tx) Enqueue(o Outgoing) (uint64, error) {
	b := t.tx.Bucket(bucketOutbox)
	id, err := b.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("outbox sequence: %w", err)
	}
	o.ID, o.CreatedAt = id, t.now
	if err := putJSON(b, itob(id), o); err != nil {
		return 0, err
	}
	if t.onQueue != nil {
		if len(t.queued) == 0 {
			t.tx.OnCommit(func() { t.onQueue(t.queued) })
		}
		t.queued = append(t.queued, o.queued())
	}
	return id, nil
}

// Queued returns up to limit outbox entries, oldest first.
func (s *Store) Queued(ctx context.Context, limit int) ([]Outgoing, error) {
	var out []Outgoing
	err := s.View(ctx, func(t *Tx) error {
		var err error
		out, err = listJSON[Outgoing](t.tx.Bucket(bucketOutbox), limit)
		return err
	})
	return out, err
}

// QueueIndex reads what the sender keeps of every queued entry, oldest
// first: once, at start.
func (s *Store) QueueIndex(ctx context.Context) ([]Queued, error) {
	var out []Queued
	err := s.View(ctx, func(t *Tx) error {
		return t.tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var o Outgoing
			if err := decodeJSON(k, v, &o); err != nil {
				return err
			}
			out = append(out, o.queued())
			return nil
		})
	})
	return out, err
}

// ToldWhenGivenUp reports whether the office hears of o when it is given
// up: a button's answer, a command menu, an evidence download and a quiet
// entry matter to nobody. The sender and the conversation ask this one
// rule, so a chat is counted as told only for what was told.
func (o Outgoing) ToldWhenGivenUp() bool {
	return !o.Quiet && o.Kind != KindAnswer && o.Kind != KindMenu && o.Kind != KindFetch
}

// Outgoing reads one queued entry; ErrNotFound once it is gone.
func (s *Store) Outgoing(ctx context.Context, id uint64) (Outgoing, error) {
	var o Outgoing
	err := s.View(ctx, func(t *Tx) error { return getJSON(t.tx.Bucket(bucketOutbox), itob(id), &o) })
	return o, err
}

// DropChat moves every entry still queued for chatID to the failed list
// with reason, in one transaction, and returns their ids: a chat that shut
// the bot out gets nothing more.
func (s *Store) DropChat(ctx context.Context, chatID int64, reason string) ([]uint64, error) {
	var ids []uint64
	err := s.Update(ctx, func(t *Tx) error {
		b := t.tx.Bucket(bucketOutbox)
		var drop []Outgoing
		err := b.ForEach(func(k, v []byte) error {
			var o Outgoing
			if err := decodeJSON(k, v, &o); err != nil {
				return err
			}
			if o.ChatID == chatID && o.Kind != KindAnswer {
				drop = append(drop, o)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, o := range drop {
			o.LastError = reason
			if err := t.fail(o); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	return ids, err
}

// fail moves o to the failed list. The file it waited to send (a
// workbook, a zip's part, a copy) is removed once that commits: a failed
// entry is never sent again, and a chat's whole queue dropped at once must
// not leave its files beside the database.
func (t *Tx) fail(o Outgoing) error {
	if err := putJSON(t.tx.Bucket(bucketOutboxFailed), itob(o.ID), o); err != nil {
		return err
	}
	if path := o.FilePath; path != "" {
		t.OnCommit(func() { os.Remove(path) })
	}
	return t.tx.Bucket(bucketOutbox).Delete(itob(o.ID))
}

// Postpone keeps the entry for a later try no earlier than notBefore.
func (s *Store) Postpone(ctx context.Context, id uint64, notBefore time.Time, reason string) error {
	return s.Update(ctx, func(t *Tx) error {
		b := t.tx.Bucket(bucketOutbox)
		var o Outgoing
		if err := getJSON(b, itob(id), &o); err != nil {
			return fmt.Errorf("postpone outbox %d: %w", id, err)
		}
		o.Attempts++
		o.NotBefore, o.LastError, o.TriedAt = notBefore, reason, t.now
		return putJSON(b, itob(id), o)
	})
}

// GiveUp moves the entry to the failed list with the reason.
func (s *Store) GiveUp(ctx context.Context, id uint64, reason string) error {
	return s.Update(ctx, func(t *Tx) error {
		b := t.tx.Bucket(bucketOutbox)
		var o Outgoing
		if err := getJSON(b, itob(id), &o); err != nil {
			return fmt.Errorf("give up outbox %d: %w", id, err)
		}
		o.Attempts++
		o.LastError = reason
		return t.fail(o)
	})
}

// FailedSends returns up to limit entries Telegram refused for good.
func (s *Store) FailedSends(ctx context.Context, limit int) ([]Outgoing, error) {
	var out []Outgoing
	err := s.View(ctx, func(t *Tx) error {
		var err error
		out, err = listJSON[Outgoing](t.tx.Bucket(bucketOutboxFailed), limit)
		return err
	})
	return out, err
}

func listJSON[T any](b *bolt.Bucket, limit int) ([]T, error) {
	var out []T
	c := b.Cursor()
	for k, buf := c.First(); k != nil && len(out) < limit; k, buf = c.Next() {
		var v T
		if err := decodeJSON(k, buf, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// OutboxCounts is how many entries wait to be sent and how many were
// given up.
func (s *Store) OutboxCounts(ctx context.Context) (queued, failed int, err error) {
	err = s.View(ctx, func(t *Tx) error {
		queued = t.tx.Bucket(bucketOutbox).Stats().KeyN
		failed = t.tx.Bucket(bucketOutboxFailed).Stats().KeyN
		return nil
	})
	return queued, failed, err
}

// EvidenceFetched records the downloaded copy of an evidence file on its
// registration and removes the fetch entry, in one transaction. An
// evidence no longer on the registration (the report changed) is left
// alone.
func (s *Store) EvidenceFetched(ctx context.Context, outboxID, regID uint64, fileID, local, sum string, size int64) error {
	return s.Update(ctx, func(t *Tx) error {
		if err := t.setEvidenceCopy(regID, fileID, local, sum, size); err != nil {
			return err
		}
		return t.tx.Bucket(bucketOutbox).Delete(itob(outboxID))
	})
}

func (t *Tx) setEvidenceCopy(regID uint64, fileID, local, sum string, size int64) error {
	b := t.tx.Bucket(bucketRegistrations)
	var r Registration
	if err := getJSON(b, itob(regID), &r); err != nil || r.Results == nil {
		return nil // gone: nothing to record
	}
	for i, e := range r.Results.Evidence {
		if e.FileID == fileID {
			e.Local, e.SHA256, e.Stored = local, sum, size
			r.Results.Evidence[i] = e
		}
	}
	return putJSON(b, itob(regID), r)
}

// MenuChanged records menu as what scope (and chat) in lang shows, and
// reports whether it differs from what was published before: a restart,
// or a role that did not change, publishes nothing again.
func (t *Tx) MenuChanged(scope string, chatID int64, lang string, menu []Command) (bool, error) {
	b := t.tx.Bucket(bucketMenus)
	key := []byte(fmt.Sprintf("%s/%d/%s", scope, chatID, lang))
	var buf bytes.Buffer
	for _, c := range menu {
		buf.WriteString(c.Name + "\x00" + c.Desc + "\x00")
	}
	sum := sha256.Sum256(buf.Bytes())
	if bytes.Equal(b.Get(key), sum[:]) {
		return false, nil
	}
	return true, b.Put(key, sum[:])
}
