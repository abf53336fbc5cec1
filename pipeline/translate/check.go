package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A problem is what the checks found wrong with one translated segment.
type problem string

const (
	problemNone         problem = ""
	problemEmpty        problem = "empty"        // nothing came back for real text
	problemThink        problem = "think"        // an unclosed <think> block: the answer was cut off
	problemLengthRatio  problem = "length-ratio" // far shorter or longer than the source
	problemUntranslated problem = "untranslated" // the source came back as it was
)

// truncating reports whether p means text was lost, as opposed to text
// that reads oddly: lost text is resent, odd text is flagged.
func (p problem) truncating() bool { return p == problemEmpty || p == problemThink }

// stripThink removes a reasoning model's thinking from an answer: only the
// text after the last </think> counts, since markers also appear inside
// the block. An opening <think> with no close means the answer was cut off
// while thinking. Text that had the markers in the source is left alone.
func stripThink(source, out string) (string, bool) {
	if strings.Contains(source, "<think>") || strings.Contains(source, "</think>") {
		return out, true
	}
	if i := strings.LastIndex(out, "</think>"); i >= 0 {
		return strings.TrimLeftFunc(out[i+len("</think>"):], unicode.IsSpace), true
	}
	if strings.Contains(out, "<think>") {
		return out, false
	}
	return out, true
}

// checkSegment looks for the marks of a lost or refused translation in one
// answer: nothing back, an unclosed <think>, a length far off the source's,
// or the source echoed untranslated. from and to are BCP 47 tags.
func checkSegment(in Segment, out, from, to string) problem {
	inChars := letterCount(in.Text)
	if inChars > 0 && strings.TrimSpace(out) == "" {
		return problemEmpty
	}
	if !strings.Contains(in.Text, "<think>") && strings.Contains(out, "<think>") {
		return problemThink
	}
	if baseOf(from) != baseOf(to) && echoes(in, out) {
		return problemUntranslated
	}
	if inChars >= 30 {
		ratio := float64(letterCount(out)) / float64(inChars)
		low, high := 0.3, 3.5
		if dense(to) {
			low = 0.1
		}
		if dense(from) {
			high = 12
		}
		if ratio < low || ratio > high {
			return problemLengthRatio
		}
	}
	return problemNone
}

// echoes reports whether out is in's text unchanged although it has at
// least three words outside its protected names: a sentence of names, or
// a word or two, may rightly come back as it was.
func echoes(in Segment, out string) bool {
	if !strings.EqualFold(strings.TrimSpace(in.Text), strings.TrimSpace(out)) {
		return false
	}
	masked, _ := mask(in)
	words := 0
	for _, w := range strings.Fields(masked.Text) {
		if strings.HasPrefix(w, "ZXQ") {
			continue
		}
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return words >= 3
}

// letterCount counts letters and digits, which unlike spaces and
// punctuation say how much text there is.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// dense reports whether a language writes much in few characters
// (Chinese, Japanese, Korean), which skews length ratios.
func dense(tag string) bool {
	switch baseOf(tag) {
	case "zh", "ja", "ko", "yue":
		return true
	}
	return false
}

func charCount(s string) int { return utf8.RuneCountInString(s) }
