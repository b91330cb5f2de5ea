package enrich

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// Score counts one measure's matches over a set of articles (micro-averaged).
type Score struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), 1 when nothing was predicted or expected.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s *Score) add(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN }

// Accuracy counts correct decisions.
type Accuracy struct {
	Correct, Total int
}

// Value is Correct/Total, 1 when there was nothing to decide.
func (a Accuracy) Value() float64 { return ratio(a.Correct, a.Total) }

func (a *Accuracy) add(ok bool) {
	a.Total++
	if ok {
		a.Correct++
	}
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Report is an evaluation against annotated articles.
type Report struct {
	Name              string // the set: its directory's base name
	Files             int
	Countries         Score
	Organizations     Score // by name
	OrganizationTypes Score // by name and type
	People            Score // by name
	PeopleTitles      Accuracy
	PeopleCountries   Accuracy
	Quotes            Score // by speaker and text
	QuoteTexts        Score // by text alone
	Primary           Accuracy
	Details           []FileReport
}

// FileReport lists one article's differences, for finding what to fix.
type FileReport struct {
	File    string
	Missing []string // expected, not found
	Extra   []string // found, not expected
	Wrong   []string // matched, with a wrong title, country or primary entity
}

// Evaluate enriches every NN.txt in dir with the embedded gazetteer and
// compares the result with NN.json.
func Evaluate(dir string) (Report, error) { return Default().Evaluate(dir) }

// Evaluate enriches every NN.txt in dir and compares the result with NN.json.
func (e *Enricher) Evaluate(dir string) (Report, error) {
	return evaluate(dir, func(name string, d Doc) (Result, error) { return e.Enrich(d), nil })
}

// DevelopmentSets are the three kinds of annotated text the reader is tuned
// on, each scored on its own: government texts, public-broadcaster news, and
// wire and newspaper stories. A score pooled over them would let the set the
// rules were written on hide a weak one.
var DevelopmentSets = []string{"articles", "news", "wire"}

// EvaluateSets evaluates dir itself when it holds annotated articles, or else
// each development set found under it, one Report per set.
func (e *Enricher) EvaluateSets(dir string) ([]Report, error) {
	if texts, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(texts) > 0 {
		r, err := e.Evaluate(dir)
		return []Report{r}, err
	}
	var out []Report
	for _, set := range DevelopmentSets {
		sub := filepath.Join(dir, set)
		if _, err := os.Stat(sub); err != nil {
			continue
		}
		r, err := e.Evaluate(sub)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no annotated articles in %s nor in its %s subdirectories", dir, strings.Join(DevelopmentSets, ", "))
	}
	return out, nil
}

// EvaluatePredictions compares predictions stored as predDir/NN.json (another
// system's output in the same shape) with the annotations in dir, by the same
// measures as Evaluate.
func EvaluatePredictions(dir, predDir string) (Report, error) {
	return evaluate(dir, func(name string, _ Doc) (Result, error) {
		return readResult(filepath.Join(predDir, name+".json"))
	})
}

func evaluate(dir string, predict func(name string, d Doc) (Result, error)) (Report, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return Report{}, err
	}
	r := Report{Name: filepath.Base(filepath.Clean(dir))}
	for _, tf := range texts {
		name := strings.TrimSuffix(filepath.Base(tf), ".txt")
		gold, m, err := readGold(filepath.Join(dir, name+".json"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return Report{}, err
		}
		data, err := os.ReadFile(tf)
		if err != nil {
			return Report{}, err
		}
		d, err := ParseEval(data)
		if err != nil {
			return Report{}, fmt.Errorf("%s: %w", tf, err)
		}
		pred, err := predict(name, d)
		if err != nil {
			return Report{}, fmt.Errorf("%s: %w", name, err)
		}
		r.add(name, gold, pred, m)
	}
	if r.Files == 0 {
		return r, fmt.Errorf("no annotated articles (NN.txt with NN.json) in %s", dir)
	}
	return r, nil
}

func readResult(path string) (Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Result{}, err
	}
	var r Result
	if err := json.Unmarshal(data, &r); err != nil {
		return Result{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Add scores one article's prediction against its annotation, by the
// matching rule of evalmatch.go.
func (r *Report) Add(name string, gold, pred Result) { r.add(name, gold, pred, matcher{}) }

func (r *Report) add(name string, gold, pred Result, m matcher) {
	r.Files++
	fr := FileReport{File: name}
	diff := func(measure string, g, p []string, same func(a, b string) bool) Score {
		tp, missing, extra := matchSets(g, p, same)
		for _, m := range missing {
			fr.Missing = append(fr.Missing, measure+": "+m)
		}
		for _, x := range extra {
			fr.Extra = append(fr.Extra, measure+": "+x)
		}
		return Score{TP: tp, FP: len(extra), FN: len(missing)}
	}
	r.Countries.add(diff("country", gold.Countries, pred.Countries, strings.EqualFold))

	orgNames := func(os []Organization, typed bool) []string {
		var out []string
		for _, o := range os {
			n := o.Name
			if typed {
				n += " | " + o.Type
			}
			out = append(out, n)
		}
		return out
	}
	r.Organizations.add(diff("org", orgNames(gold.Organizations, false), orgNames(pred.Organizations, false), m.sameOrg))
	r.OrganizationTypes.add(Score(scoreOnly(orgNames(gold.Organizations, true), orgNames(pred.Organizations, true), m.sameTypedOrg)))

	var gp, pp []string
	for _, p := range gold.People {
		gp = append(gp, p.Name)
	}
	for _, p := range pred.People {
		pp = append(pp, p.Name)
	}
	r.People.add(diff("person", gp, pp, m.samePerson))
	for _, g := range gold.People {
		for _, p := range pred.People {
			if !m.samePerson(g.Name, p.Name) {
				continue
			}
			okTitle := sameTitle(g.Title, p.Title)
			okCountry := g.Country == p.Country
			r.PeopleTitles.add(okTitle)
			r.PeopleCountries.add(okCountry)
			if !okTitle || !okCountry {
				fr.Wrong = append(fr.Wrong, fmt.Sprintf("person %s: title %q country %q, want %q %q", g.Name, p.Title, p.Country, g.Title, g.Country))
			}
			break
		}
	}

	quoteKeys := func(qs []Quote, speaker bool) []string {
		var out []string
		for _, q := range qs {
			k := normText(q.Text)
			if speaker {
				k = q.Speaker + " | " + k
			}
			out = append(out, k)
		}
		return out
	}
	r.Quotes.add(diff("quote", quoteKeys(gold.Quotes, true), quoteKeys(pred.Quotes, true), m.sameQuote))
	r.QuoteTexts.add(Score(scoreOnly(quoteKeys(gold.Quotes, false), quoteKeys(pred.Quotes, false), func(a, b string) bool { return a == b })))

	okPrimary := gold.PrimaryEntity == nil && pred.PrimaryEntity == nil ||
		gold.PrimaryEntity != nil && pred.PrimaryEntity != nil && m.samePrimary(*gold.PrimaryEntity, *pred.PrimaryEntity)
	r.Primary.add(okPrimary)
	if !okPrimary {
		fr.Wrong = append(fr.Wrong, fmt.Sprintf("primary %v, want %v", pred.PrimaryEntity, gold.PrimaryEntity))
	}
	r.Details = append(r.Details, fr)
}

func scoreOnly(g, p []string, same func(a, b string) bool) Score {
	tp, missing, extra := matchSets(g, p, same)
	return Score{TP: tp, FP: len(extra), FN: len(missing)}
}

// matchSets pairs gold and predicted items one to one.
func matchSets(gold, pred []string, same func(a, b string) bool) (tp int, missing, extra []string) {
	used := make([]bool, len(pred))
	for _, g := range gold {
		found := false
		for i, p := range pred {
			if !used[i] && same(g, p) {
				used[i], found = true, true
				tp++
				break
			}
		}
		if !found {
			missing = append(missing, g)
		}
	}
	for i, p := range pred {
		if !used[i] {
			extra = append(extra, p)
		}
	}
	return tp, missing, extra
}

// normText folds typographic quotes and spacing so that only the words count.
func normText(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// sameTitle compares titles without case, and their parts in any order.
func sameTitle(a, b string) bool {
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ";") {
			if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(split(a), split(b))
}

// samePrimary compares primary entities by type and folded name. A country
// is compared by its ISO code, since the annotation's identity for a country
// is its code; that is the one table the scorer reads.
func (m matcher) samePrimary(g, p Entity) bool {
	if g.Type != p.Type {
		return false
	}
	if g.Type == "Country" {
		gc, ok1 := gazetteer.LookupCountryByName(g.Name)
		pc, ok2 := gazetteer.LookupCountryByName(p.Name)
		if ok1 && ok2 {
			return gc.ISO == pc.ISO
		}
	}
	if g.Type == "Person" {
		return m.samePerson(g.Name, p.Name)
	}
	return m.sameOrg(g.Name, p.Name)
}

// WriteTo prints the metrics table.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	if r.Name != "" {
		fmt.Fprintf(&b, "== %s: ", r.Name)
	}
	fmt.Fprintf(&b, "%d annotated articles\n\n", r.Files)
	fmt.Fprintf(&b, "%-28s %9s %9s %9s   %s\n", "measure", "precision", "recall", "F1", "tp/fp/fn")
	for _, row := range []struct {
		name string
		s    Score
	}{
		{"countries", r.Countries},
		{"organizations (name)", r.Organizations},
		{"organizations (name+type)", r.OrganizationTypes},
		{"people (name)", r.People},
		{"quotes (speaker+text)", r.Quotes},
		{"quotes (text)", r.QuoteTexts},
	} {
		fmt.Fprintf(&b, "%-28s %9.3f %9.3f %9.3f   %d/%d/%d\n", row.name, row.s.Precision(), row.s.Recall(), row.s.F1(), row.s.TP, row.s.FP, row.s.FN)
	}
	fmt.Fprintln(&b)
	for _, row := range []struct {
		name string
		a    Accuracy
	}{
		{"people title accuracy", r.PeopleTitles},
		{"people country accuracy", r.PeopleCountries},
		{"primary entity accuracy", r.Primary},
	} {
		fmt.Fprintf(&b, "%-28s %9.3f   %d/%d\n", row.name, row.a.Value(), row.a.Correct, row.a.Total)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// WriteDetails prints each article's differences.
func (r Report) WriteDetails(w io.Writer) error {
	for _, f := range r.Details {
		if len(f.Missing)+len(f.Extra)+len(f.Wrong) == 0 {
			continue
		}
		if _, err := fmt.Fprintf(w, "== %s\n", f.File); err != nil {
			return err
		}
		for _, group := range []struct {
			mark  string
			items []string
		}{{"- ", f.Missing}, {"+ ", f.Extra}, {"! ", f.Wrong}} {
			for _, it := range group.items {
				if _, err := fmt.Fprintf(w, "  %s%s\n", group.mark, it); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
