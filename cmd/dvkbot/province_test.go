package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// The province's office, the second commune's admin and secretary, and
// its unit's group.
var (
	officeTP = telegramtest.User{ID: 701, FirstName: "Văn phòng", LastName: "Tân Phú"}
	leadTP   = telegramtest.User{ID: 702, FirstName: "Bí thư", LastName: "Tân Phú"}
	chatTP   = telegramtest.Chat{ID: -100701, Type: "supergroup", Title: "Chi bộ thôn Đông, Tân Phú"}
)

// withProvince restarts the harness with a province's office in the
// config and the home commune onboarded.
func withProvince(t *testing.T) *harness {
	h := newHarness(t)
	h.province = []int64{provinceAdmin.ID}
	h.clock.set(time.Date(2024, 3, 1, 9, 0, 0, 0, ict)) // before the restart: see provinceHarness
	h.restart()
	h.onboard()
	h.linkDong()
	return h
}

// communeLink: the province creates Xã Tân Phú through its form and makes
// the link for its first admin; it returns the message with the link.
func (h *harness) communeLink() telegramtest.Sent {
	h.t.Helper()
	pc := telegramtest.PrivateChat(provinceAdmin)
	list := h.say(provinceAdmin, "/communes", "Các xã, phường của Tỉnh Gia Lai")
	h.press(provinceAdmin, pc, list, "Thêm xã, phường")
	h.expectNew(provinceAdmin.ID, "Tên xã, phường là gì")
	h.say(provinceAdmin, "Xã Tân Phú", "Mã ngắn")
	h.restart() // the form is in the file: it goes on where it was
	h.say(provinceAdmin, "T", "chữ cái không dấu")
	h.say(provinceAdmin, "Tân Phú", "người ký") // read as TANPHU
	h.press(provinceAdmin, pc, h.last(provinceAdmin.ID), "Bỏ qua")
	h.press(provinceAdmin, pc, h.expectNew(provinceAdmin.ID, "kiểm tra lại"), "Xác nhận")
	card := h.expectNew(provinceAdmin.ID, "Đã thêm Xã Tân Phú")
	if !strings.Contains(card.Plain, "ĐẢNG ỦY XÃ TÂN PHÚ") || !strings.Contains(card.Plain, "ĐẢNG BỘ TỈNH GIA LAI") {
		h.t.Errorf("commune card %q", card.Plain)
	}
	h.press(provinceAdmin, pc, card, "Mời quản trị viên của xã")
	return h.expectNew(provinceAdmin.ID, "Link mời quản trị viên của Xã Tân Phú")
}

// inviteCodeIn is the invite code of a message with a link.
func (h *harness) inviteCodeIn(m telegramtest.Sent) string {
	h.t.Helper()
	link := linkRE.FindStringSubmatch(m.Plain)
	if link == nil {
		h.t.Fatalf("no invite link in %q", m.Plain)
	}
	return link[1]
}

// addCommune: the province creates Xã Tân Phú and its first admin opens
// the link.
func (h *harness) addCommune() store.Commune {
	h.t.Helper()
	h.say(officeTP, "/start "+h.inviteCodeIn(h.communeLink()), "quản trị viên")
	var c store.Commune
	h.view(func(tx *store.Tx) (err error) { c, err = tx.CommuneByCode("TANPHU"); return })
	if u := h.user(officeTP.ID); !u.AdminOf(c.ID) || u.AdminOf(store.HomeCommune) {
		h.t.Fatalf("the invited admin is %+v", u)
	}
	return c
}

