// Package tm hands dossier's translation memory to translators and takes
// their work back: TMX 1.4b for the memory as a whole (ExportTMX,
// ImportTMX), XLIFF 1.2 for the segments of one batch to post-edit
// (WriteXLIFF, ImportXLIFF). Start with ExportTMX or WriteXLIFF.
//
// Protected names travel as inline codes so that a CAT tool shows them as
// tags the translator moves but does not translate: in TMX a pair
// <bpt i="n" x="n" type="x-dossier-name">&lt;g&gt;</bpt>Name<ept i="n">&lt;/g&gt;</ept>,
// in XLIFF <g id="nN" ctype="x-dossier-name">Name</g>. The TMX codes are
// written as the native code of the XLIFF, so that in a CAT tool (OmegaT
// names both <g0>) a TMX entry matches the XLIFF segment it came from
// exactly.
//
// A translation coming back from a person — an edited XLIFF target, a TMX
// entry from another tool — is stored as reviewed (translate.Entry
// Reviewed, under translate.ReviewedKey): the translate stage prefers it
// to any engine's and no machine run replaces it, so the next briefing
// uses it without sending anything.
package tm

import (
	"errors"
	"strings"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// A Memory is where translations live: package cache's Store is one.
type Memory interface {
	Get(key string) ([]byte, error)
	Put(key string, value []byte) error
	// Range calls fn with every entry; fn's error stops it.
	Range(fn func(key string, value []byte) error) error
}

// ErrFormat is wrapped by errors reading a file that is not the TMX or
// XLIFF this package reads.
var ErrFormat = errors.New("not a file this dossier reads")

// nameType marks protected names in TMX (bpt type) and XLIFF (g ctype).
const nameType = "x-dossier-name"

// A span is a protected name in a text: [Start, End) in bytes; n numbers
// it within its segment, from 1, the same in source and target.
type span struct {
	Start, End int
	n          int
}

// targetNames finds the protected names of seg in its translation text,
// each where it stands after the previous one (else anywhere not yet
// taken), as the translate stage itself finds them again. A name the
// translation lost is left out.
func targetNames(seg translate.Segment, text string) []span {
	var out []span
	cursor := 0
	taken := func(s, e int) bool {
		for _, o := range out {
			if s < o.End && o.Start < e {
				return true
			}
		}
		return false
	}
	for i, k := range seg.Keep {
		name := k.As
		if name == "" {
			name = seg.Text[k.Start:k.End]
		}
		at := -1
		if j := strings.Index(text[cursor:], name); j >= 0 && !taken(cursor+j, cursor+j+len(name)) {
			at = cursor + j
		} else {
			for off := 0; off <= len(text); {
				j := strings.Index(text[off:], name)
				if j < 0 {
					break
				}
				if !taken(off+j, off+j+len(name)) {
					at = off + j
					break
				}
				off += j + 1
			}
		}
		if at < 0 {
			continue
		}
		out = append(out, span{at, at + len(name), i + 1})
		cursor = at + len(name)
	}
	// Written in text order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sourceNames returns the keeps of seg as spans.
func sourceNames(seg translate.Segment) []span {
	out := make([]span, len(seg.Keep))
	for i, k := range seg.Keep {
		out[i] = span{k.Start, k.End, i + 1}
	}
	return out
}

// matchLang reports whether tag is the language filter asks for: the same
// tag, or any tag of its language when filter names a language alone.
func matchLang(filter, tag string) bool {
	if filter == "" {
		return true
	}
	f, err1 := language.Parse(filter)
	t, err2 := language.Parse(tag)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(filter, tag)
	}
	if strings.ContainsAny(filter, "-_") {
		return f == t
	}
	fb, _ := f.Base()
	tb, _ := t.Base()
	return fb == tb
}

func canonical(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	return t.String()
}
