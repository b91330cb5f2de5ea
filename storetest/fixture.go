package storetest

import (
	"time"

	"github.com/shuttlenews/shuttle"
)

// The fixtures are written out by hand so that every expectation in the suite
// can be checked against them by eye: Fixture is dataset A, Small is dataset B.

// Fixture is a small dataset with the awkward cases in it: a historical
// country (XI), a country with no trips and no region (AQ), non-ASCII names,
// a president with two terms of which the last is open, trips of different
// roles sharing an id, merged records, and ties on the start date.
func Fixture() *shuttle.Dataset {
	d := &shuttle.Dataset{
		Regions: []shuttle.Region{
			{ID: "eap", Name: "East Asia and the Pacific"},
			{ID: "eur", Name: "Europe and Eurasia", Description: "Bureau of European and Eurasian Affairs"},
			{ID: "af", Name: "Africa"},
		},
		Countries: []shuttle.Country{
			{ISO: "FR", Name: "France", Region: "eur", IDs: []string{"france"}},
			{ISO: "TR", Name: "Türkiye", Region: "eur", IDs: []string{"turkey", "ottoman-empire"}},
			{ISO: "JP", Name: "Japan", Region: "eap", IDs: []string{"japan"}},
			{ISO: "XI", Name: "Yugoslavia", Region: "eur", IDs: []string{"yugoslavia"}},
			{ISO: "AQ", Name: "Antarctica"},
		},
		// Buchanan held both offices under one id; Pierce was President
		// between his two terms, so the orders by first term overall and by
		// first term in an office differ.
		Travelers: []shuttle.Traveler{
			traveler("blinken-antony-j", "Antony J. Blinken", secretaryTerm("2021-01-26", "2025-01-20")),
			traveler("trump-donald-j", "Donald J. Trump", presidentTerm("2017-01-20", "2021-01-20"), presidentTerm("2025-01-20", "")),
			traveler("baker-james-addison-iii", "James Addison Baker III", secretaryTerm("1989-01-25", "1992-08-23")),
			traveler("rubio-marco", "Marco Rubio", secretaryTerm("2025-01-21", "")),
			traveler("bush-george-herbert-walker", "George H. W. Bush", presidentTerm("1989-01-20", "1993-01-20")),
			traveler("buchanan-james", "James Buchanan", secretaryTerm("1845-03-10", "1849-03-07"), presidentTerm("1857-03-04", "1861-03-04")),
			traveler("pierce-franklin", "Franklin Pierce", presidentTerm("1853-03-04", "1857-03-04")),
		},
	}
	d.Trips = []shuttle.Trip{
		secretary(1, "baker-james-addison-iii", "1989-02-10", "1989-02-11", "TR", "turkey", "Turkey", "Ankara"),
		secretary(2, "baker-james-addison-iii", "1990-07-05", "1990-07-06", "FR", "france", "France", "Paris", 7),
		secretary(3, "baker-james-addison-iii", "1991-09-12", "1991-09-12", "XI", "yugoslavia", "Yugoslavia", "Belgrade"),
		secretary(4, "baker-james-addison-iii", "1991-11-11", "1991-11-13", "JP", "japan", "Japan", "Tokyo"),
		secretary(10, "blinken-antony-j", "2021-06-25", "2021-06-28", "FR", "france", "France", "Paris"),
		secretary(11, "blinken-antony-j", "2022-10-03", "2022-10-03", "TR", "turkey", "Turkey", "Istanbul", 12, 13),
		secretary(14, "blinken-antony-j", "2023-02-19", "2023-02-20", "TR", "turkiye", "Türkiye", "Ankara"),
		secretary(16, "blinken-antony-j", "2023-02-19", "2023-02-19", "TR", "turkiye", "Türkiye", "Adana"),
		secretary(15, "blinken-antony-j", "2024-04-03", "2024-04-04", "FR", "france", "France", "Paris"),
		secretary(20, "rubio-marco", "2025-02-14", "2025-02-16", "JP", "japan", "Japan", "Tokyo"),
		secretary(21, "rubio-marco", "2025-05-15", "2025-05-15", "TR", "turkiye", "Türkiye", "Antalya"),
		president(1, "bush-george-herbert-walker", "1989-07-13", "1989-07-16", "FR", "france", "France", "Paris"),
		president(2, "bush-george-herbert-walker", "1992-01-07", "1992-01-10", "JP", "japan", "Japan", "Tokyo"),
		president(3, "trump-donald-j", "2017-07-13", "2017-07-14", "FR", "france", "France", "Paris", 4),
		president(5, "trump-donald-j", "2019-06-27", "2019-06-29", "JP", "japan", "Japan", "Osaka"),
		president(6, "trump-donald-j", "2025-05-15", "2025-05-16", "TR", "turkiye", "Türkiye", "Antalya"),
		visit(100, "Turgut Özal", "1990-03-25", "TR", "turkey", "Turkey"),
		visit(101, "Ante Marković", "1989-10-12", "XI", "yugoslavia", "Yugoslavia", 102),
		visit(103, "Recep Tayyip Erdoğan", "2019-11-13", "TR", "turkey", "Turkey"),
		visit(104, "Emmanuel Macron", "2018-04-23", "FR", "france", "France"),
		visit(105, "Shinzō Abe", "2017-02-10", "JP", "japan", "Japan"),
		visit(106, "Fumio Kishida", "2024-04-08", "JP", "japan", "Japan"),
	}
	// Purposes as the ingest reads them, on a few stops: every kind of field
	// must survive the round trip, and the purpose filter has something to
	// choose between. The rest keep none, as rows from before it would.
	withPurpose(&d.Trips[0], shuttle.PurposeMultilateral, "NATO", shuttle.MeetingMinisterial, "Attended NATO Ministerial Meeting.")
	withPurpose(&d.Trips[1], shuttle.PurposeBilateral, "", "", "Met with officials")
	withPurpose(&d.Trips[4], shuttle.PurposeMultilateral, "G7", shuttle.MeetingSummit, "Accompanied President Biden to the G7 Summit.")
	withPurpose(&d.Trips[11], shuttle.PurposeMultilateral, "G7", shuttle.MeetingSummit, "Attended Economic Summit Meeting.")
	withPurpose(&d.Trips[12], shuttle.PurposeCeremonial, "", "", "Attended a commemorative ceremony.")
	nameTravelers(d)
	d.Stats = stats("fixture:A", d)
	return d
}

