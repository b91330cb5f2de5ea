package enrich

import (
	"strings"
	"sync"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// Enricher holds the gazetteer compiled into word tries. Build it once with New
// (or use Default); Enrich is safe for concurrent use.
type Enricher struct {
	g *gazetteer.Gazetteer

	places        *trie
	placeVals     []placeVal
	orgs          *trie
	orgList       []orgInfo
	people        *trie
	titles        *trie
	titleList     []gazetteer.Title
	modifiers     map[string]bool
	followers     map[string]bool
	ministries    *trie
	ministryNames []string
	// classes maps a lower-case word to its word classes.
	classes map[string]wordClass
	// usTitles are the lower-case U.S. offices ("secretary of state").
	usTitles []string
	// surnames maps the last word of each listed person's names to them, so
	// that "President Obama" finds Barack Obama.
	surnames map[string][]int
}

type placeForm uint8

const (
	formName placeForm = iota
	formDemonym
	formCapital
	formExcluded
)

type placeVal struct {
	iso  string
	form placeForm
}

type orgInfo struct {
	name, typ, country string
	members            []string
	evidence           string // for an organisation found by rule: the rule
}

var defaultEnricher = sync.OnceValue(func() *Enricher { return New(gazetteer.Default()) })

// Default returns an Enricher over the embedded gazetteer, built on first use.
func Default() *Enricher { return defaultEnricher() }

// New compiles g's tables for reading text.
func New(g *gazetteer.Gazetteer) *Enricher {
	e := &Enricher{g: g, places: newTrie(false), orgs: newTrie(false), people: newTrie(false),
		titles: newTrie(true), modifiers: map[string]bool{}, followers: map[string]bool{},
		surnames: map[string][]int{}}
	// Exclusions go in first so that they win a tie with a country name.
	for _, x := range g.Excluded() {
		e.addPlace(x, "", formExcluded)
	}
	for _, c := range g.Countries() {
		e.addPlace(c.Name, c.ISO, formName)
		for _, n := range c.Names {
			e.addPlace(n, c.ISO, formName)
		}
		for _, n := range c.Demonyms {
			e.addPlace(n, c.ISO, formDemonym)
		}
		for _, n := range c.Capitals {
			e.addPlace(n, c.ISO, formCapital)
		}
	}
	for _, o := range g.Organizations() {
		i := len(e.orgList)
		e.orgList = append(e.orgList, orgInfo{name: o.Name, typ: o.Type, country: o.Country, members: o.Members})
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			e.orgs.insert(n, i)
			// British style writes a pronounceable acronym as a word
			// ("Nato", "Asean", "Unifil").
			if t := acronymAsWord(n); t != "" {
				e.orgs.insert(t, i)
			}
		}
	}
	for i, p := range g.People() {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			e.people.insert(n, i)
			words := strings.Fields(n)
			if len(words) > 1 {
				last := strings.TrimSuffix(words[len(words)-1], ",")
				if nameSuffixes[lower(last)] {
					last = words[len(words)-2]
				}
				if !containsInt(e.surnames[last], i) {
					e.surnames[last] = append(e.surnames[last], i)
				}
			}
		}
	}
	e.titleList = g.Titles()
	for i, t := range e.titleList {
		e.titles.insert(t.Form, i)
		// British and Commonwealth style drops an honorific's dot ("Mr
		// Lammy", "Dr Jaishankar"); the table lists the dotted form once.
		if t.Kind == gazetteer.Honorific && strings.HasSuffix(t.Form, ".") && !strings.Contains(t.Form, " ") {
			e.titles.insert(strings.TrimSuffix(t.Form, "."), i)
		}
	}
	for _, m := range g.Modifiers() {
		e.modifiers[lower(m)] = true
	}
	for _, f := range g.CapitalFollowers() {
		e.followers[lower(f)] = true
	}
	e.classes = classes()
	for w := range e.titles.root.next {
		e.classes[w] |= wTitleStart
	}
	// Most words begin no name; one lookup of their classes spares them
	// the tries.
	for w := range e.places.root.next {
		e.classes[lower(w)] |= wPlaceStart
	}
	for w := range e.orgs.root.next {
		e.classes[lower(w)] |= wOrgStart
	}
	for w := range e.modifiers {
		e.classes[w] |= wModifier
	}
	for w := range e.followers {
		e.classes[w] |= wFollower
	}
	e.ministries = newTrie(true)
	for form, name := range ministryForms {
		e.ministries.insert(form, len(e.ministryNames))
		e.ministryNames = append(e.ministryNames, name)
	}
	for _, t := range e.titleList {
		if t.US {
			e.usTitles = append(e.usTitles, lower(t.Title))
		}
	}
	return e
}

func (e *Enricher) addPlace(name, iso string, form placeForm) {
	e.places.insert(name, len(e.placeVals))
	e.placeVals = append(e.placeVals, placeVal{iso: iso, form: form})
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// acronymAsWord returns "Asean" for "ASEAN": an all-capital name of four or
// more letters written as a word, or "" for any other name.
func acronymAsWord(n string) string {
	if len(n) < 4 {
		return ""
	}
	for _, r := range n {
		if r < 'A' || r > 'Z' {
			return ""
		}
	}
	return n[:1] + strings.ToLower(n[1:])
}
