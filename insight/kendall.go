package insight

import "math"

// kendall holds what Kendall's τ-b and the Mann–Kendall test share for a
// series x against time. Time has no ties, so every pair of years is either
// concordant, discordant or tied in x.
type kendall struct {
	n          int
	concordant int
	discordant int
	// tiedPairs is Σ t(t−1)/2 over the groups of equal values in x.
	tiedPairs int
	// tieVar is Σ t(t−1)(2t+5), the tie correction of Var(S).
	tieVar int
}

// kendallOf measures x in O(n log n) by counting discordant pairs as
// inversions during a merge sort. work must hold 2·len(x) ints; it is
// scratch so that ranking thousands of countries allocates nothing per row.
func kendallOf(x, work []int) kendall {
	n := len(x)
	a, tmp := work[:n], work[n:2*n]
	copy(a, x)
	k := kendall{n: n, discordant: sortCountingInversions(a, tmp)}
	for i := 0; i < n; {
		j := i + 1
		for j < n && a[j] == a[i] {
			j++
		}
		t := j - i
		k.tiedPairs += t * (t - 1) / 2
		k.tieVar += t * (t - 1) * (2*t + 5)
		i = j
	}
	k.concordant = pairs(n) - k.tiedPairs - k.discordant
	return k
}

func pairs(n int) int { return n * (n - 1) / 2 }

// s is the Mann–Kendall statistic S = C − D.
func (k kendall) s() int { return k.concordant - k.discordant }

// tauB is τ-b = S / √(n0·(n0 − n2)); years contribute no ties (n1 = 0). A
// constant x leaves τ-b undefined, and a flat series has no trend, so it is 0.
func (k kendall) tauB() float64 {
	n0 := float64(pairs(k.n))
	d := n0 * (n0 - float64(k.tiedPairs))
	if d <= 0 {
		return 0
	}
	return float64(k.s()) / math.Sqrt(d)
}

// sortCountingInversions sorts a ascending (bottom-up merge sort, tmp as
// buffer) and returns the number of pairs i < j with a[i] > a[j]. Equal values
// are not inversions: they are ties, counted apart.
func sortCountingInversions(a, tmp []int) int {
	n, inv := len(a), 0
	for width := 1; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			mid, hi := lo+width, min(lo+2*width, n)
			inv += mergeCounting(a[lo:mid], a[mid:hi], tmp[lo:hi])
			copy(a[lo:hi], tmp[lo:hi])
		}
	}
	return inv
}

// mergeCounting merges sorted l and r into out. Each element of r that goes
// out before the rest of l is smaller than all of them: that many inversions.
func mergeCounting(l, r, out []int) int {
	i, j, k, inv := 0, 0, 0, 0
	for i < len(l) && j < len(r) {
		if r[j] < l[i] {
			out[k] = r[j]
			j++
			inv += len(l) - i
		} else {
			out[k] = l[i]
			i++
		}
		k++
	}
	k += copy(out[k:], l[i:])
	copy(out[k:], r[j:])
	return inv
}
