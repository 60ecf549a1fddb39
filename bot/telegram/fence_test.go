package telegram

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyTheEdgeImportsTheBotAPI keeps the wall of package messenger:
// outside bot/telegram (and its emulator) no program file imports the
// Telegram library, so a second messenger is a sibling package, not a
// rewrite. Tests elsewhere may build raw Telegram updates to inject.
func TestOnlyTheEdgeImportsTheBotAPI(t *testing.T) {
	const lib = "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	root, edge := "../..", filepath.Join("..", "..", "bot", "telegram")
	var checked int
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (path == edge || strings.HasPrefix(d.Name(), ".")) && path != root:
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		checked++
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == lib {
				t.Errorf("%s imports %s: only bot/telegram may", path, lib)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: the walk missed the tree", checked)
	}
}
