package bot

import (
	"io"
	"log/slog"
)

// quiet is a logger for tests that discards everything.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
