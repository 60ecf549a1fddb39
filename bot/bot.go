// Package bot is the conversation of dvkbot: the router, the one form
// engine and the features. It turns each update (messenger.Update) into
// changes of the store and replies queued in the outbox, in one
// transaction. It knows no messenger: bot/telegram brings the updates in
// and drains the outbox (see package messenger).
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/dvkbot/dvkbot/bot/edge"
	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/unitfile"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Store is what the bot needs of the store.
type Store interface {
	HandleUpdate(ctx context.Context, updateID int, fn func(*store.Tx) error) (bool, error)
	HandleUpdates(ctx context.Context, ids []int, fn func(int, *store.Tx) error) (bool, error)
	Update(ctx context.Context, fn func(*store.Tx) error) error
	View(ctx context.Context, fn func(*store.Tx) error) error
	BeginAttempt(ctx context.Context, updateID int) (bool, error)
}

// Config is the part of the configuration the bot reads.
type Config struct {
	Username        string // the bot's @username, for mentions and links
	DefaultLanguage string
	Location        *time.Location  // dates are shown in this zone
	InviteTTL       time.Duration   // how long an invite link works
	BootstrapAdmins []int64         // admins from the config file: not removable in the bot
	Files           messenger.Files // nil: documents are not downloaded
	ReminderDays    []int           // a new campaign's reminders: days before each deadline
	Congratulate    bool            // post a congratulation to a unit's group for a recognised model
	RemindAt        [2]int          // hour and minute of reminders, local time
	Flood           Flood           // how fast one person may send; zero: DefaultFlood
	ChatBackups     bool            // admins may get a copy of the database with /backup
	FilesDir        string          // where files the bot made wait to be sent
	Province        Province        // the province's office, when one bot serves its communes
	// ZipLimit is the largest evidence zip sent in chat; 0: maxChatZip,
	// under Telegram's 50 MB upload limit.
	ZipLimit int64
	// ZipStarted, when set, is called as an evidence zip's build starts,
	// outside any transaction: tests hold the build there.
	ZipStarted func(context.Context)
	// Messenger is what the messenger can show; every message is
	// rendered from it (numbered.go). Zero: everything, with texts of
	// Telegram's 4096 UTF-16 units.
	Messenger messenger.Capabilities
	// MessengerOf, when set, is the capabilities of the messenger of a
	// chat (by its id's range: messenger.Of), so that one bot serves
	// Telegram and Zalo at once; Messenger is then for Telegram's chats.
	MessengerOf func(chatID int64) messenger.Capabilities
}

// everything is what a zero Config.Messenger stands for.
var everything = messenger.Capabilities{Buttons: true, Edits: true, Documents: true, Commands: true,
	TextLimit: 4096, Units: messenger.UTF16}

// Province is the province's office: its name and paper, and the admins
// the config names (not removable in the bot). Each commune's paper is
// the commune's, in the store.
type Province struct {
	Name   string
	Office store.Office
	Admins []int64
}

// Bot handles updates. It is not safe for concurrent Handle calls: the
// poller hands it one update at a time, in order.
type Bot struct {
	*env
	store Store
	log   *slog.Logger
	wake  func()
	flood *floodGuard
	// groupFlood paces each group chat as a whole.
	groupFlood *floodGuard
}

