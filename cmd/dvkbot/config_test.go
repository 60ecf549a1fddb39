package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

const validToken = "123456789:AAExampleExampleExample"

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func noEnv(string) string { return "" }

func TestLoadConfigErrorsNameFileAndKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"missing token", ``, "telegram.token: is empty"},
		{"bad token", `[telegram]
token = "abc"`, "telegram.token: does not look like a bot token"},
		{"endpoint without placeholders", `[telegram]
token = "` + validToken + `"
api_endpoint = "https://api.telegram.org/"`, "telegram.api_endpoint"},
		{"proxy scheme", `[telegram]
token = "` + validToken + `"
proxy = "ftp://proxy:21"`, "telegram.proxy: scheme \"ftp\""},
		{"bad duration", `[telegram]
token = "` + validToken + `"
poll_timeout = "soon"`, "poll_timeout"},
		{"unknown time zone", `[telegram]
token = "` + validToken + `"
[bot]
timezone = "Asia/Hanoi"`, "bot.timezone: unknown time zone \"Asia/Hanoi\""},
		{"language", `[telegram]
token = "` + validToken + `"
[bot]
language = "fr"`, "bot.language"},
		{"negative admin", `[telegram]
token = "` + validToken + `"
[bot]
admins = [-5]`, "bot.admins: -5"},
		{"typo in key", `[telegram]
tokn = "x"`, "unknown key telegram.tokn"},
		{"log level", `[telegram]
token = "` + validToken + `"
[log]
level = "loud"`, "log.level"},
		{"not toml", `[telegram`, "config"},
		{"province admins without a name", `[telegram]
token = "` + validToken + `"
[province]
admins = [7]`, "province.name: empty"},
		{"province name without admins", `[telegram]
token = "` + validToken + `"
[province]
name = "Tỉnh Gia Lai"`, "province.name: set, but [province] admins is empty"},
		{"one person in both offices", `[telegram]
token = "` + validToken + `"
[bot]
admins = [7]
[province]
name = "Tỉnh Gia Lai"
admins = [7]`, "province.admins: 7 is in [bot] admins too"},
		{"province body of three lines", `[telegram]
token = "` + validToken + `"
[province]
name = "Tỉnh Gia Lai"
admins = [8]
body = ["A", "B", "C"]`, "province.body: has 3 lines"},
		{"office code in small letters", `[telegram]
token = "` + validToken + `"
[office]
code = "anbinh"`, "office.code"},
		{"office body of three lines", `[telegram]
token = "` + validToken + `"
[office]
body = ["A", "B", "C"]`, "office.body: has 3 lines"},
		{"office body empty", `[telegram]
token = "` + validToken + `"
[office]
body = []`, "office.body: has 0 lines"},
		{"office place empty", `[telegram]
token = "` + validToken + `"
[office]
place = " "`, "office.place: is empty"},
		{"office signer on two lines", `[telegram]
token = "` + validToken + `"
[office]
signer = "Lâm\nThu"`, "office.signer: must be one line"},
		{"office recipient empty", `[telegram]
token = "` + validToken + `"
[office]
recipient = ""`, "office.recipient: is empty"},
		{"office key typo", `[telegram]
token = "` + validToken + `"
[office]
signer_name = "x"`, "unknown key office.signer_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.body)
			_, err := LoadConfig(path, noEnv)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q should name %s and %q", err, path, tt.want)
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	t.Parallel()
	_, err := LoadConfig(filepath.Join(t.TempDir(), "none.toml"), noEnv)
	if err == nil || !strings.Contains(err.Error(), "config.example.toml") {
		t.Errorf("error %v should point to config.example.toml", err)
	}
}

func TestEnvironmentWins(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, `[telegram]
token = "1:file"
api_endpoint = "https://file.example/bot%s/%s"`)
	env := map[string]string{"DVKBOT_TOKEN": validToken, "DVKBOT_API_ENDPOINT": "http://127.0.0.1:8081/bot%s/%s"}
	cfg, err := LoadConfig(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != validToken || cfg.Telegram.APIEndpoint != env["DVKBOT_API_ENDPOINT"] {
		t.Errorf("env did not win: %+v", cfg.Telegram)
	}
}

