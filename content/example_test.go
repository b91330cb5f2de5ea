package content_test

import (
	"fmt"

	"github.com/shuttlenews/shuttle/content"
)

func ExampleParse() {
	src := []byte(`---
title: Allies meet in Brussels
date: 2024-04-04
tag: {type: Multilateral Organization, name: NATO}
insight: {id: momentum, role: secretary, from: 1997, to: 2024}
---
Ministers met at [NATO](https://www.nato.int/) headquarters.
`)
	a, err := content.Parse("allies-meet.md", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Slug, a.Date, a.Tag.Name, a.Insight.ID, a.Insight.Params["from"])
	fmt.Print(a.HTML)

	_, err = content.Parse("typo.md", []byte("---\ntitle: T\ndate: 2024-04-04\ntags: NATO\n---\n"))
	fmt.Println(err)
	// Output:
	// allies-meet 2024-04-04 NATO momentum 1997
	// <p>Ministers met at <a href="https://www.nato.int/" rel="nofollow noopener" target="_blank">NATO</a> headquarters.</p>
	// content typo.md:4: unknown key "tags"
}
