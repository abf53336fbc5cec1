package clean

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/pipeline"
)

// maxDateline bounds a dateline in characters: a place, a date and an
// agency.
const maxDateline = 80

// agencyCredit is an agency in brackets after the place of a dateline:
// "(Reuters)", "(AP)", "(Interfax)".
var agencyCredit = regexp.MustCompile(`\(\s*(\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,2})\s*\)`)

// dateline reads a wire story's dateline: the place the story was filed
// from, in capitals or followed by a comma, then a date, an agency in
// brackets, or both: "LONDON 1996-12-06", "MOSCOW, Dec 6 (Reuters)",
// "Baku, 14 November 2022", "WASHINGTON (AP) —". Wire copy prints it
// between the headline and the text, where it is the header's date line,
// not a title. date is nil when the dateline gives no year.
func dateline(s string) (date *pipeline.Date, ok bool) {
	s = strings.TrimRight(strings.TrimSpace(s), " -–—:")
	if s == "" || runeLen(s) > maxDateline {
		return nil, false
	}
	agency := false
	if loc := agencyCredit.FindStringIndex(s); loc != nil && loc[0] > 0 {
		agency = true
		s = s[:loc[0]] + " " + s[loc[1]:]
	}
	words := strings.Fields(s)
	n, capitals := datelinePlace(words)
	if n == 0 {
		return nil, false
	}
	rest := strings.Trim(strings.Join(words[n:], " "), " ,-–—")
	switch {
	case rest == "":
		return nil, agency && capitals
	case !hasDigit(rest):
		return nil, false
	}
	if d, ok := ParseDate(rest); ok {
		return d, true
	}
	if p, ok := parseDateParts(rest); ok && p.year == 0 && !p.hasTime {
		return nil, true // "Dec 6": a date, but no year to place it
	}
	return nil, false
}

// datelinePlace returns how many of words make the place that opens a
// dateline, 0 if none does: one to four words in capitals ("NEW YORK",
// "ST. PETERSBURG"), or one to three capitalized words closed by a comma
// ("Baku,"). capitals tells which.
func datelinePlace(words []string) (n int, capitals bool) {
	for n < len(words) && n < 4 {
		w := words[n]
		comma := strings.HasSuffix(w, ",")
		if !allCapitals(strings.TrimSuffix(w, ",")) {
			break
		}
		n++
		if comma {
			return n, true
		}
	}
	if n > 0 {
		return n, true
	}
	for n < len(words) && n < 3 {
		w := words[n]
		comma := strings.HasSuffix(w, ",")
		w = strings.TrimSuffix(w, ",")
		r := firstLetter(w)
		if r == 0 || !unicode.IsUpper(r) || hasDigit(w) {
			return 0, false
		}
		n++
		if comma {
			return n, false
		}
	}
	return 0, false
}

// allCapitals reports whether w is a word of capital letters, with the
// dots, hyphens and apostrophes of a place name: "LONDON", "ST.",
// "AL-AIN"; a single letter does not count.
func allCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters >= 2
}
