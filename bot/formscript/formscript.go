// Package formscript describes the bot's forms as a person fills them,
// once, for the tests and benchmarks that drive them: the end-to-end
// tests, the crash test, the load benchmark and the in-process form-step
// benchmark walk the same registration, results report and campaign, so
// a new field is one line in its form's Steps (and its answer in the
// struct and the realistic default).
//
// A step is known by the key of the form's field it answers (the bot's
// step keys: "name", "period", "people"…), so that a test which does
// something of its own in the middle of a form walks to that point with
// Until or Through and goes on with From or After, whatever fields come
// before or after.
package formscript

import (
	"fmt"
	"strings"
)

// Step is one step of a form: Say is typed, Press is (part of) the label
// of a button of the bot's last question, File is sent; Next is a word of
// the reply that shows the step was taken.
type Step struct {
	// Key is the field the step answers, as the bot's form names it;
	// Command for the command that opens the form, Submit for the last
	// press at the review. A multiple choice or a list of files takes
	// several steps of one key.
	Key              string
	Say, Press, Next string
	File             *File
}

// Keys of the steps that are no field.
const (
	Command = "command"
	Submit  = "submit"
)

// Skip is the button that passes over an optional step: an optional
// answer left empty presses it.
const Skip = "Bỏ qua"

// Done ends a multiple choice or a list of files.
const Done = "Xong"

// File is a photo or a document sent as evidence. A File without a Name
// is a photo.
type File struct {
	Name, Type, Caption string
	Data                []byte
}

// Script is a form's steps, in order.
type Script []Step

// Until is the script before the first step that answers key.
func (s Script) Until(key string) Script { return s[:s.index(key)] }

// From is the script from the first step that answers key on.
func (s Script) From(key string) Script { return s[s.index(key):] }

// Through is the script to the last step that answers key, included:
// the bot then asks the question after it.
func (s Script) Through(key string) Script { return s[:s.last(key)+1] }

// After is the script after the last step that answers key.
func (s Script) After(key string) Script { return s[s.last(key)+1:] }

// Asks is a word of the question the bot asks when the script is done:
// the last step's Next.
func (s Script) Asks() string { return s[len(s)-1].Next }

func (s Script) index(key string) int {
	for i, st := range s {
		if st.Key == key {
			return i
		}
	}
	panic(fmt.Sprintf("formscript: no step answers %q", key))
}

func (s Script) last(key string) int {
	s.index(key) // there is one
	i := len(s) - 1
	for s[i].Key != key {
		i--
	}
	return i
}

// Registration is a model's registration, answer by field. Kind, Novelty
// and Field are the buttons' labels; an empty Period skips it.
type Registration struct {
	Name, Kind, Novelty, Subject, Field, Address, Content, Targets, Period string
}

// Realistic is what a secretary types: a content of about 1,500
// characters and targets of about 600, as in the seed's examples.
func Realistic(name string) Registration {
	return Registration{
		Name: name, Kind: "Tập thể", Novelty: "Mô hình mới", Subject: "Chi bộ thôn và Ban công tác Mặt trận thôn",
		Field: "Kinh tế", Address: "Thôn Đông, xã Hòa Bình",
		Content: repeatTo("Chi bộ họp bàn, phân công đảng viên phụ trách từng nhóm hộ; vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn, "+
			"trồng hoa hai bên đường và giữ gìn vệ sinh môi trường; hằng tháng kiểm tra, biểu dương hộ làm tốt. ", 1500),
		Targets: repeatTo("Vận động 100% hộ tham gia; làm mới 2 km đường bê tông và 3 km đường hoa; không còn hộ nghèo trong thôn. ", 600),
		Period:  "01/04/2099 - 30/11/2099",
	}
}

// repeatTo repeats s to about n characters, cut at a word.
func repeatTo(s string, n int) string {
	out := string([]rune(strings.Repeat(s, n/len([]rune(s))+1))[:n])
	return out[:strings.LastIndexByte(out, ' ')] + "."
}

// Steps are the registration from the command to the submit, in the
// form's order, ending at the confirmation.
func (g Registration) Steps() Script {
	return Script{
		{Key: Command, Say: "/register", Next: "Tên mô hình là gì"},
		{Key: "name", Say: g.Name, Next: "tập thể hay cá nhân"},
		{Key: "kind", Press: g.Kind, Next: "mô hình duy trì"},
		{Key: "novelty", Press: g.Novelty, Next: "Ai thực hiện"},
		{Key: "subject", Say: g.Subject, Next: "thuộc lĩnh vực nào"},
		{Key: "field", Press: g.Field, Next: "Địa chỉ"},
		{Key: "address", Say: g.Address, Next: "Nội dung"},
		{Key: "content", Say: g.Content, Next: "Chỉ tiêu"},
		{Key: "targets", Say: g.Targets, Next: "Thời gian thực hiện"},
		optional("period", g.Period, "kiểm tra lại"),
		{Key: Submit, Press: "Gửi đăng ký", Next: "Đã nộp đăng ký"},
	}
}

// Results is a results report, answer by field. Against is the button's
// label; People ("150 hộ", "1.200 người, 150 hộ") and Money are as typed; Criteria are (the starts of) the
// labels of the criteria ticked, none for none met. An empty Measures,
// Lessons or Proposals skips the step; no Evidence presses Done at once.
type Results struct {
	Achieved, Against, People, Money, Measures string
	Criteria                                   []string
	Evidence                                   []File
	Lessons, Proposals                         string
}

// RealisticResults is a unit's report of a model carried out: every field
// answered, two photos and a minute of the meeting as evidence.
func RealisticResults() Results {
	return Results{
		Achieved: "Làm xong 2 km đường hoa, 150 hộ tham gia.", Against: "Vượt chỉ tiêu", People: "1.200 người, 150 hộ", Money: "12,5 triệu",
		Measures: "Ngày công: 350\nĐất hiến: 200 m²", Criteria: []string{"1. Gắn", "5. Được các tầng lớp"},
		Evidence: []File{{Caption: "Lễ ra quân", Data: []byte("jpeg-1")}, {Data: []byte("jpeg-2")},
			{Name: "bien-ban.pdf", Type: "application/pdf", Data: []byte("%PDF-1.4")}},
		Lessons:   "Phải có đảng viên phụ trách từng đoạn.",
		Proposals: "Đề nghị xã hỗ trợ xi măng cho thôn Tây.",
	}
}

// Steps are the report from the command to the submit, in the form's
// order, ending at the confirmation.
func (res Results) Steps() Script {
	s := Script{
		{Key: Command, Say: "/results", Next: "đã đạt được những kết quả gì"},
		{Key: "achieved", Say: res.Achieved, Next: "So với chỉ tiêu"},
		{Key: "against", Press: res.Against, Next: "bao nhiêu người, bao nhiêu hộ"},
		{Key: "people", Say: res.People, Next: "bao nhiêu tiền"},
		{Key: "money", Say: res.Money, Next: "Kết quả khác"},
		optional("measures", res.Measures, "tiêu chí của phong trào"),
	}
	for _, c := range res.Criteria {
		s = append(s, Step{Key: "criteria", Press: c, Next: "tiêu chí của phong trào"})
	}
	s = append(s, Step{Key: "criteria", Press: Done, Next: "Minh chứng"})
	for i := range res.Evidence {
		s = append(s, Step{Key: "evidence", File: &res.Evidence[i], Next: fmt.Sprintf("Đã nhận %d/", i+1)})
	}
	return append(s,
		Step{Key: "evidence", Press: Done, Next: "Bài học"},
		optional("lessons", res.Lessons, "Đề xuất"),
		optional("proposals", res.Proposals, "kiểm tra lại"),
		Step{Key: Submit, Press: "Xác nhận", Next: "Đã nộp báo cáo kết quả"})
}

// Campaign is a campaign as the office launches it, answer by field.
// Units are (the starts of) the labels ticked, the commune's units or
// the province's communes; none keeps "all", which comes ticked. Dates
// are as typed; an empty Min, Year, Criteria or Reminders skips it.
type Campaign struct {
	Name                                              string
	Units                                             []string
	Min, Reg, Results, End, Year, Criteria, Reminders string
}

// RealisticCampaign is seed 001's plan: every unit, the plan's dates,
// the defaults for the rest.
func RealisticCampaign(name string) Campaign {
	return Campaign{Name: name, Min: "1", Reg: "07/04/2024", Results: "05/09/2024", End: "15/12/2024"}
}

// Steps are the campaign from the office's list to the save, in the
// form's order, ending at the confirmation.
func (c Campaign) Steps() Script {
	s := Script{
		{Key: Command, Say: "/campaigns", Next: "Phong trào, đợt thi đua"},
		{Key: Command, Press: "Tạo phong trào mới", Next: "Tên phong trào"},
		{Key: "name", Say: c.Name, Next: "nào tham gia"},
	}
	for _, u := range c.Units {
		s = append(s, Step{Key: "units", Press: u, Next: "nào tham gia"})
	}
	return append(s,
		Step{Key: "units", Press: Done, Next: "ít nhất mấy mô hình"},
		optional("min", c.Min, "Hạn đăng ký mô hình"),
		Step{Key: "reg", Say: c.Reg, Next: "Hạn báo cáo kết quả"},
		Step{Key: "results", Say: c.Results, Next: "kết thúc ngày nào"},
		Step{Key: "end", Say: c.End, Next: "Phong trào của năm nào"},
		optional("year", c.Year, "Tiêu chí để đơn vị tự đánh giá"),
		optional("criteria", c.Criteria, "Nhắc hạn trước mấy ngày"),
		optional("reminders", c.Reminders, "kiểm tra lại"),
		Step{Key: Submit, Press: "Xác nhận", Next: "Đã lưu phong trào"})
}

// optional is a typed answer, or Skip when it is empty.
func optional(key, answer, next string) Step {
	if answer == "" {
		return Step{Key: key, Press: Skip, Next: next}
	}
	return Step{Key: key, Say: answer, Next: next}
}
