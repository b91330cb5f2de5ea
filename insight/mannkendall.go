package insight

import "math"

// varS is Var(S) under the null hypothesis of no trend, with the tie
// correction [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18.
func (k kendall) varS() float64 {
	n := float64(k.n)
	return (n*(n-1)*(2*n+5) - float64(k.tieVar)) / 18
}

// z is the normal score of S with a continuity correction of one towards 0,
// because S moves in steps of two and the normal curve is continuous.
func (k kendall) z() float64 {
	v := k.varS()
	s := k.s()
	switch {
	case v <= 0 || s == 0:
		return 0
	case s > 0:
		return float64(s-1) / math.Sqrt(v)
	default:
		return float64(s+1) / math.Sqrt(v)
	}
}

// pUp is the one-sided p-value for an upward trend, 1 − Φ(Z).
func (k kendall) pUp() float64 { return upperTail(k.z()) }

// pDown is the one-sided p-value for a downward trend, Φ(Z).
func (k kendall) pDown() float64 { return upperTail(-k.z()) }

// upperTail is 1 − Φ(z) through erfc, which keeps its precision far into the
// tail where 1 − Φ would round to 0.
func upperTail(z float64) float64 { return 0.5 * math.Erfc(z/math.Sqrt2) }
