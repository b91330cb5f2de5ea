package ingest

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// isCurrent reports whether r is an assigned ISO 3166-1 code today. CLDR
// names every assigned code and drops withdrawn ones (AN, YU, CS), which is
// the distinction x/text does not expose directly.
func isCurrent(r language.Region) bool {
	return display.English.Regions().Name(r) != "" && r.String() != "ZZ"
}