// New makes a bot. wake is called after replies were queued (the outbox
// sender's Notify).
func New(st Store, cat *locales.Catalog, cfg Config, log *slog.Logger, wake func()) *Bot {
	if cfg.DefaultLanguage == "" || !cat.Supported(cfg.DefaultLanguage) {
		cfg.DefaultLanguage = locales.Default
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.RemindAt == [2]int{} {
		cfg.RemindAt = [2]int{8, 0}
	}
	if len(cfg.ReminderDays) == 0 {
		cfg.ReminderDays = []int{7, 3, 1, 0}
	}
	if cfg.InviteTTL <= 0 {
		cfg.InviteTTL = 7 * 24 * time.Hour
	}
	if cfg.Messenger == (messenger.Capabilities{}) {
		cfg.Messenger = everything
	}
	numbered := cat.Preferring(locales.Numbered) // "reply with a number", not "press a button"
	if !cfg.Messenger.Buttons {
		cat = numbered
	}
	b := &Bot{env: &env{cat: cat, cfg: cfg, cmds: commandTable(), forms: map[string]*formDef{}, zips: make(chan struct{}, 1)},
		store: st, log: log, wake: wake}
	if cfg.Flood.Burst == 0 {
		b.cfg.Flood = DefaultFlood()
	}
	b.flood = newFloodGuard(b.cfg.Flood, time.Now)
	b.groupFlood = newFloodGuard(b.cfg.Flood.group(), time.Now)
	for _, f := range allForms() {
		b.forms[f.Name] = f
	}
	// A request from a chat without buttons reads the numbered wording;
	// the rest of env is the same.
	plain := *b.env
	plain.cat = numbered
	b.env.plain, plain.plain = &plain, &plain
	return b
}

// Handle handles one update exactly once. Its effects and its replies are
// committed in one transaction with the update id. An update that fails
// (a bug) is recorded with an apology instead, so that it is not retried
// forever; only a failure to write at all is returned, to be retried.
func (b *Bot) Handle(ctx context.Context, mu messenger.Update) error {
	u := update{Update: mu}
	if ignored(u) {
		return nil
	}
	if ok, warn := b.admit(u); !ok {
		return b.slowDown(ctx, u, warn)
	}
	if err := b.fetch(ctx, &u); err != nil {
		return err // network: the poller retries this update
	}
	return b.run(ctx, u)
}

// admit is the flood guards' word on u: false to drop it, with warn for
// the first of a person's flood.
func (b *Bot) admit(u update) (ok, warn bool) {
	ok, warn = b.flood.check(u.From.ID)
	if !ok {
		return false, warn
	}
	if groupPaced(u) {
		if ok, _ := b.groupFlood.check(u.Chat.ID); !ok {
			return false, false // dropped quietly: the group is asking too fast
		}
	}
	return true, false
}

// run routes u in its own transaction, or records an apology for it.
func (b *Bot) run(ctx context.Context, u update) error {
	ran, err := b.store.HandleUpdate(ctx, u.ID, func(tx *store.Tx) error {
		if u.attempted {
			if err := tx.EndAttempt(u.ID); err != nil {
				return err
			}
		}
		return b.safeRoute(newRequest(b.env, tx, u))
	})
	if err != nil && ctx.Err() == nil {
		b.log.Error("update failed", slog.Int("update_id", u.ID), slog.String("kind", u.Kind), slog.Any("error", err))
		ran, err = b.store.HandleUpdate(ctx, u.ID, func(tx *store.Tx) error {
			if u.attempted {
				if err := tx.EndAttempt(u.ID); err != nil {
					return err
				}
			}
			return newRequest(b.env, tx, u).apologize()
		})
	}
	if ran {
		b.wake()
	}
	return err
}

// ignored updates never touch the store: other bots, channels, and kinds we
// do not handle.
func ignored(u update) bool {
	return u.Kind == messenger.KindOther || u.FromBot || u.From.ID == 0 || u.Chat.Type == "channel"
}

func (b *Bot) safeRoute(r *request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	if err := b.route(r); err != nil {
		return err
	}
	return r.failed
}

func (b *Bot) route(r *request) error {
	if err := r.load(); err != nil {
		return err
	}
	switch r.u.Kind {
	case messenger.KindMessage:
		if chose, err := b.onTypedChoice(r); chose || err != nil {
			return err
		}
		return b.onMessage(r)
	case messenger.KindCallback:
		return b.onCallback(r)
	case messenger.KindMember:
		return b.onMember(r)
	}
	return nil
}

var errStale = form.ErrStale // one sentinel: the form engine's presses are refused as any other

// fetch reads an admin's unit file before the update's transaction: no
// network call and no parsing happens while the database is locked. What
// goes wrong is decided here and answered inside the update; only a
// cancelled context or a store that cannot write is returned, so that no
// file can stop the poller.
func (b *Bot) fetch(ctx context.Context, u *update) error {
	if !b.importing(*u) {
		return nil
	}
	admin, province := false, false
	err := b.store.View(ctx, func(tx *store.Tx) error {
		usr, err := tx.User(u.From.ID)
		admin, province = err == nil && usr.Admin, err == nil && usr.Admin && usr.Province
		return nil
	})
	if err != nil || !admin {
		return err
	}
	data, err := b.download(ctx, u.File.ID)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, messenger.ErrFileTooLarge):
		u.ImportError = "import_bad_file"
		return nil
	case err != nil:
		b.log.Warn("unit file not downloaded", slog.Int("update_id", u.ID), slog.Any("error", err))
		u.ImportError = "import_download_failed"
		return nil
	}
	return b.parseImport(ctx, u, data, province)
}

