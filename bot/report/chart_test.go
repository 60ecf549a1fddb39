package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// TestChartLayout draws the chat's chart onto a canvas that records
// where every string and bar lands, and measures each string with the
// font the picture is drawn with: no two labels may overlap or leave the
// picture, every bar and its count stay below the title, each bar
// carries its count, the value axis counts in whole steps, and the
// field names sit right under the axis. DVKBOT_CHART_OUT=dir writes each
// case's picture there, to look at.
func TestChartLayout(t *testing.T) {
	five := map[string]*FieldLine{
		"kinh_te": {Collective: 7, Individual: 5}, "van_hoa_xa_hoi": {Collective: 9}, "quoc_phong_an_ninh": {Collective: 4, Individual: 3},
		"xay_dung_htct": {Collective: 11}, store.FieldOther: {Individual: 2},
	}
	same := map[string]*FieldLine{}
	for _, f := range store.ModelFields {
		same[f] = &FieldLine{Collective: 12}
	}
	const dvk = "Phong trào thi đua “Dân vận khéo” năm 2024"
	for _, tc := range []struct {
		name, lang, campaign string
		table                map[string]*FieldLine
	}{
		{"one model", "vi", dvk, map[string]*FieldLine{"van_hoa_xa_hoi": {Collective: 1}}},
		{"five fields with long names", "vi", dvk, five},
		{"five equal bars", "vi", dvk, same},
		{"five fields in English", "en", dvk, five},
		{"a count just under a step", "vi", dvk, map[string]*FieldLine{"kinh_te": {Collective: 149}, "xay_dung_htct": {Collective: 3}, store.FieldOther: {Collective: 60}}},
		{"a long campaign name", "vi", "Phong trào thi đua “Dân vận khéo” giai đoạn 2021 - 2025 của Đảng bộ xã An Bình gắn với xây dựng nông thôn mới nâng cao", five},
		{"no models yet", "vi", dvk, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Summary{Campaign: store.Campaign{Name: tc.campaign}, Table: tc.table}
			tr := chartText(t, tc.lang)
			p, err := chartPlot(s, tr)
			if err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			drawChart(p, rec)
			if dir := os.Getenv("DVKBOT_CHART_OUT"); dir != "" {
				data, err := Chart(s, tr)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(dir+"/"+strings.ReplaceAll(tc.name, " ", "-")+".png", data, 0o644)
			}
			texts := rec.labels()
			page := vg.Rectangle{Max: vg.Point{X: chartWidth, Y: chartHeight}}
			for i, a := range texts {
				if !inside(a.box, page) {
					t.Errorf("%q leaves the picture: %v", a.text, a.box)
				}
				for _, b := range texts[i+1:] {
					if overlap(a.box, b.box) {
						t.Errorf("%q %v and %q %v overlap", a.text, a.box, b.text, b.box)
					}
				}
			}
			want := tr("chart_title") + " — " + tc.campaign
			title := findLabel(texts, func(l drawnText) bool { return strings.ReplaceAll(l.text, "\n", " ") == want })
			if title == nil {
				t.Fatalf("no title %q", want)
			}
			fields := s.TableFields()
			if len(rec.bars) != len(fields) {
				t.Fatalf("%d bars, want %d", len(rec.bars), len(fields))
			}
			axis := rec.bars[0].Min.Y
			for i, f := range fields {
				bar := rec.bars[i]
				n := 0
				if l := s.Table[f]; l != nil {
					n = l.Registered()
				}
				// A bar of no models is drawn flat; its count sits on the axis.
				count := findLabel(texts, func(l drawnText) bool {
					return l.text == strconv.Itoa(n) && l.box.Min.X >= bar.Min.X-1 && l.box.Max.X <= bar.Max.X+1 && l.box.Min.Y >= bar.Max.Y-0.5
				})
				if tc.table == nil {
					count = findLabel(texts, func(l drawnText) bool { return l.text == tr("chart_none") })
				}
				if bar.Max.Y >= title.box.Min.Y {
					t.Errorf("bar %d %v reaches the title %v", i, bar, title.box)
				}
				if count == nil {
					t.Errorf("bar %d (%s, %d models) %v carries no count", i, f, n, bar)
				} else if count.box.Max.Y >= title.box.Min.Y {
					t.Errorf("bar %d's count %v reaches the title %v", i, count.box, title.box)
				}
				name := findLabel(texts, func(l drawnText) bool {
					return l.box.Max.Y < axis && l.box.Min.X < bar.Max.X && l.box.Max.X > bar.Min.X
				})
				if name != nil && strings.Contains(name.text, "\n-") {
					t.Errorf("a line of %q begins with a dash", name.text)
				}
				if name == nil || strings.ReplaceAll(name.text, "\n", " ") != fieldLabel(f, tr) {
					t.Errorf("bar %d: name %v, want %q", i, name, fieldLabel(f, tr))
				} else if gap := axis - name.box.Max.Y; gap > 10 {
					t.Errorf("%.0f pt between the axis and %q", gap, name.text)
				}
			}
			// The value axis's ticks: whole numbers from 0 in equal steps.
			var ticks []int
			for _, l := range texts {
				if l.box.Max.X < rec.bars[0].Min.X && !l.rotated {
					v, err := strconv.Atoi(l.text)
					if err != nil {
						t.Errorf("value axis drawnText %q is not a whole number", l.text)
					}
					ticks = append(ticks, v)
				}
			}
			if len(ticks) < 2 || ticks[0] != 0 {
				t.Fatalf("value axis %v", ticks)
			}
			for i := range ticks {
				if ticks[i] != i*ticks[1] {
					t.Errorf("value axis %v: not equal steps", ticks)
				}
			}
		})
	}
}

