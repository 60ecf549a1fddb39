package main

import (
	"io"
	"log/slog"

	"github.com/dvkbot/dvkbot/bot/telegram"
)

// newLogger builds the process logger. The token is masked in every
// message and attribute, whatever a library put into an error.
func newLogger(cfg LogConfig, token string, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: maskAttr(token)}
	if cfg.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func maskAttr(token string) func([]string, slog.Attr) slog.Attr {
	return func(_ []string, a slog.Attr) slog.Attr {
		switch v := a.Value.Any().(type) {
		case string:
			a.Value = slog.StringValue(telegram.MaskToken(v, token))
		case error:
			a.Value = slog.StringValue(telegram.MaskToken(v.Error(), token))
		}
		return a
	}
}
