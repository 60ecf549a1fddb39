package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// Config is the whole configuration file. Every key is documented in
// config.example.toml.
type Config struct {
	Telegram  TelegramConfig  `toml:"telegram"`
	Store     StoreConfig     `toml:"store"`
	Bot       BotConfig       `toml:"bot"`
	Reminders RemindersConfig `toml:"reminders"`
	Log       LogConfig       `toml:"log"`
	Office    OfficeConfig    `toml:"office"`
	Province  ProvinceConfig  `toml:"province"`
	Zalo      ZaloConfig      `toml:"zalo"`
	HTTP      HTTPConfig      `toml:"http"`
}

// ZaloConfig is the Zalo Bot Platform, run beside Telegram when enabled.
type ZaloConfig struct {
	Enabled     bool   `toml:"enabled"`
	Token       string `toml:"token"`        // DVKBOT_ZALO_TOKEN wins
	Mode        string `toml:"mode"`         // "poll" (development) or "webhook" (production)
	APIEndpoint string `toml:"api_endpoint"` // "" = https://bot-api.zaloplatforms.com
	// WebhookSecret is what Zalo sends in X-Bot-Api-Secret-Token: 8 to
	// 256 characters. DVKBOT_ZALO_WEBHOOK_SECRET wins.
	WebhookSecret string `toml:"webhook_secret"`
}

// HTTPConfig is the binary's one web server: the Zalo webhook.
type HTTPConfig struct {
	Listen    string `toml:"listen"`     // "127.0.0.1:8080", behind a TLS-terminating reverse proxy
	PublicURL string `toml:"public_url"` // "https://dvk.example.vn": where Zalo reaches it
}

// OfficeConfig is the home commune: the one a deployment starts with, and
// who issues its paper (the header block and the signature of the
// workbook, the report draft and the registration sheets). The other
// communes of a province are created in the bot by the province's office,
// each with its own paper.
type OfficeConfig struct {
	Commune string `toml:"commune"` // "Xã An Bình"; "" = from the body's last line
	Code    string `toml:"code"`    // "ANBINH": in registration numbers; "" = none
	// Office is who issues the paper and signs it, under its own keys
	// (body, place, signer, …): the store's shape, so that the home
	// commune and the printed paper get it as it is, not copied field by
	// field.
	store.Office
}

// ProvinceConfig is the province's office (Ban Dân vận Tỉnh ủy) when one
// bot serves a province's communes: who it is, its admins, and the paper
// of its roll-up. A commune's own deployment leaves it empty.
type ProvinceConfig struct {
	Name   string  `toml:"name"`   // "Tỉnh Gia Lai"
	Admins []int64 `toml:"admins"` // Telegram user ids of the province's office
	store.Office
}

// Paper is the province's paper as the report package prints it: what
// the config leaves empty is a Ban Dân vận Tỉnh ủy's, not a commune's
// ("T/M BAN DÂN VẬN", "TRƯỞNG BAN", to the central Ban Dân vận), from the
// province's name.
func (p ProvinceConfig) Paper() store.Office {
	o := p.Office
	place := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(p.Name, "Tỉnh "), "Thành phố "))
	defaults := []struct {
		field *string
		value string
	}{{&o.OnBehalf, "T/M BAN DÂN VẬN"}, {&o.Position, "TRƯỞNG BAN"}, {&o.Recipient, "Ban Dân vận Trung ương"},
		{&o.Place, place}, {&o.ShortName, "Ban Dân vận " + p.Name}, {&o.Abbreviation, "BDVTU"}}
	for _, d := range defaults {
		if *d.field == "" && d.value != "" {
			*d.field = d.value
		}
	}
	if len(o.Body) == 0 && place != "" {
		o.Body = []string{"TỈNH ỦY " + strings.ToUpper(place), "BAN DÂN VẬN"}
	}
	return o
}

type RemindersConfig struct {
	DaysBefore []int  `toml:"days_before"`
	Time       string `toml:"time"`   // "08:00", local
	Digest     string `toml:"digest"` // cron spec of the admins' weekly digest
}

