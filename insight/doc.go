// Package insight turns yearly visit counts into the data widgets the site
// shows beside articles: rankings of countries by momentum, decline or volume
// of visits, a traveller's top destinations, and a country's yearly series.
//
// It is pure and deterministic: an Engine is built once per data version from
// plain domain values, holds no locks and does no I/O, and every ordering ends
// in a tie-break on the ISO code, so equal inputs give byte-equal outputs.
//
// # The momentum score
//
// For a role and a window of years [from, to] of length n, each country's
// series x_y holds its visits per year, zeros included. Then
//
//	trend       = Kendall's τ-b between year and x_y (0 when x is constant)
//	consistency = share of the window's years with at least one visit
//	points      = 100 × √(trend × consistency), 0 when trend ≤ 0
//
// The geometric mean rewards a country only when visits both grow and recur:
// a single burst late in the window has a positive trend but low consistency,
// a steady annual visit has full consistency but no trend. Countries are
// listed when trend > 0 and they have at least MinVisits visits in the window,
// ordered by unrounded points, then visits, then ISO code. The declining
// insight mirrors it with −trend.
//
// Each row also carries the Mann–Kendall one-sided p-value for a trend in the
// insight's direction (normal approximation with tie correction and
// continuity correction) and Sen's slope (the median of pairwise slopes, in
// visits per year), so readers can tell a robust trend from noise.
package insight
