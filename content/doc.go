// Package content reads the articles editors write: Markdown files with YAML
// front matter, one article per file, in a single directory.
//
// A file looks like this:
//
//	---
//	title: Allies meet in Brussels
//	date: 2024-04-04
//	summary: One sentence for lists and previews.
//	tag: {type: Multilateral Organization, name: NATO}
//	insight: {id: momentum, role: secretary, from: 1997, to: 2024}
//	---
//	The body, in GitHub-flavoured Markdown.
//
// Keys are checked strictly: an unknown or repeated key is an error naming
// the file, the line and the key, because a misspelt override ("tags:")
// would otherwise be dropped without anyone noticing.
//
// The body is rendered with goldmark and then always passed through a
// bluemonday allow-list (see [Sanitize]). Raw HTML in the Markdown is not
// rendered at all, so the sanitiser is a second wall, not the only one.
//
// A body is bounded twice: in what it may say (1 MiB, lines of 8 KiB with
// at most 128 links, paragraphs of 64 KiB, quotes 8 deep) and in what it may render to (tables
// of 64 columns and 10,000 cells in all, elements 32 deep, 2 MiB of HTML).
// Beyond a bound Parse refuses the file with an error naming the bound,
// because a short file can ask for a huge page: GFM pads table rows to the
// header's width, and one reference can be used a hundred thousand times.
package content
