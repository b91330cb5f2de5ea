package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// updated is a fixed UpdatedAt at microsecond precision, the finest that both
// databases keep.
var updated = time.Date(2025, 5, 3, 14, 30, 0, 123456000, time.UTC)

// articles are four stories: two on the same day (ties go by slug), one with
// every optional field, one with none.
func articles() []shuttle.Article {
	return []shuttle.Article{
		{
			Slug: "rubio-in-antalya", Title: "Rubio in Antalya: NATO’s southern flank", Date: shuttle.MustDate("2025-05-15"),
			Summary: "The Secretary met allies in Türkiye.", Image: "/img/antalya.jpg", ImageAlt: "Delegations",
			Caption: "Antalya, 15 May", Body: "Rubio *met* allies.", HTML: "<p>Rubio <em>met</em> allies.</p>",
			Tag:       &shuttle.Tag{Type: "Multilateral Organization", Name: "NATO"},
			Quote:     &shuttle.Quote{Text: "We stand together.", Speaker: "Marco Rubio", Title: "Secretary of State"},
			Insight:   &shuttle.InsightRef{ID: "momentum", Params: map[string]string{"role": "secretary", "from": "1997"}},
			Countries: []string{"TR", "FR"},
			Source:    "content/rubio-in-antalya.md", UpdatedAt: updated,
		},
		{
			Slug: "kishida-state-visit", Title: "Kishida’s state visit", Date: shuttle.MustDate("2025-05-20"),
			Body: "Kishida came.", HTML: "<p>Kishida came.</p>", Countries: []string{"JP"},
			Source: "https://example.org/feed.xml", UpdatedAt: updated,
		},
		{
			Slug: "antalya-background", Title: "Background", Date: shuttle.MustDate("2025-05-15"),
			Body: "b", HTML: "<p>b</p>", Countries: []string{"TR"}, UpdatedAt: updated,
		},
		{Slug: "zz-bare", Title: "Bare", Date: shuttle.MustDate("2025-05-15"), UpdatedAt: updated},
	}
}

func putArticles(t *testing.T, s shuttle.Store, as []shuttle.Article) {
	t.Helper()
	for i := range as {
		if err := s.PutArticle(t.Context(), &as[i]); err != nil {
			t.Fatalf("PutArticle(%s): %v", as[i].Slug, err)
		}
	}
}

func slugs(as []shuttle.Article) []string {
	s := []string{}
	for _, a := range as {
		s = append(s, a.Slug)
	}
	return s
}

func testArticles(t *testing.T, s shuttle.Store) {
	as := articles()
	putArticles(t, s, as)
	for _, a := range as {
		got, err := s.Article(t.Context(), a.Slug)
		if err != nil {
			t.Fatalf("Article(%s): %v", a.Slug, err)
		}
		same(t, "Article("+a.Slug+")", got, a)
	}
	tests := []struct {
		name string
		f    shuttle.ArticleFilter
		want []string
	}{
		{"all, newest first, then by slug", shuttle.ArticleFilter{},
			[]string{"kishida-state-visit", "antalya-background", "rubio-in-antalya", "zz-bare"}},
		{"country", shuttle.ArticleFilter{Country: "TR"}, []string{"antalya-background", "rubio-in-antalya"}},
		{"second country of an article", shuttle.ArticleFilter{Country: "FR"}, []string{"rubio-in-antalya"}},
		{"limit", shuttle.ArticleFilter{Limit: 2}, []string{"kishida-state-visit", "antalya-background"}},
		{"country and limit", shuttle.ArticleFilter{Country: "TR", Limit: 1}, []string{"antalya-background"}},
		{"no match", shuttle.ArticleFilter{Country: "AQ"}, []string{}},
	}
	for _, tt := range tests {
		got, err := s.Articles(t.Context(), tt.f)
		if err != nil {
			t.Fatalf("Articles(%+v): %v", tt.f, err)
		}
		notNil(t, "Articles", got)
		same(t, "Articles "+tt.name, slugs(got), tt.want)
	}
	all, _ := s.Articles(t.Context(), shuttle.ArticleFilter{})
	same(t, "Articles in full", all, []shuttle.Article{as[1], as[2], as[0], as[3]})
}

// PutArticle replaces the whole article, its countries included.
func testArticleUpsert(t *testing.T, s shuttle.Store) {
	as := articles()
	putArticles(t, s, as)
	a := as[0]
	a.Title, a.Countries, a.Tag, a.Quote, a.Insight = "Rubio in Antalya (updated)", []string{"JP"}, nil, nil, nil
	a.Date = shuttle.MustDate("2025-05-16")
	putArticles(t, s, []shuttle.Article{a})

	got, err := s.Article(t.Context(), a.Slug)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	same(t, "Article after upsert", got, a)
	all, _ := s.Articles(t.Context(), shuttle.ArticleFilter{})
	same(t, "Articles after upsert", slugs(all), []string{"kishida-state-visit", "rubio-in-antalya", "antalya-background", "zz-bare"})
	tr, _ := s.Articles(t.Context(), shuttle.ArticleFilter{Country: "TR"})
	same(t, "Articles(TR) after upsert", slugs(tr), []string{"antalya-background"})
	jp, _ := s.Articles(t.Context(), shuttle.ArticleFilter{Country: "JP"})
	same(t, "Articles(JP) after upsert", slugs(jp), []string{"kishida-state-visit", "rubio-in-antalya"})
}

