package locales_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/locales"
)

// sample holds every template argument any message uses.
var sample = locales.Args{"Name": "Nguyễn Thị Lan", "Command": "abc", "Units": "Chi bộ thôn Đông",
	"Unit": "Hội Phụ nữ", "Form": "Thêm đơn vị", "Step": "1", "Total": "2", "Value": "x", "Max": "200",
	"Kind": "Khác", "Count": "3", "Page": "1", "Pages": "1", "Link": "https://t.me/b?start=c",
	"Expires": "07/04/2024", "Reason": "Forbidden", "File": "a.xlsx", "New": "2", "Present": "1",
	"Bad": "0", "Line": "3", "Dup": "2", "Added": "2", "Min": "1", "Reg": "07/04/2024", "Results": "05/09/2024",
	"End": "15/12/2024", "Reminders": "7, 3, 1, 0", "Registered": "3", "Number": "DVK-2024-001", "Campaign": "Đợt 1",
	"Comment": "Bổ sung chỉ tiêu", "Status": "đã duyệt", "Missing": "1", "Deadline": "07/04/2024", "Date": "07/04/2024",
	"Left": "còn 3 ngày", "N": "3", "Days": "7, 3, 1, 0", "Contact": "Trần Văn Bình", "Outcome": "Công nhận", "Names": "ảnh", "Met": "1, 2", "When": "còn 3 ngày", "Numbers": "DVK-2024-001", "Owing": "2", "OnTime": "1", "Late": "1", "None": "1", "Models": "2", "Fields": "Kinh tế 1 · Lĩnh vực khác 1", "Kinds": "Tập thể 1 · Cá nhân 1", "ResOnTime": "1", "ResLate": "0", "ResMissing": "1", "Recognised": "1", "Exemplary": "0", "NotMet": "0", "Rows": "2000", "Year": "2024", "Targets": "2 km đường hoa", "Code": "TANPHU", "Level": "Cấp cơ sở", "Tries": "20", "Waiting": "2",
	"Counts": "Mô hình mới 1 · Duy trì, nhân rộng 1", "Bot": "dvk_bot", "To": "15/12/2024", "Field": "Lĩnh vực", "Why": "không khớp", "Options": "Kinh tế; Khác"}

func TestEveryKeyInEveryLanguage(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := c.IDs(locales.Default)
	if len(ref) == 0 {
		t.Fatal("no messages loaded")
	}
	for _, lang := range c.Languages() {
		ids := c.IDs(lang)
		for _, id := range ref {
			if !slices.Contains(ids, id) {
				t.Errorf("%s.toml: missing %q", lang, id)
			}
		}
		for _, id := range ids {
			if !slices.Contains(ref, id) {
				t.Errorf("%s.toml: %q is not in %s.toml", lang, id, locales.Default)
			}
		}
	}
}

func TestEveryMessageRenders(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range c.Languages() {
		for _, id := range c.IDs(lang) {
			t.Run(lang+"/"+id, func(t *testing.T) {
				s, err := c.Render(lang, id, sample)
				if err != nil {
					t.Fatal(err)
				}
				if strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") {
					t.Errorf("rendered %q", s)
				}
			})
		}
	}
}

func TestHTMLEscapesArguments(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	got := c.HTML("vi", "welcome_guest", locales.Args{"Name": `<b>Tí</b> & "Tèo"`})
	if strings.Contains(got, "<b>Tí</b>") || !strings.Contains(got, "&lt;b&gt;Tí&lt;/b&gt; &amp;") {
		t.Errorf("argument not escaped: %q", got)
	}
	if !strings.Contains(got, "<b>“Dân vận khéo”</b>") {
		t.Errorf("template markup was escaped: %q", got)
	}
}

func TestFallbacks(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, lang, id, want string }{
		{"unknown id shows the id", "vi", "no_such_key", "no_such_key"},
		{"unknown language uses Vietnamese", "fr", "language_set", "✅ Đã chuyển sang tiếng Việt."},
		{"english", "en", "language_set", "✅ Switched to English."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Text(tt.lang, tt.id, nil); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// Vietnamese administrative texts quote with “ ”, never « » (issue 14,
// item 8).
func TestQuotationMarks(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range c.Languages() {
		for _, id := range c.IDs(lang) {
			if s := c.Text(lang, id, sample); strings.ContainsAny(s, "«»") {
				t.Errorf("%s/%s quotes with « »: %q", lang, id, s)
			}
		}
	}
}

// A count before a noun needs plural forms in English ("1 day", "2
// days"): the message must have "one" and "other", and render each by the
// count; any other number is written as "label: n" (issue 14, item 10).
func TestCountsHavePluralForms(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("en.toml")
	if err != nil {
		t.Fatal(err)
	}
	countBeforeNoun := regexp.MustCompile(`\{\{\.(\w+)\}\}(?:</b>)? +(?:more )?(?:new )?(?:registered )?[a-z]+`)
	numeric := map[string]bool{"Count": true, "N": true, "Missing": true, "Registered": true, "Min": true, "Owing": true,
		"Added": true, "New": true, "Max": true, "Rows": true, "Present": true, "Bad": true}
	for _, id := range c.IDs("en") {
		one, err1 := c.Render("en", id, withCount(1))
		two, err2 := c.Render("en", id, withCount(2))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", id, err1, err2)
		}
		for _, m := range countBeforeNoun.FindAllStringSubmatch(rawOf(string(data), id), -1) {
			if numeric[m[1]] && !c.Plural("en", id) {
				t.Errorf("en/%s puts {{.%s}} before a noun without plural forms: %q", id, m[1], two)
			}
		}
		if c.Plural("en", id) && one == two && strings.Contains(rawOf(string(data), id), "{{.Count}}") {
			t.Errorf("en/%s renders the same for 1 and 2", id)
		}
	}
	if got := c.Text("en", "days_left", locales.Args{"Count": 1}); got != "1 day left" {
		t.Errorf("days_left(1) = %q", got)
	}
	if got := c.Text("en", "days_left", locales.Args{"Count": "3"}); got != "3 days left" {
		t.Errorf("days_left(3) = %q", got)
	}
}

func withCount(n int) locales.Args {
	a := locales.Args{}
	for k, v := range sample {
		a[k] = v
	}
	a["Count"] = n
	return a
}

// rawOf is the source text of a message in a TOML file: its line, or its
// table up to the next blank line.
func rawOf(file, id string) string {
	for _, start := range []string{"\n" + id + " = ", "\n[" + id + "]\n"} {
		if i := strings.Index(file, start); i >= 0 {
			rest := file[i+1:]
			end := strings.Index(rest, "\n\n")
			if start[1] != '[' {
				if strings.HasPrefix(rest[len(start)-1:], `"""`) {
					end = strings.Index(rest[len(start)+2:], `"""`) + len(start) + 2
				} else {
					end = strings.IndexByte(rest, '\n')
				}
			}
			if end < 0 {
				end = len(rest)
			}
			return rest[:end]
		}
	}
	return ""
}
