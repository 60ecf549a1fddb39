// Package edge holds what the edges of every messenger (bot/telegram,
// bot/zalo) do alike and that speaks no messenger's API: waits that
// double, the retry schedule of the outbox, our HTML as plain text.
package edge

import (
	"context"
	"html"
	"regexp"
	"time"
)

// Backoff doubles a wait from Min up to Max; Reset starts over.
type Backoff struct {
	Min, Max, cur time.Duration
}

// Next is the next wait: Min first, then twice the last, up to Max.
func (b *Backoff) Next() time.Duration {
	switch {
	case b.cur == 0:
		b.cur = b.Min
	case b.cur < b.Max:
		b.cur = min(2*b.cur, b.Max)
	}
	return b.cur
}

// Reset starts the doubling over.
func (b *Backoff) Reset() { b.cur = 0 }

// Wait blocks until wake, the time at (if not zero; now tells the time),
// or ctx's end; it reports false only for the end: a sender's loop
// between two sends.
func Wait(ctx context.Context, wake <-chan struct{}, at time.Time, now func() time.Time) bool {
	var timer <-chan time.Time
	if !at.IsZero() {
		t := time.NewTimer(max(at.Sub(now()), 0))
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
		return false
	case <-wake:
	case <-timer:
	}
	return true
}

// Sleep waits d or until ctx ends; it reports whether the full wait passed.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// RetryDelay is the wait before an outbox entry that failed for a
// passing reason is tried again: it doubles from first (zero: 1 s) up
// to 5 min with the attempts made.
func RetryDelay(first time.Duration, attempts int) time.Duration {
	if first <= 0 {
		first = time.Second
	}
	d := first << min(attempts, 9)
	return min(d, 5*time.Minute)
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// PlainText strips our HTML (the conversation writes Telegram's subset:
// <b>, <i>, <a>, entities) for a messenger or a fallback that shows text
// as it is.
func PlainText(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }
