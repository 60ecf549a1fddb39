// Package formscript describes the bot's forms as a person fills them,
// once, for the tests and benchmarks that drive them: the end-to-end
// load benchmark and the in-process form-step benchmark walk the same
// registration, so a new field is one line in Registration.Steps.
package formscript

import "strings"

// Step is one step of a form: Say is typed, Press is (part of) the label
// of a button of the bot's last question; Next is a word of the reply
// that shows the step was taken.
type Step struct {
	Say, Press, Next string
}

// Registration is a model's registration, answer by field.
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
func (g Registration) Steps() []Step {
	return []Step{
		{Say: "/register", Next: "Tên mô hình là gì"},
		{Say: g.Name, Next: "tập thể hay cá nhân"},
		{Press: g.Kind, Next: "mô hình duy trì"},
		{Press: g.Novelty, Next: "Ai thực hiện"},
		{Say: g.Subject, Next: "thuộc lĩnh vực nào"},
		{Press: g.Field, Next: "Địa chỉ"},
		{Say: g.Address, Next: "Nội dung"},
		{Say: g.Content, Next: "Chỉ tiêu"},
		{Say: g.Targets, Next: "Thời gian thực hiện"},
		{Say: g.Period, Next: "kiểm tra lại"},
		{Press: "Gửi đăng ký", Next: "Đã nộp đăng ký"},
	}
}
