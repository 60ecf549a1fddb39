package zalo

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/dvkbot/dvkbot/bot/edge"
	"github.com/dvkbot/dvkbot/bot/messenger"
)

// Poller long-polls getUpdates, for development (docs: getUpdates is for
// local testing; webhook for production; the two exclude each other).
// getUpdates has no offset: an update handed out is not handed out again,
// so one the handler failed is tried again here until it is handled.
type Poller struct {
	Client  *Client
	Handler messenger.Handler
	IDs     Identities
	Log     *slog.Logger
	Timeout time.Duration // of one poll; 30 s when zero (the docs' default)
	Heard   func()        // told when Zalo answered a poll
}

// Run polls until ctx ends.
func (p *Poller) Run(ctx context.Context) error {
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	bo := edge.Backoff{Min: time.Second, Max: 30 * time.Second}
	for ctx.Err() == nil {
		pctx, cancel := context.WithTimeout(ctx, timeout+10*time.Second) // longer than Zalo's wait
		u, err := p.Client.GetUpdates(pctx, timeout)
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				p.Log.Warn("zalo getUpdates failed, retrying with backoff", slog.Any("error", err))
				edge.Sleep(ctx, bo.Next())
			}
			continue
		}
		bo.Reset()
		if p.Heard != nil {
			p.Heard()
		}
		if u == nil {
			continue
		}
		for ctx.Err() == nil {
			err := handle(ctx, p.IDs, p.Handler, *u)
			if err == nil {
				break
			}
			p.Log.Error("zalo update not handled, trying again", slog.Any("error", err))
			edge.Sleep(ctx, bo.Next())
		}
		bo.Reset()
	}
	return nil
}

func handle(ctx context.Context, ids Identities, h messenger.Handler, u Update) error {
	mu, err := Convert(ctx, ids, u)
	if err != nil {
		return err
	}
	return h.Handle(ctx, mu)
}

// SecretHeader carries the webhook's secret (webhook page and
// apis/setWebhook: "X-Bot-Api-Secret-Token").
const SecretHeader = "X-Bot-Api-Secret-Token"

// maxWebhookBody bounds an update's body: a message is at most 2,000
// characters and a few ids; anything larger is not Zalo's.
const maxWebhookBody = 256 << 10

// Webhook receives Zalo's updates in production: POST with the secret in
// SecretHeader (compared in constant time; a forged or missing one
// changes nothing), one update a request, handled (stored, and its
// replies queued, in one transaction) before it is answered 200. A
// message delivered twice is handled once: its update id is made from
// its message id (updateID) and the store skips an id it has handled.
// The docs do not say what Zalo does with an answer other than 200; a
// failure to handle is answered 500, in case it retries.
type Webhook struct {
	Secret  string
	Handler messenger.Handler
	IDs     Identities
	Log     *slog.Logger
	Heard   func()
}

func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(rw, "POST only", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get(SecretHeader)
	if w.Secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(w.Secret)) != 1 {
		http.Error(rw, "forbidden", http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxWebhookBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		http.Error(rw, "too large", http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		http.Error(rw, "bad body", http.StatusBadRequest)
		return
	}
	u, err := decodeUpdate(body)
	if err != nil {
		http.Error(rw, "malformed update", http.StatusBadRequest)
		return
	}
	if w.Heard != nil {
		w.Heard()
	}
	if err := handle(r.Context(), w.IDs, w.Handler, u); err != nil {
		w.Log.Error("zalo webhook update not handled", slog.Any("error", err))
		http.Error(rw, "not handled", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "application/json")
	io.WriteString(rw, `{"ok":true}`)
}

// decodeUpdate reads a webhook's body. The webhook page shows the update
// inside the API's envelope, {"ok": true, "result": {"event_name", ...}};
// some clients read it bare: both are taken.
func decodeUpdate(body []byte) (Update, error) {
	var env struct {
		Result *Update `json:"result"`
		Update
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return Update{}, err
	}
	u := env.Update
	if env.Result != nil {
		u = *env.Result
	}
	if u.EventName == "" {
		return Update{}, errors.New("no event_name")
	}
	return u, nil
}
