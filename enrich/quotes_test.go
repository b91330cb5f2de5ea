package enrich

import (
	"slices"
	"testing"
)

func enrichBody(body string) Result { return Enrich(Doc{Body: body}) }

// TestAttribution covers each form of attribution with short hand-written
// sentences.
func TestAttribution(t *testing.T) {
	intro := "Finnish Foreign Minister Anna Berg met reporters in Helsinki on Monday. "
	for _, c := range []struct {
		name string
		body string
		want []Quote // speaker and text only
	}{
		{"after, name", intro + `"We will hold the line," Berg said.`,
			[]Quote{{Speaker: "Anna Berg", Text: "We will hold the line,"}}},
		{"after, inverted", intro + `"Talks will resume," said Berg, who flew in on Sunday.`,
			[]Quote{{Speaker: "Anna Berg", Text: "Talks will resume,"}}},
		{"before, colon", intro + `Berg said: "Our borders are safe."`,
			[]Quote{{Speaker: "Anna Berg", Text: "Our borders are safe."}}},
		{"split quote joined", intro + `"The first part," Berg said. "The second part."`,
			[]Quote{{Speaker: "Anna Berg", Text: "The first part, The second part."}}},
		{"new quote after narrative", intro + `"One," Berg said. She then left the room. "Two," she added.`,
			[]Quote{{Speaker: "Anna Berg", Text: "One,"}, {Speaker: "Anna Berg", Text: "Two,"}}},
		{"name in apposition is the subject", intro + `The defence minister, Karl Nyberg, called the loss "deeply painful".`,
			[]Quote{{Speaker: "Karl Nyberg", Text: "deeply painful"}}},
		{"a clause's last name is not the subject", intro + `Berg, speaking alongside Swedish Minister Karl Nyberg, said: "We agree."`,
			[]Quote{{Speaker: "Anna Berg", Text: "We agree."}}},
		{"second partial quote in the sentence", intro + `Berg called it "a stab in the back" and said it would have "serious consequences" for trade.`,
			[]Quote{{Speaker: "Anna Berg", Text: "a stab in the back"}, {Speaker: "Anna Berg", Text: "serious consequences"}}},
		{"participle after the subject", intro + `Berg called off the trip, saying the threat was "no lower than before".`,
			[]Quote{{Speaker: "Anna Berg", Text: "no lower than before"}}},
		{"pronoun", intro + `She praised the talks. "It is done," she said.`,
			[]Quote{{Speaker: "Anna Berg", Text: "It is done,"}}},
		{"partial quote", intro + `Berg called the accord "a turning point" for the region.`,
			[]Quote{{Speaker: "Anna Berg", Text: "a turning point"}}},
		{"participle opens", intro + `Calling the vote "a historic step," Berg thanked lawmakers.`,
			[]Quote{{Speaker: "Anna Berg", Text: "a historic step,"}}},
		{"attribution after a phrase", intro + `"We need more time," during a pause in the session, Berg said.`,
			[]Quote{{Speaker: "Anna Berg", Text: "We need more time,"}}},
		{"role noun", "NATO Secretary General Piet Jansen arrived late. " + `"We stand together," the secretary general said.`,
			[]Quote{{Speaker: "Piet Jansen", Text: "We stand together,"}}},
		{"organisation", `"The talks were productive," the State Department said in a statement.`,
			[]Quote{{Speaker: "U.S. Department of State", Text: "The talks were productive,"}}},
		{"according to", intro + `Berg will "review every option," according to the State Department.`,
			[]Quote{{Speaker: "U.S. Department of State", Text: "review every option,"}}},
		{"anonymous source", `"We expect more strikes," a senior defense official said.`,
			[]Quote{{Speaker: "unnamed defense official", Text: "We expect more strikes,"}}},
		{"continued paragraph", intro + "\n\n" + `"First," Berg said.` + "\n\n" + `"And second, we wait."`,
			[]Quote{{Speaker: "Anna Berg", Text: "First,"}, {Speaker: "Anna Berg", Text: "And second, we wait."}}},
		{"scare quotes have no speaker", `The plan promotes a "fair and balanced" approach to trade.`, nil},
		{"a theme is no quote", intro + `She backed the theme of "Building Bridges Together."`, nil},
		{"pull quote paragraph", "Ministers met.\n\nThis alliance has never been stronger and it will not bend to threats.\n\n" +
			"Finnish Foreign Minister Anna Berg said",
			[]Quote{{Speaker: "Anna Berg", Text: "This alliance has never been stronger and it will not bend to threats."}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := enrichBody(c.body)
			var got []Quote
			for _, q := range r.Quotes {
				got = append(got, Quote{Speaker: q.Speaker, Text: q.Text})
				if c.body[q.Start:q.End] != q.Text && !slices.Contains([]string{"split quote joined"}, c.name) {
					t.Errorf("offsets [%d,%d) hold %q, not the text", q.Start, q.End, c.body[q.Start:q.End])
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("quotes = %+v\nwant %+v", got, c.want)
			}
		})
	}
}