func TestExampleConfigIsCompleteAndValid(t *testing.T) {
	t.Parallel()
	cfg, err := LoadConfig("../../config.example.toml", func(k string) string {
		if k == "DVKBOT_TOKEN" {
			return validToken
		}
		return ""
	})
	if err != nil {
		t.Fatalf("config.example.toml: %v", err)
	}
	want := DefaultConfig()
	want.Telegram.Token = validToken
	if cfg.Telegram != want.Telegram || cfg.Store != want.Store || cfg.Log != want.Log || len(cfg.Reminders.DaysBefore) != 4 ||
		cfg.Bot.Language != want.Bot.Language || cfg.Bot.Timezone != want.Bot.Timezone {
		t.Errorf("config.example.toml differs from DefaultConfig:\n%+v\n%+v", cfg, want)
	}
	if loc := cfg.Location(); loc.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("location %v", loc)
	}
	if got := time.Date(2024, 4, 7, 1, 0, 0, 0, time.UTC).In(cfg.Location()).Hour(); got != 8 {
		t.Errorf("01:00 UTC is %d:00 in Ho Chi Minh City, want 8", got)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, `[telegram]
token = "`+validToken+`"
poll_timeout = "1h"`)
	_, err := LoadConfig(path, noEnv)
	if err == nil || strings.Contains(err.Error(), validToken) || strings.Contains(err.Error(), "AAExample") {
		t.Errorf("error %v: want an error without the token", err)
	}
}

func TestCronCheckNamesTheProblemAndNeverPanics(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"TZ=", "CRON_TZ=", "TZ=Asia/Ho_Chi_Minh 0 8 * * 1", "CRON_TZ=x", "", "0 8 * *", "@every", "61 8 * * 1"} {
		t.Run(spec, func(t *testing.T) {
			if err := checkCron(spec); err == nil {
				t.Errorf("checkCron(%q) accepted", spec)
			}
		})
	}
	for _, spec := range []string{"0 8 * * 1", "@weekly", "30 7 * * 1-5"} {
		if err := checkCron(spec); err != nil {
			t.Errorf("checkCron(%q): %v", spec, err)
		}
	}
}

func FuzzCronSpec(f *testing.F) {
	for _, s := range []string{"0 8 * * 1", "TZ=", "CRON_TZ=Asia/Ho_Chi_Minh 0 8 * * *", "@every 1h", "*/5 * * * *", "0 0 31 2 *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		checkCron(spec) // must not panic
	})
}

func TestHelpAndVersionExitZero(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"run", "-h"}, {"export", "-h"}, {"backup", "-h"}, {"version"}, {"--version"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(context.Background(), args, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s%s", code, out.String(), errOut.String())
			}
			if out.Len()+errOut.Len() == 0 {
				t.Error("printed nothing")
			}
		})
	}
	var out bytes.Buffer
	run(context.Background(), []string{"version"}, &out, &out)
	if !strings.HasPrefix(out.String(), "dvkbot ") || !strings.Contains(out.String(), "go1.") {
		t.Errorf("version %q", out.String())
	}
}

func TestOfficeConfigReachesThePaper(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		wantBody   []string
		wantSigner string
	}{
		{"defaults leave dotted blanks", ``, []string{"ĐẢNG BỘ TỈNH ……………", "ĐẢNG ỦY XÃ ……………"}, ""},
		{"one line and a signer", `[office]
body = ["ĐẢNG ỦY XÃ AN BÌNH"]
place = "An Bình"
position = "PHÓ BÍ THƯ"
signer = "Lâm Ngọc Thu"`, []string{"ĐẢNG ỦY XÃ AN BÌNH"}, "Lâm Ngọc Thu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := LoadConfig(writeConfig(t, "[telegram]\ntoken = \""+validToken+"\"\n"+tt.body), noEnv)
			if err != nil {
				t.Fatal(err)
			}
			o := cfg.Office.Office
			if strings.Join(o.Body, "|") != strings.Join(tt.wantBody, "|") || o.Signer != tt.wantSigner || o.Recipient != "Ban Dân vận Tỉnh ủy" {
				t.Errorf("office %+v", o)
			}
		})
	}
}

// An empty [province] paper is a Ban Dân vận Tỉnh ủy's, from the name: not
// a commune's "T/M ĐẢNG ỦY", nor addressed to the province itself.
func TestProvincePaperDefaults(t *testing.T) {
	t.Parallel()
	o := ProvinceConfig{Name: "Tỉnh Gia Lai", Admins: []int64{7}}.Paper()
	want := []string{"T/M BAN DÂN VẬN", "TRƯỞNG BAN", "Ban Dân vận Trung ương", "Gia Lai", "TỈNH ỦY GIA LAI", "BAN DÂN VẬN"}
	got := []string{o.OnBehalf, o.Position, o.Recipient, o.Place, o.Body[0], o.Body[1]}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("default %d: %q, want %q", i, got[i], want[i])
		}
	}
	if o := (ProvinceConfig{Name: "Tỉnh Gia Lai", Office: store.Office{Position: "PHÓ TRƯỞNG BAN"}}).Paper(); o.Position != "PHÓ TRƯỞNG BAN" {
		t.Errorf("the config's position lost: %q", o.Position)
	}
}
