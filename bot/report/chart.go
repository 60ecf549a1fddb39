package report

import (
	"bytes"
	"fmt"
	"image/color"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// dejaVu has every Vietnamese letter; plot's default fonts may not.
var (
	fontsOnce sync.Once
	fonts     *font.Cache
	fontsErr  error
	dejaVu    = font.Font{Typeface: "DejaVuSans"}
)

func vietnameseFonts() (*font.Cache, error) {
	fontsOnce.Do(func() {
		ttf, err := opentype.Parse(dejavusans.TTF)
		if err != nil {
			fontsErr = fmt.Errorf("parse DejaVu Sans: %w", err)
			return
		}
		fonts = font.NewCache(font.Collection{{Font: dejaVu, Face: ttf}})
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
	fields := []string{"kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_htct"}
	values := make(plotter.Values, len(fields))
	names := make([]string, len(fields))
	for i, f := range fields {
		values[i] = float64(s.ByField[f])
		names[i] = t("model_field_" + f)
	}
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: cache}
	p.Title.Text = t("chart_title") + " — " + s.Campaign.Name
	p.Y.Label.Text = t("chart_models")
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label} {
		st.Font = font.From(dejaVu, st.Font.Size)
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
