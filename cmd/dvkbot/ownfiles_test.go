package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// No command writes into or onto the bot's own files, however the path
// is spelled: before, `backup -out <database>.files` left a file where
// the evidence folder goes, and every evidence write failed after.
func TestCommandsRefuseOutputInTheBotsFiles(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	cfg := h.toolConfig()
	dir, files := filepath.Dir(h.path), h.path+".files"
	link := filepath.Join(t.TempDir(), "data")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, files)
	if err != nil {
		t.Fatal(err)
	}
	outs := map[string]string{
		"the folder":            files,
		"trailing slash":        files + "/",
		"a new file inside":     filepath.Join(files, "copy.xlsx"),
		"a new folder inside":   filepath.Join(files, "new", "copy.xlsx"),
		"a kept file":           filepath.Join(files, "evidence", idStr(g.ID), "1.jpg"),
		"dot-dot":               filepath.Join(dir, "x", "..", "dvkbot.db.files", "a.xlsx"),
		"through a link":        filepath.Join(link, "dvkbot.db.files", "a.xlsx"),
		"relative":              filepath.Join(rel, "a.xlsx"),
		"dot-relative":          "./" + filepath.ToSlash(filepath.Join(rel, "a.xlsx")),
		"the database via link": filepath.Join(link, "dvkbot.db"),
	}
	for name, out := range outs {
		cmds := [][]string{{"backup", "-config", cfg, "-out", out}, {"export", "-config", cfg, "-evidence", out}}
		if strings.HasSuffix(out, ".xlsx") {
			cmds = append(cmds, []string{"export", "-config", cfg, "-out", out})
		}
		for _, cmd := range cmds {
			t.Run(name+" "+cmd[0]+" "+cmd[3], func(t *testing.T) {
				code, msg := runTool(cmd...)
				if code == 0 || !strings.Contains(msg, "của bot") {
					t.Fatalf("exit %d: %s", code, msg)
				}
			})
		}
	}
	if st, err := os.Stat(files); err != nil || !st.IsDir() {
		t.Fatalf("the bot's files folder is no longer a folder: %v", err)
	}
	entries, _ := os.ReadDir(files)
	for _, e := range entries {
		if e.Name() != "evidence" {
			t.Errorf("left in the bot's files folder: %s", e.Name())
		}
	}
}

func TestRefuseOwnFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "dvkbot.db")
	files := db + ".files"
	if err := os.MkdirAll(filepath.Join(files, "evidence", "7"), 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(db, []byte("db"), 0o600)
	os.WriteFile(filepath.Join(files, "evidence", "7", "1.jpg"), []byte("jpg"), 0o600)
	os.MkdirAll(filepath.Join(dir, "backups"), 0o700)
	os.Symlink(filepath.Join(dir, "data"), filepath.Join(dir, "link"))
	os.Symlink(files, filepath.Join(dir, "backups", "files-link"))
	os.Symlink(filepath.Join(files, "evidence"), filepath.Join(dir, "backups", "up"))
	os.Link(db, filepath.Join(dir, "backups", "hard.db"))
	cfg := Config{Store: StoreConfig{Path: db}}
	own := ownFiles(cfg, filepath.Join(dir, "config.toml"))
	t.Chdir(filepath.Join(dir, "backups"))

	for _, c := range []struct {
		name, out string
		refused   bool
	}{
		{"the database", db, true},
		{"the socket", db + ".sock", true},
		{"the config", "../config.toml", true},
		{"the files folder", files, true},
		{"trailing slash", files + "/", true},
		{"trailing slashes", files + "//", true},
		{"a kept file", filepath.Join(files, "evidence", "7", "1.jpg"), true},
		{"new file inside", filepath.Join(files, "x.zip"), true},
		{"new folders inside", filepath.Join(files, "a", "b", "x.zip"), true},
		{"relative", "../data/dvkbot.db.files/x.zip", true},
		{"dot relative", "./../data/./dvkbot.db.files/x.zip", true},
		{"dot-dot through a new folder", filepath.Join(dir, "data", "new", "..", "dvkbot.db.files", "x"), true},
		{"link to the parent", filepath.Join(dir, "link", "dvkbot.db.files", "x.zip"), true},
		{"link to the folder", "files-link/x.zip", true},
		{"link to the folder itself", "files-link", true},
		{"dot-dot after a link", "up/../x.zip", true}, // up/.. is the files folder, not backups
		{"a hard link of the database", "hard.db", true},
		{"beside the database", filepath.Join(dir, "data", "copy.db"), false},
		{"a name that starts the same", files + "2/x.zip", false},
		{"the folder's sibling", files + ".bak", false},
		{"a backup folder", "copy.db", false},
		{"dot-dot out of the folder", filepath.Join(files, "..", "copy.db"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := refuseOwnFiles("-out", c.out, own)
			if got := err != nil; got != c.refused {
				t.Fatalf("refused = %v (%v), want %v", got, err, c.refused)
			}
			if err != nil && !strings.Contains(err.Error(), c.out) {
				t.Errorf("message does not name the path: %v", err)
			}
		})
	}
}
