package insight

import (
	"math"
	"testing"
)

// The expected values were worked out by hand from the definitions:
// S = C − D, Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18,
// Z = (S ∓ 1)/√Var(S), p = 1 − Φ(Z) with Φ(z) = erfc(−z/√2)/2, evaluated
// with a calculator's erfc (no statistics package is involved).
func TestMannKendall(t *testing.T) {
	tests := []struct {
		name        string
		x           []int
		s           int
		varS, z, up float64
	}{
		// n=5, no ties: Var = 5·4·15/18 = 16.667, Z = 9/4.0825.
		{"increasing", []int{1, 2, 3, 4, 5}, 10, 300.0 / 18, 2.2045407685048604, 0.013743168055755177},
		{"decreasing", []int{5, 4, 3, 2, 1}, -10, 300.0 / 18, -2.2045407685048604, 0.9862568319442448},
		// n=8, four pairs of ties: Var = (8·7·21 − 4·2·1·9)/18 = 1104/18.
		{"steps", []int{0, 0, 1, 1, 2, 2, 3, 3}, 24, 1104.0 / 18, 2.9368350311176825, 0.001657902200787244},
		// n=5, three zeros: Var = (300 − 3·2·11)/18 = 13; S = 1 corrects to Z = 0.
		{"sparse", []int{0, 1, 0, 2, 0}, 1, 13, 0, 0.5},
		{"no trend", []int{2, 1, 1, 2}, 0, (4*3*13 - 2*(2*1*9)) / 18.0, 0, 0.5},
		{"constant", []int{2, 2, 2}, 0, 0, 0, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tauOf(tt.x)
			if k.s() != tt.s {
				t.Errorf("S = %d, want %d", k.s(), tt.s)
			}
			if math.Abs(k.varS()-tt.varS) > 1e-12 {
				t.Errorf("Var(S) = %g, want %g", k.varS(), tt.varS)
			}
			if math.Abs(k.z()-tt.z) > 1e-12 {
				t.Errorf("Z = %.17g, want %.17g", k.z(), tt.z)
			}
			if math.Abs(k.pUp()-tt.up) > 1e-12 {
				t.Errorf("p(up) = %.17g, want %.17g", k.pUp(), tt.up)
			}
			if math.Abs(k.pUp()+k.pDown()-1) > 1e-15 {
				t.Errorf("p(up) + p(down) = %g, want 1", k.pUp()+k.pDown())
			}
		})
	}
}

func TestPValueFarTail(t *testing.T) {
	// 60 strictly increasing years: Z ≈ 10.4, where 1 − Φ(Z) computed as a
	// difference would be exactly 0. The tail must stay positive and tiny.
	x := make([]int, 60)
	for i := range x {
		x[i] = i
	}
	p := tauOf(x).pUp()
	if p <= 0 || p > 1e-20 {
		t.Errorf("p(up) = %g, want in (0, 1e-20]", p)
	}
}
