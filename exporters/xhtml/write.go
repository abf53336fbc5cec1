package xhtml

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/pipeline"
)

// An attr is one attribute. The names "lang" and "dir" are special: the
// writer drops them where they repeat what the enclosing element says, and
// writes xml:lang beside every lang, as EPUB wants both to agree.
type attr struct{ name, value string }

// scope is the language and direction in force inside an element.
type scope struct {
	lang string
	dir  pipeline.Direction
}

// writer builds an indented XHTML document. It writes to a bytes.Buffer,
// so no write can fail; the caller copies the result out once.
type writer struct {
	buf    bytes.Buffer
	depth  int
	scopes []scope
	loc    *chrome.Locale // the words around the articles
}

const indentUnit = "  "

func (w *writer) indent() {
	for range w.depth {
		w.buf.WriteString(indentUnit)
	}
}

// current returns the language and direction in force.
func (w *writer) current() scope {
	if len(w.scopes) == 0 {
		return scope{}
	}
	return w.scopes[len(w.scopes)-1]
}

// startTag writes <tag attrs> (or <tag attrs/> when empty) and pushes the
// element's scope unless it is empty.
func (w *writer) startTag(tag string, attrs []attr, empty bool) {
	sc := w.current()
	w.buf.WriteByte('<')
	w.buf.WriteString(tag)
	for _, a := range attrs {
		switch a.name {
		case "lang":
			if a.value == "" || a.value == sc.lang {
				continue
			}
			sc.lang = a.value
			w.attr("lang", a.value)
			w.attr("xml:lang", a.value)
			continue
		case "dir":
			if a.value == "" || pipeline.Direction(a.value) == sc.dir {
				continue
			}
			sc.dir = pipeline.Direction(a.value)
		}
		w.attr(a.name, a.value)
	}
	if empty {
		w.buf.WriteString("/>")
		return
	}
	w.buf.WriteByte('>')
	w.scopes = append(w.scopes, sc)
}

func (w *writer) attr(name, value string) {
	w.buf.WriteByte(' ')
	w.buf.WriteString(name)
	w.buf.WriteString(`="`)
	escape(&w.buf, value, true)
	w.buf.WriteByte('"')
}

func (w *writer) endTag(tag string) {
	w.scopes = w.scopes[:len(w.scopes)-1]
	w.buf.WriteString("</")
	w.buf.WriteString(tag)
	w.buf.WriteByte('>')
}

// open starts a block element on its own line; its children go on the
// lines below, one level deeper.
func (w *writer) open(tag string, attrs ...attr) {
	w.indent()
	w.startTag(tag, attrs, false)
	w.buf.WriteByte('\n')
	w.depth++
}

// close ends what open started.
func (w *writer) close(tag string) {
	w.depth--
	w.indent()
	w.endTag(tag)
	w.buf.WriteByte('\n')
}

// line writes an element and its inline content on one line.
func (w *writer) line(tag string, attrs []attr, content func()) {
	w.indent()
	w.startTag(tag, attrs, false)
	content()
	w.endTag(tag)
	w.buf.WriteByte('\n')
}

// textLine writes an element holding only text on one line.
func (w *writer) textLine(tag string, text string, attrs ...attr) {
	w.line(tag, attrs, func() { w.text(text) })
}

// empty writes an element with no content on its own line.
func (w *writer) empty(tag string, attrs ...attr) {
	w.indent()
	w.startTag(tag, attrs, true)
	w.buf.WriteByte('\n')
}

// inline wraps content in an element within the current line.
func (w *writer) inline(tag string, attrs []attr, content func()) {
	w.startTag(tag, attrs, false)
	content()
	w.endTag(tag)
}

// text writes escaped character data.
func (w *writer) text(s string) { escape(&w.buf, s, false) }

// chrome returns the attributes an element holding dossier's own labels
// needs: the chrome's language and direction, so that Spanish labels in a
// Persian article do not claim to be Persian nor read right to left.
func (w *writer) chrome() []attr {
	return []attr{{"lang", w.loc.Tag()}, {"dir", string(w.loc.Direction())}}
}

// message writes a catalog message whose one %[2]s or %s argument is
// markup: the text around the sentinel, with body in its place.
func (w *writer) message(msg string, body func()) {
	before, after, _ := strings.Cut(msg, sentinel)
	w.text(before)
	body()
	w.text(after)
}

// sentinel stands in a formatted message for what message writes as
// markup; article text cannot hold it (escape drops NUL).
const sentinel = "\x00"

// escape writes s as XML character data or an attribute value: the five
// markup characters become the predefined entities (so "]]>" and
// "<script>" stay text), and whatever XML 1.0 cannot hold or HTML calls a
// control or noncharacter — C0 and C1 controls, lone surrogates, U+FFFE,
// invalid UTF-8 — becomes U+FFFD. Line breaks become spaces, as HTML
// renders them outside pre, which dossier never writes; so do tabs in
// attributes, as attribute normalisation would make them anyway.
func escape(buf *bytes.Buffer, s string, inAttr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var repl string
		switch {
		case r == '&':
			repl = "&amp;"
		case r == '<':
			repl = "&lt;"
		case r == '>':
			repl = "&gt;"
		case r == '"':
			if !inAttr {
				i += size
				continue
			}
			repl = "&quot;"
		case r == '\t' && !inAttr:
			i += size
			continue
		case r == '\t', r == '\n':
			// A line break in a paragraph renders as a space; writing
			// one keeps the indentation of the output intact.
			repl = " "
		case r == '\r':
			repl = " "
			if i+1 < len(s) && s[i+1] == '\n' {
				repl = ""
			}
		case r == utf8.RuneError && size == 1, !allowed(r):
			repl = "\uFFFD"
		default:
			i += size
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(repl)
		i += size
		last = i
	}
	buf.WriteString(s[last:])
}

// allowed reports whether r may appear in XHTML text: XML 1.0's Char
// production without the C1 controls, DEL and Unicode noncharacters.
func allowed(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff:
		return false
	case r >= 0xfdd0 && r <= 0xfdef:
		return false
	case r&0xfffe == 0xfffe: // U+FFFE, U+FFFF, U+1FFFE …
		return false
	case r > 0x10ffff:
		return false
	}
	return true
}

// Sanitize returns s with every rune that XHTML cannot hold (see escape)
// replaced by U+FFFD, and CR turned into LF, without escaping markup. It is
// for text that another encoder escapes, such as EPUB package metadata.
func Sanitize(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || r == '\r' || !allowed(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\r':
			sb.WriteByte('\n')
		case !allowed(r): // includes the U+FFFD that ranging yields for bad UTF-8
			sb.WriteRune(utf8.RuneError)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
