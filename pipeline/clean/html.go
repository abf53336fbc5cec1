package clean

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/internal/htmlscan"
	"github.com/dossier-news/dossier/pipeline"
)

// HTML builds a clean Document from an HTML page. source is the file name
// or URL, stored in Meta.Source and used to resolve the outlet. The page
// is read by go-trafilatura, whose metadata (title, author, date, site
// name, description, categories, language) is kept; its text then gets
// the same cleanup as a text scrape.
//
// The page is parsed once, as a browser would: nested deeper than
// golang.org/x/net/html allows, its deepest tags are dropped and their
// text kept. Its size is the caller's to bound (package ingest bounds
// bytes, blocks and links): trafilatura's cost grows with the tree and it
// cannot be stopped midway. A page still larger than the Cleaner's
// bounded threshold once scripts, styles and menus are dropped (see
// WithBoundedAbove) is streamed into lines and cleaned as a text scrape
// instead, so that its peak memory stays a small multiple of its size.
func (c *Cleaner) HTML(ctx context.Context, page, source string) (*pipeline.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(page) == "" {
		return nil, pipeline.ErrEmpty
	}
	page = stripPage(page)
	if len(page) > c.boundedLimit() {
		// go-trafilatura's copies of the tree would cost 50× and more.
		return c.htmlBounded(ctx, page, source)
	}
	root, err := parseHTML(page)
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pageFacts := scanPage(root)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts := trafilatura.Options{
		EnableFallback:  false,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := url.Parse(source); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		opts.OriginalURL = u
	}
	// trafilatura changes the tree it reads; scanPage is done with it.
	res, err := trafilatura.ExtractDocument(root, opts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err != nil || res == nil || res.ContentNode == nil {
		return nil, pipeline.ErrNoBody
	}
	a := article{meta: metaFromHTML(res.Metadata, pageFacts, source)}
	if runeLen(a.meta.Title) > maxTitle {
		a.meta.Title = "" // an unclosed tag ran the body into it; the h1 will do
	}
	items := htmlItems(res.ContentNode)
	items = restoreHeadings(items, pageFacts.blocks)
	pageFacts.header = readHeaderZone(pageFacts.blocks, items, a.meta.Title)
	completeMeta(&a.meta, pageFacts, res.Metadata)
	items, err = cleanHTMLItems(ctx, items, &a.meta)
	if err != nil {
		return nil, err
	}
	items = trimTrailing(items, false)
	if lead := pageFacts.header.standfirst; lead != "" && pageFacts.header.leadUnderTitle {
		// The lead under the title is article text, though extractors
		// often skip it as a teaser; dedupe drops it if the body has it.
		items = append([]bodyItem{{kind: itemParagraph, text: lead}}, items...)
		if a.meta.Standfirst == lead {
			a.meta.Standfirst = ""
		}
	}
	if items, err = dedupe(ctx, items, a.meta.Title); err != nil {
		return nil, err
	}
	if sf := a.meta.Standfirst; sf != "" {
		for _, it := range items {
			if strings.Contains(dupKey(it.text), dupKey(sf)) {
				a.meta.Standfirst = "" // the body has it already
				break
			}
		}
	}
	a.blocks = toBlocks(items)
	if !hasProse(a.blocks) {
		return nil, pipeline.ErrNoBody
	}
	return c.finish(ctx, a)
}

// parseHTML parses page; one nested past the parser's limit is parsed
// again with its deepest tags dropped, and then, should the parser's own
// additions (tbody, reopened formatting elements) still take it past,
// with only the tags that cannot nest.
func parseHTML(page string) (*html.Node, error) {
	root, err := html.Parse(strings.NewReader(page))
	if err == nil || !strings.Contains(err.Error(), "open stack of elements") {
		return root, err
	}
	for _, depth := range []int{htmlscan.FlattenDepth, 0} {
		flat, _ := htmlscan.Flatten(page, depth)
		if root, err = html.Parse(strings.NewReader(flat)); err == nil {
			return root, nil
		}
	}
	return nil, err
}

// pageFacts are what the page states outside trafilatura's reach: the
// exact publication time, a reading time, a byline, and the page's own
// blocks, from which the header trafilatura leaves out is read.
type pageFacts struct {
	published *pipeline.Date // from a meta tag
	linked    *pipeline.Date // from JSON-LD
	timeTag   *pipeline.Date // the first <time datetime> after the h1
	minutes   int
	authors   []string
	blocks    []bodyItem
	header    zoneFacts
}

// publishedMeta are the meta properties that carry a publication time.
var publishedMeta = map[string]bool{
	"article:published_time": true, "og:article:published_time": true, "datepublished": true,
	"pubdate": true, "publishdate": true, "date": true, "dc.date": true, "dc.date.issued": true,
	"sailthru.date": true, "parsely-pub-date": true,
}

func scanPage(root *html.Node) pageFacts {
	var f pageFacts
	h1Seen := false
	var firstTime *pipeline.Date
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil && f.linked == nil {
					f.linked = linkedDataDate(n.FirstChild.Data)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Body:
				f.blocks = htmlItems(n)
			case atom.H1:
				h1Seen = true
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				if publishedMeta[key] && f.published == nil {
					if d, ok := ParseDate(attr(n, "content")); ok {
						f.published = d
					}
				}
			case atom.Time:
				d, ok := ParseDate(attr(n, "datetime"))
				switch {
				case !ok:
				case f.published == nil && (attr(n, "itemprop") == "datePublished" || attr(n, "pubdate") != ""):
					f.published = d
				case h1Seen && f.timeTag == nil:
					f.timeTag = d
				case firstTime == nil:
					firstTime = d
				}
			}
		}
		// Bylines and reading times are short: most text nodes are not
		// worth collapsing and lower-casing, and many are the white space
		// between two tags.
		if n.Type == html.TextNode && len(n.Data) <= maxBylineBytes && (f.minutes == 0 || f.authors == nil) && strings.TrimSpace(n.Data) != "" {
			t := collapseSpace(n.Data)
			if m, ok := readingMinutes(t); ok && f.minutes == 0 {
				f.minutes = m
			}
			if names, ok := bylineNames(t); ok && len(names) > 0 && f.authors == nil {
				f.authors = names
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if f.timeTag == nil {
		f.timeTag = firstTime
	}
	return f
}

// maxBylineBytes bounds the text nodes read as bylines: splitNames takes
// at most 80 characters of names after a prefix.
const maxBylineBytes = 400

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func metaFromHTML(md trafilatura.Metadata, f pageFacts, source string) pipeline.Meta {
	m := pipeline.Meta{
		Title:       collapseSpace(md.Title),
		Standfirst:  collapseSpace(md.Description),
		Source:      source,
		ReadingTime: f.minutes,
		Outlet:      collapseSpace(md.Sitename),
	}
	for _, a := range strings.Split(md.Author, ";") {
		if a = strings.TrimSpace(a); a != "" {
			m.Authors = append(m.Authors, a)
		}
	}
	if m.Authors == nil {
		m.Authors = f.authors
	}
	if len(md.Categories) > 0 {
		m.Section = collapseSpace(md.Categories[0])
	}
	if lang := strings.ToLower(md.Language); lang != "" {
		base, _, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
		m.Language = base
	}
	if m.Outlet == "" {
		host := md.Hostname
		if host == "" {
			host = outletFromSource(source)
		}
		m.Outlet = strings.TrimPrefix(host, "www.")
	}
	return m
}

// htmlItems reads trafilatura's content tree into body items.
func htmlItems(root *html.Node) []bodyItem {
	var items []bodyItem
	quotes := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		inHeading := isHeadingAtom(tagOf(n))
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if inHeading {
					continue // taken as the heading
				}
				if t := collapseSpace(c.Data); t != "" {
					items = append(items, bodyItem{kind: itemParagraph, text: t})
				}
				continue
			}
			if c.Type != html.ElementNode {
				continue
			}
			switch tagOf(c) {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				// An unclosed heading swallows the paragraphs after it:
				// its own text is the heading, the rest is body.
				if t := inlineTextOf(c); t != "" {
					items = append(items, bodyItem{kind: itemHeading, text: t, level: headingLevel(tagOf(c))})
				}
				if hasBlockChild(c) {
					walk(c)
				}
			case atom.Blockquote:
				quotes++
				attribution := ""
				var paras []string
				for q := c.FirstChild; q != nil; q = q.NextSibling {
					t := textOf(q)
					if t == "" {
						continue
					}
					if q.Type == html.ElementNode && (tagOf(q) == atom.Cite || tagOf(q) == atom.Footer) {
						attribution = strings.TrimLeft(t, "—–- ")
						continue
					}
					paras = append(paras, t)
				}
				for _, p := range paras {
					items = append(items, bodyItem{kind: itemQuote, text: p, quoteID: quotes, attribution: attribution})
				}
			case atom.Ul, atom.Ol:
				var list []string
				for li := c.FirstChild; li != nil; li = li.NextSibling {
					if t := textOf(li); t != "" {
						list = append(list, t)
					}
				}
				if len(list) > 0 {
					items = append(items, bodyItem{kind: itemList, list: list, ordered: tagOf(c) == atom.Ol, text: strings.Join(list, "\n")})
				}
			case atom.Table:
				for _, row := range tableRows(c) {
					items = append(items, bodyItem{kind: itemParagraph, text: row})
				}
			case atom.P, atom.Pre, atom.Figcaption, atom.Dd, atom.Dt:
				if tagOf(c) == atom.Figcaption {
					continue // captions are not article text
				}
				if t := textOf(c); t != "" {
					items = append(items, bodyItem{kind: itemParagraph, text: t})
				}
			case atom.Figure:
				walk(c)
			default:
				if hasBlockChild(c) {
					walk(c)
				} else if t := textOf(c); t != "" {
					items = append(items, bodyItem{kind: itemParagraph, text: t})
				}
			}
		}
	}
	walk(root)
	return items
}

