package main

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

// picture writes the first page of pdf as dir/name.png, in few colours
// (a page is black text on white, with a few colours in a chart): about
// a third of the bytes of pdftoppm's own PNG, so that the pictures of
// every sheet stay small in the repository.
func picture(pdf, dir, name string, dpi int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "papercheck-png-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	raw := filepath.Join(tmp, "page")
	if out, err := exec.Command("pdftoppm", "-f", "1", "-l", "1", "-r", fmt.Sprint(dpi), "-png", "-singlefile", pdf, raw).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm %s: %w: %s", pdf, err, out)
	}
	in, err := os.Open(raw + ".png")
	if err != nil {
		return err
	}
	img, err := png.Decode(in)
	in.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", pdf, err)
	}
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(out, fewColours(img)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// fewColours is img in 32 greys and its 64 commonest other colours.
func fewColours(img image.Image) *image.Paletted {
	var pal color.Palette
	for i := range 32 {
		v := uint8(i * 255 / 31)
		pal = append(pal, color.RGBA{v, v, v, 255})
	}
	count := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r>>8) &^ 15, uint8(g>>8) &^ 15, uint8(bl>>8) &^ 15, 255}
			if c.R != c.G || c.G != c.B {
				count[c]++
			}
		}
	}
	colours := slices.SortedFunc(maps.Keys(count), func(a, b color.RGBA) int {
		return cmp.Or(count[b]-count[a], cmp.Compare(a.R, b.R), cmp.Compare(a.G, b.G), cmp.Compare(a.B, b.B))
	})
	for _, c := range colours[:min(64, len(colours))] {
		pal = append(pal, color.RGBA{c.R | 8, c.G | 8, c.B | 8, 255})
	}
	p := image.NewPaletted(b, pal)
	draw.Draw(p, b, img, b.Min, draw.Src)
	return p
}
