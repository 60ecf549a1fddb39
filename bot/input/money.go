package input

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// MaxMoney bounds an amount in đồng: a commune's model does not mobilise
// more than a thousand billion.
const MaxMoney = 1_000_000_000_000_000

var (
	moneyRE = regexp.MustCompile(`^(\d+(?:[.,]\d+)*)\s*(tỷ|ty|tỉ|ti|triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k)?\s*(?:đồng|dong|đ|d|vnđ|vnd)?\.?$`)
	units   = map[string]float64{"": 1, "k": 1e3, "nghìn": 1e3, "nghin": 1e3, "ngàn": 1e3, "ngan": 1e3,
		"tr": 1e6, "triệu": 1e6, "trieu": 1e6, "tỷ": 1e9, "ty": 1e9, "tỉ": 1e9, "ti": 1e9}
)

// ParseMoney reads an amount in đồng as people type it: "12.500.000",
// "12,500,000", "12500000", "12,5 triệu", "1,2 tỷ", "500 nghìn", "500k",
// "12.500.000 đ".
func ParseMoney(s string) (int64, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.HasPrefix(s, "-") {
		return 0, ErrNegative
	}
	m := moneyRE.FindStringSubmatch(s)
	if m == nil {
		return 0, ErrNumber
	}
	v, ok := amount(m[1], m[2] != "")
	if !ok {
		return 0, ErrNumber
	}
	v *= units[m[2]]
	if v > MaxMoney {
		return 0, ErrTooLarge
	}
	return int64(math.Round(v)), nil
}

// amount reads the digits: with a unit word a single ',' is the decimal
// mark ("12,5 triệu"), and so is a single '.' unless three digits follow
// it ("12.5 triệu" but "1.000 triệu"); otherwise separators group
// thousands.
func amount(num string, scaled bool) (float64, bool) {
	seps := strings.Count(num, ".") + strings.Count(num, ",")
	dot := strings.LastIndexByte(num, '.')
	if scaled && seps == 1 && (dot < 0 || len(num)-dot-1 != 3) {
		f, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
		return f, err == nil
	}
	if seps > 0 && !thousands.MatchString(num) {
		return 0, false
	}
	digits := strings.NewReplacer(".", "", ",", "").Replace(num)
	if len(digits) > 18 {
		return math.Inf(1), true
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return float64(n), err == nil
}

// FormatMoney writes đồng as Vietnamese offices do: 12.500.000 đ.
func FormatMoney(v int64) string {
	return groupThousands(v) + " đ"
}

// groupThousands writes 12500000 as 12.500.000.
func groupThousands(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
