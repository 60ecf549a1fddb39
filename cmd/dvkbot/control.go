package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
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
	// On Windows a socket's access comes from its folder's ACL, not from
	// mode bits: keep the database's folder to the service's account.
	if err := os.Chmod(path, 0o600); err != nil && runtime.GOOS != "windows" {
		ln.Close()
		return fmt.Errorf("control socket %s: %w", path, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /export", m.serveExport)
	mux.HandleFunc("GET /backup", m.serveBackup)
	mux.HandleFunc("GET /outbox", m.serveOutbox)
	mux.HandleFunc("GET /evidence", m.serveEvidence)
	m.ctl = &control{srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, path: path}
	go func() {
		if err := m.ctl.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("control socket", slog.Any("error", err))
		}
	}()
	return nil
}

func (m *Main) serveExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	e, err := readExport(r.Context(), m.store, m.Config, exportFor{campaign: q.Get("campaign"), commune: q.Get("commune")})
	var name string
	var data []byte
	if err == nil {
		name, data, err = renderExport(m.Config, e, q.Get("format"))
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(data)
}

// serveBackup sends a consistent copy of the database. The copy is
// written to a temporary file first, so the read transaction ends at
// once: a client that stops reading cannot hold it open, which would
// freeze the next write that needs the file to grow.
func (m *Main) serveBackup(w http.ResponseWriter, r *http.Request) {
	tmp, err := os.CreateTemp(filepath.Dir(m.Config.Store.Path), ".dvkbot-backup-*")
	if err != nil {
		m.backupFailed(w, err)
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := m.store.Backup(r.Context(), tmp)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		m.backupFailed(w, err)
		return
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(backupWriteTime + time.Duration(n/(1<<20))*time.Second))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	if _, err := io.Copy(w, tmp); err != nil {
		m.Log.Warn("backup through the control socket not read to the end", slog.Any("error", err))
	}
}

// backupWriteTime is how long a backup client may take to read a copy,
// plus a second per MiB.
const backupWriteTime = time.Minute

func (m *Main) backupFailed(w http.ResponseWriter, err error) {
	m.Log.Error("backup through the control socket", slog.Any("error", err))
	http.Error(w, "backup failed: "+err.Error(), http.StatusInternalServerError)
}

// serveEvidence streams the zip of kept evidence: the list is read in
// one read transaction, then the files are zipped straight onto the
// socket, so that the bot holds a buffer, never the archive. Once the zip
// has begun an error can no longer be a status: the connection is broken
// off, the command fails instead of keeping a cut zip, and the log says
// why.
func (m *Main) serveEvidence(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	folders, err := listEvidence(r.Context(), m.store, exportFor{campaign: q.Get("campaign"), commune: q.Get("commune")})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	if _, err := report.EvidenceZip(w, folders, filesDir(m.Config)); err != nil {
		m.Log.Error("evidence zip through the control socket broken off", slog.Any("error", err))
		panic(http.ErrAbortHandler)
	}
}

// serveOutbox says how many messages wait to be sent and how many were
// given up: "queued 3 failed 0".
func (m *Main) serveOutbox(w http.ResponseWriter, r *http.Request) {
	q, f, err := m.store.OutboxCounts(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "queued %d failed %d\n", q, f)
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
