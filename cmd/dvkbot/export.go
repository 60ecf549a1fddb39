package main

import (
	"context"
	"errors"
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
// [-commune CODE] -out file.xlsx|.docx|.csv`: the workbook, the written
// report's draft or the CSV; of one commune with -commune, on its paper;
// without it, in a deployment of several communes, the province's, on the
// province's paper. With the bot stopped it reads the database itself;
// while the bot runs (bbolt lets one process hold the file) it asks the
// bot through its control socket, which answers from a read transaction.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "[-config config.toml] [-campaign id|name] [-commune CODE] -out file.xlsx|.docx|.csv | -evidence file.zip",
		"the office's workbook, report draft or CSV, or the kept evidence as a zip; also while the bot runs", stderr)
	path := fs.String("config", "config.toml", "configuration file")
	campaign := fs.String("campaign", "", "campaign id or name (default: the latest open one)")
	out := fs.String("out", "", "file to write: .xlsx (the workbook), .docx (the written report's draft) or .csv")
	commune := fs.String("commune", "", "code of the commune whose files to write (default: the province's, when the bot serves several communes)")
	evidence := fs.String("evidence", "", "zip file to write the kept evidence photos and documents to, a folder per unit and model")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *evidence != "" && *out != "" {
		return errors.New("export: -out và -evidence không dùng chung một lần: -out ghi bảng tổng hợp (.xlsx, .docx, .csv), -evidence ghi tệp zip minh chứng. Xin chạy dvkbot export hai lần, mỗi lần một tùy chọn.")
	}
	if *evidence != "" {
		return runEvidenceExport(ctx, *path, exportFor{campaign: *campaign, commune: *commune}, *evidence, stdout)
	}
	format := strings.TrimPrefix(strings.ToLower(filepathExt(*out)), ".")
	if format != "xlsx" && format != "csv" && format != "docx" {
		return fmt.Errorf("export: -out must end in .xlsx, .docx or .csv")
	}
	cfg, err := loadConfig(*path, os.Getenv, false)
	if err != nil {
		return err
	}
	if err := refuseOwnFiles("-out", *out, ownFiles(cfg, *path)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	data, err := exportData(ctx, cfg, exportFor{campaign: *campaign, commune: *commune}, format)
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

// exportFor is what to export: a campaign (id, name, or "" for the
// latest open one) and a commune's code ("" for the province's, or the
// one commune's).
type exportFor struct{ campaign, commune string }

// exported is a campaign's report as read, and the office whose paper
// it is printed on.
type exported struct {
	snap   report.Snapshot
	office store.Office
}

// exportData reads the database directly, or through the running bot.
func exportData(ctx context.Context, cfg Config, what exportFor, format string) ([]byte, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		return askRunningBot(ctx, controlPath(cfg), what, format)
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	e, err := readExport(ctx, st, cfg, what)
	if err != nil {
		return nil, err
	}
	_, data, err := renderExport(cfg, e, format)
	return data, err
}

// readExport reads a campaign's report in one read transaction; it is
// rendered after, with the transaction closed. With a commune's code the
// transaction is scoped to that commune and the paper is its own; without
// one, a deployment of several communes gives the province's report
// (unscoped, a province campaign by default) on the province's paper, and
// a one-commune deployment its report as it always has.
func readExport(ctx context.Context, st *store.Store, cfg Config, what exportFor) (exported, error) {
	var e exported
	err := st.View(ctx, func(tx *store.Tx) error {
		campaign := what.campaign
		switch {
		case what.commune != "":
			if err := scopeToCode(tx, what.commune); err != nil {
				return err
			}
			m, err := tx.Commune(tx.Scoped())
			if err != nil {
				return err
			}
			e.office = m.Office
		case tx.CommuneCount() > 1:
			e.office = cfg.Province.Paper()
			if campaign == "" {
				var err error
				if campaign, err = latestProvinceCampaign(tx); err != nil {
					return err
				}
			}
		default:
			e.office = cfg.Office.Office
		}
		c, err := findCampaign(tx, campaign)
		if err == nil {
			e.snap, err = report.Read(tx, c)
		}
		return err
	})
	return e, err
}

// latestProvinceCampaign is the id of the latest open province campaign,
// or "" (the latest open campaign of any) when there is none.
func latestProvinceCampaign(tx *store.Tx) (string, error) {
	camps, err := tx.Campaigns(false)
	if err != nil {
		return "", err
	}
	for _, c := range camps {
		if c.Province {
			return strconv.FormatUint(c.ID, 10), nil
		}
	}
	return "", nil
}

// renderExport makes the workbook, the report draft when format is
// "docx", or the CSV when format is "csv", and its file name.
func renderExport(cfg Config, e exported, format string) (string, []byte, error) {
	snap := e.snap
	if format != "csv" && format != "docx" {
		format = "xlsx"
	}
	cat, err := locales.Load()
	if err != nil {
		return "", nil, err
	}
	text := func(id string) string { return cat.Text(cfg.Bot.Language, id, nil) }
	data, err := snap.Render(format, report.Paper{T: text, Loc: cfg.Location(), Office: e.office})
	return bot.ExportName(e.office, snap.Campaign, snap.At.In(cfg.Location()), format), data, err
}

// findCampaign takes an id, a name (any case), or "" for the latest open.
func findCampaign(tx *store.Tx, arg string) (store.Campaign, error) {
	if id, err := strconv.ParseUint(arg, 10, 64); err == nil {
		c, err := tx.Campaign(id)
		if errors.Is(err, store.ErrNotFound) {
			return c, missingCampaign(tx, arg)
		}
		return c, err
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
	return store.Campaign{}, missingCampaign(tx, arg)
}

// campaignMissing is why no campaign matches -campaign: there is none
// yet, none is open, or none has that id or name. Its message tells the
// operator what to do, in Vietnamese; it reaches them as it is, also
// through the control socket.
type campaignMissing struct {
	arg   string
	there []string // the campaigns there are, newest first
}

func (e campaignMissing) Error() string {
	switch {
	case len(e.there) == 0:
		return "Chưa có phong trào nào để xuất. Quản trị viên tạo phong trào trong bot: gửi /campaigns cho bot rồi bấm “➕ Tạo phong trào mới”."
	case e.arg == "":
		return "Không có phong trào nào đang mở. Chọn phong trào cần xuất bằng -campaign <số hoặc tên>; các phong trào: " + strings.Join(e.there, "; ")
	default:
		return fmt.Sprintf("Không có phong trào nào có số hoặc tên “%s”. Các phong trào: %s", e.arg, strings.Join(e.there, "; "))
	}
}

func (e campaignMissing) Unwrap() error { return store.ErrNotFound }

// missingCampaign lists the campaigns there are (at most ten, the newest)
// for the message.
func missingCampaign(tx *store.Tx, arg string) error {
	all, err := tx.Campaigns(true)
	if err != nil {
		return err
	}
	e := campaignMissing{arg: arg}
	for i, c := range all {
		if i == 10 {
			e.there = append(e.there, "…")
			break
		}
		name := fmt.Sprintf("%d “%s”", c.ID, c.Name)
		if c.Closed {
			name += " (đã kết thúc)"
		}
		e.there = append(e.there, name)
	}
	return e
}

// controlPath is the bot's local control socket, next to the database.
func controlPath(cfg Config) string { return cfg.Store.Path + ".sock" }

func askRunningBot(ctx context.Context, sock string, what exportFor, format string) ([]byte, error) {
	body, err := askRunningBotFor(ctx, sock, "/export?"+url.Values{"campaign": {what.campaign}, "commune": {what.commune}, "format": {format}}.Encode())
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
func runEvidenceExport(ctx context.Context, cfgPath string, what exportFor, out string, stdout io.Writer) error {
	cfg, err := loadConfig(cfgPath, os.Getenv, false)
	if err != nil {
		return err
	}
	if err := refuseOwnFiles("-evidence", out, ownFiles(cfg, cfgPath)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	_, err = writeAtomically(out, func(w io.Writer) (int64, error) {
		_, err := evidenceZip(ctx, cfg, what, w)
		return 0, err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return nil
}

// evidenceZip writes the zip from the file, or asks the running bot.
func evidenceZip(ctx context.Context, cfg Config, what exportFor, w io.Writer) (int, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond, ReadOnly: true})
	if errors.Is(err, store.ErrInUse) {
		body, err := askRunningBotFor(ctx, controlPath(cfg), "/evidence?"+url.Values{"campaign": {what.campaign}, "commune": {what.commune}}.Encode())
		if err != nil {
			return 0, err
		}
		defer body.Close()
		if _, err := io.Copy(w, body); err != nil {
			return -1, fmt.Errorf("the running bot broke off the evidence zip (its log says why): %w", err)
		}
		return -1, nil
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return writeEvidence(st, cfg, what, w)
}

// writeEvidence lists the kept evidence in one read transaction and zips
// it after: the files are never changed once kept.
// With a commune's code, the commune's evidence only.
func writeEvidence(st *store.Store, cfg Config, what exportFor, w io.Writer) (int, error) {
	folders, err := listEvidence(context.Background(), st, what)
	if err != nil {
		return 0, err
	}
	return report.EvidenceZip(w, folders, filesDir(cfg))
}

// listEvidence is what goes into the zip of kept evidence, read in one
// read transaction.
func listEvidence(ctx context.Context, st *store.Store, what exportFor) ([]report.EvidenceFolder, error) {
	var folders []report.EvidenceFolder
	err := st.View(ctx, func(tx *store.Tx) error {
		if err := scopeToCode(tx, what.commune); err != nil {
			return err
		}
		c, err := findCampaign(tx, what.campaign)
		if err != nil {
			return err
		}
		folders, err = report.Evidence(tx, c.ID, 0)
		return err
	})
	return folders, err
}

// scopeToCode limits tx to the commune of that code; "" leaves it as it
// is.
func scopeToCode(tx *store.Tx, code string) error {
	if code == "" {
		return nil
	}
	m, err := tx.CommuneByCode(code)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("export: no commune has the code %q", code)
	}
	if err != nil {
		return err
	}
	tx.Scope(m.ID)
	return nil
}