func testArticleDelete(t *testing.T, s shuttle.Store) {
	putArticles(t, s, articles())
	ctx := t.Context()
	if err := s.DeleteArticle(ctx, "kishida-state-visit"); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	_, err := s.Article(ctx, "kishida-state-visit")
	wantCode(t, "Article after delete", err, shuttle.ENOTFOUND)
	wantCode(t, "DeleteArticle twice", s.DeleteArticle(ctx, "kishida-state-visit"), shuttle.ENOTFOUND)
	wantCode(t, "DeleteArticle(unknown)", s.DeleteArticle(ctx, "nope"), shuttle.ENOTFOUND)
	jp, _ := s.Articles(ctx, shuttle.ArticleFilter{Country: "JP"})
	same(t, "Articles(JP) after delete", slugs(jp), []string{})
	all, _ := s.Articles(ctx, shuttle.ArticleFilter{})
	same(t, "Articles after delete", slugs(all), []string{"antalya-background", "rubio-in-antalya", "zz-bare"})
}

func testArticleInvalid(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	wantCode(t, "PutArticle(nil)", s.PutArticle(ctx, nil), shuttle.EINVALID)
	wantCode(t, "PutArticle(no slug)", s.PutArticle(ctx, &shuttle.Article{Title: "x"}), shuttle.EINVALID)
	_, err := s.Article(ctx, "nope")
	wantCode(t, "Article(unknown)", err, shuttle.ENOTFOUND)
	all, err := s.Articles(ctx, shuttle.ArticleFilter{})
	if err != nil || len(all) != 0 {
		t.Errorf("Articles after refused puts = %v, %v; want none", slugs(all), err)
	}
	notNil(t, "Articles", all)
}

// A zero UpdatedAt is the store's to fill, and the caller sees the value kept.
func testArticleUpdatedAt(t *testing.T, s shuttle.Store) {
	a := shuttle.Article{Slug: "fresh", Title: "Fresh", Date: shuttle.MustDate("2025-06-01")}
	if err := s.PutArticle(t.Context(), &a); err != nil {
		t.Fatalf("PutArticle: %v", err)
	}
	if a.UpdatedAt.IsZero() {
		t.Fatal("PutArticle left UpdatedAt zero")
	}
	got, err := s.Article(t.Context(), "fresh")
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	same(t, "Article", got, a)
}

func testArticlesSurviveReplace(t *testing.T, s shuttle.Store) {
	putArticles(t, s, articles())
	mustReplace(t, s, Fixture())
	mustReplace(t, s, Small())
	all, err := s.Articles(t.Context(), shuttle.ArticleFilter{Country: "TR"})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	same(t, "Articles(TR) after two ingests", slugs(all), []string{"antalya-background", "rubio-in-antalya"})
}

// testArticlesVersion checks that Version counts article changes — what lets
// a server notice an edit made through another — and that an ingest, a
// failed write or a read does not move it.
func testArticlesVersion(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	articlesVersion := func() int64 {
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		return v.Articles
	}
	before := articlesVersion()
	as := articles()
	putArticles(t, s, as[:1])
	afterPut := articlesVersion()
	if afterPut <= before {
		t.Fatalf("Articles %d after a put, was %d", afterPut, before)
	}
	s.Articles(ctx, shuttle.ArticleFilter{})
	if _, err := s.ReplaceDataset(ctx, Fixture()); err != nil {
		t.Fatal(err)
	}
	s.DeleteArticle(ctx, "no-such-article")
	if v := articlesVersion(); v != afterPut {
		t.Errorf("Articles moved from %d to %d with no article changed", afterPut, v)
	}
	if err := s.DeleteArticle(ctx, as[0].Slug); err != nil {
		t.Fatal(err)
	}
	if v := articlesVersion(); v <= afterPut {
		t.Errorf("Articles %d after a delete, was %d", v, afterPut)
	}
}

// testArticleChanges checks the log that tells a server which articles
// another changed: each changed slug once, complete while the log reaches
// back, and incomplete once it has moved on.
func testArticleChanges(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	changes := func(since int64) shuttle.ArticleChanges {
		t.Helper()
		c, err := s.ArticleChanges(ctx, since)
		if err != nil {
			t.Fatalf("ArticleChanges(%d): %v", since, err)
		}
		return c
	}
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := v.Articles
	if c := changes(start); !c.Complete || len(c.Slugs) != 0 || c.Last != start {
		t.Errorf("nothing changed: %+v", c)
	}
	as := articles()
	putArticles(t, s, as[:2])
	putArticles(t, s, as[:1])
	if err := s.DeleteArticle(ctx, as[1].Slug); err != nil {
		t.Fatal(err)
	}
	s.DeleteArticle(ctx, "no-such-article")
	c := changes(start)
	if v, _ := s.Version(ctx); c.Last != v.Articles {
		t.Errorf("Last %d, Version.Articles %d", c.Last, v.Articles)
	}
	if want := []string{as[0].Slug, as[1].Slug}; !c.Complete || !slices.Equal(c.Slugs, want) {
		t.Errorf("after two puts, a put and a delete: %+v, want complete %v", c, want)
	}
	if c := changes(c.Last - 1); !c.Complete || !slices.Equal(c.Slugs, []string{as[1].Slug}) {
		t.Errorf("the last change: %+v, want the delete of %s", c, as[1].Slug)
	}
	if c := changes(c.Last + 5); c.Complete {
		t.Errorf("a count ahead of the store's (another database) was answered as complete: %+v", c)
	}

	// The log keeps the newest changes: one far behind is told to assume
	// anything changed.
	for i := 0; i < 1000; i++ {
		putArticles(t, s, as[2:3])
	}
	if c := changes(start); c.Complete {
		t.Errorf("1004 changes on, the log still answers as complete: %d slugs", len(c.Slugs))
	}
	last := changes(start).Last
	if c := changes(last - 10); !c.Complete || !slices.Equal(c.Slugs, []string{as[2].Slug}) {
		t.Errorf("the last ten changes: %+v", c)
	}
}
