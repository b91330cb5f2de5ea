package insight

// senSlope is the Theil–Sen estimator of x against time: the median of the
// slopes (x_j − x_i)/(j − i) over all pairs i < j, in visits per year. It is
// robust to the one-off spikes (a summit, a crisis) that dominate visit
// counts.
//
// k, x's Kendall counts, says how many slopes are negative (discordant
// pairs), zero (tied) and positive, so the median's sign is known without
// computing a slope; for the sparse series most countries have it is 0, and
// otherwise only the slopes of its sign are computed and searched. buf is
// scratch, returned for reuse.
func senSlope(x []int, k kendall, buf []float64) (float64, []float64) {
	m := pairs(len(x))
	if m == 0 {
		return 0, buf
	}
	var v [2]float64
	sign := 0 // the sign of the slopes buf holds
	for i, r := range [2]int{(m - 1) / 2, m / 2} {
		switch {
		case i == 1 && m%2 == 1:
			v[1] = v[0]
		case r < k.discordant:
			if sign != -1 {
				buf, sign = appendSlopes(buf[:0], x, -1), -1
			}
			v[i] = selectNth(buf, r)
		case r < k.discordant+k.tiedPairs:
			v[i] = 0
		default:
			if sign != 1 {
				buf, sign = appendSlopes(buf[:0], x, 1), 1
			}
			v[i] = selectNth(buf, r-k.discordant-k.tiedPairs)
		}
	}
	return (v[0] + v[1]) / 2, buf
}

// appendSlopes appends the pairwise slopes of x that have the given sign.
func appendSlopes(dst []float64, x []int, sign int) []float64 {
	for d := 1; d < len(x); d++ {
		for i := 0; i+d < len(x); i++ {
			if dx := x[i+d] - x[i]; (sign < 0 && dx < 0) || (sign > 0 && dx > 0) {
				dst = append(dst, float64(dx)/float64(d))
			}
		}
	}
	return dst
}

// selectNth partially sorts s so that s[k] is the k-th smallest, everything
// before it no greater and everything after no smaller, and returns s[k]. The
// three-way partition matters: slopes of sparse series are mostly equal (0).
func selectNth(s []float64, k int) float64 {
	lo, hi := 0, len(s)
	for hi-lo > 1 {
		p := medianOf3(s[lo], s[lo+(hi-lo)/2], s[hi-1])
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := s[i]; {
			case v < p:
				s[lt], s[i] = s[i], s[lt]
				lt++
				i++
			case v > p:
				gt--
				s[gt], s[i] = s[i], s[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return p
		}
	}
	return s[k]
}

func medianOf3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
