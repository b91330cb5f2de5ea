package enrich

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
)

// When is the time a sentence gives a visit, resolved against the
// article's date.
type When struct {
	Start, End shuttle.Date
	// Exact says the text gave the days ("on Sunday", "March 23"); otherwise
	// Start and End are the article's date.
	Exact bool
	// Ahead says the text reports the visit as still to come.
	Ahead bool
}

// farMonths is how far a month and day without a year may lie from the
// article's date before the other year is meant: "on Dec. 30" in a story of
// January 2nd is last year's.
const farMonths = 6

var (
	weekdayRe  = regexp.MustCompile(`(?i)\b(?:(next|last|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	relWeekRe  = regexp.MustCompile(`(?i)\b(next|last|this)\s+week(?:end)?\b`)
	relDayRe   = regexp.MustCompile(`(?i)\b(today|yesterday|tomorrow|tonight)\b`)
	monthDayRe = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`)
	dayMonthRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:\s*(?:-|–)\s*(\d{1,2}))?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?\b`)
	// aheadRe marks a visit still to come: the future, plans, schedules.
	aheadRe = regexp.MustCompile(`(?i)\b(will|is to|are to|is set to|are set to|is due to|is expected to|plans to|planned|is scheduled|are scheduled|to travel|heads? to|is heading|upcoming|next week|would travel|would visit|announced)\b`)
)

var monthNumbers = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// resolveWhen reads the days a sentence gives against the article's date
// (zero when the article is undated: then only explicit dates with a year
// resolve). ok is false when nothing resolves.
func resolveWhen(s string, article shuttle.Date) (When, bool) {
	w := When{Ahead: aheadRe.MatchString(s)}
	if m := monthDayRe.FindStringSubmatch(s); m != nil {
		return w.days(article, monthNumbers[strings.ToLower(m[1])], m[2], m[3], m[4])
	}
	if m := dayMonthRe.FindStringSubmatch(s); m != nil {
		return w.days(article, monthNumbers[strings.ToLower(m[3])], m[1], m[2], m[4])
	}
	if article.IsZero() {
		return w, false
	}
	if m := relDayRe.FindStringSubmatch(s); m != nil {
		d := article
		switch strings.ToLower(m[1]) {
		case "yesterday":
			d = article.AddDays(-1)
		case "tomorrow":
			d = article.AddDays(1)
		}
		return w.exact(d, d), true
	}
	if m := weekdayRe.FindStringSubmatch(s); m != nil {
		return w.exact(weekday(article, m[2], strings.ToLower(m[1]), w.Ahead), shuttle.Date{}), true
	}
	if m := relWeekRe.FindStringSubmatch(s); m != nil {
		// Weeks run Monday to Sunday, as news copy means them.
		monday := article.AddDays(-((int(article.Time().Weekday()) + 6) % 7))
		switch strings.ToLower(m[1]) {
		case "next":
			monday = monday.AddDays(7)
		case "last":
			monday = monday.AddDays(-7)
		}
		return w.exact(monday, monday.AddDays(6)), true
	}
	return w, false
}

func (w When) exact(start, end shuttle.Date) When {
	if end.IsZero() {
		end = start
	}
	w.Start, w.End, w.Exact = start, end, true
	return w
}

// days resolves a month with a day (and maybe a last day and a year).
func (w When) days(article shuttle.Date, month time.Month, day, last, year string) (When, bool) {
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	if y == 0 {
		if article.IsZero() {
			return w, false
		}
		y = article.Year()
		gap := int(month) - int(article.Time().Month())
		switch {
		case gap > farMonths:
			y--
		case gap < -farMonths:
			y++
		}
	}
	start, ok := validDate(y, month, d)
	if !ok {
		return w, false
	}
	end := start
	if l, _ := strconv.Atoi(last); l > d {
		if e, ok := validDate(y, month, l); ok {
			end = e
		}
	}
	return w.exact(start, end), true
}

// validDate refuses days a month does not have ("February 30").
func validDate(y int, m time.Month, d int) (shuttle.Date, bool) {
	if d < 1 || d > 31 {
		return shuttle.Date{}, false
	}
	t := shuttle.NewDate(y, m, d)
	return t, t.Time().Day() == d
}

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// weekday is the day named: the nearest one on or before the article's date
// for a visit reported as done, on or after it for one to come; "next" and
// "last" move a week on or back.
func weekday(article shuttle.Date, name, rel string, ahead bool) shuttle.Date {
	want := weekdays[strings.ToLower(name)]
	have := article.Time().Weekday()
	back := (int(have) - int(want) + 7) % 7
	forward := (int(want) - int(have) + 7) % 7
	switch {
	case rel == "next":
		if forward == 0 {
			forward = 7
		}
		return article.AddDays(forward)
	case rel == "last":
		if back == 0 {
			back = 7
		}
		return article.AddDays(-back)
	case ahead:
		return article.AddDays(forward)
	}
	return article.AddDays(-back)
}
