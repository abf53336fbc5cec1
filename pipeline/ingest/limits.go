package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/htmlscan"
	"github.com/dossier-news/dossier/pipeline"
)

// Limits bound what one input may hold beyond its size in bytes, so that
// a hostile or broken input fails alone, fast, before any costly parse:
// each is checked in one pass over the decoded text that stops where the
// limit is passed. A zero field takes its default.
type Limits struct {
	Blocks int // paragraphs, list items, headings, table rows of a page or document
	Lines  int // lines holding text in a raw text scrape
	Links  int // links of an HTML page
	Depth  int // nesting of a JSON value (an HTML page nested deeper than its parser takes is flattened instead)
	String int // bytes of one JSON string
}

// Defaults: an article has a few hundred blocks and links, a news page
// a few thousand; dossier's JSON nests six deep; a paragraph is kilobytes.
// Blocks are kept low because go-trafilatura's time grows with the square
// of a page's paragraphs: 5,000 take about 2 s of CPU, 20,000 minutes.
// A raw scrape is cleaned in time linear in its lines (20,000 lines in
// 3.8 s, 50,000 in 9.6 s, on a loaded machine: bench/memory/README.md),
// and copying a page from a browser gives a line per paragraph, so its
// bound is far higher: 50,000 lines is about 4 MB of text, more
// paragraphs than War and Peace has; no news page comes near it.
const (
	DefaultMaxBlocks = 5000
	DefaultMaxLines  = 50000
	DefaultMaxLinks  = 10000
	DefaultMaxDepth  = 64
	DefaultMaxString = 1 << 20
)

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.Blocks, DefaultMaxBlocks)
	def(&l.Lines, DefaultMaxLines)
	def(&l.Links, DefaultMaxLinks)
	def(&l.Depth, DefaultMaxDepth)
	def(&l.String, DefaultMaxString)
	return l
}

// A LimitError is an input past one of its Limits. Bound names the
// field ("blocks", "lines", "links", "depth", "string"); Offset is the byte of the
// decoded text where the limit was passed. It wraps pipeline.ErrTooLarge.
type LimitError struct {
	Bound  string
	What   string // the bound in words: "blocks", "lines", "links"…
	Limit  int
	Offset int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("byte %d: over %d %s", e.Offset, e.Limit, e.What)
}

func (e *LimitError) Unwrap() error { return pipeline.ErrTooLarge }

// checkHTML counts a page's blocks and links, stopping at a limit, and
// flattens a page nested deeper than the HTML parser takes.
func checkHTML(page string, lim Limits) (string, string, error) {
	c := htmlscan.Scan(page, htmlscan.Limits{Blocks: lim.Blocks, Links: lim.Links})
	switch {
	case c.Blocks > lim.Blocks:
		return "", "", &LimitError{Bound: "blocks", What: "blocks (paragraphs, list items, headings, table rows)", Limit: lim.Blocks, Offset: c.Offset}
	case c.Links > lim.Links:
		return "", "", &LimitError{Bound: "links", What: "links", Limit: lim.Links, Offset: c.Offset}
	case c.Depth > htmlscan.MaxOpenElements:
		flat, n := htmlscan.Flatten(page, htmlscan.FlattenDepth)
		return flat, fmt.Sprintf("elements nested deeper than the %d the HTML parser takes: %d tags beyond depth %d left out, their text kept",
			htmlscan.MaxOpenElements, n, htmlscan.FlattenDepth), nil
	}
	return page, "", nil
}

// checkText counts a raw scrape's lines that hold text.
func checkText(text string, lim Limits) error {
	n := 0
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		if strings.TrimSpace(text[off:off+end]) != "" {
			if n++; n > lim.Lines {
				return &LimitError{Bound: "lines", What: "lines of text", Limit: lim.Lines, Offset: off}
			}
		}
		off += end + 1
	}
	return nil
}