// RemindAt is the hour and minute of [reminders] time; Validate checked it.
func (c Config) RemindAt() [2]int {
	t, err := time.Parse("15:04", c.Reminders.Time)
	if err != nil {
		return [2]int{8, 0}
	}
	return [2]int{t.Hour(), t.Minute()}
}

type TelegramConfig struct {
	Token       string   `toml:"token"`
	APIEndpoint string   `toml:"api_endpoint"`
	Proxy       string   `toml:"proxy"`
	PollTimeout Duration `toml:"poll_timeout"`
	// ConflictGrace is how long Telegram may keep refusing getUpdates with
	// 409 Conflict (another instance on the token, or a webhook) before
	// the bot stops.
	ConflictGrace Duration `toml:"conflict_grace"`
}

type StoreConfig struct {
	Path         string   `toml:"path"`
	LockTimeout  Duration `toml:"lock_timeout"`
	CheckOnStart bool     `toml:"check_on_start"`
}

type BotConfig struct {
	Admins    []int64  `toml:"admins"`
	Language  string   `toml:"language"`
	Timezone  string   `toml:"timezone"`
	InviteTTL Duration `toml:"invite_ttl"`
	// CongratulateGroups posts to a unit's group when its model is recognised.
	CongratulateGroups bool `toml:"congratulate_groups"`
	// ChatBackups lets admins ask for a copy of the database in private chat.
	ChatBackups bool `toml:"chat_backups"`
	// EvidenceMaxMB is the largest evidence file the bot keeps a copy of.
	EvidenceMaxMB int `toml:"evidence_max_mb"`
}

type LogConfig struct {
	Level  string `toml:"level"`
	Format string `toml:"format"`
}

// Duration is a time.Duration written as "30s" or "2m" in TOML.
type Duration struct{ time.Duration }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	d.Duration = v
	return err
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// DefaultConfig is what an empty file means.
func DefaultConfig() Config {
	return Config{
		Telegram: TelegramConfig{APIEndpoint: "https://api.telegram.org/bot%s/%s", PollTimeout: Duration{30 * time.Second}, ConflictGrace: Duration{30 * time.Second}},
		Store:    StoreConfig{Path: "dvkbot.db", LockTimeout: Duration{2 * time.Second}},
		Zalo:     ZaloConfig{Mode: "poll"},
		Bot: BotConfig{Language: "vi", Timezone: "Asia/Ho_Chi_Minh", InviteTTL: Duration{7 * 24 * time.Hour}, CongratulateGroups: true,
			EvidenceMaxMB: 20},
		Reminders: RemindersConfig{DaysBefore: []int{7, 3, 1, 0}, Time: "08:00", Digest: "0 8 * * 1"},
		Log:       LogConfig{Level: "info", Format: "text"},
		Office:    defaultOffice(),
	}
}

// defaultOffice is report.DefaultOffice: dotted blanks that show on paper
// what is still to be configured.
func defaultOffice() OfficeConfig {
	return OfficeConfig{Office: report.DefaultOffice()}
}

// HomeCommune is the home commune as the store keeps it.
func (o OfficeConfig) HomeCommune() store.Commune {
	name := o.Commune
	if name == "" && len(o.Body) > 0 {
		name = communeName(o.Body[len(o.Body)-1])
	}
	return store.Commune{ID: store.HomeCommune, Name: name, Code: o.Code, Office: o.Office}
}

