package content

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlugLen keeps URLs readable; slugs are cut at a hyphen below it.
const maxSlugLen = 80

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is already a slug: lowercase ASCII letters and
// digits in hyphen-separated runs, no longer than 80 bytes.
func ValidSlug(s string) bool {
	return len(s) <= maxSlugLen && slugPattern.MatchString(s)
}

// letters that Unicode decomposition does not reduce to ASCII.
var translit = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th",
	'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
}

// Slugify turns a title or file name into a slug: accents are dropped
// (é→e, ł→l, ß→ss), letters are lowercased, and every other run of
// characters becomes one hyphen. Scripts without an ASCII form vanish, so
// the result may be empty; callers then need another source.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent left over from NFD
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			writeSlugPart(&b, &hyphen, string(unicode.ToLower(r)))
		case translit[r] != "":
			writeSlugPart(&b, &hyphen, translit[r])
		case r == '\'' || r == '’':
			// "Poland's" reads better as "polands" than "poland-s".
		default:
			hyphen = b.Len() > 0
		}
	}
	return truncateSlug(b.String())
}

func writeSlugPart(b *strings.Builder, hyphen *bool, s string) {
	if *hyphen {
		b.WriteByte('-')
		*hyphen = false
	}
	b.WriteString(s)
}

func truncateSlug(s string) string {
	if len(s) <= maxSlugLen {
		return s
	}
	s = s[:maxSlugLen]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}
