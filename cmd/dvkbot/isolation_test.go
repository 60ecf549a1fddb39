package main

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// The isolation matrix: two communes in one bot. Commune A is the home
// commune of the harness (its admin from [bot] admins, the 19 imported
// units, secretaries A and B); commune B, "Xã Tân Phú", has its own admin,
// unit, secretary, linked group, campaign, and registrations with results
// and evidence. Whoever of one commune tries anything on the other's
// records, with the other's real ids, is refused and changes nothing.

var (
	adminTP    = telegramtest.User{ID: 601, FirstName: "Hùng", LastName: "Võ"}
	secTP      = telegramtest.User{ID: 1601, FirstName: "Thị Bến", LastName: "Lê"}
	newcomerTP = telegramtest.User{ID: 1602, FirstName: "Văn Mới", LastName: "Phan"}
	groupTP    = telegramtest.Chat{ID: -100600, Type: "supergroup", Title: "Chi bộ ấp Bến Đình"}
)

const unitTP = "Chi bộ ấp Bến Đình"

// twoCommunes is the harness with both communes set up.
type twoCommunes struct {
	*harness
	a, b uint64 // commune ids
	// known: what the attacker may know of every commune (the province's
	// office knows their names and codes), so not a leak.
	known []string
}

// secretsOf is what the attacker must not read of commune.
func (tc *twoCommunes) secretsOf(commune uint64) []string {
	var out []string
	for _, s := range secretsOf(commune) {
		if !slices.Contains(tc.known, s) {
			out = append(out, s)
		}
	}
	return out
}

