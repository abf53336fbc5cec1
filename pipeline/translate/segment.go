package translate

import (
	"unicode"
	"unicode/utf8"
)

// Limits bounds one segment: at most MaxChars characters and MaxBytes
// bytes (zero: no limit), with sentences grouped up to GroupChars
// characters (zero: one sentence per segment).
type Limits struct {
	MaxChars, MaxBytes int
	GroupChars         int
}

// segmentLimits derives the limits of one segment from an engine's
// capabilities: a segment must fit in a request on its own.
func segmentLimits(c Capabilities) Limits {
	l := Limits{MaxChars: c.MaxChars, MaxBytes: c.MaxBytes, GroupChars: c.MaxSegmentChars}
	if l.GroupChars > 0 && l.MaxChars > 0 && l.GroupChars > l.MaxChars {
		l.GroupChars = l.MaxChars
	}
	return l
}

func (l Limits) fits(chars, bytes int) bool {
	return (l.MaxChars <= 0 || chars <= l.MaxChars) && (l.MaxBytes <= 0 || bytes <= l.MaxBytes)
}

// Split cuts text into sentence-aligned segments for language lang within
// limits, and hands each its share of keeps (spans of text, sorted and not
// overlapping) in segment coordinates. A keep that a cut would divide is
// never divided: sentences are not split inside one, and an over-long
// sentence is cut at a space outside every keep. The spans returned cover
// text without the whitespace between segments.
func Split(text, lang string, keeps []Keep, l Limits) ([]Span, []Segment) {
	var pieces []Span
	for _, s := range Sentences(text, lang) {
		s = joinAcrossKeeps(s, keeps, &pieces)
		pieces = append(pieces, cutLong(text, s, keeps, l)...)
	}
	// Group consecutive pieces up to GroupChars, never past the hard limits.
	var spans []Span
	for _, p := range pieces {
		if n := len(spans); n > 0 && l.GroupChars > 0 {
			merged := Span{spans[n-1].Start, p.End}
			chars := utf8.RuneCountInString(text[merged.Start:merged.End])
			if chars <= l.GroupChars && l.fits(chars, merged.End-merged.Start) {
				spans[n-1] = merged
				continue
			}
		}
		spans = append(spans, p)
	}
	segs := make([]Segment, len(spans))
	for i, sp := range spans {
		segs[i] = Segment{Text: text[sp.Start:sp.End]}
		for _, k := range keeps {
			if k.Start >= sp.Start && k.End <= sp.End {
				segs[i].Keep = append(segs[i].Keep, Keep{Start: k.Start - sp.Start, End: k.End - sp.Start, As: k.As, Kind: k.Kind})
			}
		}
	}
	return spans, segs
}

// joinAcrossKeeps merges s into the previous piece when a sentence break
// fell inside a keep ("Dr. Who" that the splitter took for two
// sentences), so that no keep is divided.
func joinAcrossKeeps(s Span, keeps []Keep, pieces *[]Span) Span {
	n := len(*pieces)
	if n == 0 {
		return s
	}
	prev := (*pieces)[n-1]
	for _, k := range keeps {
		if k.Start < prev.End && k.End > s.Start {
			*pieces = (*pieces)[:n-1]
			return Span{prev.Start, s.End}
		}
	}
	return s
}

// cutLong cuts a span longer than the limits at spaces, preferring one
// after a comma or semicolon, never inside a keep. A run without any
// allowed space is cut between characters as a last resort.
func cutLong(text string, s Span, keeps []Keep, l Limits) []Span {
	var out []Span
	for {
		chars := utf8.RuneCountInString(text[s.Start:s.End])
		if l.fits(chars, s.End-s.Start) {
			return append(out, s)
		}
		cut, next := bestCut(text, s, keeps, l)
		out = append(out, Span{s.Start, cut})
		s = Span{next, s.End}
	}
}

// bestCut finds where to end the first piece of s: the last allowed space
// that keeps the piece within limits, preferably after punctuation.
func bestCut(text string, s Span, keeps []Keep, l Limits) (cut, next int) {
	inKeep := func(i int) bool {
		for _, k := range keeps {
			if i > k.Start && i < k.End {
				return true
			}
		}
		return false
	}
	lastSpace, lastPunct, lastRune := -1, -1, -1
	chars := 0
	for i := s.Start; i < s.End; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !l.fits(chars+1, i+size-s.Start) {
			break
		}
		chars++
		if unicode.IsSpace(r) && i > s.Start && !inKeep(i) {
			lastSpace = i
			if p, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsPunct(p) {
				lastPunct = i
			}
		}
		i += size
		lastRune = i
	}
	switch {
	case lastPunct > s.Start+(lastRune-s.Start)/2:
		cut = lastPunct
	case lastSpace > s.Start:
		cut = lastSpace
	default:
		cut = lastRune
		if cut <= s.Start { // a limit smaller than one character
			_, size := utf8.DecodeRuneInString(text[s.Start:])
			cut = s.Start + size
		}
		return cut, cut
	}
	return cut, skipSpace(text, cut)
}
