package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/messenger"
)

// ClientConfig says how to reach the Bot API.
type ClientConfig struct {
	Token       string
	Endpoint    string        // fmt pattern with the token and the method, like tgbotapi.APIEndpoint
	Proxy       string        // optional http://, https:// or socks5:// URL
	PollTimeout time.Duration // long-poll wait of getUpdates
	HTTPClient  *http.Client  // optional; built from the fields above when nil
}

// Client is the Telegram Bot API, through the tgbotapi library, with every
// call bound to a context and every error stripped of the token.
type Client struct {
	api      *tgbotapi.BotAPI
	token    string
	endpoint string
	poll     time.Duration
}

// Connect builds the client and checks the token with getMe. While
// Telegram is unreachable it retries with backoff, logging each failure,
// until ctx ends; an invalid token (401) fails at once.
func Connect(ctx context.Context, cfg ClientConfig, log *slog.Logger) (*Client, error) {
	hc, err := cfg.httpClient()
	if err != nil {
		return nil, err
	}
	bo := edge.Backoff{Min: time.Second, Max: time.Minute}
	for {
		api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.Endpoint, ctxClient{ctx: ctx, base: hc})
		if err == nil {
			api.Client = hc
			return &Client{api: api, token: cfg.Token, endpoint: cfg.Endpoint, poll: cfg.PollTimeout}, nil
		}
		err = mask(err, cfg.Token)
		if isUnauthorized(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("connect to telegram: %w", err)
		}
		wait := bo.Next()
		log.Warn("telegram unreachable, retrying", slog.Any("error", err), slog.Duration("retry_in", wait))
		if !edge.Sleep(ctx, wait) {
			return nil, fmt.Errorf("connect to telegram: %w", ctx.Err())
		}
	}
}

func (cfg ClientConfig) httpClient() (*http.Client, error) {
	if cfg.HTTPClient != nil {
		return cfg.HTTPClient, nil
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// Keep a connection for each request that may be on the wire at once
	// (the sender's workers, the long poll, a download): with the default
	// of two, every burst of sends dialled (and shook hands with TLS) anew.
	tr.MaxIdleConnsPerHost = workers + 4
	if cfg.Proxy != "" {
		u, err := url.Parse(cfg.Proxy)
		if err != nil {
			return nil, fmt.Errorf("telegram proxy: %w", err)
		}
		tr.Proxy = http.ProxyURL(u)
	}
	// The timeout must outlast a long poll.
	return &http.Client{Transport: tr, Timeout: cfg.PollTimeout + 30*time.Second}, nil
}

// Username is the bot's @username, without the @.
func (c *Client) Username() string { return c.api.Self.UserName }

// with returns a copy of the library client whose requests carry ctx, so
// that shutting down cancels a long poll at once. BotAPI holds no lock, so
// a shallow copy is safe.
func (c *Client) with(ctx context.Context) *tgbotapi.BotAPI {
	api := *c.api
	api.Client = ctxClient{ctx: ctx, base: c.api.Client}
	return &api
}

// Updates long-polls for updates from offset on.
func (c *Client) Updates(ctx context.Context, offset int) ([]messenger.Update, error) {
	cfg := tgbotapi.NewUpdate(offset)
	cfg.Timeout = int(c.poll / time.Second)
	cfg.AllowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}
	raw, err := c.with(ctx).GetUpdates(cfg)
	if err != nil {
		return nil, mask(err, c.token)
	}
	out := make([]messenger.Update, len(raw))
	for i, u := range raw {
		out[i] = fromAPI(u)
	}
	return out, nil
}

// Request sends a request and reads whether it succeeded. Nothing the
// bot sends needs the message Telegram answers with, so it is not decoded
// (tgbotapi's Send would, and would fail on the answers that are just
// true: answerCallbackQuery, setMyCommands...).
func (c *Client) Request(ctx context.Context, req tgbotapi.Chattable) error {
	_, err := c.with(ctx).Request(req)
	return mask(err, c.token)
}

// ctxClient makes every request of the library carry a context.
type ctxClient struct {
	ctx  context.Context
	base tgbotapi.HTTPClient
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.base.Do(req.WithContext(c.ctx))
}

// MaskToken replaces the token in s; the library's errors carry the request
// URL, token included (tgbotapi issue #628).
func MaskToken(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "<token>")
}

type maskedError struct {
	err   error
	token string
}

func (e maskedError) Error() string { return MaskToken(e.err.Error(), e.token) }
func (e maskedError) Unwrap() error { return e.err }

func mask(err error, token string) error {
	if err == nil {
		return nil
	}
	return maskedError{err: err, token: token}
}

func isUnauthorized(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && te.Code == http.StatusUnauthorized
}

// Download fetches a file a user sent, refusing anything over limit bytes.
func (c *Client) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	api := c.with(ctx)
	f, err := api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("get file: %w", mask(err, c.token))
	}
	if int64(f.FileSize) > limit {
		return nil, fmt.Errorf("file of %d bytes: %w", f.FileSize, messenger.ErrFileTooLarge)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fileURL(c.endpoint, c.token, f.FilePath), nil)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", mask(err, c.token))
	}
	resp, err := api.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", mask(err, c.token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download file: HTTP %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err == nil && int64(len(body)) > limit {
		err = messenger.ErrFileTooLarge
	}
	return body, err
}

// fileURL is where a file is downloaded: the API endpoint's host with
// /file/bot<token>/<path>, which holds for Telegram and a self-hosted
// Bot API server alike.
func fileURL(endpoint, token, path string) string {
	base := endpoint[:max(strings.LastIndex(endpoint, "/bot"), 0)]
	return base + "/file/bot" + token + "/" + path
}
