// Command dvkbot is the Telegram bot for the "Dân vận khéo" movement.
//
//	dvkbot run -config config.toml    run the bot (the default command)
//	dvkbot demo                       play the product against the built-in Telegram emulator
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on hosts without zoneinfo

	"github.com/dvkbot/dvkbot/bot/telegram"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name, rest := "run", args
	if len(args) > 0 && args[0] != "" && (args[0][0] != '-' || isHelpOrVersion(args[0])) {
		name, rest = args[0], args[1:]
	}
	var err error
	switch name {
	case "run":
		err = runBot(ctx, rest, stderr)
	case "demo":
		if err = newFlags("demo", "", "play a scripted story against the built-in Telegram emulator, no network", stderr).Parse(rest); err == nil {
			err = runDemo(ctx, stdout)
		}
	case "export":
		err = runExport(ctx, rest, stdout, stderr)
	case "backup":
		err = runBackup(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	case "version", "-version", "--version":
		if err = newFlags("version", "", "the version and source revision of this binary", stderr).Parse(rest); err == nil {
			fmt.Fprintln(stdout, version())
		}
	default:
		fmt.Fprintf(stderr, "dvkbot: unknown command %q\n\n%s", name, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0 // -h of a subcommand: its usage was printed
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "dvkbot:", err)
		if errors.Is(err, telegram.ErrConflict) {
			return exitConflict
		}
		return 1
	}
	return 0
}

// newFlags is a subcommand's flags; -h prints "usage: dvkbot name
// synopsis", what the command does, and its flags.
func newFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n  %s\n", strings.TrimSpace("dvkbot "+name+" "+synopsis), about)
		fs.PrintDefaults()
	}
	return fs
}

// exitConflict is the exit status when another instance polls with the
// same token: a service manager should not restart the bot into the same
// clash (systemd: RestartPreventExitStatus=3).
const exitConflict = 3

func isHelpOrVersion(a string) bool {
	switch a {
	case "-h", "-help", "--help", "-version", "--version":
		return true
	}
	return false
}

// revision is the source revision, set by the build where Go cannot
// record it (a container build has no .git: -buildvcs=false):
//
//	go build -ldflags "-X main.revision=$(git rev-parse HEAD)" ./cmd/dvkbot
var revision string

// version is the module version and the VCS revision the binary was built
// from, as Go records them, or as the build passed it in (revision).
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dvkbot (no build information)"
	}
	v := "dvkbot " + bi.Main.Version
	var rev, when, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = " (modified)"
			}
		}
	}
	if rev == "" {
		rev = revision
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	if when != "" {
		v += " " + when
	}
	return v + " " + bi.GoVersion
}

const usage = `usage:
  dvkbot [run] [-config config.toml]   run the bot
  dvkbot demo                          play a scripted story against the built-in Telegram emulator
  dvkbot export [-config config.toml] [-campaign id|name] -out file.xlsx|file.csv
                                       the office's workbook (or CSV), also while the bot runs
  dvkbot export [-config config.toml] [-campaign id|name] -evidence minh-chung.zip
                                       the kept evidence files, a folder per unit and model
  dvkbot backup [-config config.toml] -out copy.db
                                       a consistent copy of the database, also while the bot runs
  dvkbot version                       the version and source revision of this binary
  dvkbot help                          this text
  dvkbot COMMAND -h                    a command's usage and flags
`

// envUnpaced lifts the sender's pace when set to 1, so that a benchmark
// can measure what the bot itself costs and how fast it answers with
// Telegram's pace out of the way. It is not a config key: an operator has
// no reason to exceed Telegram's limits, and it is refused against
// Telegram itself.
const envUnpaced = "DVKBOT_BENCH_UNPACED"

// liftPace lifts m's pace when the environment asks and the endpoint is
// not Telegram's, and says so in the log either way.
func liftPace(m *Main, getenv func(string) string) {
	if getenv(envUnpaced) != "1" {
		return
	}
	endpoint := slog.String("endpoint", m.Config.Telegram.APIEndpoint)
	if strings.Contains(m.Config.Telegram.APIEndpoint, "api.telegram.org") {
		m.Log.Warn(envUnpaced+" ignored: Telegram's pace is kept against Telegram itself", endpoint)
		return
	}
	m.Limits = telegram.Unpaced()
	m.Log.Warn("the sender's pace is lifted ("+envUnpaced+"): for benchmarks against an emulator only", endpoint)
}

// envCPUProfile names a file to write the run's CPU profile to (go tool
// pprof), for benchmarks of the real binary.
const envCPUProfile = "DVKBOT_CPUPROFILE"

// profileCPU starts a CPU profile into path (none when empty) and returns
// what stops it.
func profileCPU(log *slog.Logger, path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		log.Warn("no CPU profile", slog.String("path", path), slog.Any("error", err))
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// runBot runs the real bot until ctx ends (SIGINT, SIGTERM).
func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("run", "[-config config.toml]", "run the bot", stderr)
	path := fs.String("config", "config.toml", "configuration file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := LoadConfig(*path, os.Getenv)
	if err != nil {
		return err
	}
	m := NewMain(cfg, newLogger(cfg.Log, cfg.Telegram.Token, stderr))
	liftPace(m, os.Getenv)
	defer profileCPU(m.Log, os.Getenv(envCPUProfile))()
	if err := m.Run(ctx); err != nil {
		return errors.Join(err, m.Close())
	}
	return errors.Join(m.Wait(ctx), m.Close())
}
