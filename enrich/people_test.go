package enrich

import (
	"slices"
	"testing"
)

// TestPeopleFromContext checks people found from how news writes about them
// rather than from the gazetteer, and credits that are no one of the story.
func TestPeopleFromContext(t *testing.T) {
	for _, c := range []struct {
		body      string
		want, not []string
	}{
		{"By Jane Roe and John Doe\n\nTalks went on. \"We will see,\" said Omar Haddad, a foreign policy analyst at a think tank.",
			[]string{"Omar Haddad"}, []string{"Jane Roe", "John Doe"}},
		{"Officials met on Monday.\n\n(Reporting by Jane Roe; Editing by John Doe)", nil, []string{"Jane Roe", "John Doe"}},
		{"The talks ended. Pierre Martin in Paris contributed to this report.", nil, []string{"Pierre Martin"}},
		{"The speaker of parliament, Kenneth Marende, spoke on Friday.", []string{"Kenneth Marende"}, nil},
		{"Pelin Yilmaz, 41, was waiting near the border.", []string{"Pelin Yilmaz"}, nil},
		{"The offensive began in support of President Bashar al-Assad, officials said.", []string{"Bashar al-Assad"}, []string{"Bashar"}},
		{"Commission President Ursula von der Leyen arrived. Von der Leyen said little.", []string{"Ursula von der Leyen"}, []string{"Von der Leyen"}},
		{"The delegates landed in Mar del Plata, said the organisers.", nil, []string{"Mar del Plata"}},
		{"Saudi Arabia's King Salman and Crown Prince Mohammed bin Salman met him.", []string{"Salman", "Mohammed bin Salman"}, nil},
		{"Turkish President Tayyip Erdogan spoke in Ankara.", []string{"Recep Tayyip Erdoğan"}, []string{"Tayyip Erdogan"}},
		{"Foreign Secretary David Lammy arrived. Mr Lammy said the truce must hold.", []string{"David Lammy"}, []string{"Mr Lammy", "Lammy"}},
	} {
		r := enrichBody(c.body)
		var names []string
		for _, p := range r.People {
			names = append(names, p.Name)
		}
		for _, w := range c.want {
			if !slices.Contains(names, w) {
				t.Errorf("%q: people %q, want %q among them", c.body, names, w)
			}
		}
		for _, n := range c.not {
			if slices.Contains(names, n) {
				t.Errorf("%q: people %q, want no %q", c.body, names, n)
			}
		}
	}
}
