package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// sendTimeout bounds one request to Telegram; an upload gets more, at
// uploadRate bytes a second.
const (
	sendTimeout = 30 * time.Second
	uploadRate  = 64 << 10
)

// An entry that fails for a passing reason is tried again, but not for
// ever, so that it stops holding back its chat. After maxAttempts tries it
// is given up once another send got through since its last try (the
// failure is its own, not Telegram's). After lastAttempts tries it is
// given up once Telegram answered anything since, a poll for updates
// included: on a quiet bot nothing else is sent. While Telegram answers
// nothing at all (an outage, the host's network down) no try counts
// against it, and only maxAge in the outbox gives it up: a long outage
// must not empty the queue of reminders. With the waits doubling from a
// second to five minutes, lastAttempts tries take about an hour.
const (
	maxAttempts  = 10
	lastAttempts = 20
	maxAge       = 24 * time.Hour
)

// deliverID reads entry e and sends it.
func (s *Sender) deliverID(ctx context.Context, e store.Queued) sendResult {
	o, err := s.outbox.Outgoing(ctx, e.ID)
	if errors.Is(err, store.ErrNotFound) {
		return sendResult{} // already gone
	}
	if err != nil {
		s.log.Error("read outbox entry", slog.Uint64("id", e.ID), slog.Any("error", err))
		return sendResult{retryAt: s.now().Add(5 * time.Second)}
	}
	return s.deliver(ctx, o)
}

// deliver sends o and records the outcome.
func (s *Sender) deliver(ctx context.Context, o store.Outgoing) sendResult {
	// Finish a request once started: cutting it would risk a duplicate.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout+time.Duration(uploadSize(o)/uploadRate)*time.Second)
	defer cancel()
	if o.Kind == store.KindFetch {
		return s.outcome(ctx, o, s.fetch(rctx, o), true)
	}
	err := s.request(rctx, o, true)
	if isParseError(err) {
		s.log.Warn("markup refused, sending as plain text", slog.Uint64("id", o.ID), slog.Any("error", err)) // a bug of ours: a template or its arguments
		err = s.request(rctx, o, false)
	}
	if o.Fallback != "" && o.FileID != "" && classify(err).kind == outcomeDrop {
		// Telegram no longer knows the file (another bot's id, a lost
		// token): send the copy the bot kept instead.
		s.log.Warn("file id refused, sending the kept copy", slog.Uint64("id", o.ID), slog.Any("error", err))
		o.FileID = ""
		err = s.request(rctx, o, true)
	}
	return s.outcome(ctx, o, err, false)
}

// outcome records what became of o after err; recorded says the store
// already removed a successful entry. A success not yet recorded is
// returned to be removed (Sender.remove).
func (s *Sender) outcome(ctx context.Context, o store.Outgoing, err error, recorded bool) sendResult {
	verdict := classify(err)
	switch verdict.kind {
	case outcomeDone:
		s.reached(o.ChatID)
		if recorded {
			forget(o)
			return sendResult{}
		}
		return sendResult{delivered: []uint64{o.ID}, file: o.FilePath}
	case outcomeDrop:
		return s.drop(ctx, o, err)
	}
	if s.hopeless(o) {
		return s.drop(ctx, o, undeliverable{attempts: o.Attempts + 1, err: err})
	}
	wait := verdict.wait
	if wait == 0 {
		wait = edge.RetryDelay(s.limits.cfg.RetryMin, o.Attempts)
	}
	if verdict.wait > 0 {
		s.mu.Lock()
		s.limits.slowDown(o.ChatID, s.now().Add(wait))
		s.mu.Unlock()
	}
	at := s.now().Add(wait)
	s.log.Info("send postponed", slog.Uint64("id", o.ID), slog.Int64("chat_id", o.ChatID), slog.Duration("wait", wait), slog.Any("error", err))
	s.record(ctx, o, s.outbox.Postpone(ctx, o.ID, at, err.Error()))
	return sendResult{retryAt: at}
}

// drop gives o up for good; when the chat itself is gone (the bot was
// blocked or removed), everything else queued for it goes too, in one
// transaction.
func (s *Sender) drop(ctx context.Context, o store.Outgoing, err error) sendResult {
	s.log.Warn("telegram refused a message", slog.Uint64("id", o.ID), slog.Int64("chat_id", o.ChatID), slog.String("kind", o.Kind), slog.Any("error", err))
	s.record(ctx, o, s.outbox.GiveUp(ctx, o.ID, err.Error()))
	forget(o)
	var res sendResult
	if o.Kind != store.KindAnswer && chatGone(err) {
		ids, derr := s.outbox.DropChat(ctx, o.ChatID, err.Error())
		s.record(ctx, o, derr)
		res.dropped = ids
		if len(ids) > 0 {
			s.log.Warn("chat unreachable: its queue dropped", slog.Int64("chat_id", o.ChatID), slog.Int("entries", len(ids)))
		}
	}
	if s.refuse != nil {
		r := refusal(err)
		if r.GaveUp && o.ToldWhenGivenUp() {
			s.mu.Lock()
			r.Again = s.gaveUp[o.ChatID]
			s.gaveUp[o.ChatID] = true
			s.mu.Unlock()
		}
		s.refuse.Refused(ctx, o, r)
	}
	return res
}

