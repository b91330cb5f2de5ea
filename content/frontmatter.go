package content

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the decoded header. Scalars keep their line so that a bad
// value (a date, an image URL) can be reported where the editor wrote it.
type frontMatter struct {
	Title, Date, Slug, Summary, Image, ImageAlt, Caption scalar

	Tag     *shuttle.Tag
	Quote   *shuttle.Quote
	Insight *shuttle.InsightRef
}

type scalar struct {
	Value string
	Line  int
}

// splitFrontMatter separates the YAML between the opening and the closing
// "---" line from the Markdown body. src has LF line endings; the YAML starts
// on line 2 of the file.
func splitFrontMatter(src []byte) (yml, body []byte, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isFence(first, false) {
		return nil, nil, errAt(1, "no front matter: the file must start with a line \"---\"")
	}
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest)
		if end >= 0 {
			next = off + end + 1
		}
		if isFence(bytes.TrimSuffix(rest[off:next], []byte("\n")), true) {
			return rest[:off], rest[next:], nil
		}
		off = next
	}
	return nil, nil, errAt(1, "front matter is not closed: no line \"---\" after this one")
}

// isFence accepts trailing blanks because editors leave them invisible.
func isFence(line []byte, closing bool) bool {
	s := strings.TrimRight(string(line), " \t")
	return s == "---" || (closing && s == "...")
}

// yamlLine finds the line in yaml.v3's syntax errors ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeFrontMatter parses yml, which begins on file line offset+1. It walks
// the node tree rather than unmarshalling into a struct: every unknown,
// repeated or mistyped key, nested ones included, is then reported with its
// own line; only syntax errors come from yaml.v3 itself.
func decodeFrontMatter(yml []byte, offset int) (*frontMatter, error) {
	var doc yaml.Node
	err := yaml.NewDecoder(bytes.NewReader(yml)).Decode(&doc)
	switch {
	case errors.Is(err, io.EOF):
		return &frontMatter{}, nil // empty front matter: required keys will say what is missing
	case err != nil:
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, errAt(n+offset, "front matter: %s", m[2])
		}
		return nil, errAt(offset+1, "front matter: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	fm := &frontMatter{}
	if len(doc.Content) == 0 {
		return fm, nil
	}
	w := walker{offset: offset}
	root := deref(doc.Content[0])
	if isNull(root) {
		return fm, nil
	}
	return fm, w.decodeRoot(root, fm)
}

// walker reads a front matter node tree, translating node lines to file lines.
type walker struct{ offset int }

func (w walker) err(n *yaml.Node, format string, args ...any) error {
	return errAt(n.Line+w.offset, format, args...)
}

func (w walker) decodeRoot(root *yaml.Node, fm *frontMatter) error {
	scalars := map[string]*scalar{
		"title": &fm.Title, "date": &fm.Date, "slug": &fm.Slug, "summary": &fm.Summary,
		"image": &fm.Image, "image_alt": &fm.ImageAlt, "caption": &fm.Caption,
	}
	return w.eachPair(root, "front matter", func(k, v *yaml.Node) error {
		if s, ok := scalars[k.Value]; ok {
			return w.scalar(k.Value, v, s)
		}
		var err error
		switch k.Value {
		case "tag":
			fm.Tag, err = w.tag(v)
		case "quote":
			fm.Quote, err = w.quote(v)
		case "insight":
			fm.Insight, err = w.insight(v)
		default:
			err = w.err(k, "unknown key %q", k.Value)
		}
		return err
	})
}

// eachPair calls fn for each key of a mapping, refusing repeated and
// non-scalar keys.
func (w walker) eachPair(m *yaml.Node, what string, fn func(k, v *yaml.Node) error) error {
	if m.Kind != yaml.MappingNode {
		return w.err(m, "%s must be \"key: value\" lines", what)
	}
	seen := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := deref(m.Content[i]), deref(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return w.err(k, "%s: a key must be a plain word", what)
		}
		if first, dup := seen[k.Value]; dup {
			return w.err(k, "key %q repeated (first on line %d)", k.Value, first+w.offset)
		}
		seen[k.Value] = k.Line
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (w walker) scalar(key string, v *yaml.Node, dst *scalar) error {
	if v.Kind != yaml.ScalarNode {
		return w.err(v, "%s must be a single value, not a list or mapping", key)
	}
	dst.Line = v.Line + w.offset
	if !isNull(v) {
		dst.Value = strings.TrimSpace(v.Value)
	}
	return nil
}

// fields decodes a mapping of scalars restricted to the given keys.
func (w walker) fields(key string, v *yaml.Node, keys ...string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	err := w.eachPair(v, key, func(k, val *yaml.Node) error {
		if !slices.Contains(keys, k.Value) {
			return w.err(k, "unknown key %q in %s (allowed: %s)", k.Value, key, strings.Join(keys, ", "))
		}
		var s scalar
		if err := w.scalar(key+"."+k.Value, val, &s); err != nil {
			return err
		}
		out[k.Value] = s.Value
		return nil
	})
	return out, err
}

func (w walker) tag(v *yaml.Node) (*shuttle.Tag, error) {
	if isNull(v) {
		return nil, nil
	}
	f, err := w.fields("tag", v, "type", "name")
	if err != nil {
		return nil, err
	}
	if f["type"] == "" || f["name"] == "" {
		return nil, w.err(v, "tag needs both type and name, e.g. {type: Multilateral Organization, name: NATO}")
	}
	return &shuttle.Tag{Type: f["type"], Name: f["name"]}, nil
}

func (w walker) quote(v *yaml.Node) (*shuttle.Quote, error) {
	if isNull(v) {
		return nil, nil
	}
	f, err := w.fields("quote", v, "text", "speaker", "title")
	if err != nil {
		return nil, err
	}
	if f["text"] == "" || f["speaker"] == "" {
		return nil, w.err(v, "quote needs text and speaker")
	}
	return &shuttle.Quote{Text: f["text"], Speaker: f["speaker"], Title: f["title"]}, nil
}

// insight takes an id plus any scalar parameters; which parameters an
// insight understands is the insight engine's business, not the parser's.
func (w walker) insight(v *yaml.Node) (*shuttle.InsightRef, error) {
	if isNull(v) {
		return nil, nil
	}
	ref := &shuttle.InsightRef{}
	err := w.eachPair(v, "insight", func(k, val *yaml.Node) error {
		var s scalar
		if err := w.scalar("insight."+k.Value, val, &s); err != nil {
			return err
		}
		if k.Value == "id" {
			ref.ID = s.Value
			return nil
		}
		if ref.Params == nil {
			ref.Params = make(map[string]string)
		}
		ref.Params[k.Value] = s.Value
		return nil
	})
	if err != nil {
		return nil, err
	}
	if ref.ID == "" {
		return nil, w.err(v, "insight needs an id, e.g. {id: momentum, role: secretary}")
	}
	return ref, nil
}

// deref follows an alias so that "*anchor" values are read like the node
// they point at. Aliases are not expanded recursively, so an alias bomb
// costs nothing here.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}
