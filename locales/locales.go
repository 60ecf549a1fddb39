// Package locales holds every text the bot says, in vi.toml and en.toml,
// served through go-i18n. Vietnamese is the default and the reference: a
// test fails when a key is missing in a language or does not render.
package locales

import (
	"embed"
	"fmt"
	"html"
	"sort"
	"strconv"

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
	plural     map[string]map[string]bool // lang → ids that have plural forms
	has        map[string]map[string]bool // lang → ids defined
	// prefer is the suffix of the variants this view of the catalog
	// renders in place of a message ("_numbered": for a messenger
	// without buttons); "" for none.
	prefer string
}

// Load reads the embedded message files.
func Load() (*Catalog, error) {
	b := i18n.NewBundle(language.Vietnamese)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*i18n.Localizer{}, ids: map[string][]string{}, plural: map[string]map[string]bool{},
		has: map[string]map[string]bool{}}
	for _, lang := range []string{"vi", "en"} {
		mf, err := b.LoadMessageFileFS(files, lang+".toml")
		if err != nil {
			return nil, fmt.Errorf("load locale %s: %w", lang, err)
		}
		c.plural[lang], c.has[lang] = map[string]bool{}, map[string]bool{}
		for _, m := range mf.Messages {
			c.ids[lang] = append(c.ids[lang], m.ID)
			c.has[lang][m.ID] = true
			if m.One != "" {
				c.plural[lang][m.ID] = true
			}
		}
		sort.Strings(c.ids[lang])
		c.localizers[lang] = i18n.NewLocalizer(b, lang)
	}
	return c, nil
}

// Numbered is the suffix of a message's variant for a messenger without
// buttons, whose choices are numbered lines: "form_err_pick_button" asks
// to press a button, "form_err_pick_button_numbered" to reply a number.
const Numbered = "_numbered"

// Preferring is a view of the catalog that renders a message's variant
// id+suffix wherever the language has one, and the message elsewhere:
// the wording for what a messenger can show, chosen in one place.
func (c *Catalog) Preferring(suffix string) *Catalog {
	v := *c
	v.prefer = suffix
	return &v
}

// Languages lists the languages users can pick, the default first.
func (c *Catalog) Languages() []string { return []string{"vi", "en"} }

// Supported reports whether lang is one of Languages.
func (c *Catalog) Supported(lang string) bool { return c.localizers[lang] != nil }

// Plural reports whether the message has plural forms in lang ("one"
// and "other"): every message that puts a count before a noun must, in
// a language whose nouns change with the count.
func (c *Catalog) Plural(lang, id string) bool { return c.plural[lang][id] }

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
		l, lang = c.localizers[Default], Default
	}
	if c.prefer != "" && c.has[lang][id+c.prefer] {
		id += c.prefer
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: args}
	if n, ok := pluralCount(args); ok && c.plural[lang][id] {
		cfg.PluralCount = n // a message with a count picks its plural form by it
	}
	s, err := l.Localize(cfg)
	if err != nil {
		return "", fmt.Errorf("render %s/%s: %w", lang, id, err)
	}
	return s, nil
}

// pluralCount is the number a message's plural form is chosen by: its
// Count (or N) argument, when it is a whole number.
func pluralCount(args Args) (any, bool) {
	for _, key := range []string{"Count", "N"} {
		switch v := args[key].(type) {
		case int, int64:
			return v, true
		case string:
			if _, err := strconv.Atoi(v); err == nil {
				return v, true
			}
		}
	}
	return nil, false
}