// TestChartPicture: the picture decodes as a PNG of the size laid out.
func TestChartPicture(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			data, err := Chart(Summary{Campaign: store.Campaign{Name: "DVK 2024"}, Table: map[string]*FieldLine{"kinh_te": {Collective: 2}}}, chartText(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != 907 || b.Dy() != 454 {
				t.Errorf("picture %dx%d, want 907x454", b.Dx(), b.Dy())
			}
		})
	}
}

// TestCountStep: whole steps, at most six of them up to the count.
func TestCountStep(t *testing.T) {
	for _, tc := range []struct{ top, want int }{{0, 1}, {1, 1}, {5, 1}, {6, 2}, {11, 2}, {12, 5}, {29, 5}, {30, 10}, {149, 50}, {1000, 200}} {
		t.Run(strconv.Itoa(tc.top), func(t *testing.T) {
			if got := countStep(tc.top); got != tc.want {
				t.Errorf("countStep(%d) = %d, want %d", tc.top, got, tc.want)
			}
		})
	}
}

func chartText(t *testing.T, lang string) Text {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) string { return cat.Text(lang, id, nil) }
}

// drawnText is a string as drawn: its lines joined by "\n", the box they
// fill together, measured with the face they were drawn in.
type drawnText struct {
	text    string
	box     vg.Rectangle
	size    vg.Length
	rotated bool
}

func findLabel(ls []drawnText, ok func(drawnText) bool) *drawnText {
	for i := range ls {
		if ok(ls[i]) {
			return &ls[i]
		}
	}
	return nil
}

func overlap(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func inside(a, page vg.Rectangle) bool {
	return a.Min.X >= page.Min.X && a.Min.Y >= page.Min.Y && a.Max.X <= page.Max.X && a.Max.Y <= page.Max.Y
}

// recorder is a vg.Canvas that keeps where strings and bars land, in
// the page's points, following the canvas's translations and rotations.
type recorder struct {
	m     affine
	stack []affine
	col   color.Color
	lines []line
	bars  []vg.Rectangle
}

// line is one drawn line of text.
type line struct {
	text     string
	box      vg.Rectangle
	size     vg.Length
	rotated  bool
	baseline vg.Point // where it starts, untransformed
	centre   vg.Length
}

// affine maps (x, y) to (a x + c y + e, b x + d y + f).
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(m.a*x + m.c*y + m.e), Y: vg.Length(m.b*x + m.d*y + m.f)}
}

