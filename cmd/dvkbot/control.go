package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// control is the bot's local control socket: a unix socket (mode 0600,
// next to the database) through which `dvkbot export` reads while the bot
// holds the database.
type control struct {
	srv  *http.Server
	path string
}

func (m *Main) startControl() error {
	path := controlPath(m.Config)
	os.Remove(path) // a socket left by a crash
	ln, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("control socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("control socket %s: %w", path, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /export", m.serveExport)
	mux.HandleFunc("GET /backup", m.serveBackup)
	m.ctl = &control{srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, path: path}
	go func() {
		if err := m.ctl.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("control socket", slog.Any("error", err))
		}
	}()
	return nil
}

func (m *Main) serveExport(w http.ResponseWriter, r *http.Request) {
	var name string
	var data []byte
	err := m.store.View(r.Context(), func(tx *store.Tx) error {
		var err error
		name, data, err = exportFile(tx, m.Config, r.URL.Query().Get("campaign"), r.URL.Query().Get("format"))
		return err
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(data)
}

// serveBackup streams a consistent copy of the database.
func (m *Main) serveBackup(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/octet-stream")
	if _, err := m.store.Backup(r.Context(), w); err != nil {
		m.Log.Error("backup through the control socket", slog.Any("error", err))
	}
}

func (c *control) close() {
	if c == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c.srv.Shutdown(ctx)
	os.Remove(c.path)
}