// communeName is a commune's name from its body line: "ĐẢNG ỦY XÃ AN BÌNH"
// gives "Xã An Bình"; a body with dotted blanks gives "Đảng ủy".
func communeName(line string) string {
	line = strings.TrimSpace(line)
	up := strings.ToUpper(line)
	if strings.Contains(line, "…") || !strings.HasPrefix(up, "ĐẢNG ỦY ") {
		return "Đảng ủy"
	}
	words := strings.Fields(strings.ToLower(strings.TrimPrefix(up, "ĐẢNG ỦY ")))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = strings.ToUpper(string(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// LoadConfig reads path over the defaults, applies the environment
// (DVKBOT_TOKEN, DVKBOT_API_ENDPOINT win over the file) and validates.
// Every error names the file and the key.
func LoadConfig(path string, getenv func(string) string) (Config, error) {
	return loadConfig(path, getenv, true)
}

// loadConfig is LoadConfig; offline commands (export) need no token.
func loadConfig(path string, getenv func(string) string, needToken bool) (Config, error) {
	cfg := DefaultConfig()
	md, err := toml.DecodeFile(path, &cfg)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, fmt.Errorf("config %s: file not found (copy config.example.toml to start)", path)
	}
	if err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return cfg, fmt.Errorf("config %s: unknown key %s", path, keys[0])
	}
	cfg.applyEnv(getenv)
	if !needToken && cfg.Telegram.Token == "" {
		cfg.Telegram.Token = "0:offline" // passes the check; never used
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

func (c *Config) applyEnv(getenv func(string) string) {
	if v := getenv("DVKBOT_TOKEN"); v != "" {
		c.Telegram.Token = v
	}
	if v := getenv("DVKBOT_API_ENDPOINT"); v != "" {
		c.Telegram.APIEndpoint = v
	}
	if v := getenv("DVKBOT_ZALO_TOKEN"); v != "" {
		c.Zalo.Token = v
	}
	if v := getenv("DVKBOT_ZALO_WEBHOOK_SECRET"); v != "" {
		c.Zalo.WebhookSecret = v
	}
}

// Validate checks every key; the first bad one is named in the error.
func (c Config) Validate() error {
	checks := []struct {
		key string
		err error
	}{
		{"telegram.token", checkToken(c.Telegram.Token)},
		{"zalo", c.Zalo.check(c.HTTP)},
		{"telegram.api_endpoint", checkEndpoint(c.Telegram.APIEndpoint)},
		{"telegram.proxy", checkProxy(c.Telegram.Proxy)},
		{"telegram.poll_timeout", checkRange(c.Telegram.PollTimeout.Duration, time.Second, 5*time.Minute)},
		{"telegram.conflict_grace", checkRange(c.Telegram.ConflictGrace.Duration, time.Second, 10*time.Minute)},
		{"store.path", checkNotEmpty(c.Store.Path)},
		{"store.lock_timeout", checkRange(c.Store.LockTimeout.Duration, 100*time.Millisecond, time.Minute)},
		{"bot.admins", checkAdmins(c.Bot.Admins)},
		{"bot.language", checkOneOf(c.Bot.Language, "vi", "en")},
		{"bot.timezone", checkTimezone(c.Bot.Timezone)},
		{"bot.invite_ttl", checkRange(c.Bot.InviteTTL.Duration, time.Hour, 90*24*time.Hour)},
		{"reminders.days_before", checkDays(c.Reminders.DaysBefore)},
		{"reminders.time", checkClock(c.Reminders.Time)},
		{"reminders.digest", checkCron(c.Reminders.Digest)},
		{"bot.evidence_max_mb", checkIntRange(c.Bot.EvidenceMaxMB, 1, 20)},
		{"log.level", checkOneOf(c.Log.Level, "debug", "info", "warn", "error")},
		{"log.format", checkOneOf(c.Log.Format, "text", "json")},
		{"office.commune", checkLine(c.Office.Commune, true)},
		{"office.code", checkCode(c.Office.Code)},
		{"province.name", checkProvinceName(c.Province)},
		{"province.admins", checkProvinceAdmins(c.Province.Admins, c.Bot.Admins)},
		{"province.body", checkProvinceBody(c.Province.Body)},
		{"office.body", checkBody(c.Office.Body)},
		{"office.short_name", checkLine(c.Office.ShortName, true)},
		{"office.place", checkLine(c.Office.Place, false)},
		{"office.on_behalf", checkLine(c.Office.OnBehalf, false)},
		{"office.position", checkLine(c.Office.Position, false)},
		{"office.signer", checkLine(c.Office.Signer, true)},
		{"office.preparer", checkLine(c.Office.Preparer, true)},
		{"office.recipient", checkLine(c.Office.Recipient, false)},
		{"office.abbreviation", checkAbbreviation(c.Office.Abbreviation)},
		{"province.abbreviation", checkAbbreviation(c.Province.Abbreviation)},
	}
	for _, ch := range checks {
		if ch.err != nil {
			return fmt.Errorf("%s: %w", ch.key, ch.err)
		}
	}
	return nil
}

// Location is the configured time zone; Validate has checked it.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Bot.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func checkToken(tok string) error {
	if tok == "" {
		return errors.New("is empty: put the token from @BotFather here or in DVKBOT_TOKEN")
	}
	id, secret, ok := strings.Cut(tok, ":")
	if !ok || id == "" || secret == "" || strings.ContainsAny(tok, " \t\n/") {
		return errors.New(`does not look like a bot token ("123456789:AA...")`)
	}
	return nil
}

func checkEndpoint(e string) error {
	if strings.Count(e, "%s") != 2 {
		return fmt.Errorf("%q must contain %%s twice: for the token and the method", e)
	}
	u, err := url.Parse(strings.ReplaceAll(e, "%s", "x"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", e)
	}
	return nil
}

func checkProxy(p string) error {
	if p == "" {
		return nil
	}
	u, err := url.Parse(p)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not a URL", p)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
		return nil
	}
	return fmt.Errorf("scheme %q: use http://, https:// or socks5://", u.Scheme)
}

func checkRange(d, lo, hi time.Duration) error {
	if d < lo || d > hi {
		return fmt.Errorf("%v is outside %v..%v", d, lo, hi)
	}
	return nil
}

func checkIntRange(v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%d is not between %d and %d", v, lo, hi)
	}
	return nil
}

// checkBody wants the issuing body on one or two printed lines.
func checkBody(lines []string) error {
	if len(lines) < 1 || len(lines) > 2 {
		return fmt.Errorf("has %d lines: write the issuing body on one or two, e.g. [\"ĐẢNG BỘ TỈNH …\", \"ĐẢNG ỦY XÃ …\"]", len(lines))
	}
	for _, l := range lines {
		if err := checkLine(l, false); err != nil {
			return err
		}
	}
	return nil
}

// checkLine wants one printed line of at most 80 characters; empty only
// when optional.
func checkLine(s string, optional bool) error {
	switch {
	case strings.TrimSpace(s) == "" && !optional:
		return errors.New("is empty")
	case strings.ContainsAny(s, "\n\r\t"):
		return errors.New("must be one line")
	case utf8.RuneCountInString(s) > 80:
		return fmt.Errorf("is %d characters long; at most 80 fit a line of the paper", utf8.RuneCountInString(s))
	}
	return nil
}

func checkNotEmpty(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("is empty")
	}
	return nil
}

