package clean

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/pipeline"
)

// DefaultBoundedAbove is the size of stripped HTML above which a page is
// read by the bounded path (see WithBoundedAbove). go-trafilatura copies
// the page's tree about ten times and concatenates the text of every
// paragraph once per selector it tries: a page that is all article peaks
// at 130–320× its bytes whatever its size (128 KiB to 1 MiB measured), a
// stream of its blocks at 11–13× (ingest's copies and the text cleaner).
// The threshold is set just above the largest real page of bench/clean
// (0.93 MiB once stripped), so news pages keep the layout-aware reading
// and only outsized ones are streamed.
const DefaultBoundedAbove = 1 << 20

// WithBoundedAbove returns a copy of c that reads HTML pages whose
// stripped size is above n bytes by the bounded path: the page is
// streamed into block-level lines (paragraphs, headings, list items,
// table cells; <br> a space within its block, as in the tree reading), its title and date taken from
// <title>, og:title, meta tags and JSON-LD, and the lines cleaned as a
// text scrape. n <= 0 means DefaultBoundedAbove.
func (c *Cleaner) WithBoundedAbove(n int) *Cleaner {
	d := *c
	d.boundedAbove = n
	return &d
}

// WithLogger returns a copy of c that logs, as a warning naming the
// source, each page it reads by the bounded path; the dossier command
// prints the first and counts the rest in its summary.
func (c *Cleaner) WithLogger(l *slog.Logger) *Cleaner {
	d := *c
	d.log = l
	return &d
}

func (c *Cleaner) boundedLimit() int {
	if c.boundedAbove <= 0 {
		return DefaultBoundedAbove
	}
	return c.boundedAbove
}

// BoundedNote is the message logged for a page read by the bounded path.
const BoundedNote = "clean: large HTML page read as plain blocks (layout-aware extraction skipped to bound memory)"

// streamFacts are the metadata the bounded path keeps.
type streamFacts struct {
	title, ogTitle, headline string
	published, linked        *pipeline.Date
}

// htmlBounded reads a large stripped page without building a tree.
func (c *Cleaner) htmlBounded(ctx context.Context, page, source string) (*pipeline.Document, error) {
	text, facts, err := streamLines(ctx, page)
	if err != nil {
		return nil, err
	}
	doc, err := c.Text(ctx, text, source)
	if err != nil {
		return nil, err
	}
	if c.log != nil {
		c.log.WarnContext(ctx, BoundedNote, "source", source, "stripped_bytes", len(page), "threshold", c.boundedLimit())
	}
	if t := facts.bestTitle(); doc.Meta.Title == "" && t != "" {
		doc.Meta.Title = t // stated after the body began
	}
	if doc.Meta.Published == nil {
		doc.Meta.Published = facts.published
	}
	if doc.Meta.Published == nil {
		doc.Meta.Published = facts.linked
	}
	return doc, nil
}

// bestTitle is og:title, else the JSON-LD headline, else <title>.
func (f streamFacts) bestTitle() string {
	title := f.ogTitle
	if title == "" {
		title = f.headline
	}
	if title == "" {
		title = f.title
	}
	if title = collapseSpace(title); runeLen(title) > maxTitle {
		return ""
	}
	return title
}

// streamLines streams page into its text, a line per block with a blank
// line between blocks, and the metadata found on the way. The title
// known when the first text is written (the head's) is the first line,
// which the text cleaner reads as the title. The text is written once,
// white space collapsed as it comes: the page's bytes bound it.
func streamLines(ctx context.Context, page string) (string, streamFacts, error) {
	var f streamFacts
	var out strings.Builder
	out.Grow(len(page) + 2)
	started := false // the title line is written
	inLine, space := false, false
	write := func(b []byte) {
		for _, ch := range b {
			if ch == ' ' || ch >= '\t' && ch <= '\r' {
				space = inLine
				continue
			}
			if !started {
				started = true
				if t := f.bestTitle(); t != "" {
					out.WriteString(t)
					out.WriteString("\n\n")
				}
			}
			if space {
				out.WriteByte(' ')
				space = false
			}
			out.WriteByte(ch)
			inLine = true
		}
	}
	// A block ends with a blank line.
	flush := func() {
		if inLine {
			out.WriteString("\n\n")
		}
		inLine, space = false, false
	}
	z := html.NewTokenizer(strings.NewReader(page))
	var skip atom.Atom // inside a script, style, noscript or template
	inTitle, inLD := false, false
	for n := 0; ; n++ {
		if err := checkpoint(ctx, n); err != nil {
			return "", f, err
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return "", f, err
			}
			flush()
			return out.String(), f, nil
		case html.TextToken:
			switch {
			case inLD:
				readLinkedData(z.Text(), &f)
			case skip != 0:
			case inTitle:
				if f.title == "" {
					f.title = string(z.Text())
				}
			default:
				write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if tt == html.EndTagToken {
				switch {
				case skip != 0 && a == skip:
					skip, inLD = 0, false
				case a == atom.Title:
					inTitle = false
				case skip == 0 && streamBlocks[a]:
					flush()
				}
				continue
			}
			if skip != 0 {
				continue
			}
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if tt == html.StartTagToken {
					skip = a
					inLD = a == atom.Script && strings.Contains(strings.ToLower(attrs["type"]), "ld+json")
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken
			case atom.Meta:
				key := strings.ToLower(attrs["property"] + attrs["name"] + attrs["itemprop"])
				switch {
				case key == "og:title" && f.ogTitle == "":
					f.ogTitle = attrs["content"]
				case publishedMeta[key] && f.published == nil:
					if d, ok := ParseDate(attrs["content"]); ok {
						f.published = d
					}
				}
			case atom.Time:
				if d, ok := ParseDate(attrs["datetime"]); ok && f.published == nil && (attrs["itemprop"] == "datePublished" || attrs["pubdate"] != "") {
					f.published = d
				}
			case atom.Br:
				space = inLine
			default:
				if streamBlocks[a] {
					flush()
				}
			}
		}
	}
}

// readLinkedData takes the headline and publication date of a JSON-LD
// script, the first found of each.
func readLinkedData(text []byte, f *streamFacts) {
	if f.linked == nil {
		f.linked = linkedDataDate(string(text))
	}
	if f.headline != "" {
		return
	}
	var v any
	if json.Unmarshal(text, &v) != nil {
		return
	}
	var find func(v any) string
	find = func(v any) string {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["headline"].(string); ok && s != "" {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s := find(x[k]); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range x {
				if s := find(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	f.headline = find(v)
}

// streamBlocks are the tags that end a line of text.
var streamBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true, atom.Table: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Section: true, atom.Article: true, atom.Pre: true, atom.Figure: true, atom.Figcaption: true,
	atom.Dl: true, atom.Dd: true, atom.Dt: true, atom.Main: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Hr: true, atom.Body: true, atom.Address: true, atom.Caption: true,
}
