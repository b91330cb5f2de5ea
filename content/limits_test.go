package content

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

const testFrontMatter = "---\ntitle: T\ndate: 2024-01-02\n---\n" // the body starts on line 5

// fillFile repeats block up to just under MaxFileSize, after head.
func fillFile(head, block string) string {
	n := (MaxFileSize - len(testFrontMatter) - len(head) - 100) / len(block)
	return testFrontMatter + head + strings.Repeat(block, n)
}

// table is a Markdown table with cols columns, the header and delimiter
// rows and then rows, each as written.
func table(cols int, rows ...string) string {
	return strings.Repeat("|a", cols) + "|\n" + strings.Repeat("|-", cols) + "|\n" + strings.Join(rows, "")
}

// hostile are the worst bodies found for each limit: each either renders
// within maxHTMLBytes or is refused with an error naming the limit and the
// line. They are the benchmark's inputs too.
var hostile = []struct {
	name, src string
	wantErr   string // "" when the file must be accepted
}{
	{
		// The review's case: 19 KB, 4,000 columns, short rows padded to
		// the full width. Before the limits: 40 MB of HTML in 9 s.
		name:    "wide table",
		src:     testFrontMatter + table(4000, strings.Repeat("|x\n", 1000)),
		wantErr: "a.md:6: table has 4000 columns; the limit is 64",
	},
	{
		name:    "wide table in a quote",
		src:     testFrontMatter + "> " + strings.Repeat("|a", 100) + "|\n> " + strings.Repeat("| :-: ", 100) + "\n",
		wantErr: "a.md:6: table has 100 columns; the limit is 64",
	},
	{
		// One row more than fits: 64 × 157 = 10,048 cells.
		name:    "padded rows",
		src:     testFrontMatter + table(64, strings.Repeat("|\n", 156)),
		wantErr: "a.md:162: tables hold more than 10000 cells in all",
	},
	{
		name:    "many tables",
		src:     testFrontMatter + strings.Repeat(table(50, strings.Repeat("|x\n", 49))+"\n", 5),
		wantErr: "a.md:214: tables hold more than 10000 cells in all",
	},
	{
		// The largest table allowed, then the rest of the file as text.
		name: "widest table allowed",
		src:  fillFile(table(64, strings.Repeat("|\n", 155))+"\n", strings.Repeat("word ", 200)+"\n\n"),
	},
	{
		// One 8 KiB reference used 300,000 times. Before the limits: 1.2 GB
		// of HTML in 40 s. The render stops in the first paragraph, on its
		// second line.
		name:    "reference expansion",
		src:     fillFile("[a]: https://example.org/"+strings.Repeat("x", 8000)+"\n\n", strings.Repeat(strings.Repeat("[a] ", 250)+"\n", 60)+"\n"),
		wantErr: "a.md:8: renders to more than 2 MiB of HTML, the limit on an article",
	},
	{
		// Every "www.a.co" becomes a link with rel and target: 1 MiB of
		// them is over 6 MiB of HTML.
		name:    "linkify expansion",
		src:     fillFile("", strings.Repeat("www.a.co ", 500)+"\n\n"),
		wantErr: "renders to more than 2 MiB of HTML, the limit on an article",
	},
	{
		name:    "deep lists",
		src:     testFrontMatter + "ok\n\n" + strings.Repeat("- ", 40) + "x\n",
		wantErr: "a.md:7: nested more than 32 levels deep",
	},
	{
		name:    "deep emphasis",
		src:     testFrontMatter + strings.Repeat("*a ", 40) + "x" + strings.Repeat(" a*", 40) + "\n",
		wantErr: "a.md:5: nested more than 32 levels deep",
	},
	{
		// Lists as deep as allowed, then prose. (Deep lists on every line
		// render to 17 times their size, and are refused for that.)
		name: "deep lists allowed",
		src:  fillFile(strings.Repeat(strings.Repeat("- ", 15)+"x\n", 1000)+"\n", strings.Repeat("word ", 200)+"\n\n"),
	},
	{
		// goldmark scans from each "](" to the line's next space: a line of
		// unclosed links is quadratic in its length, and a file of them
		// took 3.3 s. Refused by the count of links on the line.
		name:    "unclosed links",
		src:     fillFile("", strings.Repeat(strings.Repeat("[a](", maxLineLen/4)+"\n", 7)+"\n"),
		wantErr: "a.md:5: line has more than 128 links",
	},
	{
		// As many unclosed links as a line may hold, each scanning the
		// rest of an 8 KiB line with no space in it.
		name: "unclosed links allowed",
		src:  fillFile("", strings.Repeat(strings.Repeat("[a](", maxLinksPerLine)+strings.Repeat("x", maxLineLen-4*maxLinksPerLine)+"\n", 7)+"\n"),
	},
	{
		name: "pointy unclosed links allowed",
		src:  fillFile("", strings.Repeat(strings.Repeat("[a](<", maxLinksPerLine)+strings.Repeat("x ", (maxLineLen-5*maxLinksPerLine)/2)+"\n", 7)+"\n"),
	},
	{
		// The slowest of the other patterns tried ("[", "[^", "*a", "<a ",
		// "~~a", "[a]", "a<b>c", ... filling every line).
		name: "open brackets",
		src:  fillFile("", strings.Repeat(strings.Repeat("[^", maxLineLen/2)+"\n", 7)+"\n"),
	},
	{
		name: "prose",
		src:  fillFile("", strings.Repeat("Diplomacy is the art of letting someone else have your way. ", 100)+"\n\n"),
	},
}

