// Package archtest holds the import rules of DESIGN.md as a test, so that a
// layering mistake fails CI instead of creeping in.
package archtest

import (
	"testing"
)

// Names used in the table below.
const (
	domain     = "." // the root package, shuttle
	everything = "*" // any package of the module; only for programs (package main)
)

// allowed is DESIGN.md's "may import (of ours)" column as an allowlist: every
// package directory of the module (a directory with non-test .go files) has a
// row, and its non-test files may import exactly the module packages listed
// there. An unlisted package fails the test, and so does a row whose
// directory has no package any more, so the table cannot drift from the tree.
//
// Adding or removing a package is a one-line edit here, made in the same
// change as the package.
//
// Test files are not checked: a test may import what it needs to check the
// package against (the real data through internal/shared, the gazetteer's
// tables), since nothing else links it.
var allowed = map[string][]string{
	domain:      nil, // standard library only
	"hsg":       {domain},
	"gazetteer": {domain},
	"ingest":    {domain, "hsg", "gazetteer"},
	"insight":   {domain},
	"history":   {domain}, // pure: the records' answers about a reported visit
	"snapshot":  {domain, "insight"},
	"enrich":    {domain, "gazetteer", "insight"},
	"content":   {domain},
	"feed":      {domain, "content"},
	"sqlite":    {domain},
	"postgres":  {domain},
	"storetest": {domain},
	"auth":      {domain},
	"editor":    {domain, "auth", "content", "enrich", "internal/httpapi"},
	"api":       {domain, "insight", "snapshot", "internal/httpapi"},
	"web":       {domain, "insight", "snapshot"},
	"metrics":   {domain},

	// Programs: nothing can import a main package, so what they import
	// cannot tangle the layers; cmd/shuttle is where things are wired.
	"cmd/shuttle":            {everything},
	"cmd/gensynth":           {everything},
	"bench/compromise/score": {everything},
	"bench/baseline":         {"internal/wire"}, // bare net/http beside shuttle in bench/site.sh
	"web/tools/mapcodes":     {"gazetteer"},     // the map's codes from the gazetteer, at go generate time

	// internal/… may import what they test; each lists what it needs today.
	"internal/pgtest": nil,
	"internal/shared": {"ingest"}, // downloads the pinned records with the ingest's Fetcher
	"internal/synth":  {domain},
	"internal/xss":    nil,
	"internal/wire":   nil,
	// The API's conventions (envelope, query parser, ETags), shared by api
	// and the editor's API routes, which may not import each other.
	"internal/httpapi": {domain},
}

func TestImportRules(t *testing.T) {
	violations, err := check("../..", allowed)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Error(v)
	}
}
