package editor

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/shuttlenews/shuttle"
)

// markdownSource writes a stored article back as Markdown with front matter,
// for the edit form. The store keeps fields, not the file, so the front
// matter is rebuilt. Tag, quote and insight are written only when they are
// editor overrides: a value enrichment would compute anyway is left out, so
// that saving the form does not freeze today's enrichment into an override.
// (An override equal to what enrichment gives is dropped too, and comes back
// unchanged on save.)
func markdownSource(a shuttle.Article, enrich func(*shuttle.Article)) (string, error) {
	tag, quote, insight := a.Tag != nil, a.Quote != nil, a.Insight != nil
	if enrich != nil {
		probe := a
		probe.Tag, probe.Quote, probe.Insight, probe.Countries = nil, nil, nil, nil
		enrich(&probe)
		tag = tag && !reflect.DeepEqual(a.Tag, probe.Tag)
		quote = quote && !reflect.DeepEqual(a.Quote, probe.Quote)
		insight = insight && !reflect.DeepEqual(a.Insight, probe.Insight)
	}
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) { fm.Content = append(fm.Content, str(key), v) }
	add("title", str(a.Title))
	add("date", str(a.Date.String()))
	add("slug", str(a.Slug))
	for _, f := range []struct{ key, value string }{
		{"summary", a.Summary}, {"image", a.Image}, {"image_alt", a.ImageAlt}, {"caption", a.Caption},
	} {
		if f.value != "" {
			add(f.key, str(f.value))
		}
	}
	if tag {
		add("tag", flow("type", a.Tag.Type, "name", a.Tag.Name))
	}
	if quote {
		kv := []string{"text", a.Quote.Text, "speaker", a.Quote.Speaker}
		if a.Quote.Title != "" {
			kv = append(kv, "title", a.Quote.Title)
		}
		add("quote", flow(kv...))
	}
	if insight {
		add("insight", flow(insightPairs(a.Insight)...))
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return "", fmt.Errorf("front matter of %s: %w", a.Slug, err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("front matter of %s: %w", a.Slug, err)
	}
	b.WriteString("---\n")
	b.WriteString(a.Body)
	return b.String(), nil
}

// insightPairs is id first, then the parameters in a stable order.
func insightPairs(in *shuttle.InsightRef) []string {
	kv := []string{"id", in.ID}
	keys := make([]string, 0, len(in.Params))
	for k := range in.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		kv = append(kv, k, in.Params[k])
	}
	return kv
}

// str is a string scalar. The !!str tag makes the encoder quote values that
// YAML would otherwise read as something else (yes, 2024, null).
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// flow is a one-line mapping ({type: …, name: …}), as editors write them.
func flow(kv ...string) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for i := 0; i+1 < len(kv); i += 2 {
		v := str(kv[i+1])
		v.Style = 0 // a literal block cannot sit inside a flow mapping
		if strings.Contains(kv[i+1], "\n") {
			v.Style = yaml.DoubleQuotedStyle
		}
		m.Content = append(m.Content, str(kv[i]), v)
	}
	return m
}