func (h *harness) view(fn func(tx *store.Tx) error) {
	h.t.Helper()
	if err := h.main.store.View(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

// setUpTanPhu: Tân Phú's admin adds a unit of the same name as one of the
// home commune's, invites its secretary, who links its group.
func (h *harness) setUpTanPhu() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(officeTP)
	h.say(officeTP, "/units", "Đơn vị")
	h.press(officeTP, pc, h.last(officeTP.ID), "Thêm đơn vị")
	h.say(officeTP, "Chi bộ thôn Đông", "thuộc loại nào")
	h.press(officeTP, pc, h.last(officeTP.ID), "Chi bộ thôn")
	h.press(officeTP, pc, h.expect(officeTP.ID, "kiểm tra lại"), "Xác nhận")
	h.expect(officeTP.ID, "Đã thêm")
	h.srv.SendPrivate(officeTP, "/invite")
	h.press(officeTP, pc, h.expect(officeTP.ID, "Mời người phụ trách cho đơn vị nào"), "Chi bộ thôn Đông")
	code := linkRE.FindStringSubmatch(h.expect(officeTP.ID, "Link mời người phụ trách").Plain)
	h.say(leadTP, "/start "+code[1], "Chào mừng")
	h.srv.AddBotToGroup(leadTP, chatTP)
	h.press(leadTP, chatTP, h.expect(chatTP.ID, "Nhóm này thuộc"), "Chi bộ thôn Đông")
	h.expect(chatTP.ID, "Nhóm đã được gắn")
}

// provinceCampaign: the province launches seed 001's plan for every
// commune through its campaign form.
func (h *harness) provinceCampaign() {
	h.t.Helper()
	h.fill(provinceAdmin, formscript.RealisticCampaign("Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2024").Steps()) // "Tất cả xã, phường" comes ticked
}

// localDates: Tân Phú registers a week earlier than the province asks.
func (h *harness) localDates() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(officeTP)
	list := h.say(officeTP, "/campaigns", "· của tỉnh") // the list, not the launch notice
	h.press(officeTP, pc, list, "Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2024")
	card := h.expect(officeTP.ID, "Đơn vị tham gia")
	for _, b := range []string{"Sửa", "Kết thúc"} {
		if hasButton(card, b) {
			h.t.Errorf("a commune is offered %q on the province's campaign", b)
		}
	}
	h.press(officeTP, pc, card, "Đặt hạn riêng của xã")
	h.expect(officeTP.ID, "Hạn đăng ký riêng")
	h.say(officeTP, "10/04/2024", "không được muộn hơn hạn của tỉnh")
	h.say(officeTP, "31/03/2024", "Hạn báo cáo kết quả riêng")
	h.press(officeTP, pc, h.last(officeTP.ID), "Bỏ qua")
	h.press(officeTP, pc, h.expect(officeTP.ID, "kiểm tra lại"), "Xác nhận")
	if saved := h.expectNew(officeTP.ID, "Đã lưu hạn riêng"); !strings.Contains(saved.Plain, "31/03/2024") {
		h.t.Errorf("the card after the commune's dates: %q", saved.Plain)
	}
}

// remindOn runs the reminder job at 08:05 on day and returns the groups
// that got a registration reminder.
func (h *harness) remindOn(day string) map[int64]bool {
	h.t.Helper()
	d, _ := time.ParseInLocation("2006-01-02", day, ict)
	h.clock.set(d.Add(8*time.Hour + 5*time.Minute))
	before := len(h.srv.Sent())
	if err := h.main.sched.RunNow("reminders"); err != nil {
		h.t.Fatal(err)
	}
	h.settle()
	got := map[int64]bool{}
	for _, s := range h.srv.Sent()[before:] {
		if strings.Contains(s.Plain, "đăng ký") && s.ChatID < 0 {
			got[s.ChatID] = true
		}
	}
	return got
}

// One bot, two communes and the province: a province campaign reaches both
// communes' units; each commune is reminded of its own dates, receives its
// own registrations and numbers them with its code.
func TestProvinceCampaignReachesEveryCommuneOnItsOwnDates(t *testing.T) {
	t.Parallel()
	h := withProvince(t) // 01/03/2024
	h.addCommune()
	h.setUpTanPhu()
	h.provinceCampaign()
	h.localDates()
	h.restart() // communes, roles, the province's campaign and the commune's dates are all in the file

	// 7 days before each commune's last day on time: Tân Phú's (before
	// 31/03) 30/03, the home commune's (the province's, before 07/04) 06/04.
	if got := h.remindOn("2024-03-23"); !got[chatTP.ID] || got[group.ID] {
		t.Errorf("23/03: reminded groups %v; want Tân Phú's only", got)
	}
	if got := h.remindOn("2024-03-30"); !got[group.ID] || !got[chatTP.ID] {
		t.Errorf("30/03: reminded groups %v; want both (home: 7 days before, Tân Phú: the last day)", got)
	}

	h.press(secA, telegramtest.PrivateChat(secA), h.fillRegistration(secA, "Tuyến đường hoa"), "Gửi đăng ký")
	home := h.expectNew(admin.ID, "Đăng ký mới")
	h.press(leadTP, telegramtest.PrivateChat(leadTP), h.fillRegistration(leadTP, "Nhà văn hóa sạch đẹp"), "Gửi đăng ký")
	tp := h.expectNew(officeTP.ID, "Đăng ký mới")
	if !strings.Contains(home.Plain, "DVK-2024-001") || strings.Contains(home.Plain, "Nhà văn hóa") {
		t.Errorf("the home commune's notice: %q", home.Plain)
	}
	if !strings.Contains(tp.Plain, "DVK-TANPHU-2024-001") || strings.Contains(tp.Plain, "Tuyến đường hoa") {
		t.Errorf("Tân Phú's notice: %q", tp.Plain)
	}
	h.press(officeTP, telegramtest.PrivateChat(officeTP), tp, "Tiếp nhận")
	h.expect(officeTP.ID, "Đã tiếp nhận đăng ký")
	h.press(admin, telegramtest.PrivateChat(admin), home, "Tiếp nhận")
	h.expect(admin.ID, "Đã tiếp nhận đăng ký")
	for _, g := range h.registrations() {
		if g.Status != store.StatusApproved {
			t.Errorf("%s: %s", g.Number, g.Status)
		}
	}
	h.settle()
	for _, s := range h.srv.Sent() {
		if s.ChatID == admin.ID && strings.Contains(s.Plain, "TANPHU") || s.ChatID == officeTP.ID && strings.Contains(s.Plain, "DVK-2024-001") {
			t.Errorf("an office heard of the other commune's registration: %q", s.Plain)
		}
	}
}

