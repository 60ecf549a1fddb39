package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram"
	"github.com/dvkbot/dvkbot/bot/zalo"
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

	// ZaloLimits is the Zalo sender's pace; tests lift it.
	ZaloLimits zalo.Limits

	store     *store.Store
	sender    *telegram.Sender
	zsender   *zalo.Sender
	zclient   *zalo.Client
	zpoll     part
	zsend     part
	web       *http.Server
	webAddr   string
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
	return &Main{Config: cfg, Log: log, Now: time.Now, Limits: telegram.DefaultLimits(), ZaloLimits: zalo.DefaultLimits(), Flood: bot.DefaultFlood(),
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
	// With Zalo beside Telegram, one outbox is drained by two senders,
	// each seeing its own messenger's chats (messenger.Of).
	var outbox messenger.Outbox = st
	var shared *messenger.Shared
	if cfg.Zalo.Enabled {
		shared = messenger.Share(st)
		outbox = shared.Only(messenger.Telegram)
	}
	sender := telegram.NewSender(outbox, client, m.Log, m.Now, m.Limits)
	m.sender = sender
	sender.KeepFiles(telegram.Keep{Dir: filesDir(cfg), Limit: int64(cfg.Bot.EvidenceMaxMB) << 20})
	caps := telegram.Capabilities()
	if m.messenger != nil {
		caps = *m.messenger
	}
	var capsOf func(int64) messenger.Capabilities
	if cfg.Zalo.Enabled {
		if err := m.zaloSender(ctx, shared.Only(messenger.Zalo)); err != nil {
			return err
		}
		tg, zl := caps, zalo.Capabilities()
		capsOf = func(id int64) messenger.Capabilities {
			if messenger.Of(id) == messenger.Zalo {
				return zl
			}
			return tg
		}
	}
	b := bot.New(st, cat, bot.Config{Username: client.Username(), DefaultLanguage: cfg.Bot.Language,
		Location: cfg.Location(), InviteTTL: cfg.Bot.InviteTTL.Duration, BootstrapAdmins: cfg.Bot.Admins,
		Files: client, ReminderDays: cfg.Reminders.DaysBefore, Congratulate: cfg.Bot.CongratulateGroups,
		RemindAt: cfg.RemindAt(), Flood: m.Flood, ChatBackups: cfg.Bot.ChatBackups,
		FilesDir: filesDir(cfg), Province: bot.Province{Name: cfg.Province.Name, Office: cfg.Province.Paper(),
			Admins: cfg.Province.Admins}, ZipLimit: m.ZipLimit, ZipStarted: m.zipStarted,
		Messenger: caps, MessengerOf: capsOf}, m.Log, func() { m.notify() })
	sender.OnRefused(b)
	if err := b.QueueMenus(ctx); err != nil {
		m.Log.Warn("command menus not queued", slog.Any("error", err))
	}
	m.send.start(m.Log, sender.Run)
	m.zips.start(m.Log, b.RunZips)
	if err := m.startScheduler(b); err != nil {
		return err
	}
	var handler messenger.BatchHandler = b
	if cfg.Zalo.Enabled {
		handler = messenger.Serial(b) // two receivers, one bot
		if err := m.startZalo(ctx, b, handler); err != nil {
			return err
		}
	}
	poller := &telegram.Poller{Source: client, Handler: handler, Log: m.Log,
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
	m.zpoll.stop()
	if m.web != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, m.web.Shutdown(ctx))
		cancel()
	}
	m.zips.stop()
	m.send.stop()
	m.zsend.stop()
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	m.Log.Info("stopped")
	return errors.Join(errs...)
}

// idle reports whether the outbox is empty: for the demo and tests, which
// wait for the bot to finish answering.
func (m *Main) idle(ctx context.Context) bool {
	if m.zsender != nil && !m.zsender.Idle() {
		return false
	}
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

// notify wakes the senders after replies were queued.
func (m *Main) notify() {
	m.sender.Notify()
	if m.zsender != nil {
		m.zsender.Notify()
	}
}

// zaloSender checks Zalo's token and makes its sender over outbox (its
// share), before the bot that wakes it.
func (m *Main) zaloSender(ctx context.Context, outbox messenger.Outbox) error {
	cfg := m.Config.Zalo
	m.zclient = &zalo.Client{Endpoint: cfg.APIEndpoint, Token: cfg.Token, HTTP: m.HTTPClient}
	me, err := m.zclient.GetMe(ctx)
	if err != nil {
		return fmt.Errorf("zalo: %w", err)
	}
	m.Log.Info("connected to zalo", slog.String("bot", me.AccountName), slog.String("mode", cfg.Mode))
	m.zsender = zalo.NewSender(outbox, m.zclient, m.store, m.Log, m.Now, m.ZaloLimits)
	return nil
}

// zaloPath is where the one web server takes Zalo's webhook.
const zaloPath = "/zalo/webhook"

// startZalo runs Zalo beside Telegram: its sender over its share of the
// outbox, and its updates by webhook (production: the one net/http server
// of the binary, [http] listen, behind a TLS-terminating reverse proxy)
// or by getUpdates (development). With [http] public_url set, the webhook
// is pointed at it at start.
func (m *Main) startZalo(ctx context.Context, b *bot.Bot, h messenger.Handler) error {
	cfg, client := m.Config.Zalo, m.zclient
	m.zsender.OnRefused(b)
	m.zsend.start(m.Log, m.zsender.Run)
	if cfg.Mode == "poll" {
		p := &zalo.Poller{Client: client, Handler: h, IDs: m.store, Log: m.Log}
		m.zpoll.start(m.Log, p.Run)
		return nil
	}
	mux := http.NewServeMux()
	mux.Handle(zaloPath, &zalo.Webhook{Secret: cfg.WebhookSecret, Handler: h, IDs: m.store, Log: m.Log})
	ln, err := net.Listen("tcp", m.Config.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("http listen: %w", err)
	}
	m.webAddr = ln.Addr().String()
	m.web = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	go func() {
		if err := m.web.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("http server stopped", slog.Any("error", err))
		}
	}()
	if pub := m.Config.HTTP.PublicURL; pub != "" {
		if _, err := client.SetWebhook(ctx, strings.TrimRight(pub, "/")+zaloPath, cfg.WebhookSecret); err != nil {
			m.Log.Warn("zalo webhook not set", slog.Any("error", err))
		}
	}
	return nil
}