// newTwoCommunes builds commune A through the bot as the other tests do,
// and commune B through the store API (what the province's office will
// do through its own flows) where no commune-admin flow exists, and
// through the bot where one does: B's group is linked, and B's secretary
// joins, by the bot's own flows.
func newTwoCommunes(t *testing.T) *twoCommunes {
	h := newHarness(t)
	h.chatBackups = true
	h.restart()
	h.onboard()
	h.linkDong()
	h.joinViewer()
	ca := h.campaign("Phong trào xã nhà 2024", 10)
	h.file(ca, "Chi bộ thôn Đông", true)
	h.file(ca, "Chi bộ thôn Tây", false)

	tc := &twoCommunes{harness: h, a: store.HomeCommune}
	var inviteTP string
	day := func(d int) string { return h.clock.now().AddDate(0, 0, d).In(hcm(t)).Format("2006-01-02") }
	h.change(func(tx *store.Tx) error {
		c, err := tx.AddCommune(store.Commune{Code: "TANPHU", Name: "Xã Tân Phú",
			Office: store.Office{Body: []string{"ĐẢNG BỘ TỈNH", "ĐẢNG ỦY XÃ TÂN PHÚ"}, Place: "Tân Phú"}})
		if err != nil {
			return err
		}
		tc.b = c.ID
		now := tx.Now()
		if err := tx.PutUser(store.User{ID: adminTP.ID, FirstName: adminTP.FirstName, LastName: adminTP.LastName,
			Admin: true, Commune: c.ID, CreatedAt: now, SeenAt: now}); err != nil {
			return err
		}
		tx.Scope(c.ID)
		u, err := tx.AddUnit(store.Unit{Name: unitTP, Kind: "chi_bo_thon"})
		if err != nil {
			return err
		}
		if _, err := tx.AddUnit(store.Unit{Name: "Hội Phụ nữ xã Tân Phú", Kind: "hoi_phu_nu"}); err != nil {
			return err
		}
		camp, err := tx.PutCampaign(store.Campaign{Name: "Phong trào Tân Phú 2024", MinModels: 1, RegDeadline: day(10),
			ResultsDeadline: day(160), EndDate: day(260), Reminders: []int{7, 3, 1, 0}, CreatedBy: adminTP.ID})
		if err != nil {
			return err
		}
		model := func(name string) store.Model {
			return store.Model{Name: name, Kind: "tap_the", Subject: "Chi bộ ấp Bến Đình", Field: "kinh_te",
				Address: "ấp Bến Đình", Content: "Làm đường", Targets: "2 km", From: day(0), To: day(200)}
		}
		if _, err := tx.AddRegistration(store.Registration{CampaignID: camp.ID, UnitID: u.ID, Status: store.StatusSubmitted,
			Model: model("Mô hình Bến Đình sáng"), SubmittedBy: secTP.ID}, "2024"); err != nil {
			return err
		}
		g, err := tx.AddRegistration(store.Registration{CampaignID: camp.ID, UnitID: u.ID, Status: store.StatusApproved,
			Model: model("Mô hình Bến Đình xanh"), SubmittedBy: secTP.ID}, "2024")
		if err != nil {
			return err
		}
		local := filepath.Join("evidence", strconv.FormatUint(g.ID, 10), "1.jpg")
		if err := os.MkdirAll(filepath.Join(h.path+".files", filepath.Dir(local)), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(h.path+".files", local), []byte("ảnh Bến Đình"), 0o600); err != nil {
			return err
		}
		g.Results = &store.Results{Achieved: "Xong 2 km đường Bến Đình", People: 120, Money: 12500000, Criteria: []int{1, 2},
			Evidence:    []store.Evidence{{FileID: "file-ben-dinh", Kind: "photo", Caption: "Ngày ra quân Bến Đình", Local: local, Stored: 14}},
			SubmittedBy: secTP.ID, SubmittedAt: now, UpdatedAt: now}
		if err := tx.PutRegistration(g, secTP.ID, "results", ""); err != nil {
			return err
		}
		inv, err := tx.CreateInvite(u.ID, adminTP.ID, time.Hour)
		inviteTP = inv.Code
		return err
	})
	// B's secretary joins by B's invite, and B's admin links B's group,
	// through the bot.
	h.srv.SendPrivate(secTP, "/start "+inviteTP)
	h.expect(secTP.ID, "Chào mừng")
	h.srv.AddBotToGroup(adminTP, groupTP)
	h.press(adminTP, groupTP, h.expect(groupTP.ID, "Nhóm này thuộc"), unitTP)
	h.expect(groupTP.ID, "Nhóm đã được gắn")
	// Open invites of B of every kind, made as B's admin would.
	h.change(func(tx *store.Tx) error {
		tx.Scope(tc.b)
		if _, err := tx.CreateOfficeInvite(tc.b, false, adminTP.ID, time.Hour); err != nil {
			return err
		}
		if _, err := tx.CreateViewerInvite(adminTP.ID, time.Hour); err != nil {
			return err
		}
		u, err := tx.UnitByName(unitTP)
		if err != nil {
			return err
		}
		_, err = tx.CreateInvite(u.ID, adminTP.ID, time.Hour)
		return err
	})
	// Open invites of A, made through its admin's buttons.
	tc.inviteCode("Chi bộ thôn Nam")
	pa := telegramtest.PrivateChat(admin)
	h.say(admin, "/units", "Đơn vị —")
	h.press(admin, pa, h.last(admin.ID), "Quản trị viên")
	h.press(admin, pa, h.expect(admin.ID, "Quản trị viên"), "Mời thêm quản trị viên")
	h.expectNew(admin.ID, "start=")
	for _, u := range []telegramtest.User{admin, adminTP, secA, secTP} {
		h.srv.SendPrivate(u, "/start")
		h.expect(u.ID, "Xin chào")
	}
	h.settle()
	return tc
}

