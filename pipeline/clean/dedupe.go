package clean

import (
	"context"
	"strings"
	"unicode/utf8"
)

// checkEvery is how many lines or paragraphs pass between looks at the
// context: often enough that a 40 MiB input stops within milliseconds,
// seldom enough to cost nothing.
const checkEvery = 1024

// checkpoint returns ctx's error on every checkEvery-th step i.
func checkpoint(ctx context.Context, i int) error {
	if i%checkEvery != 0 {
		return nil
	}
	return ctx.Err()
}

// dedupe keeps one copy of repeated text. A line whose text is contained
// in a longer one (a lead split over two lines, then printed whole, or a
// pull quote) goes; of exact repeats the first stays, unless a later one
// is a heading, as when a table of contents lists the headings. Copies of
// the title go too. A heading is only dropped for another heading.
//
// Exact repeats meet in a map and contained lines are found through an
// index of their first bytes, so the cost grows with the text, not with
// the square of its paragraphs.
func dedupe(ctx context.Context, items []bodyItem, title string) ([]bodyItem, error) {
	keys := make([]string, len(items))
	first := make(map[string]int, len(items))
	headings := make(map[string]int)
	for i, it := range items {
		if err := checkpoint(ctx, i); err != nil {
			return nil, err
		}
		k := dupKey(it.text)
		keys[i] = k
		if _, seen := first[k]; !seen {
			first[k] = i
		}
		if it.kind == itemHeading {
			headings[k]++
		}
	}
	contained, err := findContained(ctx, items, keys)
	if err != nil {
		return nil, err
	}
	titleKey := dupKey(title)
	var out []bodyItem
	for i, it := range items {
		k := keys[i]
		if k == "" || k == titleKey && it.kind != itemQuote {
			continue
		}
		otherHeadings := headings[k]
		if it.kind == itemHeading {
			otherHeadings--
		}
		minContained := minContainedDup
		if isPullQuote(it) {
			minContained = minPullQuote
		}
		in := contained[k]
		switch {
		case otherHeadings > 0: // a table of contents' entry, or its heading
		case it.kind != itemHeading && first[k] < i: // a repeat
		case len(k) >= minContained && (in.byHeading || it.kind != itemHeading && in.byAny):
			// part of a longer paragraph: a split lead or a pull quote
		default:
			out = append(out, it)
		}
	}
	return out, nil
}

// containment says which longer keys hold a key.
type containment struct {
	byAny     bool // some longer key of any kind
	byHeading bool // some longer heading's key
}

// findContained returns, for each key that may be dropped as part of a
// longer one, what holds it. Candidates are indexed by their first
// minPullQuote bytes; each longer key is scanned once, and only where
// those bytes match is a candidate compared whole.
//
// A page of many different paragraphs sharing their first words could
// still make the comparisons add up, so they are capped in proportion to
// the text; past the cap, what is left unchecked is kept.
func findContained(ctx context.Context, items []bodyItem, keys []string) (map[string]containment, error) {
	byPrefix := make(map[string][]string)
	candidate := make(map[string]bool)
	holderAt := make(map[string]int) // index into holders, in page order so a cut-off budget cuts the same way each run
	type holder struct {
		key     string
		heading bool
	}
	var holders []holder
	totalBytes := 0
	for i, it := range items {
		k := keys[i]
		if len(k) < minPullQuote {
			continue // too short to be dropped as part of another
		}
		if at, seen := holderAt[k]; seen {
			holders[at].heading = holders[at].heading || it.kind == itemHeading
		} else {
			holderAt[k] = len(holders)
			holders = append(holders, holder{key: k, heading: it.kind == itemHeading})
			totalBytes += len(k)
		}
		if !candidate[k] && (len(k) >= minContainedDup || isPullQuote(it)) {
			candidate[k] = true
			byPrefix[k[:minPullQuote]] = append(byPrefix[k[:minPullQuote]], k)
		}
	}
	found := make(map[string]containment)
	if len(byPrefix) == 0 {
		return found, nil
	}
	budget := 64*len(items) + totalBytes
	step := 0
	for _, h := range holders {
		other := h.key
		for p := 0; p+minPullQuote <= len(other); p++ {
			if step++; step%(checkEvery*64) == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if !utf8.RuneStart(other[p]) {
				continue // keys are valid UTF-8, so a match starts a rune
			}
			for _, k := range byPrefix[other[p:p+minPullQuote]] {
				if len(k) >= len(other) {
					continue
				}
				if budget -= len(k); budget < 0 {
					return found, nil
				}
				if strings.HasPrefix(other[p:], k) {
					c := found[k]
					c.byAny = true
					c.byHeading = c.byHeading || h.heading
					found[k] = c
				}
			}
		}
	}
	return found, nil
}