// checkProvinceName: a province's office needs its name (it heads each
// new commune's paper, "ĐẢNG BỘ TỈNH …"); a name needs the office.
func checkProvinceName(p ProvinceConfig) error {
	if err := checkLine(p.Name, true); err != nil {
		return err
	}
	switch {
	case len(p.Admins) > 0 && p.Name == "":
		return errors.New("empty: [province] admins need the province's name, such as \"Tỉnh Gia Lai\"")
	case p.Name != "" && len(p.Admins) == 0:
		return errors.New("set, but [province] admins is empty: who is the province's office?")
	}
	return nil
}

// checkProvinceAdmins: a person is of one office, the province's or the
// home commune's.
func checkProvinceAdmins(ids, commune []int64) error {
	if err := checkAdmins(ids); err != nil {
		return err
	}
	for _, id := range ids {
		if slices.Contains(commune, id) {
			return fmt.Errorf("%d is in [bot] admins too: a person is of one office", id)
		}
	}
	return nil
}

func checkProvinceBody(body []string) error {
	if len(body) == 0 {
		return nil // from the name
	}
	return checkBody(body)
}

// checkAbbreviation wants the issuing body's part of a ký hiệu, such as
// "ĐU" or "BDVTU": letters only, at most 12; empty takes the default.
func checkAbbreviation(s string) error {
	if s == "" {
		return nil
	}
	if strings.Contains(s, "/") || strings.Contains(s, "-") {
		return fmt.Errorf("%q: write only the body's part, such as \"ĐU\": the paper prints \"Số …-BC/ĐU\"", s)
	}
	if n := utf8.RuneCountInString(s); n > 12 {
		return fmt.Errorf("%q is %d letters long; a ký hiệu's part has at most 12", s, n)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return fmt.Errorf("%q: letters only, such as \"ĐU\" or \"BDVTU\"", s)
		}
	}
	return nil
}