// ids are a commune's real record ids, read from the store, by the
// placeholder that names them in the route comments of bot/*.go.
func (tc *twoCommunes) ids(commune uint64) map[string][]string {
	tc.t.Helper()
	out := map[string][]string{}
	add := func(k string, v ...string) { out[k] = append(out[k], v...) }
	add("commune", fmt.Sprint(commune))
	err := tc.main.store.View(context.Background(), func(tx *store.Tx) error {
		tx.Scope(commune)
		units, err := tx.Units(true)
		if err != nil {
			return err
		}
		for _, u := range units {
			add("unit", fmt.Sprint(u.ID))
			for _, s := range tx.Secretaries(u.ID) {
				add("user", fmt.Sprint(s))
			}
			invs, err := tx.OpenInvites(u.ID)
			if err != nil {
				return err
			}
			for _, inv := range invs {
				add("code", inv.Code)
			}
		}
		office, err := tx.OpenInvites(0)
		if err != nil {
			return err
		}
		for _, inv := range office {
			if inv.Commune == commune || (inv.Commune == 0 && commune == store.HomeCommune) {
				add("code", inv.Code)
			}
		}
		admins, err := tx.Admins()
		if err != nil {
			return err
		}
		for _, a := range admins {
			add("user", fmt.Sprint(a))
		}
		camps, err := tx.Campaigns(true)
		if err != nil {
			return err
		}
		for _, c := range camps {
			add("campaign", fmt.Sprint(c.ID))
		}
		regs, err := tx.Registrations(0)
		if err != nil {
			return err
		}
		for _, g := range regs {
			add("registration", fmt.Sprint(g.ID))
		}
		return nil
	})
	if err != nil {
		tc.t.Fatal(err)
	}
	for _, k := range []string{"unit", "user", "code", "campaign", "registration"} {
		if len(out[k]) == 0 {
			tc.t.Fatalf("commune %d has no %s to attack", commune, k)
		}
	}
	return out
}

// routeSpec is a button route of the bot as its source declares it: the
// constant's value, the data shapes its comment documents
// ("ev:<registration>:<outcome>"), and where its action may be pressed.
type routeSpec struct {
	name      string
	templates []string
	group     bool // pressed in a group only
}

var templateRE = regexp.MustCompile(`"([a-z]+(?::[^"\s]*)?)"`)

// botRoutes reads every `route = "xx"` constant of bot/*.go with the
// shapes its comment documents, and every action table entry's
// "group: true": a new route is attacked without touching this test.
func botRoutes(t *testing.T) []routeSpec {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("../../bot/*.go")
	if err != nil {
		t.Fatal(err)
	}
	byConst := map[string]*routeSpec{}
	groupOnly := map[string]bool{} // constant names
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "route" || len(n.Values) != 1 {
					return true
				}
				lit, ok := n.Values[0].(*ast.BasicLit)
				if !ok {
					return true
				}
				name, _ := strconv.Unquote(lit.Value)
				spec := &routeSpec{name: name}
				if n.Comment != nil {
					for _, m := range templateRE.FindAllStringSubmatch(n.Comment.Text(), -1) {
						if m[1] == name || strings.HasPrefix(m[1], name+":") {
							spec.templates = append(spec.templates, m[1])
						}
					}
				}
				byConst[n.Names[0].Name] = spec
			case *ast.CompositeLit:
				var routeConst string
				group := false
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					val, _ := kv.Value.(*ast.Ident)
					switch {
					case key == nil || val == nil:
					case key.Name == "route":
						routeConst = val.Name
					case key.Name == "group" && val.Name == "true":
						group = true
					}
				}
				if routeConst != "" && group {
					groupOnly[routeConst] = true
				}
			}
			return true
		})
	}
	var out []routeSpec
	for c, spec := range byConst {
		spec.group = groupOnly[c]
		out = append(out, *spec)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(out) < 40 {
		t.Fatalf("found only %d routes in bot/*.go: has the declaration changed?", len(out))
	}
	return out
}

