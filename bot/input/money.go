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
	// moneyPart is one "number unit" of a compound amount: "1 tỷ",
	// "200 triệu", "12tr", or a bare tail "5" / "500" after a unit.
	moneyPart   = regexp.MustCompile(`^(\d+(?:[.,]\d+)*)\s*(tỷ|ty|tỉ|ti|triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k)?\s*`)
	moneySuffix = regexp.MustCompile(`\s*(?:đồng|dong|đ|d|vnđ|vnd)?\.?$`)
	halfRE      = regexp.MustCompile(`^(?:rưỡi|ruoi)\s*`)
)

// ParseMoney reads an amount in đồng as people type it: "12.500.000",
// "12,500,000", "12500000", "12,5 triệu", "1,2 tỷ", "500 nghìn", "500k",
// "12.500.000 đ", and the spoken compounds "12tr5", "12 triệu 500 nghìn",
// "12 triệu 500", "1 tỷ 200 triệu", "12 triệu rưỡi".
func ParseMoney(s string) (int64, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.HasPrefix(s, "-") {
		return 0, ErrNegative
	}
	var v float64
	if m := moneyRE.FindStringSubmatch(s); m != nil {
		n, ok := amount(m[1], m[2] != "")
		if !ok {
			return 0, ErrNumber
		}
		v = n * units[m[2]]
	} else {
		n, ok := compound(s)
		if !ok {
			return 0, ErrNumber
		}
		v = n
	}
	if v > MaxMoney {
		return 0, ErrTooLarge
	}
	return int64(math.Round(v)), nil
}

// compound reads an amount spoken in parts, the units falling: "1 tỷ 200
// triệu", "12 triệu 500 nghìn". A bare number after the last unit is the
// next digits of it ("12tr5", "12 triệu 500": 12,5 triệu), and "rưỡi" is
// half of it ("12 triệu rưỡi").
func compound(s string) (float64, bool) {
	s = strings.TrimSpace(s[:moneySuffix.FindStringIndex(s)[0]])
	var total, last float64 // last: the unit of the previous part
	for parts := 0; s != ""; parts++ {
		if last > 0 {
			if h := halfRE.FindString(s); h != "" {
				if s = s[len(h):]; s != "" {
					return 0, false
				}
				return total + last/2, true
			}
		}
		m := moneyPart.FindStringSubmatch(s)
		if m == nil {
			return 0, false
		}
		s = s[len(m[0]):]
		switch {
		case m[2] == "" && last > 0: // the tail: "5" in "12tr5"
			if s != "" || strings.ContainsAny(m[1], ".,") || len(m[1]) > 3 {
				return 0, false
			}
			n, _ := strconv.ParseFloat(m[1], 64)
			return total + n*last/math.Pow(10, float64(len(m[1]))), true
		case m[2] == "":
			return 0, false
		}
		unit := units[m[2]]
		if last > 0 && unit >= last {
			return 0, false // units must fall: not "500 nghìn 12 triệu"
		}
		n, ok := amount(m[1], parts == 0)
		if !ok || (last > 0 && n*unit >= last) {
			return 0, false // "1 tỷ 1200 triệu" is not a way to say it
		}
		total += n * unit
		last = unit
	}
	return total, last > 0
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

// FormatCount writes a count of people or households as offices do:
// 1.200.
func FormatCount(v int64) string { return groupThousands(v) }

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