func (m affine) times(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (r *recorder) matrix() affine {
	if r.m == (affine{}) {
		r.m = affine{a: 1, d: 1}
	}
	return r.m
}

func (r *recorder) SetLineWidth(vg.Length)             {}
func (r *recorder) SetLineDash([]vg.Length, vg.Length) {}
func (r *recorder) SetColor(c color.Color)             { r.col = c }
func (r *recorder) Rotate(rad float64) {
	s, c := math.Sincos(rad)
	r.m = r.matrix().times(affine{a: c, b: s, c: -s, d: c})
}
func (r *recorder) Translate(p vg.Point) {
	r.m = r.matrix().times(affine{a: 1, d: 1, e: float64(p.X), f: float64(p.Y)})
}
func (r *recorder) Scale(x, y float64)                         { r.m = r.matrix().times(affine{a: x, d: y}) }
func (r *recorder) Push()                                      { r.stack = append(r.stack, r.matrix()) }
func (r *recorder) Pop()                                       { r.m, r.stack = r.stack[len(r.stack)-1], r.stack[:len(r.stack)-1] }
func (r *recorder) Stroke(vg.Path)                             {}
func (r *recorder) DrawImage(vg.Rectangle, image.Image)        {}
func (r *recorder) Size() (vg.Length, vg.Length)               { return chartWidth, chartHeight }
func (r *recorder) transform(pts ...vg.Point) (b vg.Rectangle) { return bounds(r.matrix(), pts) }

// Fill keeps the bars: rectangles in the bars' colour.
func (r *recorder) Fill(p vg.Path) {
	if cr, cg, cb, ca := r.col.RGBA(); [4]uint32{cr, cg, cb, ca} != rgba(chartBar) {
		return
	}
	var pts []vg.Point
	for _, c := range p {
		if c.Type == vg.MoveComp || c.Type == vg.LineComp {
			pts = append(pts, c.Pos)
		}
	}
	r.bars = append(r.bars, r.transform(pts...))
}

func rgba(c color.Color) [4]uint32 {
	r, g, b, a := c.RGBA()
	return [4]uint32{r, g, b, a}
}

// FillString keeps the line's box: its width and the face's ascent and
// descent around the baseline.
func (r *recorder) FillString(f font.Face, p vg.Point, s string) {
	e := f.Extents()
	w := f.Width(s)
	box := r.transform(vg.Point{X: p.X, Y: p.Y - e.Descent}, vg.Point{X: p.X + w, Y: p.Y - e.Descent},
		vg.Point{X: p.X, Y: p.Y + e.Ascent}, vg.Point{X: p.X + w, Y: p.Y + e.Ascent})
	m := r.matrix()
	r.lines = append(r.lines, line{text: s, box: box, size: f.Font.Size, rotated: m.b != 0 || m.c != 0, baseline: p, centre: p.X + w/2})
}

func bounds(m affine, pts []vg.Point) vg.Rectangle {
	b := vg.Rectangle{Min: vg.Point{X: math.MaxFloat32, Y: math.MaxFloat32}, Max: vg.Point{X: -math.MaxFloat32, Y: -math.MaxFloat32}}
	for _, p := range pts {
		q := m.apply(p)
		b.Min.X, b.Min.Y = min(b.Min.X, q.X), min(b.Min.Y, q.Y)
		b.Max.X, b.Max.Y = max(b.Max.X, q.X), max(b.Max.Y, q.Y)
	}
	return b
}

// labels joins the lines of one multi-line string: text.Plain draws them
// one after the other, a font size apart, centred on one point.
func (r *recorder) labels() []drawnText {
	var out []drawnText
	for i, l := range r.lines {
		if i > 0 && !l.rotated {
			prev := r.lines[i-1]
			last := &out[len(out)-1]
			if !prev.rotated && prev.size == l.size && math.Abs(float64(prev.baseline.Y-l.baseline.Y-l.size)) < 0.01 && math.Abs(float64(prev.centre-l.centre)) < 0.01 {
				last.text += "\n" + l.text
				last.box = vg.Rectangle{Min: vg.Point{X: min(last.box.Min.X, l.box.Min.X), Y: min(last.box.Min.Y, l.box.Min.Y)},
					Max: vg.Point{X: max(last.box.Max.X, l.box.Max.X), Y: max(last.box.Max.Y, l.box.Max.Y)}}
				continue
			}
		}
		out = append(out, drawnText{text: l.text, box: l.box, size: l.size, rotated: l.rotated})
	}
	return out
}