// checkCode: a commune's code, as store keeps it, or none.
func checkCode(code string) error {
	if code == "" {
		return nil
	}
	if !store.ValidCode(code) {
		return fmt.Errorf("%q: 2 to 12 capital letters A-Z or digits, such as \"ANBINH\"", code)
	}
	return nil
}

func checkAdmins(ids []int64) error {
	for _, id := range ids {
		if id <= 0 {
			return fmt.Errorf("%d is not a Telegram user id (user ids are positive)", id)
		}
	}
	return nil
}

func checkOneOf(v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(allowed, ", "))
}

func checkTimezone(tz string) error {
	if _, err := time.LoadLocation(tz); err != nil || tz == "" {
		return fmt.Errorf("unknown time zone %q (e.g. Asia/Ho_Chi_Minh)", tz)
	}
	return nil
}

func checkDays(days []int) error {
	for _, d := range days {
		if d < 0 || d > 60 {
			return fmt.Errorf("%d is outside 0..60", d)
		}
	}
	return nil
}

func checkClock(v string) error {
	if _, err := time.Parse("15:04", v); err != nil {
		return fmt.Errorf("%q is not a time like 08:00", v)
	}
	return nil
}

// checkCron validates a five-field cron schedule. The zone comes from
// [bot] timezone, so a TZ= or CRON_TZ= prefix is refused; and robfig/cron's
// parser panics on some malformed prefixes ("TZ="), so it is called behind
// a recover: a bad config is an error naming the key, never a crash.
func checkCron(spec string) (err error) {
	bad := func(why string) error {
		return fmt.Errorf("%q is not a cron schedule like \"0 8 * * 1\" (minute hour day month weekday): %s", spec, why)
	}
	if t := strings.TrimSpace(spec); strings.HasPrefix(t, "TZ=") || strings.HasPrefix(t, "CRON_TZ=") {
		return bad("the time zone is [bot] timezone, not part of the schedule")
	}
	defer func() {
		if p := recover(); p != nil {
			err = bad(fmt.Sprint(p))
		}
	}()
	if _, err := cron.ParseStandard(spec); err != nil {
		return bad(err.Error())
	}
	return nil
}

// check: an enabled Zalo has a token and a mode; a webhook a secret Zalo
// takes (8 to 256 characters) and an address to listen on.
func (z ZaloConfig) check(h HTTPConfig) error {
	if !z.Enabled {
		return nil
	}
	switch {
	case z.Token == "":
		return errors.New("token is empty: put the Zalo bot's token here or in DVKBOT_ZALO_TOKEN")
	case z.Mode != "poll" && z.Mode != "webhook":
		return fmt.Errorf("mode %q: want \"poll\" or \"webhook\"", z.Mode)
	case z.Mode == "webhook" && (len(z.WebhookSecret) < 8 || len(z.WebhookSecret) > 256):
		return errors.New("webhook_secret: 8 to 256 characters")
	case z.Mode == "webhook" && h.Listen == "":
		return errors.New("mode webhook needs [http] listen")
	}
	return nil
}
