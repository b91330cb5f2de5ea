package enrich

import (
	"slices"
	"testing"
)

func TestCountries(t *testing.T) {
	for _, c := range []struct {
		body string
		want []string
	}{
		{"The U.S. and the UK signed the deal.", []string{"GB", "US"}},
		{"Talks with Lao PDR and the ROK continued.", []string{"KR", "LA"}},
		{"Ukrainian troops held the line near Somali waters.", []string{"SO", "UA"}},
		{"Moscow said it would respond, and the Kremlin denied it.", []string{"RU"}},
		{"The ministers met in Moscow and later in Vientiane.", nil},
		{"They gathered in Kuala Lumpur, Malaysia, for the forum.", []string{"MY"}},
		{"Ships crossed the South China Sea and the Taiwan Strait.", nil},
		{"Allies marked the anniversary of the Washington Treaty.", nil},
		{"The NATO-Ukraine Council met for the first time.", []string{"UA"}},
		{"The U.S.-Kenya partnership grew, as did Japan’s role.", []string{"JP", "KE", "US"}},
		{"Officials urged New Delhi to act.", []string{"IN"}},
		{"Aid reached Gaza and Crimea through the Sahel.", nil},
		{"The People's Republic of China and the Russian Federation objected.", []string{"CN", "RU"}},
	} {
		r := enrichBody(c.body)
		want := c.want
		if want == nil {
			want = []string{}
		}
		if !slices.Equal(r.Countries, want) {
			t.Errorf("%q: countries %v, want %v", c.body, r.Countries, want)
		}
	}
}

func TestOrganizations(t *testing.T) {
	for _, c := range []struct {
		body string
		want []orgNT
	}{
		{"The State Department and the Pentagon disagreed.", []orgNT{
			{"U.S. Department of State", "Government Agency"}, {"U.S. Department of Defense", "Government Agency"}}},
		{"Taiwan’s foreign ministry protested.", []orgNT{{"Ministry of Foreign Affairs of Taiwan", "Government Agency"}}},
		{"U.S. Army Gen. Ray Holt spoke; Army Gen. Ann Moss did not.", []orgNT{{"U.S. Army", "Military"}}},
		{"Al Shabaab and the Houthis attacked ships.", []orgNT{{"al-Shabaab", "Military"}, {"Houthis", "Military"}}},
		{"The African Union Commission backed AUSSOM.", []orgNT{
			{"African Union Commission", "Multilateral Organization"},
			{"African Union Support and Stabilization Mission in Somalia", "Military"}}},
		{"Reporting by AP and Reuters.", []orgNT{{"Associated Press", "Media"}, {"Reuters", "Media"}}},
	} {
		r := enrichBody(c.body)
		if got := orgsNT(r.Organizations); !slices.Equal(got, c.want) {
			t.Errorf("%q: organizations %v, want %v", c.body, r.Organizations, c.want)
		}
	}
}

