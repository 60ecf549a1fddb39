package input_test

import (
	"errors"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"12.500.000", 12_500_000, nil},
		{"12,500,000", 12_500_000, nil},
		{"12500000", 12_500_000, nil},
		{"12,5 triệu", 12_500_000, nil},
		{"12.5 triệu", 12_500_000, nil},
		{"12,5 TRIỆU", 12_500_000, nil},
		{"12 trieu", 12_000_000, nil},
		{"1.000 triệu", 1_000_000_000, nil},
		{"12,500 triệu", 12_500_000, nil},
		{"12tr", 12_000_000, nil},
		{"1,2 tỷ", 1_200_000_000, nil},
		{"1,2 tỉ đồng", 1_200_000_000, nil},
		{"500 nghìn", 500_000, nil},
		{"500k", 500_000, nil},
		{"12.500.000 đ", 12_500_000, nil},
		{"12.500.000đ", 12_500_000, nil},
		{"12.500.000 VNĐ", 12_500_000, nil},
		{"12tr5", 12_500_000, nil},
		{"12 tr 5", 12_500_000, nil},
		{"12tr500", 12_500_000, nil},
		{"12 triệu 500 nghìn", 12_500_000, nil},
		{"12 trieu 500 nghin dong", 12_500_000, nil},
		{"12 triệu 500", 12_500_000, nil},
		{"1 tỷ 200 triệu", 1_200_000_000, nil},
		{"1 tỉ 200 triệu 500 nghìn đồng", 1_200_500_000, nil},
		{"1 tỷ 2", 1_200_000_000, nil},
		{"12 triệu rưỡi", 12_500_000, nil},
		{"12 trieu ruoi", 12_500_000, nil},
		{"1,2 tỉ", 1_200_000_000, nil},
		{"1,2 tỷ", 1_200_000_000, nil},
		{"500 nghìn 12 triệu", 0, input.ErrNumber},
		{"1 tỷ 1200 triệu", 0, input.ErrNumber},
		{"12 triệu 5000", 0, input.ErrNumber},
		{"12 triệu rưỡi 5", 0, input.ErrNumber},
		{"rưỡi", 0, input.ErrNumber},
		{"12 5", 0, input.ErrNumber},
		{"0", 0, nil},
		{"-5.000", 0, input.ErrNegative},
		{"mười triệu", 0, input.ErrNumber},
		{"12a", 0, input.ErrNumber},
		{"12.50.000", 0, input.ErrNumber},
		{"", 0, input.ErrNumber},
		{"999999999999999999999", 0, input.ErrTooLarge},
		{"5000000 tỷ", 0, input.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := input.ParseMoney(tt.in)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	for v, want := range map[int64]string{0: "0 đ", 999: "999 đ", 1000: "1.000 đ", 12_500_000: "12.500.000 đ", 1_200_000_000: "1.200.000.000 đ"} {
		if got := input.FormatMoney(v); got != want {
			t.Errorf("FormatMoney(%d) = %q, want %q", v, got, want)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12.500.000", "12,5 triệu", "12500000", "1,2 tỷ", "500k", "-1", "1e9", "12.500.000 đ", "12tr5", "1 tỷ 200 triệu", "12 triệu rưỡi", "12 triệu 500"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := input.ParseMoney(s)
		if err != nil {
			return
		}
		if v < 0 || v > input.MaxMoney {
			t.Fatalf("%q -> %d out of range", s, v)
		}
		// What the bot shows back reads back to the same amount.
		if back, err := input.ParseMoney(input.FormatMoney(v)); err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, v, input.FormatMoney(v), back, err)
		}
	})
}