// commandNames are the bot's commands, read from its table in
// bot/commands.go: a new command is tried without touching this test.
func commandNames(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../bot/commands.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`\{name: "(\w+)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 10 {
		t.Fatalf("found only %d commands in bot/commands.go", len(out))
	}
	return out
}

var placeholderRE = regexp.MustCompile(`<([a-z]+)>`)

// idPlaceholders name another commune's records; the rest are pages,
// years and the like that carry no record of anyone.
var idPlaceholders = map[string]bool{"unit": true, "user": true, "code": true, "campaign": true, "registration": true,
	"commune": true}

// otherValues fill the placeholders that name no commune's record.
var otherValues = map[string][]string{
	"outcome": {store.OutcomeRecognised, store.OutcomeExemplary, store.OutcomeNotMet},
	"page":    {"0"},
	"before":  {"0"},
	"year":    {"2024"},
	"nonce":   {"0"}, // a form's or an import's nonce is the presser's own record
	"op":      {"c"},
	"step":    {"0"},
	"arg":     {"0"},
}

// forgedData is every callback data that carries one of victim's ids:
// each documented shape with its placeholders filled in every way. Every
// route that takes an id documents its shape beside its constant (the
// convention of bot/router.go); one that documents none takes no id, and
// is opened bare by ownViews instead.
func forgedData(t *testing.T, routes []routeSpec, victim map[string][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, r := range routes {
		seen := map[string]bool{}
		for _, tmpl := range r.templates {
			if !placeholderHasID(tmpl) {
				continue
			}
			datas := []string{tmpl}
			for _, m := range placeholderRE.FindAllStringSubmatch(tmpl, -1) {
				values, ok := victim[m[1]], idPlaceholders[m[1]]
				if !ok {
					values, ok = otherValues[m[1]]
				}
				if !ok {
					t.Errorf("route %q: no values for <%s>: add them to otherValues or idPlaceholders", tmpl, m[1])
					continue
				}
				var next []string
				for _, d := range datas {
					for _, v := range values {
						next = append(next, strings.Replace(d, m[0], v, 1))
					}
				}
				datas = next
			}
			for _, d := range datas {
				if !seen[d] && len(d) <= 64 {
					seen[d] = true
					out[r.name] = append(out[r.name], d)
				}
			}
		}
	}
	if len(out) < 25 {
		t.Fatalf("only %d routes take an id: have the route comments changed?", len(out))
	}
	return out
}

// bareData is the data of the routes that name no record (lists, menus,
// pages): what they show must be the presser's commune only.
func bareData(routes []routeSpec) []routeSpec {
	var out []routeSpec
	for _, r := range routes {
		var datas []string
		if len(r.templates) == 0 {
			datas = []string{r.name}
		}
		for _, tmpl := range r.templates {
			if placeholderHasID(tmpl) {
				continue
			}
			d := tmpl
			for _, m := range placeholderRE.FindAllStringSubmatch(tmpl, -1) {
				if v := otherValues[m[1]]; len(v) > 0 {
					d = strings.Replace(d, m[0], v[0], 1)
				}
			}
			datas = append(datas, d)
		}
		if len(datas) > 0 {
			out = append(out, routeSpec{name: r.name, templates: datas, group: r.group})
		}
	}
	return out
}

func placeholderHasID(tmpl string) bool {
	for _, m := range placeholderRE.FindAllStringSubmatch(tmpl, -1) {
		if idPlaceholders[m[1]] {
			return true
		}
	}
	return false
}

// transient buckets change with every update whatever it does: the
// update ids seen (dedupe), the outbox the replies pass through, the
// attempts of risky work, the command menus published to a chat. Users'
// seen_at is the time of their last update. Everything else —
// conversations too: a refused button must not open a form on another
// commune's record — must be byte for byte what it was.
var transient = map[string]bool{"updates": true, "outbox": true, "attempts": true, "menus": true}

var seenAtRE = regexp.MustCompile(`"seen_at":"[^"]*"`)

// dump is every record of every bucket but the transient ones, and the
// files beside the database, as "bucket/key = value" lines.
func (h *harness) dump() []string {
	h.t.Helper()
	var buf bytes.Buffer
	if _, err := h.main.store.Backup(context.Background(), &buf); err != nil {
		h.t.Fatal(err)
	}
	path := filepath.Join(h.t.TempDir(), "dump.db")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		h.t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	var out []string
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if transient[string(name)] {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				if string(name) == "users" {
					v = seenAtRE.ReplaceAll(v, nil)
				}
				out = append(out, fmt.Sprintf("%s/%x = %s", name, k, v))
				return nil
			})
		})
	})
	if err != nil {
		h.t.Fatal(err)
	}
	filepath.Walk(h.path+".files", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, fmt.Sprintf("file %s %d", strings.TrimPrefix(p, h.path), info.Size()))
		}
		return nil
	})
	return out
}

