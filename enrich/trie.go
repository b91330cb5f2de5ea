package enrich

// trie matches multi-word names over tokens, leftmost-longest, so that "South
// China Sea" wins over "China" and "NATO-Ukraine Council" over "NATO". Words
// are compared whole (case kept, or folded for titles), which keeps byte
// offsets exact: nothing in the text is rewritten to match.
type trie struct {
	fold bool
	root *trieNode
}

type trieNode struct {
	next map[string]*trieNode
	val  int
}

func newTrie(fold bool) *trie {
	return &trie{fold: fold, root: &trieNode{val: -1}}
}

// insert adds a name; the first value inserted for a name is kept.
func (t *trie) insert(name string, val int) {
	n := t.root
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	for _, tok := range toks {
		k := tok.key
		if t.fold {
			k = tok.low
		}
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[k]
		if c == nil {
			c = &trieNode{val: -1}
			n.next[k] = c
		}
		n = c
	}
	if n.val < 0 {
		n.val = val
	}
}

// match returns the end (exclusive) and value of the longest name starting at
// toks[i], or end -1. Names do not run across paragraphs.
func (t *trie) match(toks []token, i int) (end, val int) {
	end, val = -1, -1
	n := t.root
	for j := i; j < len(toks) && toks[j].para == toks[i].para; j++ {
		k := toks[j].key
		if t.fold {
			k = toks[j].low
		}
		c := n.next[k]
		if c == nil {
			break
		}
		n = c
		if n.val >= 0 {
			end, val = j+1, n.val
		}
	}
	return end, val
}