func TestParseHostile(t *testing.T) {
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.src) > MaxFileSize {
				t.Fatalf("input is %d bytes, over MaxFileSize: it would test nothing", len(tt.src))
			}
			a, err := Parse("a.md", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(a.HTML) > maxHTMLBytes {
				t.Errorf("HTML is %d bytes, over %d", len(a.HTML), maxHTMLBytes)
			}
			if len(a.HTML) < len(tt.src)/2 {
				t.Errorf("HTML is %d bytes for %d of Markdown: the body was not rendered", len(a.HTML), len(tt.src))
			}
		})
	}
}

// TestCheckBodyRefusesTablesUnparsed proves the cheap scan is what refuses
// a wide or long table: goldmark never sees it, so never builds the cells.
func TestCheckBodyRefusesTablesUnparsed(t *testing.T) {
	tests := []struct{ body, wantErr string }{
		{table(65, "|x\n"), "table has 65 columns"},
		{"x\n" + strings.Repeat("|-", 65), "table has 65 columns"},
		{table(64, strings.Repeat("|x\n", 200)), "more than 10000 cells"},
	}
	for _, tt := range tests {
		err := checkBody([]byte(tt.body), 1)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("checkBody(%.30q…) = %v, want %q", tt.body, err, tt.wantErr)
		}
	}
	// Not tables: a delimiter row needs a header line above it, and a
	// thematic break or list is no delimiter row.
	for _, body := range []string{
		"\n" + strings.Repeat("|-", 65) + "|\n",
		"text\n" + strings.Repeat("-", 400) + "\n",
		"text\n\n" + strings.Repeat("- a\n", 10000),
		table(64, strings.Repeat("|x\n", 155)),
	} {
		if err := checkBody([]byte(body), 1); err != nil {
			t.Errorf("checkBody(%.30q…) = %v, want nil", body, err)
		}
	}
}

// TestRenderChecksParsedTables holds the second wall: render, given what
// checkBody would refuse, still refuses it from the parsed tree.
func TestRenderChecksParsedTables(t *testing.T) {
	tests := []struct {
		md       string
		wantLine int
		wantErr  string
	}{
		{"x\n\n" + table(65, "|x\n"), 3, "table has 65 columns; the limit is 64"},
		{table(64, strings.Repeat("|\n", 156)), 158, "tables hold more than 10000 cells"},
	}
	for _, tt := range tests {
		_, err := render([]byte(tt.md), 1)
		var le *lineError
		if !errors.As(err, &le) || le.line != tt.wantLine || !strings.Contains(le.msg, tt.wantErr) {
			t.Errorf("render: err = %v, want line %d: %q", err, tt.wantLine, tt.wantErr)
		}
	}
}

// TestCappedBuffer: the render's buffer never holds more than its limit,
// whatever is written to it, and says that more came.
func TestCappedBuffer(t *testing.T) {
	c := &cappedBuffer{limit: 10}
	c.WriteString("12345")
	c.WriteByte('6')
	c.WriteRune('é')
	if c.full || c.Len() != 8 {
		t.Fatalf("under the limit: full=%v len=%d", c.full, c.Len())
	}
	c.Write([]byte("abc"))
	c.WriteByte('x') // would fit, but the output is already cut
	if !c.full || c.Len() != 8 {
		t.Errorf("over the limit: full=%v len=%d, want true 8", c.full, c.Len())
	}
}

// TestRenderStopsAtTheCap: once the output is full the walk stops at the
// next node, rather than escaping every remaining link for nothing.
func TestRenderStopsAtTheCap(t *testing.T) {
	md := "[a]: https://example.org/" + strings.Repeat("x", 8000) + "\n\n" +
		strings.Repeat("[a] ", 300) + "\n\nlast paragraph\n"
	out := &cappedBuffer{limit: 100 << 10}
	err := markdown.Renderer().Render(out, []byte(md), markdown.Parser().Parse(text.NewReader([]byte(md))))
	full, ok := err.(*htmlFullError)
	if !ok {
		t.Fatalf("err = %v, want *htmlFullError", err)
	}
	if line := nodeLine(full.at, []byte(md), 1); line != 3 {
		t.Errorf("stopped on line %d, want 3: the first node past the cap", line)
	}
	if out.Len() > 100<<10 {
		t.Errorf("buffer holds %d bytes, over its cap", out.Len())
	}
}

func BenchmarkParseHostile(b *testing.B) {
	for _, tt := range hostile {
		b.Run(strings.ReplaceAll(tt.name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.src)))
			for b.Loop() {
				Parse("a.md", []byte(tt.src))
			}
		})
	}
}

func ExampleParse_limits() {
	_, err := Parse("wide.md", []byte(testFrontMatter+table(100, "|x|y|\n")))
	fmt.Println(err)
	// Output: content wide.md:6: table has 100 columns; the limit is 64
}
