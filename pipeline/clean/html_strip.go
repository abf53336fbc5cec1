package clean

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// stripPage returns page without the parts that never reach the article
// or its metadata, read in one pass of the tokenizer before the page is
// parsed, so that they cost no tree: comments, scripts other than the
// JSON-LD and settings blocks metadata is read from, style sheets,
// noscript and iframe fallbacks, SVG and MathML drawings, images, media
// and form controls, and navigation menus. Every one of them is what
// go-trafilatura deletes from its copy of the tree before it looks for
// the article; on a real page they are often most of its bytes, and a
// menu of thousands of links most of its tree, which go-trafilatura and
// go-htmldate each copy several times.
//
// What is kept is byte for byte the page's own, so the parser builds the
// same tree from it, less the parts dropped. A part whose end the page
// never closes is kept whole (a browser would put the rest of the page
// inside it), and a drawing ends where a tag that leaves SVG or MathML in
// a browser appears. When nothing is dropped, page itself is returned.
func stripPage(page string) string {
	spans, dropped := keptSpans(page, true, true)
	if dropped < 0 {
		// An unclosed menu: keep menus, drop the rest.
		spans, dropped = keptSpans(page, false, true)
	}
	if dropped <= 0 {
		return page
	}
	var sb strings.Builder
	sb.Grow(len(page) - dropped)
	for _, s := range spans {
		sb.WriteString(page[s[0]:s[1]])
	}
	return sb.String()
}

// keptSpans tokenizes page and returns the byte ranges to keep and how
// many bytes are dropped; -1 when dropNav is set and a menu is never
// closed. Adjacent ranges are merged. With fast set, a script or style
// sheet being dropped is passed over by searching for its end tag, where
// that finds the end the tokenizer would, rather than read into the
// tokenizer's buffer, which grows to the longest of them.
func keptSpans(page string, dropNav, fast bool) ([][2]int, int) {
	newTokenizer := func(from int) *html.Tokenizer {
		z := html.NewTokenizer(strings.NewReader(page[from:]))
		z.SetMaxBuf(0)
		return z
	}
	z := newTokenizer(0)
	var spans [][2]int
	keep := func(from, to int) {
		if n := len(spans); n > 0 && spans[n-1][1] == from {
			spans[n-1][1] = to
			return
		}
		spans = append(spans, [2]int{from, to})
	}
	off, dropped := 0, 0
	var skip atom.Atom // the element being dropped, 0 when none
	var skipName string
	depth := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		from := off
		off += len(raw)
		if skip != 0 {
			ends := false
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				name, _ := z.TagName()
				switch a := atom.Lookup(name); {
				case (skip == atom.Svg || skip == atom.Math) && leavesForeign(a):
					ends = true
				case tt == html.StartTagToken && sameTag(a, name, skip, skipName):
					depth++
				}
			case html.EndTagToken:
				name, _ := z.TagName()
				if sameTag(atom.Lookup(name), name, skip, skipName) {
					depth--
					if depth == 0 {
						skip = 0
						dropped += len(raw)
						continue
					}
				}
			}
			if !ends {
				dropped += len(raw)
				continue
			}
			skip = 0 // a browser leaves the drawing here: keep this tag
		}
		// Text ending in "<" or "&" would run into what follows a cut
		// and might make a tag or a character reference of it.
		joins := len(spans) > 0 && strings.ContainsRune("<&", rune(page[spans[len(spans)-1][1]-1]))
		switch {
		case joins:
		case tt == html.CommentToken:
			dropped += len(raw)
			continue
		case tt == html.StartTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if dropVoid(a) {
				dropped += len(raw)
				continue
			}
			if dropElement(a, dropNav) && (a != atom.Script || !hasAttr || !metadataScript(z)) {
				dropped += len(raw)
				if n := rawTextEnd(page[off:], a); fast && n >= 0 {
					// Passed over: the tokenizer starts afresh after the
					// end tag, in the state it would have been in there.
					dropped += n
					off += n
					z = newTokenizer(off)
					continue
				}
				skip, skipName, depth = a, string(name), 1
				continue
			}
		case tt == html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Svg || a == atom.Math || dropVoid(a) {
				dropped += len(raw)
				continue
			}
		}
		keep(from, off)
	}
	if skip != 0 {
		if skip == atom.Nav {
			return nil, -1
		}
		// Dropped to the end, as the parser would have put the rest in a
		// script, a style sheet or a drawing.
	}
	return spans, dropped
}

// rawTextEnd returns the length of a script's or style sheet's text and
// end tag at the start of rest, or -1 when a plain search cannot tell
// where the tokenizer would end them: another element, an end tag with
// more in it than its name, or a script with "<!--" before its end (the
// escaped states, in which "</script>" may not end it).
func rawTextEnd(rest string, a atom.Atom) int {
	var name string
	switch a {
	case atom.Script:
		name = "script"
	case atom.Style:
		name = "style"
	default:
		return -1
	}
	for i := 0; ; {
		j := strings.Index(rest[i:], "</")
		if j < 0 {
			return -1
		}
		at := i + j
		p := at + 2
		if len(rest) > p+len(name) && strings.EqualFold(rest[p:p+len(name)], name) {
			switch rest[p+len(name)] {
			case '>':
				if a == atom.Script && strings.Contains(rest[:at], "<!--") {
					return -1
				}
				return p + len(name) + 1
			case ' ', '\t', '\n', '\r', '\f', '/':
				return -1
			}
		}
		i = p
	}
}

// dropElement reports whether stripPage drops a's element whole.
func dropElement(a atom.Atom, dropNav bool) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Svg, atom.Math,
		atom.Select, atom.Button, atom.Textarea, atom.Object, atom.Video, atom.Audio, atom.Canvas, atom.Map, atom.Picture:
		return true
	case atom.Nav:
		return dropNav
	}
	return false
}

// dropVoid reports whether stripPage drops a's element, one that holds
// nothing: images (their dates and captions are read from meta tags and
// figures) and form fields.
func dropVoid(a atom.Atom) bool {
	return a == atom.Img || a == atom.Input || a == atom.Source || a == atom.Embed
}

func sameTag(a atom.Atom, name []byte, skip atom.Atom, skipName string) bool {
	if a != 0 {
		return a == skip
	}
	return string(name) == skipName
}

// metadataScript reports whether the script tag z is at holds data that
// metadata is read from: JSON-LD or a settings block.
func metadataScript(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "type" {
			t := bytes.ToLower(bytes.TrimSpace(val))
			return bytes.HasSuffix(t, []byte("ld+json")) || bytes.HasSuffix(t, []byte("settings+json"))
		}
		if !more {
			return false
		}
	}
}

// leavesForeign reports whether a start tag ends an SVG or MathML
// drawing in a browser's parser (the HTML standard's list of tags that
// break out of foreign content).
func leavesForeign(a atom.Atom) bool {
	switch a {
	case atom.B, atom.Big, atom.Blockquote, atom.Body, atom.Br, atom.Center, atom.Code, atom.Dd, atom.Div, atom.Dl,
		atom.Dt, atom.Em, atom.Embed, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Head, atom.Hr,
		atom.I, atom.Img, atom.Li, atom.Listing, atom.Menu, atom.Meta, atom.Nobr, atom.Ol, atom.P, atom.Pre,
		atom.Ruby, atom.S, atom.Small, atom.Span, atom.Strong, atom.Strike, atom.Sub, atom.Sup, atom.Table,
		atom.Tt, atom.U, atom.Ul, atom.Var:
		return true
	}
	return false
}
