package enrich

import (
	"strings"
)

// quoteSpan is the text between a pair of double quotation marks.
type quoteSpan struct {
	open, close int // token indices of the marks; close == -1 runs to the paragraph end
	start, end  int // byte offsets of the text inside the marks
}

// foundQuote is an attributed quotation; parts holds the spans joined into it.
type foundQuote struct {
	speaker agent
	text    string
	start   int
	end     int
	pull    bool // the page's pull quote: a paragraph without marks
}

// quoteSpans pairs quotation marks within each paragraph, in order, the way
// a reader does: marks alternate open and close whatever their shape.
func (a *analysis) quoteSpans() []quoteSpan {
	if a.spans != nil {
		return a.spans
	}
	spans := []quoteSpan{}
	defer func() { a.spans = spans }()
	open := -1
	for i, t := range a.toks {
		if open >= 0 && t.para != a.toks[open].para {
			spans = append(spans, quoteSpan{open: open, close: -1, start: int(a.toks[open].end), end: int(a.toks[i-1].end)})
			open = -1
		}
		if t.kind != quoteTok {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		spans = append(spans, quoteSpan{open: open, close: i, start: int(a.toks[open].end), end: int(t.start)})
		open = -1
	}
	if open >= 0 {
		spans = append(spans, quoteSpan{open: open, close: -1, start: int(a.toks[open].end), end: int(a.toks[len(a.toks)-1].end)})
	}
	return spans
}

// findQuotes attributes every quotation and joins a quotation interrupted by
// its attribution ("A," X said. "B.") into one.
func (a *analysis) findQuotes() []foundQuote {
	var out []foundQuote
	var prev *quoteSpan
	prevSpeaker := noAgent
	prevAttribEnd := -1 // token after the previous quote's attribution
	for _, q := range a.quoteSpans() {
		text := a.text[q.start:q.end]
		if strings.TrimSpace(text) == "" || a.isTitleOfWork(q) {
			continue
		}
		g, attribEnd := a.attribute(q)
		continuation := prev != nil && a.toks[prev.open].para == a.toks[q.open].para &&
			(prevAttribEnd == q.open || prev.close == q.open-1 || a.onlyAttributionBetween(prevAttribEnd, q.open))
		switch {
		case !g.ok() && continuation && len(out) > 0 && prevSpeaker.ok():
			last := &out[len(out)-1]
			last.text += " " + text
			last.end = q.end
			prev = &q
			prevAttribEnd = -1
			continue
		case !g.ok() && a.toks[q.open].para > 0 && a.opensParagraph(q) && prevSpeaker.ok():
			g = prevSpeaker // a paragraph that only continues the last speaker
		case !g.ok():
			continue
		}
		out = append(out, foundQuote{speaker: g, text: text, start: q.start, end: q.end})
		qq := q
		prev, prevSpeaker, prevAttribEnd = &qq, g, attribEnd
	}
	return append(out, a.pullQuotes()...)
}

// onlyAttributionBetween reports whether tokens [from, to) are just the end of
// an attribution sentence ("during a news conference with Clinton.").
func (a *analysis) onlyAttributionBetween(from, to int) bool {
	if from < 0 || to-from > 15 {
		return false
	}
	for k := from; k < to; k++ {
		if a.toks[k].kind == quoteTok {
			return false
		}
	}
	return true
}

func (a *analysis) opensParagraph(q quoteSpan) bool {
	return q.open == 0 || a.toks[q.open-1].para != a.toks[q.open].para
}

// isTitleOfWork reports a quoted name rather than words spoken: a theme, a
// document or a slogan in title case (“Enhancing Connectivity and Resilience.”).
func (a *analysis) isTitleOfWork(q quoteSpan) bool {
	end := q.close
	if end < 0 {
		return false
	}
	words, caps := 0, 0
	for k := q.open + 1; k < end; k++ {
		t := a.toks[k]
		if t.kind != wordTok {
			continue
		}
		words++
		if t.cap || small[t.low] {
			caps++
		}
	}
	return words >= 2 && caps == words && words <= 8
}

// attribute finds who said the quotation q, and returns the index after the
// attribution when it follows the quotation.
func (a *analysis) attribute(q quoteSpan) (agent, int) {
	if q.close < 0 {
		return a.attributeBefore(q), -1
	}
	sent := a.toks[q.close].sent
	// "according to X" anywhere in the sentence wins.
	for k := a.sentenceStart(q.open); k < len(a.toks) && a.toks[k].sent <= sent; k++ {
		if a.toks[k].low == "according" && k+1 < len(a.toks) && a.toks[k+1].low == "to" && (k < q.open || k > q.close) {
			if g, end := a.agentAt(k + 2); g.ok() {
				return g, end
			}
		}
	}
	afterFirst := a.endsWithComma(q)
	if afterFirst {
		if g, end := a.attributeAfter(q); g.ok() {
			return g, end
		}
	}
	if g := a.attributeBefore(q); g.ok() {
		return g, -1
	}
	if !afterFirst {
		return a.attributeAfter(q)
	}
	return noAgent, -1
}

// endsWithComma reports a quotation that its attribution follows: it ends in
// a comma, question or exclamation mark, or a comma follows the mark.
func (a *analysis) endsWithComma(q quoteSpan) bool {
	if q.close > 0 {
		p := a.toks[q.close-1]
		if p.key == "," || p.key == "?" || p.key == "!" {
			return true
		}
	}
	return q.close+1 < len(a.toks) && a.toks[q.close+1].key == ","
}

func (a *analysis) sentenceStart(i int) int {
	for i > 0 && a.toks[i-1].sent == a.toks[i].sent {
		i--
	}
	return i
}

// attributeAfter reads the words after the closing mark: "…," Austin said;
// "…," said Townsend; "…," during the alliance's involvement, Stoltenberg
// said; "…." Anderson stated.
func (a *analysis) attributeAfter(q quoteSpan) (agent, int) {
	k := q.close + 1
	if k < len(a.toks) && (a.toks[k].key == "," || a.toks[k].key == "—" || a.toks[k].key == "–") {
		k++
	}
	if k >= len(a.toks) || a.toks[k].para != a.toks[q.close].para {
		return noAgent, -1
	}
	sent := a.toks[k].sent
	if sent != a.toks[q.close].sent && !a.shortAttribution(k) {
		return noAgent, -1
	}
	// Inverted: "said Townsend", "declared Secretary Pompeo".
	if speechVerbs[a.toks[k].low] {
		if g, end := a.agentAt(k + 1); g.ok() {
			return g, a.attributionEnd(end)
		}
	}
	if g, end := a.agentAt(k); g.ok() {
		if v := a.speechVerbAfter(end); v >= 0 {
			return g, a.attributionEnd(v + 1)
		}
		if a.participleOpens(q) {
			return g, a.attributionEnd(end)
		}
	}
	// The first speech verb later in the sentence, and its subject.
	for v := k; v < len(a.toks) && a.toks[v].sent == sent && a.toks[v].kind != quoteTok; v++ {
		if !speechVerbs[a.toks[v].low] {
			continue
		}
		if g := a.agentBefore(v); g.ok() {
			return g, a.attributionEnd(v + 1)
		}
		if g, end := a.agentAt(v + 1); g.ok() {
			return g, a.attributionEnd(end)
		}
		break
	}
	return noAgent, -1
}

// shortAttribution reports a sentence that is only an attribution ("Anderson
// stated."), which may follow a quotation that ended with its own full stop.
func (a *analysis) shortAttribution(k int) bool {
	g, end := a.agentAt(k)
	if !g.ok() {
		return false
	}
	v := a.speechVerbAfter(end)
	return v >= 0 && v+1 < len(a.toks) && endsSentence(a.toks[v+1])
}

// attributionEnd returns the index after the sentence that holds toks[k-1].
func (a *analysis) attributionEnd(k int) int {
	if k <= 0 {
		return k
	}
	sent := a.toks[k-1].sent
	for k < len(a.toks) && a.toks[k].sent == sent {
		k++
	}
	return k
}

// participleOpens reports a sentence that opens with a speech participle and
// has its subject after the quotation ("Calling Poland a “model ally,”
// Hegseth commended …").
func (a *analysis) participleOpens(q quoteSpan) bool {
	s := a.sentenceStart(q.open)
	return speechParticiples[a.toks[s].low]
}

// attributeBefore reads the sentence before the opening mark: "Austin said
// the United States is “grateful …”", "praised what he called the “strong
// relationship”", "Lecornu described the situation as “a real moment …”".
func (a *analysis) attributeBefore(q quoteSpan) agent {
	s := a.sentenceStart(q.open)
	// Earlier quotations in the same sentence are passed over: "called the
	// incident "…" and said it would have "serious consequences"" has one
	// speaker for both.
	for v := q.open - 1; v >= s; v-- {
		t := a.toks[v]
		if t.kind == quoteTok || a.inQuote[v] {
			continue
		}
		if !speechVerbs[t.low] || speechParticiples[t.low] && v == s {
			continue
		}
		if g := a.agentBefore(v); g.ok() {
			return g
		}
		// ", saying …": a participle's subject is the sentence's subject.
		if speechParticiples[t.low] && v > s && a.toks[v-1].key == "," {
			if m := a.personAt[s]; m >= 0 {
				return agent{person: a.pmentions[m].p, org: -1}
			}
		}
	}
	// "X said:" closing the previous paragraph introduces this one.
	if a.opensParagraph(q) && q.open > 0 && a.toks[q.open-1].key == ":" {
		for v := q.open - 2; v >= 0 && v > q.open-8; v-- {
			if speechVerbs[a.toks[v].low] {
				return a.agentBefore(v)
			}
		}
	}
	return noAgent
}

// pullQuotes finds a paragraph without quotation marks followed by a line that
// is only an attribution ("French Defense Minister Sébastien Lecornu said"):
// the layout of a pull quote.
func (a *analysis) pullQuotes() []foundQuote {
	var out []foundQuote
	paraStart := a.paragraphStarts()
	for p := 1; p < len(paraStart); p++ {
		s := paraStart[p]
		e := len(a.toks)
		if p+1 < len(paraStart) {
			e = paraStart[p+1]
		}
		g, end := a.agentAt(s)
		if !g.ok() || g.person < 0 || end >= e || !speechVerbs[a.toks[end].low] || e-end > 3 {
			continue
		}
		ps, pe := paraStart[p-1], s
		if a.hasQuoteMark(ps, pe) || pe-ps < 8 {
			continue
		}
		out = append(out, foundQuote{speaker: g, text: a.tokText(ps, pe), start: int(a.toks[ps].start),
			end: int(a.toks[pe-1].end), pull: true})
	}
	return out
}

func (a *analysis) paragraphStarts() []int {
	var starts []int
	for i, t := range a.toks {
		if i == 0 || t.para != a.toks[i-1].para {
			starts = append(starts, i)
		}
	}
	return starts
}

func (a *analysis) hasQuoteMark(s, e int) bool {
	for k := s; k < e; k++ {
		if a.toks[k].kind == quoteTok {
			return true
		}
	}
	return false
}