// importing reports whether u carries a file to read before its
// transaction (see fetch).
func (b *Bot) importing(u update) bool {
	return b.cfg.Files != nil && u.Media == "document" && u.Chat.Private() && importable(u.File)
}

// download fetches a file, trying a passing failure again a few times.
func (b *Bot) download(ctx context.Context, fileID string) ([]byte, error) {
	var err error
	for i, wait := range []time.Duration{0, 300 * time.Millisecond, time.Second} {
		if i > 0 && !edge.Sleep(ctx, wait) {
			return nil, ctx.Err()
		}
		var data []byte
		data, err = b.cfg.Files.Download(ctx, fileID, maxImportFile)
		if err == nil || errors.Is(err, messenger.ErrFileTooLarge) {
			return data, err
		}
	}
	return nil, err
}

// parseImport reads the rows behind an attempt marker: if reading a file
// ever kills the process, the next delivery of the same update finds the
// marker and gets an apology instead of the same crash, for ever.
func (b *Bot) parseImport(ctx context.Context, u *update, data []byte, province bool) error {
	first, err := b.store.BeginAttempt(ctx, u.ID)
	if err != nil {
		return err
	}
	u.attempted = true
	if !first {
		b.log.Error("unit file crashed an earlier try; not read again", slog.Int("update_id", u.ID), slog.String("file", u.File.Name))
		u.ImportError = "import_crashed"
		return nil
	}
	if testHookParse != nil {
		testHookParse(u)
	}
	if province { // the province's office sends communes, not units
		u.Communes, err = unitfile.ParseCommunes(u.File.Name, data)
	} else {
		u.Import, err = unitfile.Parse(u.File.Name, data)
	}
	switch {
	case errors.Is(err, unitfile.ErrTooLarge):
		u.ImportError = "import_too_large"
	case err != nil || len(data) == 0:
		u.ImportError = "import_bad_file"
	}
	return nil
}

// testHookParse, set by tests, runs just before a unit file is parsed.
var testHookParse func(*update)

// slowDown records a flooder's update as handled without acting on it; the
// first one of a flood gets a polite "slow down" in a private chat.
func (b *Bot) slowDown(ctx context.Context, u update, warn bool) error {
	ran, err := b.store.HandleUpdate(ctx, u.ID, func(tx *store.Tx) error { return b.slowDownIn(tx, u, warn) })
	if ran {
		b.wake()
	}
	return err
}

// slowDownIn is slowDown inside a transaction: a poll's group shares it.
func (b *Bot) slowDownIn(tx *store.Tx, u update, warn bool) error {
	r := newRequest(b.env, tx, u)
	if err := r.load(); err != nil {
		return err
	}
	if err := r.answer(r.cat.Text(r.lang, "flood_slow_down", nil), false); err != nil || !warn || !u.Chat.Private() {
		return err
	}
	return r.reply(r.t("flood_slow_down", nil), nil)
}
