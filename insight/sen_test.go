package insight

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSenSlope(t *testing.T) {
	tests := []struct {
		name string
		x    []int
		want float64
	}{
		{"line", []int{1, 2, 3, 4, 5}, 1},
		{"falling line", []int{5, 3, 1}, -2},
		// slopes 0, 1/2, 1: median 1/2.
		{"late visit", []int{0, 0, 1}, 0.5},
		// slopes 9, 1/2, 2/3, −8, −7/2, 1: median (1/2 + 2/3)/2.
		{"spike", []int{1, 10, 2, 3}, (0.5 + 2.0/3) / 2},
		{"constant", []int{4, 4, 4, 4}, 0},
		{"mostly zero", []int{0, 0, 0, 5, 0, 0}, 0},
		{"one year", []int{3}, 0},
		{"empty", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := senSlope(tt.x, tauOf(tt.x), nil); math.Abs(got-tt.want) > 1e-15 {
				t.Errorf("Sen(%v) = %.17g, want %.17g", tt.x, got, tt.want)
			}
		})
	}
}

// refSen sorts every slope: the definition, in O(n² log n).
func refSen(x []int) float64 {
	var s []float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			s = append(s, float64(x[j]-x[i])/float64(j-i))
		}
	}
	if len(s) == 0 {
		return 0
	}
	slices.Sort(s)
	if h := len(s) / 2; len(s)%2 == 0 {
		return (s[h-1] + s[h]) / 2
	}
	return s[len(s)/2]
}

func TestSenSlopeAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 1866))
	var buf []float64
	for i := range 2000 {
		x := randomSeries(r, r.IntN(70), 1+r.IntN(8))
		var got float64
		got, buf = senSlope(x, tauOf(x), buf)
		if want := refSen(x); got != want {
			t.Fatalf("case %d %v: Sen = %.17g, want %.17g", i, x, got, want)
		}
	}
}
