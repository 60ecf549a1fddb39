package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// The people and places of the demo story.
var (
	demoAdmin  = telegramtest.User{ID: 1001, FirstName: "Thu Hà", LastName: "Nguyễn", Username: "vanphong_dangu"}
	demoSecA   = telegramtest.User{ID: 2001, FirstName: "Văn Bình", LastName: "Trần"}
	demoMember = telegramtest.User{ID: 3001, FirstName: "Minh", LastName: "Lê", LanguageCode: "en"}
	demoViewer = telegramtest.User{ID: 4001, FirstName: "Quang", LastName: "Phạm"} // Ủy ban kiểm tra Đảng ủy
	demoGroup  = telegramtest.Chat{ID: -1001234567, Type: "supergroup", Title: "Chi bộ thôn Đông"}
)

// demo is the scripted story played by `dvkbot demo`: the real bot, a
// temporary database, the built-in Telegram emulator, no network.
type demo struct {
	out   io.Writer
	srv   *telegramtest.Server
	cfg   Config
	log   *slog.Logger
	main  *Main
	clock *manualClock // starts at 20/03/2024 08:00 so seed 001's plan lies ahead
	// pressed is the message a button was last pressed on, per chat: a
	// file the bot sends lands below it, and the office presses again.
	pressed map[int64]telegramtest.Sent
	taps    taps // the secretary's interactions, printed at the end (demo_taps.go)

	mu      sync.Mutex
	entries []entry // the step's lines, printed in order when it ends (flush)
}

// entry is a line of the transcript: an event of the emulator, or a note
// of the story's own (a clock jump, a restart, a saved file).
type entry struct {
	note string
	ev   telegramtest.Event
}

func runDemo(ctx context.Context, out io.Writer) error {
	dir, err := os.MkdirTemp("", "dvkbot-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	srv := telegramtest.NewServer()
	defer srv.Close()
	d := &demo{out: out, srv: srv, cfg: demoConfig(srv, dir), clock: newClockAt(time.Date(2024, 3, 20, 8, 0, 0, 0, ictZone)),
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	srv.OnEvent(d.record)
	defer func() {
		if d.main != nil {
			d.main.Close()
		}
	}()
	return d.play(ctx)
}

func demoConfig(srv *telegramtest.Server, dir string) Config {
	cfg := DefaultConfig()
	cfg.Telegram.Token = srv.Token()
	cfg.Telegram.APIEndpoint = srv.Endpoint()
	cfg.Telegram.PollTimeout = Duration{5 * time.Second}
	cfg.Store.Path = filepath.Join(dir, "dvkbot.db")
	cfg.Bot.Admins = []int64{demoAdmin.ID}
	cfg.Office = OfficeConfig{Office: store.Office{Body: []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ AN BÌNH"}, Place: "An Bình", OnBehalf: "T/M ĐẢNG ỦY",
		Position: "PHÓ BÍ THƯ", Signer: "Lâm Ngọc Thu", Preparer: "Nguyễn Thu Hà", Recipient: "Ban Dân vận Tỉnh ủy"}}
	return cfg
}

func (d *demo) play(ctx context.Context) error {
	fmt.Fprintln(d.out, "DVKBOT DEMO — trợ lý phong trào “Dân vận khéo” chạy trên Telegram giả lập, không cần mạng.")
	for i, s := range d.story() {
		fmt.Fprintf(d.out, "\n▶ %d. %s\n", i+1, s.title)
		err := s.do(ctx)
		d.flush()
		if err != nil {
			return fmt.Errorf("demo step %d (%s): %w", i+1, s.title, err)
		}
	}
	fmt.Fprintln(d.out, "\n"+d.taps.line())
	fmt.Fprintln(d.out, "\n✔ Hết phần trình diễn.")
	return nil
}

type step struct {
	title string
	do    func(context.Context) error
}

func (d *demo) start(ctx context.Context) error {
	d.main = NewMain(d.cfg, d.log)
	d.main.Now = d.clock.now
	return d.main.Run(ctx)
}

var ictZone = time.FixedZone("ICT", 7*3600)

// jump moves the story to t and runs the reminder job, as cron would.
func (d *demo) jump(t time.Time) func(context.Context) error {
	return func(ctx context.Context) error {
		d.clock.set(t)
		d.note(fmt.Sprintf("   (đồng hồ của bot: %s)", t.Format("02/01/2006 15:04")))
		if err := d.main.sched.RunNow("reminders"); err != nil {
			return err
		}
		return d.settle(ctx)
	}
}

func (d *demo) restart(ctx context.Context) error {
	if err := d.main.Close(); err != nil {
		return err
	}
	d.note("   (bot đã dừng; khởi động lại trên cùng tệp dữ liệu)")
	return d.start(ctx)
}

// text: a user sends text in their private chat, and the bot answers.
func (d *demo) text(u telegramtest.User, text string) func(context.Context) error {
	return func(ctx context.Context) error {
		d.srv.SendPrivate(u, text)
		return d.settle(ctx)
	}
}

// press: a user presses the button whose label contains label on the
// bot's latest message to them.
func (d *demo) press(u telegramtest.User, label string) func(context.Context) error {
	return func(ctx context.Context) error {
		return d.pressOn(ctx, u, telegramtest.PrivateChat(u), label)
	}
}

// pressAgain: a user presses another button of the message they last
// pressed one on, above the file that button brought.
func (d *demo) pressAgain(u telegramtest.User, label string) func(context.Context) error {
	return func(ctx context.Context) error {
		chat := telegramtest.PrivateChat(u)
		return d.pressMessage(ctx, u, chat, d.pressed[chat.ID], label)
	}
}

func (d *demo) pressOn(ctx context.Context, u telegramtest.User, chat telegramtest.Chat, label string) error {
	last, ok := d.srv.LastMessage(chat.ID)
	if !ok {
		return fmt.Errorf("no message in %d", chat.ID)
	}
	return d.pressMessage(ctx, u, chat, last, label)
}

// pressMessage presses the button whose label contains label on msg.
func (d *demo) pressMessage(ctx context.Context, u telegramtest.User, chat telegramtest.Chat, last telegramtest.Sent, label string) error {
	if d.pressed == nil {
		d.pressed = map[int64]telegramtest.Sent{}
	}
	d.pressed[chat.ID] = last
	for _, row := range last.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) && b.Data != "" {
				d.srv.PressButton(u, chat, last.MessageID, b.Data)
				return d.settle(ctx)
			}
		}
	}
	return fmt.Errorf("no button %q on the message", label)
}