// diff lists the lines only in a or only in b.
func diff(a, b []string) []string {
	in := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	ia, ib := in(a), in(b)
	var out []string
	for _, x := range a {
		if !ib[x] {
			out = append(out, "- "+x)
		}
	}
	for _, x := range b {
		if !ia[x] {
			out = append(out, "+ "+x)
		}
	}
	return out
}

// secrets are what only the commune's own people may read: names of its
// units, campaign, models, people, and its registration numbers.
var secrets = map[uint64][]string{
	store.HomeCommune: {"Chi bộ thôn Tây", "thôn Nam", "xã nhà", "Mô hình Chi bộ", "DVK-2024", "Hà Nguyễn", "Bí thư Đông", "Kiểm tra Ủy ban"},
}

func secretsOf(commune uint64) []string {
	if s, ok := secrets[commune]; ok {
		return s
	}
	return []string{"Bến Đình", "Tân Phú", "TANPHU", "Thị Bến", "Hùng Võ"}
}

// leaked is the first secret found in what the bot sent, but for what
// the attacker typed and the bot only repeated ("no unit “…”").
func leaked(sent []telegramtest.Sent, secret []string, typed string) string {
	for _, s := range sent {
		for _, x := range secret {
			for _, text := range []string{s.Plain, s.Text, s.Caption, s.FileName, fmt.Sprint(s.Buttons)} {
				if typed != "" {
					text = strings.ReplaceAll(text, typed, "")
				}
				if strings.Contains(text, x) {
					return fmt.Sprintf("%q in %s to %d: %s", x, s.Method, s.ChatID, s.Plain+s.Text)
				}
			}
		}
	}
	return ""
}

// attempt is one thing tried against the other commune.
type attempt struct {
	name string
	do   func() []telegramtest.Sent
	// press: a button, which must be answered with a refusal and change
	// no message.
	press bool
	typed string // what the attacker typed after the command
}

// refused checks one attempt: answered, nothing of the victim's shown,
// no apology for a crash, no English, and every record unchanged.
func (tc *twoCommunes) refused(t *testing.T, victim uint64, a attempt) {
	t.Helper()
	before := tc.dump()
	sent := a.do()
	if len(sent) == 0 {
		t.Errorf("%s: no answer", a.name)
	}
	if l := leaked(sent, tc.secretsOf(victim), a.typed); l != "" {
		t.Errorf("%s leaked %s", a.name, l)
	}
	for _, s := range sent {
		text := s.Plain + s.Text
		if strings.Contains(text, "gặp lỗi") || strings.Contains(text, "goroutine") || strings.Contains(text, "panic") ||
			strings.Contains(text, "not found") || strings.Contains(text, "error") {
			t.Errorf("%s: crashed or leaked an error: %s", a.name, text)
		}
		if s.Method == "sendDocument" {
			t.Errorf("%s: a refused attempt sent a file: %s", a.name, s.FileName)
		}
		if a.press && s.Method != "answerCallbackQuery" {
			t.Errorf("%s: a refused button sent %s: %s", a.name, s.Method, text)
		}
	}
	if d := slices.DeleteFunc(diff(before, tc.dump()), closedNameQuestion); len(d) > 0 {
		t.Errorf("%s changed records:\n%s", a.name, strings.Join(d, "\n"))
	}
}

// closedNameQuestion: the attempt closed the attacker's own open name
// question, as any other command or button does; theirs, not the victim's.
func closedNameQuestion(line string) bool {
	return strings.HasPrefix(line, "- conversations/") && strings.Contains(line, `"form":"name"`)
}

