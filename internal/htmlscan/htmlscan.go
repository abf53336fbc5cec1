// Package htmlscan reads an HTML page as a stream of tokens, without
// building a tree: it counts what makes a page expensive to parse and
// extract (block elements, links, nesting) and rewrites pages nested too
// deep for golang.org/x/net/html, which refuses more than 512 open
// elements where a browser shows the text.
//
// Start with Scan (the counts, stopping at a limit) and Flatten (the page
// with its deepest tags dropped and their text kept). Both run in time
// linear in the page and hold only the stack of open elements.
package htmlscan

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxOpenElements is the deepest nesting golang.org/x/net/html parses.
const MaxOpenElements = 512

// FlattenDepth is the depth past which Flatten drops tags: well under
// MaxOpenElements, since the parser adds elements of its own (tbody,
// tr, reopened formatting elements), and far over any real page.
const FlattenDepth = 256

// Counts are what Scan found.
type Counts struct {
	Blocks int // paragraphs, list items, headings, quotes, table rows…
	Links  int // <a href>
	Depth  int // the deepest nesting of open elements, as Scan models it
	Offset int // byte offset where a limit was passed, or the page's length
}

// Limits stop Scan early; zero means no limit.
type Limits struct {
	Blocks, Links int
}

// blockAtoms are the elements Counts.Blocks counts: each becomes a block
// or an item of one.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Dd: true, atom.Dt: true,
}

// Scan counts page's blocks, links and depth. It stops at the first
// limit passed and reports the offset there, so a hostile page costs no
// more than the limit.
func Scan(page string, lim Limits) Counts {
	var c Counts
	var st stack
	z := html.NewTokenizer(strings.NewReader(page))
	z.SetMaxBuf(0)
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		off += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if blockAtoms[a] {
				c.Blocks++
			}
			if a == atom.A && hasAttr && hasHref(z) {
				c.Links++
			}
			if tt == html.StartTagToken {
				st.open(a, string(name))
				c.Depth = max(c.Depth, st.depth)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			st.close(atom.Lookup(name), string(name))
		}
		if lim.Blocks > 0 && c.Blocks > lim.Blocks || lim.Links > 0 && c.Links > lim.Links {
			c.Offset = off
			return c
		}
	}
	c.Offset = off
	return c
}

func hasHref(z *html.Tokenizer) bool {
	for {
		k, _, more := z.TagAttr()
		if string(k) == "href" {
			return true
		}
		if !more {
			return false
		}
	}
}

// Flatten returns page with the start and end tags of elements nested
// deeper than depth left out, their text kept in place, as the text a
// browser shows stays; and how many start tags it dropped. With depth
// <= 0 it keeps only the tags that cannot nest (paragraphs, headings,
// line breaks, raw-text elements such as script, and void elements): the
// last resort for a page the parser still refuses.
func Flatten(page string, depth int) (string, int) {
	var out strings.Builder
	out.Grow(len(page))
	var st stack
	dropped := map[string]int{} // open tags left out, by name: their end tags go too
	n := 0
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if depth <= 0 && !flatSafe[a] || depth > 0 && !voidAtoms[a] && st.depth >= depth {
				if !voidAtoms[a] {
					dropped[string(name)]++
				}
				n++
				continue
			}
			st.open(a, string(name))
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if depth <= 0 && !flatSafe[atom.Lookup(name)] {
				n++
				continue
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if dropped[string(name)] > 0 {
				dropped[string(name)]--
				continue
			}
			a := atom.Lookup(name)
			if depth <= 0 && !flatSafe[a] {
				continue
			}
			st.close(a, string(name))
		}
		out.Write(raw)
	}
	return out.String(), n
}

// flatSafe are the tags Flatten keeps at depth 0: none of them can hold
// another of them more than a few levels deep.
var flatSafe = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Body: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Textarea: true, atom.Xmp: true, atom.Plaintext: true,
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Br: true, atom.Hr: true, atom.Img: true, atom.Wbr: true,
}

var voidAtoms = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true, atom.Img: true,
	atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
	atom.Keygen: true, atom.Param: true, atom.Frame: true,
}

