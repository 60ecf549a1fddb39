package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ownFile is one of the files the bot keeps, and what it is, in the
// words an operator reads.
type ownFile struct{ path, what string }

// ownFiles are what a command must never write onto or into: the
// database, its control socket, the folder beside it (kept evidence and
// files waiting to be sent) and the configuration. There is no lock file:
// bbolt locks the database file itself.
func ownFiles(cfg Config, cfgPath string) []ownFile {
	return []ownFile{
		{cfg.Store.Path, "cơ sở dữ liệu"},
		{controlPath(cfg), "ổ cắm điều khiển"},
		{filesDir(cfg), "thư mục tệp (minh chứng, tệp chờ gửi)"},
		{cfgPath, "tệp cấu hình"},
	}
}

// refuseOwnFiles refuses an output path, named by its flag, that is one
// of own or lies inside one of them, however it is spelled: relative,
// with "." or "..", through links, with a trailing slash. Paths that
// exist are also compared by file identity (a hard link, a folder
// mounted twice, a case-insensitive disk).
func refuseOwnFiles(flag, out string, own []ownFile) error {
	o, err := resolvePath(out)
	if err != nil {
		return fmt.Errorf("%s %s: %w", flag, out, err)
	}
	for _, f := range own {
		p, err := resolvePath(f.path)
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		if within(o, p) || sameOrUnder(o, p) {
			return fmt.Errorf("%s %s trỏ vào %s của bot (%s): ghi vào đó sẽ làm hỏng bot. Xin chọn một đường dẫn ở ngoài các tệp của bot", flag, out, f.what, f.path)
		}
	}
	return nil
}

// resolvePath is p made absolute, with the links of its longest existing
// part resolved; the part that does not exist yet is joined as written.
func resolvePath(p string) (string, error) {
	abs := p
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		abs = wd + string(filepath.Separator) + p // not Clean: ".." after a link is the link's parent
	}
	var rest []string
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		trimmed := strings.TrimRight(cur, separators)
		i := strings.LastIndexAny(trimmed, separators)
		if i < len(filepath.VolumeName(trimmed)) {
			return filepath.Clean(abs), nil // not even the root resolves
		}
		rest = append([]string{trimmed[i+1:]}, rest...)
		cur = trimmed[:i+1]
	}
}

const separators = string(filepath.Separator) + "/"

var foldCase = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

// within says whether path p is dir or lies under it; without regard to
// case where disks usually ignore it.
func within(p, dir string) bool {
	if foldCase {
		p, dir = strings.ToLower(p), strings.ToLower(dir)
	}
	return p == dir || strings.HasPrefix(p, strings.TrimRight(dir, separators)+string(filepath.Separator))
}

// sameOrUnder says whether p, or a folder p lies in, is the file own.
func sameOrUnder(p, own string) bool {
	ownInfo, err := os.Stat(own)
	if err != nil {
		return false
	}
	for {
		if info, err := os.Stat(p); err == nil && os.SameFile(info, ownInfo) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}