// pressIn presses data on the bot's last message in chat as u.
func (tc *twoCommunes) pressIn(u telegramtest.User, chat telegramtest.Chat, data string) []telegramtest.Sent {
	msg := tc.last(chat.ID)
	before := len(tc.srv.Sent())
	tc.srv.PressButton(u, chat, msg.MessageID, data)
	tc.settle()
	return tc.srv.Sent()[before:]
}

// buttonMatrix presses every forged data with victim's ids as attacker:
// in private, and, for the routes pressed in groups, in a group of no
// unit the attacker added the bot to (scoped to the attacker's commune)
// and in the attacker's own unit's group where there is one.
func (tc *twoCommunes) buttonMatrix(t *testing.T, attacker telegramtest.User, groups []telegramtest.Chat, victim uint64) {
	routes := botRoutes(t)
	forged := forgedData(t, routes, tc.ids(victim))
	pc := telegramtest.PrivateChat(attacker)
	n := 0
	for _, r := range routes {
		for _, data := range forged[r.name] {
			chats := []telegramtest.Chat{pc}
			if r.group {
				chats = groups
			}
			for _, chat := range chats {
				n++
				tc.refused(t, victim, attempt{name: fmt.Sprintf("%s presses %q in %s", attacker.FirstName, data, chat.Type),
					press: true, do: func() []telegramtest.Sent { return tc.pressIn(attacker, chat, data) }})
			}
		}
	}
	t.Logf("%d forged presses by %s", n, attacker.FirstName)
}

// unlinkedGroup is a new group attacker adds the bot to: it belongs to no
// unit, so it is scoped to the attacker's commune.
func (tc *twoCommunes) unlinkedGroup(attacker telegramtest.User, id int64) telegramtest.Chat {
	g := telegramtest.Chat{ID: id, Type: "supergroup", Title: "Nhóm mới " + attacker.FirstName}
	tc.srv.AddBotToGroup(attacker, g)
	tc.settle()
	tc.last(g.ID) // the unit picker, or "every unit has its group"
	return g
}

// The admin of commune A, with B's real ids: every button that takes an
// id, the commands that name a unit, B's group, and old deep links.
func TestIsolationAdminOfAAgainstB(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	g := tc.unlinkedGroup(admin, -100901)
	tc.buttonMatrix(t, admin, []telegramtest.Chat{g, group}, tc.b)
	tc.commandsAgainst(t, admin, tc.b)
	tc.ownViews(t, admin, []telegramtest.Chat{g, group}, tc.b)
	tc.inOthersGroup(t, admin, groupTP, tc.b)
}

// The reverse direction: commune B's admin against the home commune.
func TestIsolationAdminOfBAgainstA(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	g := tc.unlinkedGroup(adminTP, -100902)
	tc.buttonMatrix(t, adminTP, []telegramtest.Chat{g, groupTP}, tc.a)
	tc.commandsAgainst(t, adminTP, tc.a)
	tc.ownViews(t, adminTP, []telegramtest.Chat{g, groupTP}, tc.a)
	tc.inOthersGroup(t, adminTP, group, tc.a)
}

// A secretary of B against A's units, a secretary of A against B's, and
// A's read-only member (who reads reports and model files) against B's.
func TestIsolationSecretaryAndViewerAgainstOtherCommune(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	gs := []telegramtest.Chat{tc.unlinkedGroup(secTP, -100903), groupTP}
	tc.buttonMatrix(t, secTP, gs, tc.a)
	tc.commandsAgainst(t, secTP, tc.a)
	tc.ownViews(t, secTP, gs, tc.a)
	tc.inOthersGroup(t, secTP, group, tc.a)
	tc.buttonMatrix(t, secA, []telegramtest.Chat{tc.unlinkedGroup(secA, -100904), group}, tc.b)
	tc.buttonMatrix(t, viewer, []telegramtest.Chat{group}, tc.b)
	tc.commandsAgainst(t, viewer, tc.b)
}