// maxSearch bounds how far down the stack an end tag or an implied end
// looks, and maxModel how deep the stack is modelled, so that the scan
// stays linear on hostile pages (100,000 open tags, then as many end tags
// that match none). Past them the model counts deeper than the parser,
// which only flattens sooner.
const (
	maxSearch = 128
	maxModel  = 4 * MaxOpenElements
)

// stack models the parser's stack of open elements closely enough to
// bound it: void elements never open; an end tag closes up to its
// element unless a scope boundary (a table cell, say) lies between, as
// the parser ignores it then; a p, li, dd, dt, td, th or tr closes an
// open one of its kind, as the parser's implied end tags do; a table
// counts for two, for the tbody the parser adds.
type stack struct {
	names []string
	atoms []atom.Atom
	depth int
}

func (s *stack) open(a atom.Atom, name string) {
	if voidAtoms[a] {
		return
	}
	if s.depth >= maxModel {
		s.depth++
		return
	}
	if sib := impliedEnd[a]; sib != nil {
		for i := len(s.atoms) - 1; i >= max(0, len(s.atoms)-maxSearch); i-- {
			if sib[s.atoms[i]] {
				s.popTo(i)
				break
			}
			if scopeBoundary(s.atoms[i]) || !closesP[a] && blockish[s.atoms[i]] {
				break
			}
		}
	}
	s.names = append(s.names, name)
	s.atoms = append(s.atoms, a)
	s.depth++
	if a == atom.Table {
		s.depth++
	}
}

func (s *stack) close(a atom.Atom, name string) {
	for i := len(s.names) - 1; i >= max(0, len(s.names)-maxSearch); i-- {
		if s.names[i] == name {
			s.popTo(i)
			return
		}
		if scopeBoundary(s.atoms[i]) {
			return
		}
	}
}

// popTo removes element i and those above it.
func (s *stack) popTo(i int) {
	for j := i; j < len(s.atoms); j++ {
		s.depth--
		if s.atoms[j] == atom.Table {
			s.depth--
		}
	}
	s.names, s.atoms = s.names[:i], s.atoms[:i]
}

// scopeBoundary reports the elements an end tag's search stops at; a
// switch, since it runs for every element searched.
func scopeBoundary(a atom.Atom) bool {
	switch a {
	case atom.Html, atom.Table, atom.Td, atom.Th, atom.Caption, atom.Marquee, atom.Object, atom.Applet, atom.Template:
		return true
	}
	return false
}

// impliedEnd: a start tag of the key closes an open element of the set.
var impliedEnd = map[atom.Atom]map[atom.Atom]bool{
	atom.P:   {atom.P: true},
	atom.Li:  {atom.Li: true},
	atom.Dd:  {atom.Dd: true, atom.Dt: true},
	atom.Dt:  {atom.Dd: true, atom.Dt: true},
	atom.Td:  {atom.Td: true, atom.Th: true},
	atom.Th:  {atom.Td: true, atom.Th: true},
	atom.Tr:  {atom.Tr: true},
	atom.Div: {atom.P: true}, atom.Ul: {atom.P: true}, atom.Ol: {atom.P: true}, atom.Blockquote: {atom.P: true},
	atom.H1: {atom.P: true}, atom.H2: {atom.P: true}, atom.H3: {atom.P: true}, atom.H4: {atom.P: true},
	atom.H5: {atom.P: true}, atom.H6: {atom.P: true}, atom.Section: {atom.P: true}, atom.Article: {atom.P: true},
	atom.Table: {atom.P: true}, atom.Pre: {atom.P: true}, atom.Dl: {atom.P: true}, atom.Figure: {atom.P: true},
}

// closesP are the start tags that close an open p however deep inside it
// the current element is, as long as it is in scope.
var closesP = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Section: true, atom.Article: true,
	atom.Table: true, atom.Pre: true, atom.Dl: true, atom.Figure: true,
}

// blockish stop the search for an li, dd or dt to close: the parser
// stops at special elements other than address, div and p.
var blockish = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Blockquote: true, atom.Section: true, atom.Article: true,
	atom.Table: true, atom.Td: true, atom.Th: true, atom.Body: true,
}