// reached notes a request to chatID that succeeded.
func (s *Sender) reached(chatID int64) {
	s.lastOK.Store(s.now().UnixNano())
	s.mu.Lock()
	delete(s.gaveUp, chatID)
	s.mu.Unlock()
}

// giveUpOverflow gives up entries over a chat's backlog cap.
func (s *Sender) giveUpOverflow(ctx context.Context) {
	s.mu.Lock()
	over := s.idx.takeOverflow()
	s.mu.Unlock()
	for _, e := range over {
		s.log.Warn("chat backlog full: message given up", slog.Uint64("id", e.ID), slog.Int64("chat_id", e.ChatID), slog.Int("cap", maxChatBacklog))
		if err := s.outbox.GiveUp(ctx, e.ID, "chat backlog full"); err != nil && ctx.Err() == nil {
			s.log.Error("update outbox", slog.Uint64("id", e.ID), slog.Any("error", err))
		}
	}
}

// undeliverable: an entry that failed for passing reasons too many times.
type undeliverable struct {
	attempts int
	err      error
}

func (e undeliverable) Error() string {
	return fmt.Sprintf("given up after %d attempts: %v", e.attempts, e.err)
}
func (e undeliverable) Unwrap() error { return e.err }

// refusal puts a final error in our own terms, for the conversation.
func refusal(err error) messenger.Refusal {
	r := messenger.Refusal{Err: err, Gone: chatGone(err)}
	var gaveUp undeliverable
	r.GaveUp = errors.As(err, &gaveUp)
	var te *tgbotapi.Error
	if !r.GaveUp && errors.As(err, &te) {
		r.Reason, r.MovedTo = te.Message, te.MigrateToChatID
	}
	return r
}

// chatGone: Telegram says the chat cannot be written to at all.
func chatGone(err error) bool {
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		return false
	}
	return te.Code == 403 || strings.HasPrefix(te.Message, "Forbidden") || strings.Contains(te.Message, "chat not found")
}

func (s *Sender) record(ctx context.Context, o store.Outgoing, err error) {
	if err != nil && ctx.Err() == nil {
		s.log.Error("update outbox", slog.Uint64("id", o.ID), slog.Any("error", err))
	}
}

// request turns o into the library's request and sends it.
func (s *Sender) request(ctx context.Context, o store.Outgoing, asHTML bool) error {
	text, mode := o.Text, tgbotapi.ModeHTML
	if !asHTML {
		text, mode = edge.PlainText(o.Text), ""
	}
	switch o.Kind {
	case store.KindMessage:
		m := tgbotapi.NewMessage(o.ChatID, text)
		m.ParseMode, m.DisableWebPagePreview = mode, true
		if len(o.Buttons) > 0 {
			m.ReplyMarkup = keyboard(o.Buttons)
		}
		return s.api.Request(ctx, m)
	case store.KindEdit:
		m := tgbotapi.NewEditMessageText(o.ChatID, o.MessageID, text)
		m.ParseMode, m.DisableWebPagePreview = mode, true
		if len(o.Buttons) > 0 {
			kb := keyboard(o.Buttons)
			m.ReplyMarkup = &kb
		}
		return s.api.Request(ctx, m)
	case store.KindAnswer:
		return s.api.Request(ctx, tgbotapi.CallbackConfig{CallbackQueryID: o.CallbackID, Text: text, ShowAlert: o.Alert})
	case store.KindMenu:
		return s.api.Request(ctx, menuRequest(o))
	case store.KindPhoto:
		file, closeFile, err := fileOf(o)
		if err != nil {
			return err
		}
		defer closeFile()
		m := tgbotapi.NewPhoto(o.ChatID, file)
		m.Caption, m.ParseMode = text, mode
		return s.api.Request(ctx, m)
	case store.KindDoc:
		file, closeFile, err := fileOf(o)
		if err != nil {
			return err
		}
		defer closeFile()
		m := tgbotapi.NewDocument(o.ChatID, file)
		m.Caption, m.ParseMode = text, mode
		return s.api.Request(ctx, m)
	}
	return permanentError{fmt.Sprintf("unknown outbox kind %q", o.Kind)}
}

