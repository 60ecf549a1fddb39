package bot

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/form"
)

// TestRouteDataFitsTelegram builds each route's data with the longest
// arguments its handlers take and checks Telegram's 64-byte limit.
func TestRouteDataFitsTelegram(t *testing.T) {
	id := idArg(math.MaxUint64)
	user := strconv.FormatInt(math.MaxInt64, 10)
	longest := map[route][]string{
		routeForm:            {form.NewNonce(), "pick", "99", "xay_dung_htct"},
		routeRegister:        {id, id},
		routeSecretaryRemove: {id, user},
		routeAdmins:          {"rm", user},
		routeEvaluate:        {id, "dien_hinh"},
		routeWithdraw:        {id, "yes"},
		routeImport:          {form.NewNonce()},
		routeReminded:        {"res", id, id},
	}
	for rt := range actions {
		t.Run(string(rt), func(t *testing.T) {
			args, ok := longest[rt]
			if !ok {
				args = []string{id}
			}
			if d := rt.data(args...); len(d) > 64 {
				t.Errorf("%q is %d bytes, over Telegram's 64", d, len(d))
			}
		})
	}
}

func TestRouteDataJoinsArguments(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"no argument", routeMenu.data(), "menu"},
		{"one", routeUnits.data("0"), "u:0"},
		{"two", routeSecretaryRemove.data("3", "42"), "ux:3:42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestRouteDeclaredTwiceIsRefused(t *testing.T) {
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), "twice") {
			t.Errorf("a duplicate route was accepted (panic %v)", p)
		}
	}()
	index([]action{{route: "x"}}, []action{{route: "x"}})
}
