package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/scheduler"
	"github.com/dvkbot/dvkbot/store"
)

// Main wires the program together. Tests run it on a temp database against
// the emulator: set HTTPClient and the endpoint, Run, then Close.
type Main struct {
	Config     Config
	Log        *slog.Logger
	HTTPClient *http.Client     // nil: built from the config (proxy, timeouts)
	Now        func() time.Time // the clock of store, sender and scheduler
	Limits     telegram.Limits  // the sender's pace; tests may relax it
	Flood      bot.Flood        // how fast one person may send; tests may relax it
	ZipLimit   int64            // the largest evidence zip sent in chat; 0: the bot's, under Telegram's limit
	zipStarted func(context.Context)
	// messenger, when set, stands for the edge's capabilities: tests play
	// a messenger without buttons or edits over the Telegram emulator.
	messenger *messenger.Capabilities

	store     *store.Store
	sender    *telegram.Sender
	sched     *scheduler.Scheduler
	poll      part
	send      part
	zips      part
	ctl       *control
	failed    chan error // a part that stopped for good: Wait returns it
	closeOnce sync.Once
}

// NewMain returns a Main for cfg.
func NewMain(cfg Config, log *slog.Logger) *Main {
	return &Main{Config: cfg, Log: log, Now: time.Now, Limits: telegram.DefaultLimits(), Flood: bot.DefaultFlood(),
		failed: make(chan error, 1)}
}

// Run opens the store, connects to Telegram (retrying while it is
// unreachable) and starts polling, sending and the schedule. It returns
// once everything runs; Close stops it.
func (m *Main) Run(ctx context.Context) error {
	cfg := m.Config
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: cfg.Store.LockTimeout.Duration, Now: m.Now,
		Check: cfg.Store.CheckOnStart})
	if err != nil {
		return err
	}
	m.store = st
	// The control socket answers export and backup from the store alone:
	// it starts before Telegram is reached, so that a nightly backup works
	// while Telegram is filtered or down.
	if err := m.startControl(); err != nil {
		m.Log.Warn("no control socket", slog.Any("error", err))
	}
	if err := m.bootstrap(ctx); err != nil {
		return err
	}
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	client, err := telegram.Connect(ctx, m.clientConfig(), m.Log)
	if err != nil {
		return err
	}
	m.Log.Info("connected to telegram", slog.String("bot", client.Username()), slog.String("store", cfg.Store.Path))
	sender := telegram.NewSender(st, client, m.Log, m.Now, m.Limits)
	m.sender = sender
	sender.KeepFiles(telegram.Keep{Dir: filesDir(cfg), Limit: int64(cfg.Bot.EvidenceMaxMB) << 20})
	caps := telegram.Capabilities()
	if m.messenger != nil {
		caps = *m.messenger
	}
	b := bot.New(st, cat, bot.Config{Username: client.Username(), DefaultLanguage: cfg.Bot.Language,
		Location: cfg.Location(), InviteTTL: cfg.Bot.InviteTTL.Duration, BootstrapAdmins: cfg.Bot.Admins,
		Files: client, ReminderDays: cfg.Reminders.DaysBefore, Congratulate: cfg.Bot.CongratulateGroups,
		RemindAt: cfg.RemindAt(), Flood: m.Flood, ChatBackups: cfg.Bot.ChatBackups,
		FilesDir: filesDir(cfg), Province: bot.Province{Name: cfg.Province.Name, Office: cfg.Province.Paper(),
			Admins: cfg.Province.Admins}, ZipLimit: m.ZipLimit, ZipStarted: m.zipStarted,
		Messenger: caps}, m.Log, sender.Notify)
	sender.OnRefused(b)
	if err := b.QueueMenus(ctx); err != nil {
		m.Log.Warn("command menus not queued", slog.Any("error", err))
	}
	m.send.start(m.Log, sender.Run)
	m.zips.start(m.Log, b.RunZips)
	if err := m.startScheduler(b); err != nil {
		return err
	}
	poller := &telegram.Poller{Source: client, Handler: b, Log: m.Log,
		Gather: pollGather, Behind: sender.Behind, Heard: sender.Heard, ConflictGrace: cfg.Telegram.ConflictGrace.Duration}
	m.poll.start(m.Log, func(ctx context.Context) error {
		err := poller.Run(ctx)
		if err != nil {
			m.failed <- fmt.Errorf("updates: %w", err)
		}
		return err
	})
	return nil
}