// commandsAgainst types, in private, the commands that name the other
// commune's records: /report with its unit names and registration
// numbers, /start with its ids, registration numbers and spent invites.
//
// A live invite is a capability by design: whoever opens it becomes what
// it says, in the commune it names (a secretary invite to B's unit makes
// a newcomer B's secretary: TestIsolationInviteIsTheInvitedsCommune). What
// must not be possible is to make one for another commune, which the
// button matrix tries (ui:<B's unit>, adm:inv scoped to the presser's
// commune); and a spent or revoked link stays dead.
func (tc *twoCommunes) commandsAgainst(t *testing.T, attacker telegramtest.User, victim uint64) {
	pc := telegramtest.PrivateChat(attacker)
	type typed struct{ cmd, arg string }
	var texts []typed
	tc.change(func(tx *store.Tx) error {
		tx.Scope(victim)
		units, err := tx.Units(true)
		if err != nil {
			return err
		}
		for _, u := range units {
			texts = append(texts, typed{"/report", u.Name}, typed{"/report", strings.ToLower(u.Name)}, typed{"/start", fmt.Sprint(u.ID)})
		}
		regs, err := tx.Registrations(0)
		if err != nil {
			return err
		}
		for _, g := range regs {
			texts = append(texts, typed{"/report", g.Number}, typed{"/start", g.Number})
		}
		// A revoked and a spent invite of the victim: a link taken back,
		// and one forwarded too far.
		var withSecretary store.Unit
		for _, u := range units {
			if len(tx.Secretaries(u.ID)) > 0 {
				withSecretary = u
			}
		}
		revoked, err := tx.CreateInvite(withSecretary.ID, firstAdmin(tx), time.Hour)
		if err != nil {
			return err
		}
		if _, err := tx.RevokeInvite(revoked.Code); err != nil {
			return err
		}
		spent, err := tx.CreateInvite(withSecretary.ID, firstAdmin(tx), time.Hour)
		if err != nil {
			return err
		}
		if _, err := tx.UseInvite(spent.Code, tx.Secretaries(withSecretary.ID)[0]); err != nil {
			return err
		}
		texts = append(texts, typed{"/start", revoked.Code}, typed{"/start", spent.Code})
		// The copy of the database is every commune's records: the
		// province's office alone may take it.
		if !slices.Contains(tc.province, attacker.ID) {
			texts = append(texts, typed{"/backup", ""})
		}
		return nil
	})
	for _, tt := range texts {
		if tt.cmd == "/report" && slices.Contains(tc.province, attacker.ID) {
			continue // the province's office reads any commune's unit by name (TestProvinceUnitDetailOfTwoUnitsOfOneName)
		}
		tc.refused(t, victim, attempt{name: fmt.Sprintf("%s types %s %s", attacker.FirstName, tt.cmd, tt.arg), typed: tt.arg,
			do: func() []telegramtest.Sent { return tc.replies(attacker, pc, strings.TrimSpace(tt.cmd+" "+tt.arg)) }})
	}
}

// ownViews opens, as attacker, every list, export and menu that names no
// record, by command and by bare button, in private and in the
// attacker's groups: what may be the attacker's own to change (a form
// opened) is not checked here, but none of it may show the victim's.
func (tc *twoCommunes) ownViews(t *testing.T, attacker telegramtest.User, groups []telegramtest.Chat, victim uint64) {
	pc := telegramtest.PrivateChat(attacker)
	look := func(name string, sent []telegramtest.Sent) {
		if l := leaked(sent, tc.secretsOf(victim), ""); l != "" {
			t.Errorf("%s by %s leaked %s", name, attacker.FirstName, l)
		}
	}
	for _, cmd := range commandNames(t) {
		for _, chat := range append([]telegramtest.Chat{pc}, groups...) {
			look(cmd, tc.replies(attacker, chat, "/"+cmd))
			tc.replies(attacker, pc, "/cancel")
		}
	}
	for _, r := range bareData(botRoutes(t)) {
		chats := []telegramtest.Chat{pc}
		if r.group {
			chats = groups
		}
		for _, data := range r.templates {
			for _, chat := range chats {
				look(data, tc.pressIn(attacker, chat, data))
			}
		}
	}
	tc.replies(attacker, pc, "/cancel")
}

