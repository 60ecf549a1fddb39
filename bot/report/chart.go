package report

import (
	"bytes"
	"fmt"
	"image/color"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
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

// Chart draws the models per field as a bar chart PNG with Vietnamese
// labels.
func Chart(s Summary, t Text) ([]byte, error) {
	cache, err := vietnameseFonts()
	if err != nil {
		return nil, err
	}
	fields := s.TableFields()
	values := make(plotter.Values, len(fields))
	names := make([]string, len(fields))
	for i, f := range fields {
		if l := s.Table[f]; l != nil {
			values[i] = float64(l.Registered())
		}
		names[i] = fieldLabel(f, t)
	}
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: cache}
	p.Title.Text = t("chart_title") + " — " + s.Campaign.Name
	p.Y.Label.Text = t("chart_models")
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
		st.Font = font.From(chartFont, st.Font.Size)
		st.Handler = p.TextHandler
	}
	bars, err := plotter.NewBarChart(values, vg.Points(60))
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	bars.Color = color.RGBA{R: 200, G: 16, B: 46, A: 255}
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalX(names...)
	p.X.Padding = vg.Points(60) // room for the longest field name
	// Half a bar more on each side, so the outer names are not cut at the
	// picture's edge.
	p.X.Min, p.X.Max = -0.9, float64(len(fields))-0.1
	w, err := p.WriterTo(24*vg.Centimeter, 12*vg.Centimeter, "png")
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}