func isHeadingAtom(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	}
	return 3
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Table: true, atom.Section: true, atom.Article: true,
	atom.Pre: true, atom.Figure: true, atom.Dl: true, atom.Main: true,
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockAtoms[tagOf(c)] {
			return true
		}
	}
	return false
}

// textOf returns the visible text under n, white space collapsed; <br>
// counts as a space.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
		case html.ElementNode:
			switch tagOf(n) {
			case atom.Script, atom.Style, atom.Noscript:
				return
			case atom.Br:
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (blockAtoms[tagOf(n)] || tagOf(n) == atom.Li) {
			sb.WriteByte(' ')
		}
	}
	walk(n)
	return collapseSpace(sb.String())
}

// inlineTextOf returns the text of n outside its block children.
func inlineTextOf(n *html.Node) string {
	var sb strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockAtoms[tagOf(c)] {
			continue
		}
		sb.WriteString(textOf(c))
		sb.WriteByte(' ')
	}
	return collapseSpace(sb.String())
}

func tableRows(t *html.Node) []string {
	var rows []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && tagOf(n) == atom.Tr {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if s := textOf(c); s != "" {
					cells = append(cells, s)
				}
			}
			if len(cells) > 0 {
				rows = append(rows, strings.Join(cells, " | "))
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(t)
	return rows
}

// cleanHTMLItems applies the text cleanup to what trafilatura kept:
// furniture goes, related lists and comments end the article, header
// lines fill in missing metadata.
func cleanHTMLItems(ctx context.Context, items []bodyItem, m *pipeline.Meta) ([]bodyItem, error) {
	var out []bodyItem
	proseChars := 0
	var after []int // the prose from each item on, counted once when first asked
	for i := 0; i < len(items); i++ {
		if err := checkpoint(ctx, i); err != nil {
			return nil, err
		}
		it := items[i]
		l := line{text: it.text, key: normalizeKey(it.text)}
		if it.kind == itemList {
			it.list = keepListItems(it.list)
			if len(it.list) == 0 {
				continue
			}
			it.text = strings.Join(it.list, "\n")
			out = append(out, it)
			continue
		}
		switch {
		case commentMarkers[l.key]:
			if proseChars > 0 {
				return out, nil
			}
			continue
		case isRelatedMarker(l):
			if after == nil && proseChars > 0 {
				after = htmlProseSuffixes(items)
			}
			if proseChars > 0 && after[i+1] < proseChars/2 {
				return out, nil
			}
			for i+1 < len(items) && (items[i+1].kind == itemList || !isProse(items[i+1].text)) {
				i++
			}
			continue
		case isFurniture(l) || isInlineTeaser(l):
			continue
		}
		if it.kind == itemHeading {
			if it.level == 1 || dupKey(it.text) == dupKey(m.Title) {
				if m.Title == "" {
					m.Title = it.text
				}
				continue
			}
			out = append(out, it)
			continue
		}
		if meta, ok := readMeta(it.text); ok && meta.any() {
			if m.Published == nil {
				m.Published = meta.date
			}
			if m.Authors == nil {
				m.Authors = meta.authors
			}
			if m.ReadingTime == 0 {
				m.ReadingTime = meta.minutes
			}
			continue
		}
		if it.kind == itemParagraph && !isProse(it.text) && !isHeadingLike(it.text) {
			continue // a label or caption
		}
		if it.kind == itemParagraph && !isProse(it.text) {
			it.kind, it.level = itemHeading, 2 // bold lead-ins rendered as paragraphs
			if i+1 >= len(items) || items[i+1].kind == itemHeading {
				continue
			}
		}
		out = append(out, it)
		if it.kind != itemHeading {
			proseChars += runeLen(it.text)
		}
	}
	return out, nil
}

func keepListItems(list []string) []string {
	var keep []string
	for _, t := range list {
		l := line{text: t, key: normalizeKey(t)}
		if isFurniture(l) || commentMarkers[l.key] || isRelatedMarker(l) {
			continue
		}
		keep = append(keep, t)
	}
	return keep
}

// htmlProseSuffixes counts, for each item i, the characters of prose
// from item i to the end.
func htmlProseSuffixes(items []bodyItem) []int {
	after := make([]int, len(items)+1)
	for i := len(items) - 1; i >= 0; i-- {
		after[i] = after[i+1]
		if it := items[i]; it.kind != itemHeading && it.kind != itemList {
			if n := runeLen(it.text); n >= minBodyLine {
				after[i] += n
			}
		}
	}
	return after
}

// tagOf returns n's tag; trafilatura builds nodes with only their name set.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}