func firstAdmin(tx *store.Tx) int64 {
	admins, _ := tx.Admins()
	if len(admins) == 0 {
		return 0
	}
	return admins[0]
}

// inOthersGroup: the attacker in the other commune's unit group (a member
// there, perhaps) is nobody there: no command of staff, and the group
// cannot be linked to the attacker's units.
func (tc *twoCommunes) inOthersGroup(t *testing.T, attacker telegramtest.User, g telegramtest.Chat, victim uint64) {
	for _, cmd := range commandNames(t) {
		tc.refusedOrQuiet(t, victim, attempt{name: fmt.Sprintf("%s types /%s in the other commune's group", attacker.FirstName, cmd),
			do: func() []telegramtest.Sent { return tc.replies(attacker, g, "/"+cmd) }})
	}
	own := tc.ids(tc.communeOf(attacker))
	for _, unit := range own["unit"] {
		data := "gl:" + unit
		tc.refused(t, victim, attempt{name: fmt.Sprintf("%s presses %s in the other commune's group", attacker.FirstName, data), press: true,
			do: func() []telegramtest.Sent { return tc.pressIn(attacker, g, data) }})
	}
}

// refusedOrQuiet is refused where silence is also a refusal (a group).
func (tc *twoCommunes) refusedOrQuiet(t *testing.T, victim uint64, a attempt) {
	t.Helper()
	do := a.do
	a.do = func() []telegramtest.Sent {
		if sent := do(); len(sent) > 0 {
			return sent
		}
		return []telegramtest.Sent{{Method: "silence"}}
	}
	tc.refused(t, victim, a)
}

func (tc *twoCommunes) communeOf(u telegramtest.User) uint64 {
	if u.ID == adminTP.ID || u.ID == secTP.ID {
		return tc.b
	}
	return tc.a
}

// A's admin announces to all groups: only A's groups hear it.
func TestIsolationAnnounceReachesOwnGroupsOnly(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	pc := telegramtest.PrivateChat(admin)
	before := len(tc.srv.SentTo(groupTP.ID))
	tc.say(admin, "/announce", "Nội dung thông báo")
	tc.say(admin, "Họp chi bộ lúc 8h thứ Hai.", "Gửi đến nhóm nào")
	ask := tc.last(admin.ID)
	if l := leaked([]telegramtest.Sent{ask}, secretsOf(tc.b), ""); l != "" {
		t.Errorf("the group choice leaked %s", l)
	}
	tc.press(admin, pc, ask, "Xong")
	tc.press(admin, pc, tc.expect(admin.ID, "kiểm tra lại"), "Xác nhận")
	tc.expectNew(admin.ID, "Đã xếp 1 tin thông báo")
	tc.expectNew(group.ID, "Thông báo của Văn phòng Đảng ủy")
	tc.settle()
	if got := tc.srv.SentTo(groupTP.ID)[before:]; len(got) > 0 {
		t.Errorf("B's group got A's announcement: %s", joined(got))
	}
}

// An invite is the invited's: a newcomer who opens B's secretary link
// becomes B's secretary and sees B, not A.
func TestIsolationInviteIsTheInvitedsCommune(t *testing.T) {
	t.Parallel()
	tc := newTwoCommunes(t)
	codes := tc.ids(tc.b)["code"]
	var code string
	tc.change(func(tx *store.Tx) error {
		for _, c := range codes {
			if inv, err := tx.Invite(c); err == nil && inv.UnitID != 0 {
				code = c
			}
		}
		return nil
	})
	tc.srv.SendPrivate(newcomerTP, "/start "+code)
	tc.expect(newcomerTP.ID, "Chào mừng")
	sent := tc.replies(newcomerTP, telegramtest.PrivateChat(newcomerTP), "/status")
	if !strings.Contains(joined(sent), "Bến Đình") {
		t.Errorf("B's new secretary does not see B's unit: %s", joined(sent))
	}
	if l := leaked(sent, secretsOf(tc.a), ""); l != "" {
		t.Errorf("B's new secretary sees A: %s", l)
	}
}