// checkJSON scans a stream of JSON values for strings longer, nesting
// deeper and documents with more blocks than the limits allow, without
// decoding anything; syntax is encoding/json's business afterwards. It
// also reports whether the first value has the keys of a dossier
// document at its top, and, when the text is nothing but balanced
// objects and arrays between white space, where each value starts and
// ends, so each can be decoded alone.
func checkJSON(text string, lim Limits) (model bool, spans [][2]int, err error) {
	type frame struct {
		object, expectKey, blocks bool
		key                       string
	}
	var stack []frame
	blocks := 0
	first, hasMeta, hasBlocks := true, false, false
	start, tidy := 0, true
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case ' ', '\t', '\r', '\n':
		case '"':
			if len(stack) == 0 {
				tidy = false
			}
			end := i + 1
			for {
				j := strings.IndexAny(text[end:], `"\`)
				if j < 0 {
					end = len(text)
					break
				}
				end += j
				if text[end] == '"' {
					break
				}
				end += 2 // an escape: skip the escaped byte
				if end >= len(text) {
					end = len(text)
					break
				}
			}
			if end-i-1 > lim.String {
				return false, nil, &LimitError{Bound: "string", What: "bytes in one string", Limit: lim.String, Offset: i}
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expectKey {
				top := &stack[n-1]
				top.expectKey = false
				top.key = ""
				if end-i-1 <= len("blocks") {
					top.key = text[i+1 : min(end, len(text))]
				}
				if n == 1 && first {
					hasMeta = hasMeta || top.key == "meta"
					hasBlocks = hasBlocks || top.key == "blocks"
				}
			}
			i = min(end, len(text))
		case '{', '[':
			if len(stack) >= lim.Depth {
				return false, nil, &LimitError{Bound: "depth", What: "levels of nesting", Limit: lim.Depth, Offset: i}
			}
			n := len(stack)
			if n == 0 {
				start = i
			}
			if n > 0 && stack[n-1].blocks && c == '{' {
				if blocks++; blocks > lim.Blocks {
					return false, nil, &LimitError{Bound: "blocks", What: "blocks in one document", Limit: lim.Blocks, Offset: i}
				}
			}
			inBlocks := c == '[' && n == 1 && stack[0].object && stack[0].key == "blocks"
			stack = append(stack, frame{object: c == '{', expectKey: c == '{', blocks: inBlocks})
		case '}', ']':
			if len(stack) == 0 {
				tidy = false
				continue
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				first, blocks = false, 0
				spans = append(spans, [2]int{start, i + 1})
			}
		case ',':
			n := len(stack)
			if n == 0 {
				tidy = false
			} else if stack[n-1].object {
				stack[n-1].expectKey = true
			}
		default:
			if len(stack) == 0 {
				tidy = false
			}
		}
	}
	if !tidy || len(stack) > 0 {
		spans = nil
	}
	return hasMeta && hasBlocks, spans, nil
}

// precheckText fails a raw scrape past its line bound before it is
// decoded, which for hundreds of megabytes is most of the cost. It looks
// only at raw bytes that are plain ASCII-compatible text (no byte order
// mark, no NUL, not HTML or JSON by their start) and counts only lines
// with a visible ASCII character, which decoding keeps: it never fails
// an input the decoded check would pass.
func precheckText(raw []byte, lim Limits) error {
	head := raw[:min(len(raw), 64<<10)]
	if len(raw) < 1<<20 || bytes.IndexByte(head, 0) >= 0 || bytes.HasPrefix(raw, bomUTF8) ||
		bytes.HasPrefix(raw, bomUTF16LE) || bytes.HasPrefix(raw, bomUTF16BE) {
		return nil
	}
	if t := strings.TrimSpace(string(head)); looksJSON(t) || looksHTML(t) {
		return nil
	}
	n := 0
	for off := 0; off < len(raw); {
		end := bytes.IndexByte(raw[off:], '\n')
		if end < 0 {
			end = len(raw) - off
		}
		if bytes.ContainsFunc(raw[off:off+end], func(r rune) bool { return r > ' ' && r < 0x7f }) {
			if n++; n > lim.Lines {
				return &LimitError{Bound: "lines", What: "lines of text", Limit: lim.Lines, Offset: off}
			}
		}
		off += end + 1
	}
	return nil
}
