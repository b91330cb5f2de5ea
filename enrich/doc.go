// Package enrich reads a news article the way an editor does before publishing
// it: which countries, organisations and people it names (with byte offsets),
// who said each quotation, which single entity the story is filed under, and
// which data insights fit beside it.
//
// It works on plain text with the gazetteer's tables and a few rules of English
// news style (titles before names, "…," X said, "the secretary general" for
// someone already named); there is no statistical model to load. Evaluate
// measures it against hand-annotated articles.
package enrich