// photo: a user sends a photo in their private chat.
func (d *demo) photo(u telegramtest.User, caption string) func(context.Context) error {
	return func(ctx context.Context) error {
		d.srv.SendPhoto(u, telegramtest.PrivateChat(u), []byte("demo-jpeg"), caption)
		return d.settle(ctx)
	}
}

// pressAll presses several buttons one after another.
func (d *demo) pressAll(u telegramtest.User, labels ...string) func(context.Context) error {
	return func(ctx context.Context) error {
		for _, l := range labels {
			if err := d.press(u, l)(ctx); err != nil {
				return err
			}
		}
		return nil
	}
}

// sticker: a user sends a sticker where the bot waits for text.
func (d *demo) sticker(u telegramtest.User) func(context.Context) error {
	return func(ctx context.Context) error {
		d.srv.SendSticker(u, telegramtest.PrivateChat(u), "👍")
		d.note(fmt.Sprintf("   👤 %s: [nhãn dán 👍]", u.Name()))
		return d.settle(ctx)
	}
}

// file: a user sends a document in their private chat.
func (d *demo) file(u telegramtest.User, name string, data []byte) func(context.Context) error {
	return func(ctx context.Context) error {
		d.srv.SendDocument(u, telegramtest.PrivateChat(u), name, "text/csv", data, "")
		return d.settle(ctx)
	}
}

var demoLinkRE = regexp.MustCompile(`\?start=([\w-]+)`)

// openInvite: u opens the invite link the admin was given last.
func (d *demo) openInvite(u telegramtest.User) func(context.Context) error {
	return func(ctx context.Context) error {
		last, _ := d.srv.LastMessage(demoAdmin.ID)
		m := demoLinkRE.FindStringSubmatch(last.Plain)
		if m == nil {
			return fmt.Errorf("no invite link in %q", last.Plain)
		}
		return d.text(u, "/start "+m[1])(ctx)
	}
}

func (d *demo) addToGroup(u telegramtest.User, g telegramtest.Chat) func(context.Context) error {
	return func(ctx context.Context) error {
		d.srv.AddBotToGroup(u, g)
		return d.settle(ctx)
	}
}

// pressIn presses a button on the bot's latest message in a group.
func (d *demo) pressIn(u telegramtest.User, g telegramtest.Chat, label string) func(context.Context) error {
	return func(ctx context.Context) error {
		return d.pressOn(ctx, u, g, label)
	}
}

