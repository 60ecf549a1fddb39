package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// runExport is `dvkbot export -config config.toml [-campaign id|name]
// -out file.xlsx|.docx|.csv`: the workbook, the written report's draft or
// the CSV. With the bot stopped it reads the database itself;
// while the bot runs (bbolt lets one process hold the file) it asks the
// bot through its control socket, which answers from a read transaction.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.toml", "configuration file")
	campaign := fs.String("campaign", "", "campaign id or name (default: the latest open one)")
	out := fs.String("out", "", "file to write: .xlsx (the workbook), .docx (the written report's draft) or .csv")
	evidence := fs.String("evidence", "", "zip file to write the kept evidence photos and documents to, a folder per unit and model")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *evidence != "" {
		return runEvidenceExport(ctx, *path, *campaign, *evidence, stdout)
	}
	format := strings.TrimPrefix(strings.ToLower(filepathExt(*out)), ".")
	if format != "xlsx" && format != "csv" && format != "docx" {
		return fmt.Errorf("export: -out must end in .xlsx, .docx or .csv")
	}
	cfg, err := loadConfig(*path, os.Getenv, false)
	if err != nil {
		return err
	}
	if err := refuseOwnFiles(*out, cfg.Store.Path, controlPath(cfg), *path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	data, err := exportData(ctx, cfg, *campaign, format)
	if err != nil {
		return err
	}
	_, err = writeAtomically(*out, func(w io.Writer) (int64, error) {
		n, err := w.Write(data)
		return int64(n), err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, len(data))
	return nil
}

func filepathExt(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i:]
	}
	return ""
}

// exportData reads the database directly, or through the running bot.
func exportData(ctx context.Context, cfg Config, campaign, format string) ([]byte, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		return askRunningBot(ctx, controlPath(cfg), campaign, format)
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	snap, err := readExport(ctx, st, campaign)
	if err != nil {
		return nil, err
	}
	_, data, err := renderExport(cfg, snap, format)
	return data, err
}

// readExport reads a campaign's report in one read transaction; it is
// rendered after, with the transaction closed.
func readExport(ctx context.Context, st *store.Store, campaign string) (report.Snapshot, error) {
	var snap report.Snapshot
	err := st.View(ctx, func(tx *store.Tx) error {
		c, err := findCampaign(tx, campaign)
		if err == nil {
			snap, err = report.Read(tx, c)
		}
		return err
	})
	return snap, err
}

// renderExport makes the workbook, the report draft when format is
// "docx", or the CSV when format is "csv", and its file name.
func renderExport(cfg Config, snap report.Snapshot, format string) (string, []byte, error) {
	if format != "csv" && format != "docx" {
		format = "xlsx"
	}
	cat, err := locales.Load()
	if err != nil {
		return "", nil, err
	}
	text := func(id string) string { return cat.Text(cfg.Bot.Language, id, nil) }
	data, err := snap.Render(format, report.Paper{T: text, Loc: cfg.Location(), Office: cfg.Office.Report()})
	return bot.ExportName(cfg.Office.Report(), snap.Campaign, snap.At.In(cfg.Location()), format), data, err
}

// findCampaign takes an id, a name (any case), or "" for the latest open.
func findCampaign(tx *store.Tx, arg string) (store.Campaign, error) {
	if id, err := strconv.ParseUint(arg, 10, 64); err == nil {
		return tx.Campaign(id)
	}
	all, err := tx.Campaigns(arg != "")
	if err != nil {
		return store.Campaign{}, err
	}
	for _, c := range all {
		if arg == "" || strings.EqualFold(c.Name, arg) {
			return c, nil
		}
	}
	return store.Campaign{}, fmt.Errorf("campaign %q: %w", arg, store.ErrNotFound)
}

// controlPath is the bot's local control socket, next to the database.
func controlPath(cfg Config) string { return cfg.Store.Path + ".sock" }

func askRunningBot(ctx context.Context, sock, campaign, format string) ([]byte, error) {
	body, err := askRunningBotFor(ctx, sock, "/export?"+url.Values{"campaign": {campaign}, "format": {format}}.Encode())
	if err != nil {
		return nil, err
	}
	defer body.Close()
	return io.ReadAll(body)
}

// askRunningBotFor GETs a path from the bot's control socket.
func askRunningBotFor(ctx context.Context, sock, path string) (io.ReadCloser, error) {
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", sock)
		}}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://dvkbot"+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the database is in use, and the running bot does not answer on %s: %w", sock, err)
	}
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		return nil, fmt.Errorf("running bot: %s", strings.TrimSpace(string(msg)))
	}
	return resp.Body, nil
}

// runEvidenceExport is `dvkbot export -evidence out.zip`: the evidence the
// bot kept, a folder per unit and model, read from the database directly
// or, while the bot runs, through its control socket.
func runEvidenceExport(ctx context.Context, cfgPath, campaign, out string, stdout io.Writer) error {
	cfg, err := loadConfig(cfgPath, os.Getenv, false)
	if err != nil {
		return err
	}
	if err := refuseOwnFiles(out, cfg.Store.Path, controlPath(cfg), cfgPath); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	_, err = writeAtomically(out, func(w io.Writer) (int64, error) {
		_, err := evidenceZip(ctx, cfg, campaign, w)
		return 0, err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return nil
}

// evidenceZip writes the zip from the file, or asks the running bot.
func evidenceZip(ctx context.Context, cfg Config, campaign string, w io.Writer) (int, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		body, err := askRunningBotFor(ctx, controlPath(cfg), "/evidence?"+url.Values{"campaign": {campaign}}.Encode())
		if err != nil {
			return 0, err
		}
		defer body.Close()
		_, err = io.Copy(w, body)
		return -1, err
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return writeEvidence(st, cfg, campaign, w)
}

// writeEvidence lists the kept evidence in one read transaction and zips
// it after: the files are never changed once kept.
func writeEvidence(st *store.Store, cfg Config, campaign string, w io.Writer) (int, error) {
	var folders []report.EvidenceFolder
	err := st.View(context.Background(), func(tx *store.Tx) error {
		c, err := findCampaign(tx, campaign)
		if err != nil {
			return err
		}
		folders, err = report.Evidence(tx, c.ID, 0)
		return err
	})
	if err != nil {
		return 0, err
	}
	return report.EvidenceZip(w, folders, filesDir(cfg))
}
