package enrich

// Credits: the names of a story's authors and editors, which are never people
// of the story nor its speakers. Wire and broadcast style puts them in a few
// fixed places, so they are found by where they stand, not by who they are.

// creditLineWords bounds a byline paragraph: "By Olivia Strand in Beirut and
// Daniel Mercer in Jerusalem" is short; a paragraph of prose that happens to
// start with "By" ("By Tuesday the talks had …") runs longer.
const creditLineWords = 16

// creditCues inside parentheses make the whole parenthesis a credit line:
// "(Reporting by …; Editing by …)".
var creditCues = setOf("reporting", "editing", "writing", "compiled", "additional")

// markCredits flags the tokens of bylines, parenthesised credit lines, "…
// contributed to this report" sentences and correspondents' sign-offs.
func (a *analysis) markCredits() {
	a.credit = make([]bool, len(a.toks))
	mark := func(s, e int) {
		for k := s; k < e; k++ {
			a.credit[k] = true
		}
	}
	for _, s := range a.paragraphStarts() {
		e := a.paraEnd(s)
		if a.toks[s].low == "by" && a.toks[s].cap && a.wordsIn(s, e) <= creditLineWords && !a.hasQuoteMark(s, e) {
			mark(s, e)
		}
	}
	for i, t := range a.toks {
		switch {
		case t.key == "(" && i+1 < len(a.toks) && creditCues[a.toks[i+1].low]:
			e := i + 1
			for e < len(a.toks) && a.toks[e].key != ")" && a.toks[e].para == t.para {
				e++
			}
			mark(i, e)
		case t.low == "contributed" && !a.inQuote[i] && i+2 < len(a.toks) &&
			(a.toks[i+1].low == "reporting" || a.toks[i+1].low == "to" && a.toks[i+2].low == "this"):
			// "Jane Roe in Paris contributed to this report."
			mark(a.sentenceStart(i), i)
		case (t.low == "correspondent" || t.low == "correspondents") && !a.inQuote[i] && a.signOff(i):
			mark(a.sentenceStart(i), a.sentenceEnd(i))
		}
	}
}

// signOff reports a correspondent's closing line, "VOA's correspondent X
// reports from Y": the sentence's verb is "reports".
func (a *analysis) signOff(i int) bool {
	for k := i; k < a.sentenceEnd(i); k++ {
		if a.toks[k].low == "reports" || a.toks[k].low == "reported" {
			return true
		}
	}
	return false
}

func (a *analysis) sentenceEnd(i int) int {
	sent := a.toks[i].sent
	for i < len(a.toks) && a.toks[i].sent == sent {
		i++
	}
	return i
}

func (a *analysis) paraEnd(s int) int {
	e := s
	for e < len(a.toks) && a.toks[e].para == a.toks[s].para {
		e++
	}
	return e
}

func (a *analysis) wordsIn(s, e int) int {
	n := 0
	for k := s; k < e; k++ {
		if a.toks[k].kind == wordTok {
			n++
		}
	}
	return n
}
