package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/telegramtest"
)

// The people and places of the demo story.
var (
	demoAdmin  = telegramtest.User{ID: 1001, FirstName: "Thu Hà", LastName: "Nguyễn", Username: "vanphong_dangu"}
	demoSecA   = telegramtest.User{ID: 2001, FirstName: "Văn Bình", LastName: "Trần"}
	demoMember = telegramtest.User{ID: 3001, FirstName: "Minh", LastName: "Lê", LanguageCode: "en"}
	demoGroup  = telegramtest.Chat{ID: -1001234567, Type: "supergroup", Title: "Chi bộ thôn Đông"}
)

// demoUnits is the commune of seed 004 plus the Front and mass
// organisations, as an office would keep it in a spreadsheet.
func demoUnits() []byte {
	var b strings.Builder
	b.WriteString("STT,Tên đơn vị,Loại đơn vị\n")
	names := []string{"Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Cầu", "Chợ"}
	n := 0
	row := func(name, kind string) { n++; fmt.Fprintf(&b, "%d,%s,%s\n", n, name, kind) }
	for _, v := range names {
		row("Chi bộ thôn "+v, "Chi bộ thôn")
	}
	for _, s := range []string{"Mầm non", "Tiểu học", "THCS", "THPT"} {
		row("Chi bộ trường "+s, "Chi bộ nhà trường")
	}
	row("Chi bộ Công an xã", "Chi bộ Công an")
	row("Ủy ban MTTQ xã", "Mặt trận Tổ quốc")
	for _, o := range []string{"Hội Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên"} {
		row(o+" xã", o)
	}
	return []byte(b.String())
}

// demo is the scripted story played by `dvkbot demo`: the real bot, a
// temporary database, the built-in Telegram emulator, no network.
type demo struct {
	out   io.Writer
	srv   *telegramtest.Server
	cfg   Config
	log   *slog.Logger
	main  *Main
	clock *manualClock // starts at 20/03/2024 08:00 so seed 001's plan lies ahead
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
	srv.OnEvent(d.print)
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
	return cfg
}

func (d *demo) play(ctx context.Context) error {
	fmt.Fprintln(d.out, "DVKBOT DEMO — trợ lý phong trào «Dân vận khéo» chạy trên Telegram giả lập, không cần mạng.")
	for i, s := range d.story() {
		fmt.Fprintf(d.out, "\n▶ %d. %s\n", i+1, s.title)
		if err := s.do(ctx); err != nil {
			return fmt.Errorf("demo step %d (%s): %w", i+1, s.title, err)
		}
	}
	fmt.Fprintln(d.out, "\n✔ Hết phần trình diễn.")
	return nil
}

type step struct {
	title string
	do    func(context.Context) error
}

