package content

import "bytes"

// Limits on the Markdown body. goldmark takes time quadratic in the length
// of a paragraph for some inputs (a long run of unclosed "[a](" links) and in
// blockquote depth ("> > > …"); a 1 MiB file built that way takes minutes.
// No article needs more than these, and with them the worst 1 MiB file
// renders in about a second (BenchmarkParseHostile; TestParseHostile checks
// the bounds that make it so). The work is bounded by counting, not timing:
// lengths, depths and link openers here, cells and HTML bytes in render.
const (
	maxLineLen    = 8 << 10
	maxBlockLen   = 64 << 10 // a run of lines with no blank line between
	maxQuoteDepth = 8
	// maxLinksPerLine bounds the "](" that open a link destination: goldmark
	// scans each to the next space or the end of its line, so a line of
	// 2,000 unclosed "[a](" is 2,000 scans of up to 8 KiB, and a file of them
	// took 3.3 s; with at most this many a line, under half a second.
	maxLinksPerLine = 128
)

// Limits on what a body may render to. The input limits above bound the
// parse, not the output: GFM pads every table row to the delimiter row's
// width, so a 4,000-column table in a 19 KB file rendered 40 MB in 9 s, and
// one reference definition with an 8 KiB URL, used 300,000 times, rendered
// 1.2 GB in 40 s. Each page request then sends it all again.
const (
	maxTableColumns = 64     // wider than any screen; a table that wide is data, not prose
	maxTableCells   = 10_000 // in all the tables of one article
	maxNesting      = 32     // elements inside elements: lists, quotes, emphasis, links
	maxHTMLBytes    = 2 << 20
)

// checkBody enforces the limits that can be read off the text; firstLine is
// the file line body starts on. It runs before goldmark, so that a hostile
// body is refused before the parser builds a node for every cell.
func checkBody(body []byte, firstLine int) error {
	block, blockLine := 0, firstLine
	var t tableScan
	for n := firstLine; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		if len(line) > maxLineLen {
			return errAt(n, "line is longer than %d KiB; break it into paragraphs", maxLineLen>>10)
		}
		blank := len(bytes.TrimSpace(line)) == 0
		if blank {
			block, blockLine = 0, n+1
		} else if block += len(line) + 1; block > maxBlockLen {
			return errAt(blockLine, "paragraph is longer than %d KiB; break it up with blank lines", maxBlockLen>>10)
		}
		if quoteDepth(line) > maxQuoteDepth {
			return errAt(n, "blockquotes nested deeper than %d levels", maxQuoteDepth)
		}
		if bytes.Count(line, []byte("](")) > maxLinksPerLine {
			return errAt(n, "line has more than %d links; break it into paragraphs", maxLinksPerLine)
		}
		if err := t.line(line, n, block == len(line)+1); err != nil {
			return err
		}
		body = rest
	}
	return nil
}

// tableScan counts table cells the way GFM makes them: a delimiter row
// ("|---|:-:|") under a header line opens a table of its width, and every
// following line up to a blank one is a row padded to that width. It is
// conservative: it may take a code block's lines for a table, never the
// other way round, and render checks the parsed tables exactly.
type tableScan struct {
	cols  int // of the open table; 0 outside one
	cells int // in all the tables so far
}

// line takes one line; first says whether it starts a block (no non-blank
// line above it), when it cannot be a delimiter row.
func (t *tableScan) line(line []byte, n int, first bool) error {
	content := bytes.TrimLeft(line, "> \t")
	if len(bytes.TrimSpace(content)) == 0 {
		t.cols = 0
		return nil
	}
	rowCols := t.cols
	if t.cols == 0 {
		if first || !isDelimiterRow(content) {
			return nil
		}
		t.cols = delimiterColumns(content)
		if t.cols > maxTableColumns {
			return errAt(n, "table has %d columns; the limit is %d", t.cols, maxTableColumns)
		}
		rowCols = t.cols // the header row above it; the delimiter renders nothing
	}
	if t.cells += rowCols; t.cells > maxTableCells {
		return errAt(n, "tables hold more than %d cells in all; the limit is %d (rows are padded to the header's width)", maxTableCells, maxTableCells)
	}
	return nil
}

// isDelimiterRow is goldmark's test for a table's delimiter row (only
// spaces, '-', '|' and ':', not all '-'), leading indentation aside.
func isDelimiterRow(s []byte) bool {
	allDash := true
	for _, c := range s {
		switch c {
		case '-':
		case ' ', '\t', '\r', '|', ':':
			allDash = false
		default:
			return false
		}
	}
	return !allDash
}

// delimiterColumns counts the cells of a delimiter row as goldmark splits
// it: on '|', less a blank first and last.
func delimiterColumns(s []byte) int {
	cols := bytes.Split(s, []byte("|"))
	if len(bytes.TrimSpace(cols[0])) == 0 {
		cols = cols[1:]
	}
	if len(cols) > 0 && len(bytes.TrimSpace(cols[len(cols)-1])) == 0 {
		cols = cols[:len(cols)-1]
	}
	return len(cols)
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
