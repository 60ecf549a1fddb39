package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// errBroken: the paper breaks rules.
var errBroken = errors.New("rules broken")

// runCheck prints every file given (a workbook a sheet at a time) with
// LibreOffice and holds each part to its rules; it prints a line a part
// and a line a broken rule, and fails if any rule is broken.
func runCheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	work := fs.String("work", "", "keep the sheets' files and PDFs in this directory (default: a temporary one, removed)")
	pictures := fs.String("pictures", "", "write a PNG of each part's first page to this directory")
	dpi := fs.Int("dpi", 70, "the pictures' resolution")
	timeout := fs.Duration("timeout", 20*time.Minute, "the longest LibreOffice may take for one file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("check: no files")
	}
	for _, tool := range []string{"soffice", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("check: %s is not installed (LibreOffice, poppler-utils): %w", tool, err)
		}
	}
	if err := loadSheetNames(); err != nil {
		return err
	}
	dir := *work
	if dir == "" {
		d, err := os.MkdirTemp("", "papercheck-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var all []part
	for _, file := range fs.Args() {
		if !convertible(file) {
			return fmt.Errorf("check: %s: not an .xlsx or .docx file that exists", file)
		}
		ps, err := partsOf(file, dir)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		all = append(all, ps...)
	}
	if err := convertAll(ctx, batches(all, runtime.NumCPU()), dir, *timeout); err != nil {
		return err
	}
	var failures []failure
	for _, p := range all {
		pages, err := readPDF(pdfOf(p, dir))
		if err != nil {
			failures = append(failures, failure{p.name(), "prints", err.Error()})
			continue
		}
		fmt.Printf("%s: %d page(s)%s; %d texts looked for, %d header cells\n", p.name(), len(pages), orientation(pages), len(p.texts), len(p.headers))
		fs := checkPart(p, pages)
		for _, f := range fs {
			fmt.Println("  " + f.String())
		}
		failures = append(failures, fs...)
		if *pictures != "" {
			if err := picture(pdfOf(p, dir), *pictures, pictureName(p), *dpi); err != nil {
				return err
			}
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("%w: %d (see FAIL above)", errBroken, len(failures))
	}
	fmt.Println("paper: every rule holds")
	return nil
}

// partsOf: a workbook is a part a printed sheet; a .docx is one part.
func partsOf(file, dir string) ([]part, error) {
	if strings.EqualFold(filepath.Ext(file), ".docx") {
		p, err := docxPart(file)
		return []part{p}, err
	}
	ps, skipped, err := sheetParts(file, dir)
	for _, s := range skipped {
		fmt.Printf("%s › %s: hidden, not printed, not checked\n", filepath.Base(file), s)
	}
	return ps, err
}

// pdfOf is where LibreOffice writes the part's PDF.
func pdfOf(p part, dir string) string {
	base := filepath.Base(p.path)
	return filepath.Join(dir, "pdf", strings.TrimSuffix(base, filepath.Ext(base))+".pdf")
}

// convertAll prints the parts to PDF: LibreOffice once per batch (a
// file's small sheets together, a big sheet alone), as many at once as
// there are cores, each with its own profile (one soffice per profile at
// a time). It says how long each batch took.
func convertAll(ctx context.Context, groups [][]part, dir string, timeout time.Duration) error {
	slots := make(chan int, runtime.NumCPU())
	for i := range cap(slots) {
		slots <- i
	}
	var wg sync.WaitGroup
	errs := make([]error, len(groups))
	for i, ps := range groups {
		if len(ps) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slot := <-slots
			defer func() { slots <- slot }()
			start := time.Now()
			errs[i] = convert(ctx, ps, dir, slot, timeout)
			fmt.Printf("LibreOffice: %s in %.1f s\n", batchName(ps), time.Since(start).Seconds())
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// bigRows: a sheet of more rows is printed by a LibreOffice of its own,
// beside the others, and timed alone.
const bigRows = 500

// batches are the parts as LibreOffice prints them: each big one alone,
// first, then the small ones in n batches.
func batches(ps []part, n int) [][]part {
	var out [][]part
	small := make([][]part, n)
	i := 0
	for _, p := range ps {
		if p.rows > bigRows {
			out = append(out, []part{p})
			continue
		}
		small[i%n] = append(small[i%n], p)
		i++
	}
	for _, b := range small {
		if len(b) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// batchName is a batch's one sheet or file, or how many it prints.
func batchName(ps []part) string {
	if len(ps) == 1 {
		return ps[0].name()
	}
	return fmt.Sprintf("%d small sheets and documents", len(ps))
}

func convert(ctx context.Context, ps []part, dir string, slot int, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	profile, err := filepath.Abs(filepath.Join(dir, fmt.Sprintf("profile-%d", slot)))
	if err != nil {
		return err
	}
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + profile, "--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}
	for _, p := range ps {
		args = append(args, p.path)
	}
	cmd := exec.CommandContext(ctx, "soffice", args...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return fmt.Errorf("LibreOffice did not print %s within %s", batchName(ps), timeout)
	}
	if err != nil {
		return fmt.Errorf("LibreOffice on %s: %w\n%s", batchName(ps), err, out)
	}
	return nil
}

// orientation is " (P, L, L)": each page portrait or landscape, for up to
// eight pages.
func orientation(pages []page) string {
	var s []string
	for _, p := range pages[:min(len(pages), 8)] {
		if p.W > p.H {
			s = append(s, "L")
		} else {
			s = append(s, "P")
		}
	}
	if len(pages) > 8 {
		s = append(s, "…")
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// pictureName is the part's file name without its date, and its sheet,
// in ASCII: "DVK_dang-uy-xa-an-binh_2024_tong-hop__2-danh-sach-mo-hinh".
func pictureName(p part) string {
	base := strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path))
	if p.sheet != "" {
		base += "-" + slug(p.sheet)
	}
	return datePart.ReplaceAllString(base, "")
}

// datePart is a file name's date, left out of a picture's name.
var datePart = regexp.MustCompile(`_\d{4}-\d{2}-\d{2}`)

// slug is a sheet's name in ASCII, as the office's file names are.
func slug(s string) string { return report.Slug(store.Office{ShortName: s}) }