func (d *demo) story() []step {
	return []step{
		{"Khởi động bot trên cơ sở dữ liệu mới", d.start},
		{"Văn phòng Đảng ủy mở bot lần đầu", d.text(demoAdmin, "/start")},
		{"Văn phòng gửi tệp danh sách 19 đơn vị", d.file(demoAdmin, "danh-sach-don-vi.csv", demoUnits())},
		{"… xem trước rồi bấm nhập", d.press(demoAdmin, "Nhập 19")},
		{"Văn phòng tạo link mời cho Chi bộ thôn Đông", d.text(demoAdmin, "/invite")},
		{"… chọn đơn vị", d.press(demoAdmin, "Chi bộ thôn Đông")},
		{"Bí thư Chi bộ thôn Đông mở link mời (nhận qua Zalo)", d.openInvite(demoSecA)},
		{"Bí thư thêm bot vào nhóm Telegram của chi bộ", d.addToGroup(demoSecA, demoGroup)},
		{"… và bấm đúng tên đơn vị để gắn nhóm", d.pressIn(demoSecA, demoGroup, "Chi bộ thôn Đông")},
		{"Văn phòng thêm một đơn vị bằng biểu mẫu", d.text(demoAdmin, "/units")},
		{"… bấm «Thêm đơn vị»", d.press(demoAdmin, "Thêm đơn vị")},
		{"… gõ tên", d.text(demoAdmin, "Tổ dân vận khu phố 1")},
		{"… chọn loại", d.press(demoAdmin, "Tổ dân vận")},
		{"… xác nhận", d.press(demoAdmin, "Xác nhận")},
		{"Văn phòng tạo phong trào năm 2024 (ngày theo kế hoạch của Đảng ủy)", d.text(demoAdmin, "/campaigns")},
		{"… bấm «Tạo phong trào mới»", d.press(demoAdmin, "Tạo phong trào mới")},
		{"… gõ tên phong trào", d.text(demoAdmin, "Phong trào thi đua «Dân vận khéo» năm 2024")},
		{"… giữ «Tất cả đơn vị» và bấm Xong", d.press(demoAdmin, "Xong")},
		{"… bỏ qua số mô hình tối thiểu (mặc định 1)", d.press(demoAdmin, "Bỏ qua")},
		{"… gõ hạn đăng ký", d.text(demoAdmin, "07/04/2024")},
		{"… gõ nhầm hạn báo cáo trước hạn đăng ký: bot nhắc lại", d.text(demoAdmin, "01/04/2024")},
		{"… gõ lại hạn báo cáo kết quả", d.text(demoAdmin, "05/09/2024")},
		{"… gõ ngày kết thúc", d.text(demoAdmin, "15/12/2024")},
		{"… giữ lịch nhắc mặc định", d.press(demoAdmin, "Bỏ qua")},
		{"… xác nhận", d.press(demoAdmin, "Xác nhận")},
		{"Bí thư mở menu", d.text(demoSecA, "/menu")},
		{"… bấm «Đăng ký mô hình»", d.press(demoSecA, "Đăng ký mô hình")},
		{"… gõ tên mô hình", d.text(demoSecA, "Tuyến đường hoa nông thôn mới")},
		{"… chọn tập thể", d.press(demoSecA, "Tập thể")},
		{"… gõ chủ thể thực hiện", d.text(demoSecA, "Chi bộ và nhân dân thôn Đông")},
		{"… chọn lĩnh vực", d.press(demoSecA, "Văn hóa - xã hội")},
		{"… gõ địa bàn", d.text(demoSecA, "Thôn Đông")},
		{"… gửi nhầm nhãn dán: bot hỏi lại", d.sticker(demoSecA)},
		{"… gõ nội dung, cách làm", d.text(demoSecA, "Mỗi hộ trồng và chăm sóc hoa trước cổng; chi bộ phân công đảng viên phụ trách từng đoạn.")},
		{"… gõ chỉ tiêu", d.text(demoSecA, "100% hộ tham gia; 2 km đường hoa.")},
		{"… gõ thời gian thực hiện", d.text(demoSecA, "01/04/2024 - 30/11/2024")},
		{"… xem lại và xác nhận", d.press(demoSecA, "Xác nhận")},
		{"Văn phòng duyệt đăng ký ngay trên tin báo", d.press(demoAdmin, "Duyệt")},
		{"Bí thư xem mô hình của đơn vị", d.text(demoSecA, "/menu")},
		{"… bấm «Mô hình của đơn vị»", d.press(demoSecA, "Mô hình của đơn vị")},
		{"Bí thư xem hạn nộp", d.text(demoSecA, "/status")},
		{"Tua nhanh tới sáng 29/08/2024: 7 ngày trước hạn báo cáo, bot nhắc trong nhóm chi bộ", d.jump(time.Date(2024, 8, 29, 8, 1, 0, 0, ictZone))},
		{"Bí thư bấm nút trong tin nhắc (mở chat riêng) để báo cáo kết quả", d.text(demoSecA, "/start res")},
		{"… kết quả đạt được", d.text(demoSecA, "Hoàn thành 2 km đường hoa; 150 hộ trồng, chăm sóc hoa trước cổng.")},
		{"… số hộ tham gia", d.text(demoSecA, "150")},
		{"… gõ số tiền kiểu nói thường ngày", d.text(demoSecA, "12,5 triệu")},
		{"… kết quả khác", d.text(demoSecA, "Ngày công: 350\nĐất hiến: 200 m²")},
		{"… tự đánh giá: tiêu chí 1", d.press(demoSecA, "1. Gắn")},
		{"… tiêu chí 2", d.press(demoSecA, "2. Huy động")},
		{"… tiêu chí 5, rồi Xong", d.pressAll(demoSecA, "5. Được dân", "Xong")},
		{"… gửi ảnh minh chứng", d.photo(demoSecA, "Ngày ra quân")},
		{"… và bấm Xong", d.press(demoSecA, "Xong")},
		{"… bỏ qua bài học", d.press(demoSecA, "Bỏ qua")},
		{"… bỏ qua đề xuất", d.press(demoSecA, "Bỏ qua")},
		{"… xác nhận", d.press(demoSecA, "Xác nhận")},
		{"Văn phòng đánh giá «Công nhận»", d.press(demoAdmin, "Công nhận")},
		{"… kèm nhận xét; đơn vị được báo, nhóm được chúc mừng", d.text(demoAdmin, "Mô hình hiệu quả, đề nghị nhân rộng.")},
		{"Bí thư gõ chữ tự do: bot hướng dẫn lại bằng nút", d.text(demoSecA, "Tôi muốn hỏi")},
		{"Đoàn viên chọn tiếng Anh", d.text(demoMember, "/language")},
		{"… bấm nút English", d.press(demoMember, "English")},
		{"Khởi động lại bot: mọi thứ đã lưu trong tệp bbolt", d.restart},
		{"Sau khởi động lại, bot vẫn nhớ ngôn ngữ đã chọn", d.text(demoMember, "/start")},
		{"… và bí thư vẫn là người phụ trách đơn vị", d.text(demoSecA, "/start")},
		{"Văn phòng xem danh sách đơn vị và tình trạng", d.text(demoAdmin, "/units")},
	}
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
		fmt.Fprintf(d.out, "   (đồng hồ của bot: %s)\n", t.Format("02/01/2006 15:04"))
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
	fmt.Fprintln(d.out, "   (bot đã dừng; khởi động lại trên cùng tệp dữ liệu)")
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

func (d *demo) pressOn(ctx context.Context, u telegramtest.User, chat telegramtest.Chat, label string) error {
	last, ok := d.srv.LastMessage(chat.ID)
	if !ok {
		return fmt.Errorf("no message in %d", chat.ID)
	}
	for _, row := range last.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, label) && b.Data != "" {
				d.srv.PressButton(u, chat, last.MessageID, b.Data)
				return d.settle(ctx)
			}
		}
	}
	return fmt.Errorf("no button %q on the last message", label)
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
		d.srv.Inject(tgbotapi.Update{Message: &tgbotapi.Message{From: &tgbotapi.User{ID: u.ID, FirstName: u.FirstName},
			Chat: &tgbotapi.Chat{ID: u.ID, Type: "private"}, Sticker: &tgbotapi.Sticker{FileID: "demo", Emoji: "👍"}}})
		fmt.Fprintf(d.out, "   👤 %s: [nhãn dán 👍]\n", u.Name())
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

// print writes one event of the conversation as a transcript line.
func (d *demo) print(e telegramtest.Event) {
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
