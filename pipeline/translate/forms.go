package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/transliterate"
)

// formOf returns how mention m should read in the translation: a place
// by the target language's usual name for it when PlaceName knows one,
// else the form NameForm gives if that is a safe respelling of the text
// (see safeRespelling), else the text as it stands.
func (s *Stage) formOf(m pipeline.Mention) string {
	form := m.Text
	if !m.Unsure && !m.Unresolved {
		if f := s.opt.NameForm(m, s.opt.To); f != m.Text && safeRespelling(m.Text, f) {
			form = f
		}
	}
	if m.Kind == KindPlace && s.opt.PlaceName != nil {
		for _, name := range []string{m.Text, form} {
			if local, ok := s.opt.PlaceName(name, s.opt.To); ok {
				return local
			}
		}
	}
	return form
}

// safeRespelling reports whether a name written surface may be respelled
// form in a translation: only when the two have the same words, none
// dropped or added, each the same but for case and accents, or a
// transliteration of a spelling with letters English lacks (Əsgərov as
// Asgarov, Расулов as Rasulov), or, for a plain English spelling, another
// spelling of one word of a longer name that keeps the rest and its first
// letter (Aref Rasulov as Arif Rasulov). A single English word is never
// respelled into another: linking is not sure enough of that ("Atlantic"
// is not "Atlantis"), nor is a word changed past its first letter
// ("Special Agents" is not "Especially Agents"), and a word dropped ("Dr
// Ramona Archer-Bradshaw" as "Archer-Bradshaw") loses what the source said.
func safeRespelling(surface, form string) bool {
	sw, fw := strings.Fields(surface), strings.Fields(form)
	if len(sw) == 0 || len(sw) != len(fw) {
		return false
	}
	anchored, plainChanged := false, false
	for i := range sw {
		a, b := sw[i], fw[i]
		fa, fb := foldName(a), foldName(b)
		switch {
		case fa == fb:
			anchored = true
		case !transliterate.SameToken(a, b):
			return false
		case isASCII(a):
			ra, _ := utf8.DecodeRuneInString(fa)
			rb, _ := utf8.DecodeRuneInString(fb)
			if ra != rb {
				return false
			}
			plainChanged = true
		}
	}
	return !plainChanged || anchored
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldName lowers a word and strips its accents, and the apostrophes and
// hyphens names are written with or without.
func foldName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', '-', '‐', '.':
			return -1
		}
		return unicode.ToLower(r)
	}, out)
	return out
}

// A placed span is where one keep of a segment stands in its translation.
type placed struct {
	from, to Span // in the segment's source text, in its translation
}

// placeNames puts each keep's As in the place of the span the engine kept
// verbatim in out, the translation of seg, and returns the new text with
// where every keep it found now stands. Keeps are found in their order,
// each after the one before where it can be, else at the first occurrence
// not yet taken, so a name that repeats is matched occurrence by
// occurrence. A keep not found is left out: the checks have flagged it.
func placeNames(seg Segment, out string) (string, []placed) {
	type hit struct {
		k        Keep
		start, n int // where it stands in out, and its length there
	}
	var hits []hit
	taken := func(start, end int) bool {
		for _, h := range hits {
			if start < h.start+h.n && h.start < end {
				return true
			}
		}
		return false
	}
	pos := 0
	for _, k := range seg.Keep {
		if k.Start < 0 || k.End > len(seg.Text) || k.Start >= k.End {
			continue
		}
		// A name comes back as it was sent; a glossary term was sent as
		// its target term, which some engines (DeepL's glossaries) apply
		// to the source term instead.
		looks := []string{seg.Text[k.Start:k.End]}
		if k.Kind == KindTerm && k.As != "" {
			looks = []string{k.As, looks[0]}
		}
		at, n := -1, 0
		for _, look := range looks {
			if at = indexWord(out, look, pos, taken); at < 0 {
				at = indexWord(out, look, 0, taken)
			}
			if at >= 0 {
				n = len(look)
				break
			}
		}
		if at < 0 {
			continue
		}
		hits = append(hits, hit{k, at, n})
		pos = at + n
	}
	// Rebuild in the order of the translation.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].start < hits[j-1].start; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var sb strings.Builder
	var spans []placed
	last := 0
	for _, h := range hits {
		sb.WriteString(out[last:h.start])
		as := keepText(seg.Text, h.k)
		start := sb.Len()
		sb.WriteString(as)
		spans = append(spans, placed{from: Span{h.k.Start, h.k.End}, to: Span{start, sb.Len()}})
		last = h.start + h.n
	}
	sb.WriteString(out[last:])
	return sb.String(), spans
}

// indexWord finds name in text at or after from, standing as a word of
// its own (not inside a longer word) and not where taken says another
// keep already is; -1 if there is none.
func indexWord(text, name string, from int, taken func(start, end int) bool) int {
	for from <= len(text) {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return -1
		}
		at := from + i
		end := at + len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) && !taken(at, end) {
			return at
		}
		_, size := utf8.DecodeRuneInString(text[at:])
		from = at + size
	}
	return -1
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// engineSegment is seg as an engine receives it: names without As, to be
// kept as they stand; glossary terms with their target term, which
// engines with a dictionary (Azure) or instructions (LLMs) may inflect.
func engineSegment(seg Segment) Segment {
	if len(seg.Keep) == 0 {
		return seg
	}
	out := Segment{Text: seg.Text, Keep: make([]Keep, len(seg.Keep))}
	for i, k := range seg.Keep {
		if k.Kind != KindTerm {
			k.As = ""
		}
		out.Keep[i] = k
	}
	return out
}
