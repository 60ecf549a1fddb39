// Package zalo is the edge of the Zalo Bot Platform: the only code that
// speaks its API. A small client of our own over net/http (client.go), the
// conversion of its updates to messenger.Update (convert.go), a long-poll
// receiver for development (poller.go), the webhook receiver for
// production (webhook.go), and a paced sender draining the outbox
// (sender.go).
//
// Sources. The platform's own pages (https://bot.zapps.me/docs/,
// https://docs.zaloplatforms.com/docs/BOT/...: apis/getMe, apis/getUpdates,
// apis/sendMessage, apis/setWebhook, apis/deleteWebhook,
// apis/getWebhookInfo, apis/sendChatAction, webhook) were not in the
// stored copies this was written from; what is here was checked against
// references that quote them: a "Zalo Bot REST API local reference"
// verified against the official documentation on 2026-10-02, a plan
// citing docs.zaloplatforms.com/docs/BOT/apis/sendMessage and
// .../setWebhook and .../webhook (Stable v2.5.0), OpenClaw's Zalo plugin
// (api.ts, monitor.ts) and Beeblast's Zalo channel page. Each detail below
// names its page; where they are silent, the comment says what is assumed.
package zalo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"encoding/json"
)

// DefaultEndpoint is the Bot API's host (docs/BOT: "All calls use
// https://bot-api.zaloplatforms.com/bot<BOT_TOKEN>/<functionName>"; the
// older bot-api.zapps.me is not used).
const DefaultEndpoint = "https://bot-api.zaloplatforms.com"

// Client calls the Bot API. Every method is a POST with a JSON body
// (the reference: "preserve the endpoint-specific POST + JSON contracts").
type Client struct {
	Endpoint string // DefaultEndpoint when empty; the emulator's URL in tests
	Token    string
	HTTP     *http.Client // http.DefaultClient when nil
}

// Error is the API's refusal: {"ok": false, "error_code", "description"}
// (the common envelope), or an HTTP status without that envelope.
type Error struct {
	Code        int // error_code, or the HTTP status when the body said nothing
	Description string
}

func (e *Error) Error() string { return fmt.Sprintf("zalo: %d %s", e.Code, e.Description) }

// QuotaExceeded: the platform is overloaded or the bot over its quota.
// Rate limits are not published; overload answers 429 "Quota exceeded"
// (issue 29's reading of the platform; the reference lists no error
// codes, so both the error_code and the HTTP status are read).
func QuotaExceeded(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Code == 429 || strings.Contains(strings.ToLower(e.Description), "quota"))
}

// maxAnswer bounds what is read of one answer.
const maxAnswer = 1 << 20

// call POSTs params to method and decodes the envelope's result into out
// (docs: "HTTP 2xx alone is not application success; inspect ok").
func (c *Client) call(ctx context.Context, method string, params, out any) error {
	if params == nil {
		params = struct{}{}
	}
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	endpoint := c.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(endpoint, "/")+"/bot"+c.Token+"/"+method, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return redact(err, c.Token)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return redact(err, c.Token)
	}
	var env struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return &Error{Code: resp.StatusCode, Description: http.StatusText(resp.StatusCode)}
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return &Error{Code: code, Description: env.Description}
	}
	if out == nil || len(env.Result) == 0 {
		return nil
	}
	return json.Unmarshal(env.Result, out)
}

// redact keeps the token, which is in the URL, out of errors and logs.
func redact(err error, token string) error {
	if token == "" {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<token>"))
}

// Me is getMe's result (apis/getMe: id, account_name, account_type,
// can_join_groups).
type Me struct {
	ID            string `json:"id"`
	AccountName   string `json:"account_name"`
	AccountType   string `json:"account_type"`
	CanJoinGroups bool   `json:"can_join_groups"`
}

// GetMe checks the token.
func (c *Client) GetMe(ctx context.Context) (Me, error) {
	var me Me
	err := c.call(ctx, "getMe", nil, &me)
	return me, err
}

// GetUpdates waits up to timeout for one update (apis/getUpdates:
// {"timeout": 30}, default 30 s; the answer is one object shaped like a
// webhook's, not a list; there is no offset). The parameter table says
// String and the example sends a number: a number is sent, as in the
// example. Nothing new: nil. The docs do not say how "nothing" is
// answered: an answer without an event, or a refusal with error_code 408
// (a timeout), are both read as nothing.
func (c *Client) GetUpdates(ctx context.Context, timeout time.Duration) (*Update, error) {
	var u Update
	err := c.call(ctx, "getUpdates", map[string]int{"timeout": int(timeout / time.Second)}, &u)
	var e *Error
	if errors.As(err, &e) && e.Code == 408 {
		return nil, nil
	}
	if err != nil || u.EventName == "" {
		return nil, err
	}
	return &u, nil
}

// Sent is what a send returns (apis/sendMessage: message_id, date).
type Sent struct {
	MessageID string `json:"message_id"`
	Date      int64  `json:"date"`
}

// MaxText is the longest text of one message (apis/sendMessage: "text
// 1–2000 characters").
const MaxText = 2000

// SendMessage sends plain text to a chat (apis/sendMessage: chat_id, text;
// parse_mode is left out: the text is sent as it is).
func (c *Client) SendMessage(ctx context.Context, chatID, text string) (Sent, error) {
	var s Sent
	err := c.call(ctx, "sendMessage", map[string]string{"chat_id": chatID, "text": text}, &s)
	return s, err
}

// SendChatAction shows "typing" (apis/sendChatAction: action "typing";
// "upload_photo" is "coming soon").
func (c *Client) SendChatAction(ctx context.Context, chatID string) error {
	return c.call(ctx, "sendChatAction", map[string]string{"chat_id": chatID, "action": "typing"}, nil)
}

// WebhookInfo is what setWebhook, deleteWebhook and getWebhookInfo
// return (apis/setWebhook: url, updated_at in ms).
type WebhookInfo struct {
	URL       string `json:"url"`
	UpdatedAt int64  `json:"updated_at"`
}

// SetWebhook points Zalo at url, which it calls with the header
// X-Bot-Api-Secret-Token: secret (apis/setWebhook: both required; the
// secret 8 to 256 characters; the url public HTTPS).
func (c *Client) SetWebhook(ctx context.Context, url, secret string) (WebhookInfo, error) {
	if n := len(secret); n < 8 || n > 256 {
		return WebhookInfo{}, fmt.Errorf("zalo: a webhook secret has 8 to 256 characters, not %d", n)
	}
	var w WebhookInfo
	err := c.call(ctx, "setWebhook", map[string]string{"url": url, "secret_token": secret}, &w)
	return w, err
}

// DeleteWebhook goes back to getUpdates (docs: getUpdates does not work
// while a webhook is set).
func (c *Client) DeleteWebhook(ctx context.Context) (WebhookInfo, error) {
	var w WebhookInfo
	err := c.call(ctx, "deleteWebhook", nil, &w)
	return w, err
}

// GetWebhookInfo tells where updates go; an empty URL: none is set.
func (c *Client) GetWebhookInfo(ctx context.Context) (WebhookInfo, error) {
	var w WebhookInfo
	err := c.call(ctx, "getWebhookInfo", nil, &w)
	return w, err
}
