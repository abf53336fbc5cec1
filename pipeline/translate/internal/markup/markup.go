// Package markup protects a segment's Keep spans with elements an engine
// leaves alone (DeepL's ignored XML element, translate="no" spans, an
// LLM's numbered tags) and turns the answer back into plain text with the
// spans where they now stand. Start with New.
package markup

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// A Markup wraps a segment's Keep spans in elements an engine leaves alone,
// and finds them again in the answer.
type Markup struct {
	element string // name of the protecting element
	attrs   string // its fixed attributes, such as ` translate="no"`
	index   string // attribute numbering the Keep spans
	// escape escapes the text on the way in; decode decodes entities and
	// drops stray tags on the way out, unless the engine already decoded
	// them itself.
	escape, decode bool

	open, close, strayTag, indexAttr *regexp.Regexp
}

// New returns the Markup for element with the fixed attributes attrs, numbering
// spans with the attribute index; escape and decode say whether text is
// escaped on the way in and decoded on the way out.
func New(element, attrs, index string, escape, decode bool) Markup {
	name := regexp.QuoteMeta(element)
	return Markup{
		element:   element,
		attrs:     attrs,
		index:     index,
		escape:    escape,
		decode:    decode,
		open:      regexp.MustCompile(`(?i)<` + name + `(\s[^>]*)?>`),
		close:     regexp.MustCompile(`(?i)</` + name + `\s*>`),
		strayTag:  regexp.MustCompile(`</?[A-Za-z][^>]*>`),
		indexAttr: regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(index) + `\s*=\s*["']?(\d+)`),
	}
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Keeps checks a segment's Keep spans and returns them sorted, each with its
// As filled in.
func Keeps(seg translate.Segment) ([]translate.Keep, error) {
	ks := append([]translate.Keep(nil), seg.Keep...)
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].Start < ks[j].Start })
	end := 0
	for i, k := range ks {
		switch {
		case k.Start < 0 || k.End > len(seg.Text) || k.Start >= k.End:
			return nil, fmt.Errorf("keep span [%d,%d) does not fit a text of %d bytes", k.Start, k.End, len(seg.Text))
		case k.Start < end:
			return nil, fmt.Errorf("keep span [%d,%d) overlaps the one before", k.Start, k.End)
		case !utf8.RuneStart(seg.Text[k.Start]) || (k.End < len(seg.Text) && !utf8.RuneStart(seg.Text[k.End])):
			return nil, fmt.Errorf("keep span [%d,%d) cuts a character in two", k.Start, k.End)
		}
		if k.As == "" {
			ks[i].As = seg.Text[k.Start:k.End]
		}
		end = k.End
	}
	return ks, nil
}

// Wrap returns the segment's text with each Keep span replaced by its As
// inside a protecting element numbered by the span's place in the returned
// Keep list.
func (m Markup) Wrap(seg translate.Segment) (string, []translate.Keep, error) {
	ks, err := Keeps(seg)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	pos := 0
	for i, k := range ks {
		b.WriteString(m.text(seg.Text[pos:k.Start]))
		fmt.Fprintf(&b, `<%s%s %s="%d">`, m.element, m.attrs, m.index, i)
		b.WriteString(m.text(k.As))
		b.WriteString("</" + m.element + ">")
		pos = k.End
	}
	b.WriteString(m.text(seg.Text[pos:]))
	return b.String(), ks, nil
}

// WrapAll wraps every segment of a request for engine; see WrapEach.
func (m Markup) WrapAll(engine string, segs []translate.Segment) ([]string, [][]translate.Keep, error) {
	return WrapEach(engine, segs, m.Wrap)
}

// WrapEach wraps every segment of a request for engine with wrap. A
// segment wrap refuses fails alone: the error is a translate.SegmentError
// of class translate.ErrBadSegment, which the stage settles for that
// segment while it sends the others.
func WrapEach(engine string, segs []translate.Segment, wrap func(translate.Segment) (string, []translate.Keep, error)) ([]string, [][]translate.Keep, error) {
	texts := make([]string, len(segs))
	keeps := make([][]translate.Keep, len(segs))
	for i, seg := range segs {
		var err error
		if texts[i], keeps[i], err = wrap(seg); err != nil {
			return nil, nil, &translate.SegmentError{Index: i, Err: fmt.Errorf("%s: segment %d: %w: %w", engine, i, err, translate.ErrBadSegment)}
		}
	}
	return texts, keeps, nil
}

// UnwrapAll unwraps the answers to a request, answers[i] with keeps[i].
func (m Markup) UnwrapAll(answers []string, keeps [][]translate.Keep) []translate.Segment {
	out := make([]translate.Segment, len(answers))
	for i, a := range answers {
		out[i] = m.Unwrap(a, keeps[i])
	}
	return out
}

func (m Markup) text(s string) string {
	if m.escape {
		return textEscaper.Replace(s)
	}
	return s
}

// Unwrap turns an answer back into plain text: each protecting element
// becomes its Keep span's As, whatever the engine did inside it, and the
// returned Keep spans say where they now stand. A span the engine dropped
// is left out, for the stage to notice.
func (m Markup) Unwrap(answer string, ks []translate.Keep) translate.Segment {
	var (
		b     strings.Builder
		found []translate.Keep
		used  = make([]bool, len(ks))
		rest  = answer
	)
	for {
		loc := m.open.FindStringSubmatchIndex(rest)
		if loc == nil {
			b.WriteString(m.plain(rest))
			break
		}
		b.WriteString(m.plain(rest[:loc[0]]))
		attrs := ""
		if loc[2] >= 0 {
			attrs = rest[loc[2]:loc[3]]
		}
		inner, tail := "", rest[loc[1]:]
		if !strings.HasSuffix(strings.TrimSpace(attrs), "/") {
			inner, tail = m.content(tail)
		}
		i := m.which(attrs, m.plain(inner), ks, used)
		if i < 0 {
			b.WriteString(m.plain(inner))
		} else {
			used[i] = true
			start := b.Len()
			b.WriteString(ks[i].As)
			found = append(found, translate.Keep{Start: start, End: b.Len(), As: ks[i].As})
		}
		rest = tail
	}
	return translate.Segment{Text: b.String(), Keep: found}
}

// content splits s, which follows an opening tag, at the matching closing
// tag; an element left open runs to the end.
func (m Markup) content(s string) (inner, tail string) {
	depth, pos := 1, 0
	for {
		c := m.close.FindStringIndex(s[pos:])
		if c == nil {
			return s, ""
		}
		if o := m.open.FindStringIndex(s[pos:]); o != nil && o[0] < c[0] {
			depth++
			pos += o[1]
			continue
		}
		depth--
		if depth == 0 {
			return s[:pos+c[0]], s[pos+c[1]:]
		}
		pos += c[1]
	}
}

// which finds the Keep span an element stands for: by its number, or, if an
// engine lost the attribute, by its content.
func (m Markup) which(attrs, inner string, ks []translate.Keep, used []bool) int {
	if sub := m.indexAttr.FindStringSubmatch(attrs); sub != nil {
		if i, err := strconv.Atoi(sub[1]); err == nil && i < len(ks) && !used[i] {
			return i
		}
	}
	for i, k := range ks {
		if !used[i] && k.As == inner {
			return i
		}
	}
	return -1
}

// plain decodes answer text outside protecting elements.
func (m Markup) plain(s string) string {
	if !m.decode {
		return s
	}
	return html.UnescapeString(m.strayTag.ReplaceAllString(s, ""))
}