func TestPeople(t *testing.T) {
	for _, c := range []struct {
		name string
		body string
		want []personNTC
	}{
		{"title and country adjective", "French Defense Minister Marc Dubois arrived.",
			[]personNTC{{"Marc Dubois", "Defense Minister", "FR"}}},
		{"possessive country and joined titles", "Norway's Deputy Prime Minister and Defense Minister Ola Lunde spoke.",
			[]personNTC{{"Ola Lunde", "Deputy Prime Minister and Defense Minister", "NO"}}},
		{"initials and suffix dropped", "Gen. Mark R. Dolan Jr. said the drills went well.",
			[]personNTC{{"Mark Dolan", "General", ""}}},
		{"listed person by surname and office", "President Obama's policy changed. The Biden administration did not.",
			[]personNTC{{"Barack Obama", "President", "US"}}},
		{"U.S. office", "Secretary of State Jane Ortiz traveled. Ortiz spoke.",
			[]personNTC{{"Jane Ortiz", "Secretary of State", "US"}}},
		{"country after the name", "King Omar II of Jordan welcomed guests.",
			[]personNTC{{"Omar II", "King", "JO"}}},
		{"appositive title", "Tom Reed, Australia's deputy prime minister, spoke first.",
			[]personNTC{{"Tom Reed", "Deputy Prime Minister", "AU"}}},
		{"organisation in the title", "NATO Secretary General Piet Jansen met reporters.",
			[]personNTC{{"Piet Jansen", "NATO Secretary General", ""}}},
		{"rank after a command's title", "U.S. Africa Command's new commander, Gen. Ray Holt, landed.",
			[]personNTC{{"Ray Holt", "General; Commander of U.S. Africa Command", "US"}}},
		{"a byline names no one of the story", "By Lena Park, American Forces Press Service\n\nThe talks went on.",
			[]personNTC{}},
		{"speech verb shows a person", "Maria Santos said the vote was fair.",
			[]personNTC{{"Maria Santos", "", ""}}},
		{"coordinated titles share the country", "He met Ghanaian Minister of Defense Kofi Asante and Chief of Defense General Yaw Mensah.",
			[]personNTC{{"Kofi Asante", "Minister of Defense", "GH"}, {"Yaw Mensah", "Chief of Defense; General", "GH"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := enrichBody(c.body)
			if got := peopleNTC(r.People); !slices.Equal(got, c.want) {
				t.Errorf("people %q\nwant %q", r.People, c.want)
			}
		})
	}
}

func TestMentionsResolveReferences(t *testing.T) {
	body := "Secretary of State Jane Ortiz landed in Oslo. Ortiz met the press, and she thanked the hosts. The top U.S. diplomat left."
	r := enrichBody(body)
	var forms []string
	for _, m := range r.Mentions {
		if m.Kind == KindPerson {
			if m.Key != "Jane Ortiz" {
				t.Errorf("mention %q resolved to %q", body[m.Start:m.End], m.Key)
			}
			forms = append(forms, m.Form)
		}
	}
	if want := []string{"name", "short", "pronoun", "role"}; !slices.Equal(forms, want) {
		t.Errorf("person mention forms %v, want %v", forms, want)
	}
}

func TestPrimaryEntity(t *testing.T) {
	for _, c := range []struct {
		title, body string
		want        Entity
	}{
		{"NATO Chief Warns of Threats", "NATO Secretary General Piet Jansen spoke in Brussels about Poland.",
			Entity{"NATO", "Multilateral Organization"}},
		{"Secretary's Call With Estonian Defense Minister", "Secretary of Defense Ray Holt called Estonian Defense Minister Eva Tamm. They discussed NATO and Latvia.",
			Entity{"Estonia", "Country"}},
		{"Ortiz Arrives for Talks", "Secretary of State Jane Ortiz arrived for an ASEAN foreign ministers meeting in Jakarta. ASEAN members welcomed her. Indonesia hosts.",
			Entity{"ASEAN", "Multilateral Organization"}},
		{"Austin Praises US-Ghana Ties", "The U.S. and Ghana agreed on training.",
			Entity{"Ghana", "Country"}},
		{"Leaders Meet", "The leaders of the United States, Japan and Australia met today.",
			Entity{"Japan", "Country"}},
	} {
		r := Enrich(Doc{Title: c.title, Body: c.body})
		if r.PrimaryEntity == nil || *r.PrimaryEntity != c.want {
			t.Errorf("%q: primary %v, want %v", c.title, r.PrimaryEntity, c.want)
		}
	}
}

func TestInsights(t *testing.T) {
	r := Enrich(Doc{Title: "NATO Allies Meet", Body: "Secretary of State Antony Blinken met NATO allies at a NATO meeting in Brussels."})
	if len(r.Insights) < 2 {
		t.Fatalf("insights %v", r.Insights)
	}
	if in := r.Insights[0]; in.ID != InsightMomentum || in.Params["org"] != "NATO" || len(in.Params["countries"]) != 32*3-1 {
		t.Errorf("first insight %v", in)
	}
	if in := r.Insights[1]; in.ID != InsightTopDestination || in.Params["traveler"] != "blinken-antony-j" {
		t.Errorf("second insight %v", in)
	}
	r = Enrich(Doc{Title: "Talks With Kenya", Body: "Kenya and the U.S. met."})
	if in := r.Insights[0]; in.ID != InsightCountrySeries || in.Params["country"] != "KE" {
		t.Errorf("country insight %v", in)
	}
}

// orgNT and personNTC are the annotated fields of an organisation and a
// person, which these tests check; provenance has its own test.
type orgNT struct{ Name, Type string }
type personNTC struct{ Name, Title, Country string }

func orgsNT(os []Organization) []orgNT {
	out := []orgNT{}
	for _, o := range os {
		out = append(out, orgNT{o.Name, o.Type})
	}
	return out
}

func peopleNTC(ps []Person) []personNTC {
	out := []personNTC{}
	for _, p := range ps {
		out = append(out, personNTC{p.Name, p.Title, p.Country})
	}
	return out
}

// TestProvenance checks that every entity says whether the gazetteer knows
// it or the text's context showed it, and by which cue.
func TestProvenance(t *testing.T) {
	r := enrichBody(`"We will see," said Omar Haddad, a foreign policy analyst. Foreign Minister Lina Odeh agreed with Antony Blinken. Taiwan's foreign ministry and NATO objected.`)
	got := map[string][2]string{}
	for _, p := range r.People {
		got[p.Name] = [2]string{p.Source, p.Evidence}
	}
	for _, o := range r.Organizations {
		got[o.Name] = [2]string{o.Source, o.Evidence}
	}
	for name, want := range map[string][2]string{
		"Omar Haddad":                           {SourceInferred, "inverted attribution"},
		"Lina Odeh":                             {SourceInferred, "title: Foreign Minister"},
		"Antony Blinken":                        {SourceKnown, ""},
		"NATO":                                  {SourceKnown, ""},
		"Ministry of Foreign Affairs of Taiwan": {SourceInferred, "ministry of a named country"},
	} {
		if got[name] != want {
			t.Errorf("%s: source, evidence = %q, want %q", name, got[name], want)
		}
	}
}

// TestInferredOrganizations checks bodies no table lists, found by how news
// names them.
func TestInferredOrganizations(t *testing.T) {
	for _, c := range []struct {
		body string
		want []orgNT
	}{
		{"said Omar Haddad, an analyst at the Ankara Policy Institute.", []orgNT{{"Ankara Policy Institute", "Non-Governmental Organization"}}},
		{"The Lebanese army deployed south, and the Turkish military said it acted.", []orgNT{{"Lebanese Armed Forces", "Military"}, {"Turkish Armed Forces", "Military"}}},
		{"A Russian military aircraft was downed.", []orgNT{}},
		{"Officials met at the Joint Operations Coordination Center.", []orgNT{}},
		{"The plan ran in the Argentine newspaper Perfil.", []orgNT{{"Perfil", "Media"}}},
		{"Leaders met Asean envoys and Nato officials.", []orgNT{{"ASEAN", "Multilateral Organization"}, {"NATO", "Multilateral Organization"}}},
		{"Israel's military told residents to stay away.", []orgNT{{"Israel Defense Forces", "Military"}}},
		{"A member of Lebanon's parliament spoke.", []orgNT{{"Parliament of Lebanon", "Government Agency"}}},
	} {
		r := enrichBody(c.body)
		if got := orgsNT(r.Organizations); !slices.Equal(got, c.want) {
			t.Errorf("%q: organizations %v, want %v", c.body, got, c.want)
		}
	}
}

// TestPrimaryHeadlines checks the headline rules for stories that are not
// about a U.S. partnership.
func TestPrimaryHeadlines(t *testing.T) {
	for _, c := range []struct {
		title, body string
		want        Entity
	}{
		{"Cambodia Persists in Asean Border Resolution", "Cambodia wants the dispute on the Asean agenda, and Asean leaders will meet.", Entity{"Cambodia", "Country"}},
		{"SOUTHCOM Commander Visits Colombia, Ecuador", "The commander of U.S. Southern Command visited Colombia and Ecuador.", Entity{"U.S. Southern Command", "Military"}},
		{"Venezuela Crisis Looms Over OAS Meeting in Mexico", "The Organization of American States met in Mexico. The OAS meeting discussed Venezuela.", Entity{"Organization of American States", "Multilateral Organization"}},
	} {
		r := Enrich(Doc{Title: c.title, Body: c.body})
		if r.PrimaryEntity == nil || *r.PrimaryEntity != c.want {
			t.Errorf("%q: primary %v, want %v", c.title, r.PrimaryEntity, c.want)
		}
	}
}
