package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// Charts are drawn on the server as SVG: the geometry is computed here and
// the templates only place it, so each chart's arithmetic can be tested and
// nothing needs JavaScript. Inline charts take their colours from the CSS
// (classes), which follows the reader's dark or light scheme.

// sparkline is a row's yearly series, drawn small.
type sparkline struct {
	W, H   int
	Points string
	Label  string
}

func newSparkline(series []int, from int, name string) sparkline {
	const w, h = 112, 24
	sp := sparkline{W: w, H: h}
	peak, peakYear := 0, from
	for i, v := range series {
		if v > peak {
			peak, peakYear = v, from+i
		}
	}
	sp.Points = polyline(series, w, h, 2, max(peak, 1))
	to := from + len(series) - 1
	sp.Label = fmt.Sprintf("Visits per year to %s, %d–%d; peak %d in %d", name, from, to, peak, peakYear)
	if peak == 0 {
		sp.Label = fmt.Sprintf("No visits to %s in %d–%d", name, from, to)
	}
	return sp
}

// polyline scales series into a w×h box inside pad, top = max.
func polyline(series []int, w, h, pad, top int) string {
	var b strings.Builder
	n := len(series)
	for i, v := range series {
		x := float64(pad)
		if n > 1 {
			x += float64(i) * float64(w-2*pad) / float64(n-1)
		}
		y := float64(h-pad) - float64(v)*float64(h-2*pad)/float64(top)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(x))
		b.WriteByte(',')
		b.WriteString(num(y))
	}
	return b.String()
}

// num prints a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(float64(int(v*10+0.5))/10, 'f', -1, 64) }

// barChart is a ranking as a standalone SVG image (/insights/{id}.svg), for
// readers who want to reuse it. It carries its own colours: an image cannot
// see the page's CSS.
type barChart struct {
	W, H         int
	Title, Desc  string
	Subtitle     string
	Source, Note string
	Bars         []bar
	LabelX, BarX int
	AxisY, FootY int
	FootY2       int
}

type bar struct {
	Y, W, TextY int
	Label       string
	Value       string
	ValueX      int
}

// barChartRows is how many countries the image shows; the table has all.
const barChartRows = 15

func newBarChart(rk insight.Ranking) barChart {
	const w, top, rowH, labelW = 640, 78, 26, 190
	rows := rk.Rows
	if len(rows) > barChartRows {
		rows = rows[:barChartRows]
	}
	c := barChart{W: w, Title: rk.Title, Subtitle: rk.Subtitle, Source: "Source: " + rk.Source, Note: "Note: " + rk.Note,
		LabelX: labelW - 8, BarX: labelW}
	c.H = top + len(rows)*rowH + 56
	c.AxisY, c.FootY, c.FootY2 = top-6, top+len(rows)*rowH+24, top+len(rows)*rowH+42
	peak := 0.0
	for _, r := range rows {
		peak = max(peak, r.Points)
	}
	var desc []string
	for i, r := range rows {
		bw := 0
		if peak > 0 {
			bw = int(r.Points / peak * float64(w-labelW-80))
		}
		v := formatValue(r.Points, rk.Unit)
		y := top + i*rowH
		c.Bars = append(c.Bars, bar{Y: y, W: max(bw, 1), TextY: y + 15, Label: r.Country.Name, Value: v, ValueX: labelW + bw + 6})
		desc = append(desc, fmt.Sprintf("%d. %s, %s", r.Rank, r.Country.Name, v))
	}
	c.Desc = "Bar chart. " + rk.Subtitle + ". " + strings.Join(desc, "; ") + "."
	if len(rows) == 0 {
		c.Desc = "No country is listed for these parameters."
	}
	return c
}

// lineChart is a country's yearly visits in each role on one timeline.
type lineChart struct {
	W, H        int
	Title, Desc string
	Lines       []chartLine
	YTicks      []tick
	XTicks      []tick
	Left, Right int
	Bottom, Top int
}

type chartLine struct {
	Role   shuttle.Role
	Label  string
	Points string
	Total  int
}

type tick struct {
	Pos   int
	Label string
}

func newLineChart(name string, from, to int, series map[shuttle.Role][]int) lineChart {
	c := lineChart{W: 720, H: 260, Left: 36, Right: 712, Top: 10, Bottom: 232}
	c.Title = "Visits per year: " + name
	peak := 1
	for _, s := range series {
		for _, v := range s {
			peak = max(peak, v)
		}
	}
	top := niceCeil(peak)
	plotW, plotH := c.Right-c.Left, c.Bottom-c.Top
	var desc []string
	for _, role := range shuttle.Roles {
		s, ok := series[role]
		if !ok {
			continue
		}
		pts := polyline(s, plotW, plotH, 0, top)
		l := chartLine{Role: role, Label: role.Label(), Points: shift(pts, c.Left, c.Top)}
		for _, v := range s {
			l.Total += v
		}
		c.Lines = append(c.Lines, l)
		desc = append(desc, fmt.Sprintf("%s: %d", role.Plural(), l.Total))
	}
	for v := 0; v <= top; v += max(top/4, 1) {
		c.YTicks = append(c.YTicks, tick{c.Bottom - v*plotH/top, strconv.Itoa(v)})
	}
	step := yearStep(to - from)
	for y := (from + step - 1) / step * step; y <= to; y += step {
		x := c.Left
		if to > from {
			x += (y - from) * plotW / (to - from)
		}
		c.XTicks = append(c.XTicks, tick{x, strconv.Itoa(y)})
	}
	c.Desc = fmt.Sprintf("Line chart of visits per year, %d–%d. Totals: %s. The table below lists every year with a visit.", from, to, strings.Join(desc, "; "))
	return c
}

// shift moves "x,y x,y" points by (dx, dy).
func shift(points string, dx, dy int) string {
	var b strings.Builder
	for i, p := range strings.Fields(points) {
		xs, ys, _ := strings.Cut(p, ",")
		x, _ := strconv.ParseFloat(xs, 64)
		y, _ := strconv.ParseFloat(ys, 64)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(x + float64(dx)))
		b.WriteByte(',')
		b.WriteString(num(y + float64(dy)))
	}
	return b.String()
}

// niceCeil rounds a maximum up to 4, 8, 12… so that four ticks are whole.
func niceCeil(v int) int { return (v + 3) / 4 * 4 }

func yearStep(span int) int {
	switch {
	case span > 100:
		return 20
	case span > 40:
		return 10
	case span > 15:
		return 5
	}
	return 1
}
