package content

import "bytes"

// Limits on the Markdown body. goldmark takes time quadratic in the length
// of a paragraph for some inputs (a long run of unclosed "[a](" links) and in
// blockquote depth ("> > > …"); a 1 MiB file built that way takes minutes.
// No article needs more than these, and with them the worst 1 MiB file
// renders in about a second (TestParseHostileBodyTime).
const (
	maxLineLen    = 8 << 10
	maxBlockLen   = 64 << 10 // a run of lines with no blank line between
	maxQuoteDepth = 8
)

// checkBody enforces the limits; firstLine is the file line body starts on.
func checkBody(body []byte, firstLine int) error {
	block, blockLine := 0, firstLine
	for n := firstLine; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		if len(line) > maxLineLen {
			return errAt(n, "line is longer than %d KiB; break it into paragraphs", maxLineLen>>10)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			block, blockLine = 0, n+1
		} else if block += len(line) + 1; block > maxBlockLen {
			return errAt(blockLine, "paragraph is longer than %d KiB; break it up with blank lines", maxBlockLen>>10)
		}
		if quoteDepth(line) > maxQuoteDepth {
			return errAt(n, "blockquotes nested deeper than %d levels", maxQuoteDepth)
		}
		body = rest
	}
	return nil
}

// quoteDepth counts the ">" markers opening a line.
func quoteDepth(line []byte) int {
	depth := 0
	for _, c := range line {
		switch c {
		case '>':
			depth++
		case ' ', '\t':
		default:
			return depth
		}
	}
	return depth
}
