package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// runBackup is `dvkbot backup -config config.toml -out file.db`: a
// consistent copy of the database, taken by the running bot through its
// control socket, or from the file when the bot is stopped.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.toml", "configuration file")
	out := fs.String("out", "", "file to write the copy to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: -out is required")
	}
	cfg, err := loadConfig(*path, os.Getenv, false)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	n, err := backupTo(ctx, cfg, f)
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, n)
	return nil
}

func backupTo(ctx context.Context, cfg Config, w io.Writer) (int64, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: 300 * time.Millisecond})
	if errors.Is(err, store.ErrInUse) {
		body, err := askRunningBotFor(ctx, controlPath(cfg), "/backup")
		if err != nil {
			return 0, err
		}
		defer body.Close()
		return io.Copy(w, body)
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.Backup(ctx, w)
}