// The province's office sends its list of communes as a commune sends its
// units: a preview, one press, and a second press or the same file again
// adds nothing. A commune's admin pressing the province's button, or
// sending the same file, gets no commune.
func TestProvinceImportsItsCommuneList(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	data, err := os.ReadFile("../../testdata/communes/province.csv")
	if err != nil {
		t.Fatal(err)
	}
	pc := telegramtest.PrivateChat(provinceAdmin)
	h.srv.SendDocument(provinceAdmin, pc, "xa-phuong.csv", "text/csv", data, "")
	preview := h.expect(provinceAdmin.ID, "Xem trước danh sách xã, phường")
	for _, want := range []string{"Xã, phường mới: 3", "Xã Tân Phú (TANPHU)", "Phường Hòa Bình (HOABINH)", "Dòng 5: “Xã Tân Phú” trùng", "Dòng 6: “Xã Lạ” — mã"} {
		if !strings.Contains(preview.Plain, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview.Plain)
		}
	}
	h.srv.PressButton(admin, telegramtest.PrivateChat(admin), preview.MessageID, preview.Buttons[0][0].Data)
	h.settle()
	if n := h.communeCount(); n != 1 {
		t.Fatalf("a commune's admin pressing the province's button made %d communes", n)
	}
	h.press(provinceAdmin, pc, preview, "Thêm 3 xã, phường mới")
	h.expect(provinceAdmin.ID, "Đã thêm 3 xã, phường mới")
	h.srv.SendDocument(provinceAdmin, pc, "xa-phuong.csv", "text/csv", data, "")
	if again := h.expect(provinceAdmin.ID, "Xem trước danh sách xã, phường"); !strings.Contains(again.Plain, "Đã có sẵn (bỏ qua): 3") {
		t.Errorf("the same list again: %q", again.Plain)
	}
	var tp store.Commune
	h.view(func(tx *store.Tx) (err error) { tp, err = tx.CommuneByCode("TANPHU"); return })
	if tp.Office.Signer != "Lê Văn Tâm" || tp.Office.Body[1] != "ĐẢNG ỦY XÃ TÂN PHÚ" || h.communeCount() != 4 {
		t.Errorf("Tân Phú %+v, %d communes", tp, h.communeCount())
	}
}

func (h *harness) communeCount() int {
	n := 0
	h.view(func(tx *store.Tx) error { n = tx.CommuneCount(); return nil })
	return n
}

// What the way out learns of a commune's people (a secretary who blocked
// the bot) goes to that commune's office only.
func TestRefusalsAreToldToTheirCommuneOnly(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	h.addCommune()
	h.setUpTanPhu()
	h.settle()
	before := len(h.srv.Sent())
	h.srv.BlockChat(leadTP.ID)
	h.srv.SendPrivate(leadTP, "/start")
	h.expectNew(officeTP.ID, "không gửi được tin cho")
	h.settle()
	for _, s := range h.srv.Sent()[before:] {
		if (s.ChatID == admin.ID || s.ChatID == provinceAdmin.ID) && strings.Contains(s.Plain, "không gửi được") {
			t.Errorf("another office heard of Tân Phú's secretary: %d %q", s.ChatID, s.Plain)
		}
	}
}
