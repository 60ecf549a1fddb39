package bot

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// benchBot is a bot on a real bbolt file in a temp dir; nothing is sent.
func benchBot(b testing.TB) (*Bot, *store.Store) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	cat, err := locales.Load()
	if err != nil {
		b.Fatal(err)
	}
	// No flood limit: the benchmarks and the fuzz target send as fast as they can.
	cfg := Config{Username: "dvk_test_bot", Location: time.UTC, Flood: Flood{Burst: 1 << 30, Rate: rate.Inf}}
	return New(st, cat, cfg, quiet, func() {}), st
}

// BenchmarkHandleStart is one /start: dedupe, user record, menu reply
// queued, committed (with fsync) in one bbolt transaction.
func BenchmarkHandleStart(b *testing.B) {
	bot, _ := benchBot(b)
	ctx := context.Background()
	id := 0
	for b.Loop() {
		id++
		u := messenger.Update{ID: id, Kind: messenger.KindMessage, From: store.Profile{ID: int64(id%500 + 1), FirstName: "Lan"},
			Chat: messenger.Chat{ID: int64(id%500 + 1), Type: "private"}, Text: "/start", Command: "start"}
		if err := bot.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandleDuplicate is a re-delivered update: found handled, skipped.
func BenchmarkHandleDuplicate(b *testing.B) {
	bot, _ := benchBot(b)
	ctx := context.Background()
	u := messenger.Update{ID: 1, Kind: messenger.KindMessage, From: store.Profile{ID: 7, FirstName: "Lan"},
		Chat: messenger.Chat{ID: 7, Type: "private"}, Text: "/help", Command: "help"}
	bot.Handle(ctx, u)
	for b.Loop() {
		if err := bot.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
}

// secretary is the unit's secretary of the form benchmarks, and office
// the office's admin who is sent a notice of each registration.
const (
	secretary = 77
	office    = 1
)

// registrar is a secretary filling forms through Handle, one update a
// step, who reads what the bot queued in reply as Telegram would show
// it: the bot's last message to the chat, with its buttons.
type registrar struct {
	b    *testing.B
	bot  *Bot
	st   *store.Store
	id   int               // the last update id
	last chan store.Queued // what the bot queued last, for the secretary's chat
}

func newRegistrar(b *testing.B) *registrar {
	bot, st := benchBot(b)
	ctx := context.Background()
	err := st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.PutCampaign(store.Campaign{Name: "Đợt thử", MinModels: 1, RegDeadline: "2099-04-07",
			ResultsDeadline: "2099-09-05", EndDate: "2099-12-15"}); err != nil {
			return err
		}
		u, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"})
		if err != nil {
			return err
		}
		if _, err := tx.SeeUser(store.Profile{ID: secretary, FirstName: "Bình"}); err != nil {
			return err
		}
		if _, err := tx.SeeUser(store.Profile{ID: office, FirstName: "Văn phòng"}); err != nil {
			return err
		}
		return tx.AddSecretary(u.ID, secretary, 0)
	})
	if err == nil {
		_, err = st.EnsureAdmins(ctx, []int64{office})
	}
	if err != nil {
		b.Fatal(err)
	}
	r := &registrar{b: b, bot: bot, st: st, last: make(chan store.Queued, 1)}
	st.OnQueue(func(q []store.Queued) {
		for _, e := range q {
			if e.ChatID == secretary && e.Kind != store.KindAnswer {
				select { // keep the latest only
				case <-r.last:
				default:
				}
				r.last <- e
			}
		}
	})
	return r
}

// register walks a whole registration, as formscript has it, and fails
// when a step is answered with anything but the next question.
func (r *registrar) register(g formscript.Registration) {
	var shown store.Outgoing // the bot's last message, whose buttons a press uses
	for i, st := range g.Steps() {
		u := messenger.Update{Kind: messenger.KindMessage, Text: st.Say}
		if strings.HasPrefix(st.Say, "/") {
			u.Command = strings.TrimPrefix(st.Say, "/")
		}
		if st.Press != "" {
			u = messenger.Update{Kind: messenger.KindCallback, CallbackID: "q", MessageID: 1, Data: buttonData(shown, st.Press)}
		}
		r.id++
		u.ID, u.From, u.Chat = r.id, store.Profile{ID: secretary, FirstName: "Bình"}, messenger.Chat{ID: secretary, Type: "private"}
		if err := r.bot.Handle(context.Background(), u); err != nil {
			r.b.Fatal(err)
		}
		var e store.Queued
		select {
		case e = <-r.last:
		default:
			r.b.Fatalf("step %d (%q): no reply queued", i, st.Say+st.Press)
		}
		o, err := r.st.Outgoing(context.Background(), e.ID)
		if err != nil {
			r.b.Fatal(err)
		}
		if !strings.Contains(o.Text, st.Next) {
			r.b.Fatalf("step %d (%q): the bot said %q, not %q", i, st.Say+st.Press, o.Text, st.Next)
		}
		shown = o
	}
}

// buttonData is the data of o's button whose label contains label.
func buttonData(o store.Outgoing, label string) string {
	for _, row := range o.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return b.Data
			}
		}
	}
	return "no button " + label
}

// BenchmarkFormStep is a whole registration as a secretary makes it, from
// /register to the submit: six typed answers of a secretary's lengths
// (formscript.Realistic), three choices pressed, the submit, and the
// office's notice. Each step is its own update, its answer saved and the
// next question queued, committed with fsync; reading back the reply to
// check the step was taken is counted too (a store read, some µs). It
// reports µs per update: compare it with BenchmarkBareCommit, run in the
// same command.
func BenchmarkFormStep(b *testing.B) {
	r := newRegistrar(b)
	n := 0
	for b.Loop() {
		n++
		r.register(formscript.Realistic("Mô hình thử " + strconv.Itoa(n)))
	}
	steps := len(formscript.Realistic("").Steps())
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(steps*b.N), "µs/update")
}

// BenchmarkBareCommit is the floor under a form step: one bbolt write
// transaction of the same shape and size (a new update id, the
// conversation record overwritten, a reply added to the outbox),
// committed with fsync, and nothing else.
func BenchmarkBareCommit(b *testing.B) {
	db, err := bbolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	names := []string{"updates", "conversations", "outbox"}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, n := range names {
			if _, err := tx.CreateBucket([]byte(n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	conv, reply := make([]byte, 4000), make([]byte, 1200) // about the sizes of a registration's records (its answers, a question)
	id := uint64(0)
	for b.Loop() {
		id++
		key := binary.BigEndian.AppendUint64(nil, id)
		err := db.Update(func(tx *bbolt.Tx) error {
			return errors.Join(tx.Bucket([]byte("updates")).Put(key, []byte("1")),
				tx.Bucket([]byte("conversations")).Put([]byte("77:77"), conv),
				tx.Bucket([]byte("outbox")).Put(key, reply))
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/update")
}