func keyboard(rows [][]store.Button) tgbotapi.InlineKeyboardMarkup {
	out := make([][]tgbotapi.InlineKeyboardButton, len(rows))
	for i, row := range rows {
		for _, b := range row {
			if b.URL != "" {
				out[i] = append(out[i], tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			} else {
				out[i] = append(out[i], tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
	}
	return tgbotapi.NewInlineKeyboardMarkup(out...)
}

type outcome int

const (
	outcomeDone  outcome = iota // sent, or nothing left to do
	outcomeRetry                // a passing failure: try again later
	outcomeDrop                 // refused for good: keep the reason, stop trying
)

type verdict struct {
	kind outcome
	wait time.Duration // for outcomeRetry: Telegram's retry_after, if it said
}

type permanentError struct{ msg string }

func (e permanentError) Error() string { return e.msg }

// classify decides what an error from Telegram means for the outbox.
func classify(err error) verdict {
	var te *tgbotapi.Error
	var pe permanentError
	switch {
	case err == nil:
		return verdict{kind: outcomeDone}
	case errors.As(err, &pe):
		return verdict{kind: outcomeDrop}
	case !errors.As(err, &te):
		return verdict{kind: outcomeRetry} // network, timeout, a proxy's HTML page
	case te.RetryAfter > 0:
		return verdict{kind: outcomeRetry, wait: time.Duration(te.RetryAfter) * time.Second}
	case strings.Contains(te.Message, "message is not modified"):
		return verdict{kind: outcomeDone}
	case refused(te):
		return verdict{kind: outcomeDrop}
	}
	return verdict{kind: outcomeRetry}
}

// refused: 400, 403 and 404 are final. tgbotapi leaves Code at 0 for
// uploads, so the description's prefix is checked too.
func refused(te *tgbotapi.Error) bool {
	switch te.Code {
	case 400, 403, 404:
		return true
	}
	return strings.HasPrefix(te.Message, "Bad Request") || strings.HasPrefix(te.Message, "Forbidden")
}

func isParseError(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && strings.Contains(te.Message, "can't parse entities")
}

// fileOf is the photo or document to send: a file or bytes the bot made, or one
// Telegram keeps. The returned func closes an opened file.
func fileOf(o store.Outgoing) (tgbotapi.RequestFileData, func(), error) {
	switch {
	case o.FilePath != "":
		f, err := os.Open(o.FilePath)
		if err != nil {
			return nil, nil, permanentError{fmt.Sprintf("file to send: %v", err)}
		}
		return tgbotapi.FileReader{Name: o.FileName, Reader: f}, func() { f.Close() }, nil
	case o.Data != nil:
		return tgbotapi.FileBytes{Name: o.FileName, Bytes: o.Data}, func() {}, nil
	case o.FileID == "" && o.Fallback != "":
		f, err := os.Open(o.Fallback)
		if err != nil {
			return nil, nil, permanentError{fmt.Sprintf("kept copy: %v", err)}
		}
		return tgbotapi.FileReader{Name: filepath.Base(o.Fallback), Reader: f}, func() { f.Close() }, nil
	}
	return tgbotapi.FileID(o.FileID), func() {}, nil
}

// uploadSize is how many bytes o uploads.
func uploadSize(o store.Outgoing) int64 {
	if o.FilePath != "" {
		if st, err := os.Stat(o.FilePath); err == nil {
			return st.Size()
		}
	}
	return int64(len(o.Data))
}

// forget removes a file that waited to be sent, once it is sent or given
// up.
func forget(o store.Outgoing) {
	if o.FilePath != "" {
		os.Remove(o.FilePath)
	}
}

// hopeless: o, which just failed for a passing reason, is not tried again.
func (s *Sender) hopeless(o store.Outgoing) bool {
	tries := o.Attempts + 1
	switch {
	case s.now().Sub(o.CreatedAt) > maxAge:
		return true
	case tries >= lastAttempts && s.heardSince(o.TriedAt):
		return true
	}
	return tries >= maxAttempts && s.othersGotThrough(o.TriedAt)
}

// Heard notes that Telegram answered the bot (a poll for updates came
// back): it is up, whatever this chat's entry meets.
func (s *Sender) Heard() { s.lastHeard.Store(s.now().UnixNano()) }

// heardSince: Telegram answered a send after since, or a poll lately
// (polls come back every few seconds while it is up).
func (s *Sender) heardSince(since time.Time) bool {
	ns := s.lastHeard.Load()
	polled := time.Unix(0, ns)
	return s.othersGotThrough(since) || ns != 0 && s.now().Sub(polled) < heardLately && !polled.After(s.now())
}

// heardLately: a poll that came back this recently shows Telegram is up.
const heardLately = 10 * time.Minute

// othersGotThrough: some request succeeded after since (the entry's last
// failed try), so the failure is the entry's own, not Telegram's. A
// success later than now (the clock was set back) proves nothing.
func (s *Sender) othersGotThrough(since time.Time) bool {
	ok := s.lastOK.Load()
	at := time.Unix(0, ok)
	return ok != 0 && at.After(since) && !at.After(s.now())
}

// menuRequest is the setMyCommands of a KindMenu entry.
func menuRequest(o store.Outgoing) tgbotapi.SetMyCommandsConfig {
	var scope tgbotapi.BotCommandScope
	switch o.Scope {
	case store.MenuGroups:
		scope = tgbotapi.NewBotCommandScopeAllGroupChats()
	case store.MenuChat:
		scope = tgbotapi.NewBotCommandScopeChat(o.ChatID)
	default:
		scope = tgbotapi.NewBotCommandScopeAllPrivateChats()
	}
	list := make([]tgbotapi.BotCommand, len(o.Commands))
	for i, c := range o.Commands {
		list[i] = tgbotapi.BotCommand{Command: c.Name, Description: c.Desc}
	}
	return tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, o.Lang, list...)
}
