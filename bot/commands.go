package bot

import (
	"context"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/store"
)

// command is one slash command: where it works, who may use it, what it does.
type command struct {
	name    string
	desc    string // locale id of the one-line description
	private bool   // works in private chat
	group   bool   // works in groups (otherwise the group gets a pointer to the private chat)
	who     func(role) bool
	run     func(*request) error
}

func (b *Bot) commands() []command {
	return []command{
		{name: "start", desc: "cmd_start", private: true, who: anyone, run: (*request).start},
		{name: "menu", desc: "cmd_menu", private: true, who: anyone, run: (*request).menu},
		{name: "help", desc: "cmd_help", private: true, group: true, who: anyone, run: (*request).help},
		{name: "language", desc: "cmd_language", private: true, who: anyone, run: (*request).chooseLanguage},
		{name: "cancel", desc: "cmd_cancel", private: true, who: anyone, run: (*request).cancel},
		{name: "register", desc: "cmd_register", private: true, who: secretaryOnly, run: (*request).register},
		{name: "results", desc: "cmd_results", private: true, who: secretaryOnly, run: (*request).results},
		{name: "report", desc: "cmd_report", private: true, who: staff, run: (*request).reportCmd},
		{name: "pending", desc: "cmd_pending", private: true, who: adminOnly, run: (*request).pending},
		{name: "status", desc: "cmd_status", private: true, group: true, who: staff, run: (*request).status},
		{name: "campaigns", desc: "cmd_campaigns", private: true, who: adminOnly, run: (*request).campaigns},
		{name: "backup", desc: "cmd_backup", private: true, who: adminOnly, run: (*request).backup},
		{name: "announce", desc: "cmd_announce", private: true, who: adminOnly, run: (*request).announce},
		{name: "units", desc: "cmd_units", private: true, who: adminOnly, run: (*request).units},
		{name: "invite", desc: "cmd_invite", private: true, who: adminOnly, run: (*request).invite},
		{name: "link", desc: "cmd_link", group: true, who: staff, run: (*request).link},
	}
}

func (b *Bot) findCommand(name string) (command, bool) {
	for _, c := range b.cmds {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// allowed lists the commands a role may use in private or in groups.
func (b *Bot) allowed(ro role, inGroup bool) []command {
	var out []command
	for _, c := range b.cmds {
		where := c.private
		if inGroup {
			where = c.group
		}
		if where && c.who(ro) {
			out = append(out, c)
		}
	}
	return out
}

// CommandSetter is the part of the client that registers commands.
type CommandSetter interface {
	Request(ctx context.Context, req tgbotapi.Chattable) error
}

// RegisterCommands publishes the command menus: one for private chats,
// one for groups, in each language, plus a per-chat menu for each admin
// and each secretary, who have more commands. A failure is logged, not
// fatal: the bot works without the menus. (Someone who gets a role while
// the bot runs sees their new commands in /help at once, and in
// Telegram's menu after the next start.)
func (b *Bot) RegisterCommands(ctx context.Context, api CommandSetter) {
	var admins, secretaries []int64
	err := b.store.View(ctx, func(tx *store.Tx) error {
		var err error
		admins, err = tx.Admins()
		secretaries = tx.SecretaryIDs()
		return err
	})
	if err != nil {
		b.log.Warn("read roles for the command menus", slog.Any("error", err))
	}
	for _, lang := range b.cat.Languages() {
		code := lang
		if lang == b.cfg.DefaultLanguage {
			code = "" // the default list, for every app language
		}
		b.setCommands(ctx, api, tgbotapi.NewBotCommandScopeAllPrivateChats(), code, b.allowed(roleGuest, false), lang)
		// Group members share one list: it shows what the unit's people use there.
		b.setCommands(ctx, api, tgbotapi.NewBotCommandScopeAllGroupChats(), code, b.allowed(roleSecretary, true), lang)
		for id, ro := range roles(admins, secretaries) {
			b.setCommands(ctx, api, tgbotapi.NewBotCommandScopeChat(id), code, b.allowed(ro, false), lang)
		}
	}
}

func (b *Bot) setCommands(ctx context.Context, api CommandSetter, scope tgbotapi.BotCommandScope, code string, cmds []command, lang string) {
	list := make([]tgbotapi.BotCommand, len(cmds))
	for i, c := range cmds {
		list[i] = tgbotapi.BotCommand{Command: c.name, Description: b.cat.Text(lang, c.desc, nil)}
	}
	req := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, code, list...)
	if err := api.Request(ctx, req); err != nil {
		b.log.Warn("setMyCommands failed", slog.String("scope", scope.Type), slog.String("language", code), slog.Any("error", err))
	}
}

// roles merges the admins and the secretaries into each one's role set.
func roles(admins, secretaries []int64) map[int64]role {
	out := map[int64]role{}
	for _, id := range admins {
		out[id] |= roleAdmin
	}
	for _, id := range secretaries {
		out[id] |= roleSecretary
	}
	return out
}
