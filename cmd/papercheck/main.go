// Command papercheck is a developer's tool, not part of the bot: it
// writes a large sample of the office's paper and checks printed paper
// (the demo's files and the sample's) as LibreOffice prints it. CI runs
// it from .ci/print-check; docs/paper/README.md says what it checks.
//
//	papercheck sample -out DIR          writes the large sample's files to DIR
//	papercheck check [flags] FILE...    prints each file (each workbook a sheet at a time) and checks it
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
)

// Exit statuses: 1 the check could not run, 3 it ran and rules are
// broken (.ci/paper-pictures keeps the pictures of paper that fails).
func main() {
	err := run(context.Background(), os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "papercheck:", err)
	}
	switch {
	case errors.Is(err, errBroken):
		os.Exit(3)
	case err != nil:
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: papercheck sample -out DIR | papercheck check [flags] FILE...")
	}
	switch args[0] {
	case "sample":
		fs := flag.NewFlagSet("sample", flag.ContinueOnError)
		out := fs.String("out", ".", "the directory the sample's files go to")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		files, err := writeSample(ctx, *out)
		for _, f := range files {
			fmt.Println(f)
		}
		return err
	case "check":
		return runCheck(ctx, args[1:])
	}
	return fmt.Errorf("no command %q: sample or check", args[0])
}
