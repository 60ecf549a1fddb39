package report

import (
	"bytes"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// chartFont is Liberation Sans, which gonum/plot already brings in and
// which has every Vietnamese letter (TestChartFontHasVietnamese); it is
// registered under its own name so that plot's defaults never stand in.
var (
	fontsOnce sync.Once
	fonts     *font.Cache
	fontsErr  error
	chartFont = font.Font{Typeface: "LiberationSansVI"}
)

func vietnameseFonts() (*font.Cache, error) {
	fontsOnce.Do(func() {
		ttf, err := opentype.Parse(liberationsansregular.TTF)
		if err != nil {
			fontsErr = fmt.Errorf("parse Liberation Sans: %w", err)
			return
		}
		fonts = font.NewCache(font.Collection{{Font: chartFont, Face: ttf}})
	})
	return fonts, fontsErr
}

// The chat picture's size: 907×454 pixels at plot's 96 dpi, which a
// phone shows whole.
const (
	chartWidth  = 24 * vg.Centimeter
	chartHeight = 12 * vg.Centimeter
)

// chartBar is the bars' colour, the flag's red.
var chartBar = color.RGBA{R: 200, G: 16, B: 46, A: 255}

// Chart draws the models per field as a bar chart PNG with Vietnamese
// labels.
func Chart(s Summary, t Text) ([]byte, error) {
	p, err := chartPlot(s, t)
	if err != nil {
		return nil, err
	}
	c := vgimg.New(chartWidth, chartHeight)
	drawChart(p, c)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// drawChart draws the plot on a chartWidth × chartHeight canvas inside a
// margin: a font's ascent reaches a little above where plot puts the
// title's top, and the value axis's name a little left of the edge.
func drawChart(p *plot.Plot, c vg.Canvas) {
	m := vg.Points(8)
	p.Draw(draw.Crop(draw.NewCanvas(c, chartWidth, chartHeight), m, -m, m, -m))
}

// chartPlot lays the chart out for a chartWidth × chartHeight picture:
// one bar per field with its count above it; field names wrapped to fit
// their bar's share of the width, so two never meet; whole-number steps
// on the value axis, which ends a step above the tallest bar, so the bar
// and its count stay clear of the title. With no models yet it says so
// in the middle of the empty axes.
func chartPlot(s Summary, t Text) (*plot.Plot, error) {
	cache, err := vietnameseFonts()
	if err != nil {
		return nil, err
	}
	fields := s.TableFields()
	values := make(plotter.Values, len(fields))
	for i, f := range fields {
		if l := s.Table[f]; l != nil {
			values[i] = float64(l.Registered())
		}
	}
	top := s.tallest()
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: cache}
	style := func(st *text.Style, size vg.Length) {
		st.Font = font.From(chartFont, size)
		st.Handler = p.TextHandler
	}
	style(&p.Title.TextStyle, 14)
	style(&p.Y.Label.TextStyle, 12)
	style(&p.X.Tick.Label, 12)
	style(&p.Y.Tick.Label, 12)
	p.Title.Padding = vg.Points(12)
	p.Title.Text = wrapText(t("chart_title")+" — "+s.Campaign.Name, p.Title.TextStyle, chartWidth-vg.Points(20))
	p.Y.Label.Text = t("chart_models")

	// Each field gets an equal slot of the width the value axis leaves;
	// its name is wrapped to nine tenths of the slot.
	n := len(fields)
	slot := (chartWidth - vg.Points(70)) / vg.Length(n)
	names := make([]string, n)
	for i, f := range fields {
		names[i] = wrapText(fieldLabel(f, t), p.X.Tick.Label, slot*9/10)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.X.Padding = vg.Points(4) // the names sit right under the axis
	p.Y.Padding = 0            // the half slot left of the first bar is room enough

	step := countStep(top)
	p.Y.Min, p.Y.Max = 0, float64((top/step+1)*step)
	p.Y.Tick.Marker = plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ticks []plot.Tick
		for v := 0; float64(v) <= hi; v += step {
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
		}
		return ticks
	})

	bars, err := plotter.NewBarChart(values, min(vg.Points(70), slot/2))
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	bars.Color = chartBar
	bars.LineStyle.Width = 0
	p.Add(bars)

	counts := plotter.XYLabels{XYs: make(plotter.XYs, n), Labels: make([]string, n)}
	for i, v := range values {
		counts.XYs[i] = plotter.XY{X: float64(i), Y: v}
		counts.Labels[i] = strconv.Itoa(int(v))
	}
	if top == 0 {
		// No bars: one line in the middle says why.
		counts = plotter.XYLabels{XYs: plotter.XYs{{X: float64(n-1) / 2, Y: 0.5}}, Labels: []string{t("chart_none")}}
	}
	labels, err := plotter.NewLabels(counts)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	for i := range labels.TextStyle {
		st := &labels.TextStyle[i]
		style(st, 12)
		st.XAlign = text.XCenter
		if top > 0 {
			st.YAlign = text.YBottom
		} else {
			st.YAlign = text.YCenter
		}
	}
	if top > 0 {
		labels.Offset = vg.Point{Y: vg.Points(3)}
	}
	p.Add(labels)
	return p, nil
}

// tallest is the most models of one field: the tallest bar.
func (s Summary) tallest() int {
	top := 0
	for _, l := range s.Table {
		if l != nil {
			top = max(top, l.Registered())
		}
	}
	return top
}

// countStep is the value axis's step for counts up to top: a whole
// number (1, 2, 5, 10, 20, 50…) that gives at most six steps.
func countStep(top int) int {
	for step := 1; ; step *= 10 {
		for _, k := range []int{1, 2, 5} {
			if top/(k*step) < 6 {
				return k * step
			}
		}
	}
}

// wrapText breaks txt at spaces into as few lines as fit width in st,
// balanced when there are two; a single word wider than width stays
// whole on its line, and a line never begins with a dash.
func wrapText(txt string, st text.Style, width vg.Length) string {
	if st.Width(txt) <= width {
		return txt
	}
	// A dash stays at the end of the line before it: "Quốc phòng -" /
	// "an ninh", never "- an ninh".
	var words []string
	for _, w := range strings.Fields(txt) {
		if n := len(words); n > 0 && strings.Trim(w, "-–—") == "" {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	// Two lines: the split whose longer line is shortest.
	best, bestW := "", vg.Length(-1)
	for i := 1; i < len(words); i++ {
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if w := max(st.Width(a), st.Width(b)); bestW < 0 || w < bestW {
			best, bestW = a+"\n"+b, w
		}
	}
	if bestW >= 0 && bestW <= width {
		return best
	}
	// More: fill each line as far as it goes.
	var lines []string
	line := ""
	for _, w := range words {
		if line != "" && st.Width(line+" "+w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = strings.TrimSpace(line + " " + w)
	}
	return strings.Join(append(lines, line), "\n")
}
