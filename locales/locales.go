// Package locales holds every text the bot says, in vi.toml and en.toml,
// served through go-i18n. Vietnamese is the default and the reference: a
// test fails when a key is missing in a language or does not render.
package locales

import (
	"embed"
	"fmt"
	"html"
	"sort"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Default is the language used when a user has not chosen one.
const Default = "vi"

// Args are the named values a message template uses.
type Args = map[string]any

// Catalog renders messages by id in a language.
type Catalog struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	ids        map[string][]string
}

// Load reads the embedded message files.
func Load() (*Catalog, error) {
	b := i18n.NewBundle(language.Vietnamese)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*i18n.Localizer{}, ids: map[string][]string{}}
	for _, lang := range []string{"vi", "en"} {
		mf, err := b.LoadMessageFileFS(files, lang+".toml")
		if err != nil {
			return nil, fmt.Errorf("load locale %s: %w", lang, err)
		}
		for _, m := range mf.Messages {
			c.ids[lang] = append(c.ids[lang], m.ID)
		}
		sort.Strings(c.ids[lang])
		c.localizers[lang] = i18n.NewLocalizer(b, lang)
	}
	return c, nil
}

// Languages lists the languages users can pick, the default first.
func (c *Catalog) Languages() []string { return []string{"vi", "en"} }

// Supported reports whether lang is one of Languages.
func (c *Catalog) Supported(lang string) bool { return c.localizers[lang] != nil }

// IDs lists the message ids defined for lang, sorted.
func (c *Catalog) IDs(lang string) []string { return c.ids[lang] }

// Text renders a message as plain text: for buttons and anything that is
// not parsed as HTML. An unknown language falls back to Default, an unknown
// id renders as the id itself so that a gap shows instead of crashing.
func (c *Catalog) Text(lang, id string, args Args) string {
	s, err := c.Render(lang, id, args)
	if err != nil {
		return id
	}
	return s
}

// HTML renders a message for parse_mode HTML: every string argument is
// escaped, so user-typed text can never inject markup; the templates
// themselves are trusted and may use Telegram's tags.
func (c *Catalog) HTML(lang, id string, args Args) string {
	safe := make(Args, len(args))
	for k, v := range args {
		if s, ok := v.(string); ok {
			v = html.EscapeString(s)
		}
		safe[k] = v
	}
	return c.Text(lang, id, safe)
}

// Render is Text with the error, for tests and callers that must know.
func (c *Catalog) Render(lang, id string, args Args) (string, error) {
	l := c.localizers[lang]
	if l == nil {
		l = c.localizers[Default]
	}
	s, err := l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: args})
	if err != nil {
		return "", fmt.Errorf("render %s/%s: %w", lang, id, err)
	}
	return s, nil
}