// Wait blocks until ctx ends (nil) or a part of the bot stopped for good:
// Telegram keeps refusing updates because another instance polls with the
// same token (telegram.ErrConflict). Close shuts down the rest.
func (m *Main) Wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-m.failed:
		return err
	}
}

// pollGather is how long updates may gather between two polls while
// replies wait to be sent (telegram.Poller.Gather). The sender is then
// behind by a second's worth of replies at least (telegram.Sender.Behind),
// so an update handled up to a second later is answered no later: under a
// crowd at Telegram's pace, some thirty updates share a poll and a commit
// instead of six at 200 ms. A person alone never waits for it.
const pollGather = time.Second

// bootstrap writes what the config says of the offices: the home
// commune and its admins, and the province's admins.
func (m *Main) bootstrap(ctx context.Context) error {
	cfg := m.Config
	if err := m.store.SyncHome(ctx, cfg.Office.HomeCommune()); err != nil {
		return fmt.Errorf("config [office]: %w", err)
	}
	for _, list := range []struct {
		key    string
		ids    []int64
		ensure func(context.Context, []int64) ([]store.User, error)
	}{{"[bot] admins", cfg.Bot.Admins, m.store.EnsureAdmins}, {"[province] admins", cfg.Province.Admins, m.store.EnsureProvinceAdmins}} {
		demoted, err := list.ensure(ctx, list.ids)
		if err != nil {
			return fmt.Errorf("bootstrap admins: %w", err)
		}
		for _, u := range demoted {
			m.Log.Warn("admin removed: no longer in "+list.key, slog.Int64("user_id", u.ID), slog.String("name", u.Name()))
		}
	}
	return nil
}

func (m *Main) clientConfig() telegram.ClientConfig {
	t := m.Config.Telegram
	return telegram.ClientConfig{Token: t.Token, Endpoint: t.APIEndpoint, Proxy: t.Proxy,
		PollTimeout: t.PollTimeout.Duration, HTTPClient: m.HTTPClient}
}

// startScheduler adds the jobs and catches up with today's reminders.
func (m *Main) startScheduler(b *bot.Bot) error {
	m.sched = scheduler.New(m.Config.Location(), m.Log, m.Now)
	jobs := []struct {
		name, spec string
		job        scheduler.Job
	}{
		{"prune-updates", "@hourly", scheduler.PruneUpdates(m.store, store.UpdateRetention, m.Log)},
		{"reminders", "*/5 * * * *", scheduler.Queue("reminders", b.Remind, m.Log)},
		{"digest", m.Config.Reminders.Digest, scheduler.Queue("digest", b.Digest, m.Log)},
	}
	for _, j := range jobs {
		if err := m.sched.Add(j.name, j.spec, j.job); err != nil {
			return err
		}
	}
	m.sched.Start()
	return m.sched.RunNow("reminders")
}

// part is a background loop that Close stops and waits for.
type part struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (p *part) start(log *slog.Logger, fn func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.done = cancel, make(chan struct{})
	go func() {
		defer close(p.done)
		if err := fn(ctx); err != nil {
			log.Error("stopped with error", slog.Any("error", err))
		}
	}()
}

// stop cancels the loop and waits until it has returned.
func (p *part) stop() {
	if p.cancel != nil {
		p.cancel()
		<-p.done
	}
}

// Close shuts down in order: updates, schedule, evidence zips, outbox, store. Safe to
// call more than once and after a failed Run.
func (m *Main) Close() error {
	var err error
	m.closeOnce.Do(func() { err = m.close() })
	return err
}

func (m *Main) close() error {
	var errs []error
	m.ctl.close()
	m.poll.stop()
	if m.sched != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, m.sched.Stop(ctx))
		cancel()
	}
	m.zips.stop()
	m.send.stop()
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	m.Log.Info("stopped")
	return errors.Join(errs...)
}

// idle reports whether the outbox is empty: for the demo and tests, which
// wait for the bot to finish answering.
func (m *Main) idle(ctx context.Context) bool {
	if m.sender != nil && !m.sender.Idle() {
		m.store.FlushDelivered() // a removal may wait for a write (Sender.removalWait), not a test
		return false             // a send is on the wire, or its refusal being handled
	}
	q, err := m.store.Queued(ctx, 1)
	return err == nil && len(q) == 0
}

// filesDir is the folder beside the database where evidence copies and
// files waiting to be sent are kept.
func filesDir(cfg Config) string { return cfg.Store.Path + ".files" }
