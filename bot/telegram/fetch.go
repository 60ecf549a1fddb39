package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dvkbot/dvkbot/store"

	"github.com/dvkbot/dvkbot/bot/messenger"
)

// fetch downloads an evidence file and keeps it under the files folder,
// written to a temporary file and renamed, then records the copy (its
// path, SHA-256 and size) on the registration, removing the entry in the
// same transaction. A file over the limit or one Telegram refuses is not
// tried again; a passing failure is, like a send.
func (s *Sender) fetch(ctx context.Context, o store.Outgoing) error {
	if s.keep.Dir == "" {
		return permanentError{"no folder for evidence copies"}
	}
	data, err := s.api.Download(ctx, o.FileID, s.keep.Limit)
	if errors.Is(err, messenger.ErrFileTooLarge) {
		return permanentError{fmt.Sprintf("evidence file over %d bytes", s.keep.Limit)}
	}
	if err != nil {
		return err
	}
	path := filepath.Join(s.keep.Dir, filepath.FromSlash(o.Target))
	if err := writeFileAtomically(path, data); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	return s.outbox.EvidenceFetched(ctx, o.ID, o.RegID, o.FileID, o.Target, hex.EncodeToString(sum[:]), int64(len(data)))
}

func writeFileAtomically(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fetch-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