// openLinkIn: u presses the link button whose label contains label on the
// bot's latest message in group g; Telegram opens the private chat with
// its /start code.
func (d *demo) openLinkIn(u telegramtest.User, g telegramtest.Chat, label string) func(context.Context) error {
	return func(ctx context.Context) error {
		last, _ := d.srv.LastMessage(g.ID)
		for _, row := range last.Buttons {
			for _, b := range row {
				if _, code, ok := strings.Cut(b.URL, "?start="); ok && strings.Contains(b.Text, label) {
					return d.text(u, "/start "+code)(ctx)
				}
			}
		}
		return fmt.Errorf("no link %q on the group's latest message", label)
	}
}

// settle waits until the bot has handled every update and sent everything
// it queued.
func (d *demo) settle(ctx context.Context) error {
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if d.srv.Pending() == 0 && d.main.idle(ctx) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("the bot did not answer within 15 s")
}

// record keeps an event of the emulator for the step's transcript.
func (d *demo) record(e telegramtest.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.entries = append(d.entries, entry{ev: e})
}

// note keeps a line of the story's own for the step's transcript.
func (d *demo) note(line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.entries = append(d.entries, entry{note: line})
}

// flush prints the step's lines. What the bot sent after a person's
// action (or a note) goes in a fixed order, not the order the messages
// happened to reach the emulator, which differs from run to run when a
// step sends to several chats at once: the acting person's chat first,
// then other people's, then the groups, each chat's messages in the
// order they were sent.
func (d *demo) flush() {
	d.mu.Lock()
	entries := d.entries
	d.entries = nil
	d.mu.Unlock()
	actor := int64(0)
	for start := 0; start < len(entries); {
		if e := entries[start]; e.note != "" || !e.ev.FromBot {
			if e.note == "" {
				actor = e.ev.ChatID
			}
			d.printEntry(e)
			start++
			continue
		}
		end := start
		for end < len(entries) && entries[end].note == "" && entries[end].ev.FromBot {
			end++
		}
		run := entries[start:end]
		sort.SliceStable(run, func(i, j int) bool {
			return cmp.Compare(chatRank(run[i].ev.ChatID, actor), chatRank(run[j].ev.ChatID, actor)) < 0
		})
		for _, e := range run {
			d.printEntry(e)
		}
		start = end
	}
}

// chatRank orders the chats of a run of bot messages: the actor's, other
// private chats by id, then groups by id.
func chatRank(chat, actor int64) int64 {
	switch {
	case chat == actor:
		return math.MinInt64
	case chat > 0:
		return math.MinInt64/2 + chat
	}
	return -chat // a group: after every private chat
}

func (d *demo) printEntry(e entry) {
	if e.note != "" {
		fmt.Fprintln(d.out, e.note)
		return
	}
	d.print(e.ev)
}

// print writes one event of the conversation as a transcript line.
func (d *demo) print(e telegramtest.Event) {
	d.taps.see(e)
	who := "🤖 Bot"
	if !e.FromBot {
		who = "👤 " + e.From
	}
	if e.ChatTitle != "" {
		who += " [nhóm " + e.ChatTitle + "]"
	}
	if e.Edited {
		who += " (sửa tin)"
	}
	text := strings.ReplaceAll(strings.TrimSpace(e.Text), "\n", "\n      ")
	if e.File != "" {
		text = strings.TrimSpace("📎 " + e.File + " " + text)
	}
	fmt.Fprintf(d.out, "   %s: %s\n", who, text)
	for _, row := range e.Buttons {
		var labels []string
		for _, b := range row {
			labels = append(labels, "["+b.Text+"]")
		}
		fmt.Fprintf(d.out, "      %s\n", strings.Join(labels, " "))
	}
}

// save writes the last file the bot sent whose name contains part (the
// workbook, the report draft, a registration sheet) and prints where: the
// office's paper, from the story's own data.
func (d *demo) save(part string) func(context.Context) error {
	return func(context.Context) error {
		doc, err := d.srv.WaitFor(15*time.Second, func(s telegramtest.Sent) bool {
			return s.Method == "sendDocument" && strings.Contains(s.FileName, part)
		})
		if err != nil {
			return err
		}
		data, ok := d.srv.FileData(doc.Params["document"])
		if !ok {
			return fmt.Errorf("no bytes for %s", doc.FileName)
		}
		path := filepath.Join(os.TempDir(), doc.FileName)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		d.note(fmt.Sprintf("   📁 Đã ghi tệp %s (%d byte)", path, len(data)))
		return nil
	}
}
