package pdf

import (
	"fmt"
	"strconv"

	"golang.org/x/text/language"
)

// The PDF is tagged (PDF 32000-1:2008 §14.7–14.8) so that screen readers
// and reflowing viewers get headings, paragraphs, lists and the reading
// order, and know which language each part is in. While a page is drawn,
// every line of text is wrapped in a marked-content sequence
// ("/P <</MCID n>> BDC … EMC") owned by the structure element open at the
// time; rules, bars, shading and running headers and footers are marked
// as artifacts. fpdf has no structure tree, so after it has written the
// file, tagged.go rewrites the catalog and page objects and appends the
// tree.

// A structElem is one node of the structure tree.
type structElem struct {
	typ    string // standard structure type: Document, Art, H1, P, L, LI…
	lang   string // BCP 47; "" inherits the parent's
	parent *structElem
	kids   []structKid
}

// A structKid is a child element or, when elem is nil, the marked-content
// sequence with identifier mcid on a page.
type structKid struct {
	elem *structElem
	page int // 1-based page number
	mcid int
}

// structure collects the tree while the renderer draws.
type structure struct {
	root *structElem
	cur  *structElem
	// marks holds, for each page, the element owning each MCID: the
	// parent tree the file needs to go from content back to structure.
	marks map[int][]*structElem
	// artifacts counts the artifact sections being drawn; content inside
	// one belongs to no element.
	artifacts int
	docLang   string // the catalog's /Lang, which the root inherits
}

// newStructure starts a tree whose text is in lang (the chrome's) unless
// an element says otherwise; docLang is the catalog's /Lang.
func newStructure(lang, docLang string) *structure {
	root := &structElem{typ: "Document", lang: lang}
	return &structure{root: root, cur: root, marks: map[int][]*structElem{}, docLang: docLang}
}

// open starts a child of the current element and makes it current.
func (s *structure) open(typ, lang string) {
	e := &structElem{typ: typ, lang: lang, parent: s.cur}
	s.cur.kids = append(s.cur.kids, structKid{elem: e})
	s.cur = e
}

// close makes the current element's parent current again.
func (s *structure) close() {
	if s.cur.parent != nil {
		s.cur = s.cur.parent
	}
}

// mark gives the next marked-content sequence on page to the current
// element and returns its MCID.
func (s *structure) mark(page int) int {
	mcid := len(s.marks[page])
	s.marks[page] = append(s.marks[page], s.cur)
	s.cur.kids = append(s.cur.kids, structKid{page: page, mcid: mcid})
	return mcid
}

// lang is the language in effect for the current element.
func (s *structure) lang() string {
	for e := s.cur; e != nil; e = e.parent {
		if e.lang != "" {
			return e.lang
		}
	}
	return ""
}

// pdfLang returns tag as a PDF text string for /Lang, or "" when tag is
// not well-formed BCP 47, which a reader could not use.
func pdfLang(tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return ""
	}
	return "(" + t.String() + ")"
}

// sameLang reports whether two tags name the same language, so a span
// needs no /Lang of its own.
func sameLang(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return ta == tb
}

// beginMarked opens a marked-content sequence for a line of text: owned
// by the current element, or nothing inside an artifact. It returns
// whether a sequence was opened.
func (r *renderer) beginMarked() bool {
	if r.tags.artifacts > 0 {
		return false
	}
	mcid := r.tags.mark(r.pdf.PageNo())
	r.pdf.RawWriteStr("/" + r.tags.cur.typ + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	return true
}

// tag opens a structure element; the caller closes it with r.tags.close.
func (r *renderer) tag(typ, lang string) { r.tags.open(typ, lang) }

// artifact draws with fn what is no part of the content (rules, bars,
// shading, running headers), so assistive technology skips it.
func (r *renderer) artifact(kind string, fn func()) {
	if kind != "" {
		r.pdf.RawWriteStr("/Artifact <</Type /" + kind + ">> BDC")
	} else {
		r.pdf.RawWriteStr("/Artifact BMC")
	}
	r.tags.artifacts++
	fn()
	r.tags.artifacts--
	r.pdf.RawWriteStr("EMC")
}

// spanLang opens a /Span with its own /Lang around a run whose language
// differs from its element's (a Persian original title quoted in a
// Spanish briefing). It returns whether it opened one.
func (r *renderer) spanLang(lang string) bool {
	if lang == "" || r.tags.artifacts > 0 || sameLang(lang, r.tags.lang()) {
		return false
	}
	l := pdfLang(lang)
	if l == "" {
		return false
	}
	r.pdf.RawWriteStr(fmt.Sprintf("/Span <</Lang %s>> BDC", l))
	return true
}