// Small is a second, different dataset: replacing Fixture by it must leave
// nothing of Fixture behind.
func Small() *shuttle.Dataset {
	d := &shuttle.Dataset{
		Regions: []shuttle.Region{{ID: "eur", Name: "Europe and Eurasia"}},
		Countries: []shuttle.Country{
			{ISO: "FR", Name: "France", Region: "eur", IDs: []string{"france"}},
			{ISO: "DE", Name: "Germany", Region: "eur", IDs: []string{"germany", "germany-west"}},
		},
		Travelers: []shuttle.Traveler{
			traveler("kissinger-henry-a", "Henry A. Kissinger", secretaryTerm("1973-09-22", "1977-01-20")),
		},
		Trips: []shuttle.Trip{
			secretary(500, "kissinger-henry-a", "1974-01-11", "1974-01-12", "DE", "germany-west", "Germany, West", "Bonn"),
			secretary(501, "kissinger-henry-a", "1975-05-20", "1975-05-21", "FR", "france", "France", "Paris"),
			visit(900, "Helmut Schmidt", "1974-12-05", "DE", "germany-west", "Germany, West"),
		},
	}
	nameTravelers(d)
	d.Stats = stats("fixture:B", d)
	return d
}

func traveler(id, name string, terms ...shuttle.Term) shuttle.Traveler {
	return shuttle.Traveler{ID: id, Name: name, Terms: terms}
}

func secretaryTerm(start, end string) shuttle.Term {
	return shuttle.Term{Role: shuttle.RoleSecretary, Start: date(start), End: date(end)}
}

func presidentTerm(start, end string) shuttle.Term {
	return shuttle.Term{Role: shuttle.RolePresident, Start: date(start), End: date(end)}
}

// date is MustDate that lets "" stand for an open end.
func date(s string) shuttle.Date {
	if s == "" {
		return shuttle.Date{}
	}
	return shuttle.MustDate(s)
}

func secretary(id int64, traveler, start, end, iso, cid, cname, locale string, merged ...int64) shuttle.Trip {
	return trip(shuttle.RoleSecretary, id, traveler, start, end, iso, cid, cname, locale, merged)
}

func president(id int64, traveler, start, end, iso, cid, cname, locale string, merged ...int64) shuttle.Trip {
	return trip(shuttle.RolePresident, id, traveler, start, end, iso, cid, cname, locale, merged)
}

// visit is a foreign leader's one-day visit to the U.S.; the visitor's name is
// the record's traveller name and there is no traveller id.
func visit(id int64, visitor, day, iso, cid, cname string, merged ...int64) shuttle.Trip {
	t := trip(shuttle.RoleVisit, id, "", day, day, iso, cid, cname, "Washington, DC", merged)
	t.TravelerName = visitor
	t.Remarks = "Official visit of " + visitor + "."
	return t
}

func trip(role shuttle.Role, id int64, traveler, start, end, iso, cid, cname, locale string, merged []int64) shuttle.Trip {
	return shuttle.Trip{
		Role:        role,
		ID:          id,
		SourceIDs:   append([]int64{id}, merged...),
		TravelerID:  traveler,
		Start:       date(start),
		End:         date(end),
		Country:     iso,
		CountryID:   cid,
		CountryName: cname,
		Locale:      locale,
		Remarks:     "Met with officials; discussed “regional security”.",
	}
}

func withPurpose(t *shuttle.Trip, p shuttle.Purpose, org, meeting, evidence string) {
	t.Purpose, t.Organization, t.Meeting, t.PurposeEvidence = p, org, meeting, evidence
}

// nameTravelers copies each traveller's name onto their trips, as the records
// carry it.
func nameTravelers(d *shuttle.Dataset) {
	names := make(map[string]string, len(d.Travelers))
	for _, t := range d.Travelers {
		names[t.ID] = t.Name
	}
	for i, t := range d.Trips {
		if t.TravelerID != "" {
			d.Trips[i].TravelerName = names[t.TravelerID]
		}
	}
}

func stats(source string, d *shuttle.Dataset) shuttle.IngestStats {
	s := shuttle.IngestStats{
		Source:     source,
		Read:       map[shuttle.Role]int{},
		Duplicates: map[shuttle.Role]int{},
		Countries:  len(d.Countries),
		Travelers:  len(d.Travelers),
		Duration:   time.Millisecond,
	}
	for _, t := range d.Trips {
		s.Read[t.Role] += len(t.SourceIDs)
		s.Duplicates[t.Role] += len(t.SourceIDs) - 1
	}
	return s
}
