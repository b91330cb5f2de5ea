package enrich

// Later mentions of people already named: a surname alone, and what a
// coordinated mention inherits from the one before.

func (a *analysis) addMention(m personMention) {
	for k := m.s; k < m.e; k++ {
		a.personAt[k] = int32(len(a.pmentions))
	}
	a.pmentions = append(a.pmentions, m)
}

// personByWord returns the person whose name has the word, preferring a
// surname match and the latest mention before token before (-1: any).
func (a *analysis) personByWord(w string, before int) int {
	best, bestScore := -1, -1
	for i, p := range a.persons {
		score := -1
		for k, pw := range p.words {
			if pw == w {
				score = 1
				if k == len(p.words)-1 {
					score = 2
				}
			}
		}
		if score > bestScore || (score == bestScore && score > 0 && a.lastMention(i, before) > a.lastMention(best, before)) {
			best, bestScore = i, score
		}
	}
	if bestScore <= 0 {
		return -1
	}
	return best
}

func (a *analysis) lastMention(p, before int) int {
	last := -1
	for _, m := range a.pmentions {
		if m.p == p && (before < 0 || m.s < before) && m.s > last {
			last = m.s
		}
	}
	return last
}

// resolveShortMentions links remaining capitalised words to people already
// named: "Stoltenberg made the comments", "Wang and Blinken".
func (a *analysis) resolveShortMentions() {
	for i := 0; i < len(a.toks); {
		t := a.toks[i]
		if t.kind != wordTok || !t.cap || a.personAt[i] >= 0 || t.flags&wStop != 0 || a.credit[i] {
			i++
			continue
		}
		end := a.nameRun(i)
		if end == i || len(a.nameWords(i, end)) == 0 {
			i++
			continue
		}
		words := a.nameWords(i, end)
		p := -1
		if len(words) > 0 {
			p = a.personByWord(words[len(words)-1], i)
			if p >= 0 && !wordsWithin(words, a.persons[p].words) {
				p = -1
			}
		}
		if p >= 0 && !a.administration(end) {
			a.addMention(personMention{s: i, e: end, p: p, kind: mentionShort})
		}
		i = end
	}
}

// administration reports "Biden administration": a government, not the person.
func (a *analysis) administration(e int) bool {
	return e < len(a.toks) && (a.toks[e].low == "administration" || a.toks[e].low == "administration's")
}

// inheritCountries gives a coordinated person the country of the one before
// ("Djiboutian Minister of Defense X and Chief of Defense General Y").
func (a *analysis) inheritCountries() {
	for i := 1; i < len(a.pmentions); i++ {
		prev, cur := a.pmentions[i-1], a.pmentions[i]
		pp, cp := a.persons[prev.p], a.persons[cur.p]
		if cp.country != "" || pp.country == "" || prev.p == cur.p || cur.kind != mentionName {
			continue
		}
		if prev.e < len(a.toks) && a.toks[prev.e].low == "and" && a.startsChainAt(prev.e+1, cur.s) {
			cp.country = pp.country
		}
	}
}

// startsChainAt reports whether a title chain without a country of its own
// runs from s to the name at e.
func (a *analysis) startsChainAt(s, e int) bool {
	ch, ok := a.titleChain(s)
	return ok && ch.e == e && ch.country == "" && ch.org < 0
}
