package insight

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// tauOf runs kendallOf with its own scratch.
func tauOf(x []int) kendall { return kendallOf(x, make([]int, 2*len(x))) }

func TestTauB(t *testing.T) {
	tests := []struct {
		name string
		x    []int
		want float64
	}{
		{"strictly increasing", []int{1, 2, 3, 5, 8, 13}, 1},
		{"strictly decreasing", []int{9, 7, 4, 2, 1}, -1},
		{"constant", []int{3, 3, 3, 3}, 0},
		{"all zero", []int{0, 0, 0}, 0},
		{"single year", []int{4}, 0},
		{"empty", nil, 0},
		// C=5, D=0, one tied pair of 6: 5/√(6·5).
		{"one tie", []int{1, 2, 2, 3}, 5 / math.Sqrt(30)},
		// C=4, D=3, three zeros tie in 3 pairs of 10: 1/√(10·7).
		{"sparse with ties", []int{0, 1, 0, 2, 0}, 1 / math.Sqrt(70)},
		// Increasing with ties: every untied pair concordant, so τ-b is
		// C/√(n0(n0−n2)) = 24/√(28·24).
		{"non-decreasing steps", []int{0, 0, 1, 1, 2, 2, 3, 3}, 24 / math.Sqrt(28*24)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tauOf(tt.x).tauB(); math.Abs(got-tt.want) > 1e-15 {
				t.Errorf("τ-b(%v) = %.17g, want %.17g", tt.x, got, tt.want)
			}
		})
	}
}

// refKendall is the O(n²) definition: every pair of years, compared once.
func refKendall(x []int) (c, d, tied int, tau float64) {
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			switch {
			case x[j] > x[i]:
				c++
			case x[j] < x[i]:
				d++
			default:
				tied++
			}
		}
	}
	n0 := float64(len(x) * (len(x) - 1) / 2)
	if den := math.Sqrt(n0 * (n0 - float64(tied))); den > 0 {
		tau = float64(c-d) / den
	}
	return c, d, tied, tau
}

// randomSeries draws counts from a small range so that ties are the rule,
// as in real visit counts, with a share of zero years.
func randomSeries(r *rand.Rand, n, maxV int) []int {
	x := make([]int, n)
	for i := range x {
		if r.IntN(3) > 0 {
			x[i] = r.IntN(maxV + 1)
		}
	}
	return x
}

func TestTauBAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1997, 2024))
	for i := range 3000 {
		x := randomSeries(r, r.IntN(80), 1+r.IntN(6))
		k := tauOf(x)
		c, d, tied, tau := refKendall(x)
		if k.concordant != c || k.discordant != d || k.tiedPairs != tied {
			t.Fatalf("case %d %v: C, D, ties = %d, %d, %d; want %d, %d, %d", i, x, k.concordant, k.discordant, k.tiedPairs, c, d, tied)
		}
		if got := k.tauB(); math.Abs(got-tau) > 1e-12 {
			t.Fatalf("case %d %v: τ-b = %g, want %g", i, x, got, tau)
		}
	}
}

func TestTauBReversedTimeNegates(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for range 500 {
		x := randomSeries(r, 2+r.IntN(60), 4)
		rev := slices.Clone(x)
		slices.Reverse(rev)
		fwd, back := tauOf(x), tauOf(rev)
		if math.Abs(fwd.tauB()+back.tauB()) > 1e-15 || fwd.s() != -back.s() {
			t.Fatalf("%v: τ-b %g reversed %g; S %d reversed %d", x, fwd.tauB(), back.tauB(), fwd.s(), back.s())
		}
	}
}

func TestTauBScaleInvariant(t *testing.T) {
	// τ-b depends on order only: doubling every count changes nothing, which
	// is why a country visited twice as often does not trend "more".
	x := []int{0, 1, 0, 3, 2, 2, 5}
	y := make([]int, len(x))
	for i, v := range x {
		y[i] = 2*v + 1
	}
	if a, b := tauOf(x).tauB(), tauOf(y).tauB(); a != b {
		t.Errorf("τ-b %g, after a monotone transform %g", a, b)
	}
}
