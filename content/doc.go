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
package content
