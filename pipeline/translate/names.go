package translate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CleanKeeps returns the keeps of text an engine can honour, sorted by
// Start: spans out of range, empty or cutting a character in two are
// dropped, a span inside another is dropped in favour of the outer one,
// and spans that partly overlap are merged into one kept verbatim (a
// merged span has no single form to stand as). Engines may refuse
// anything else, so the stage cleans every segment's keeps before
// sending it rather than let one bad span stop the batch.
func CleanKeeps(text string, keeps []Keep) []Keep {
	valid := make([]Keep, 0, len(keeps))
	for _, k := range keeps {
		if k.Start < 0 || k.End > len(text) || k.Start >= k.End ||
			!utf8.RuneStart(text[k.Start]) || (k.End < len(text) && !utf8.RuneStart(text[k.End])) {
			continue
		}
		valid = append(valid, k)
	}
	// Longest first, so that an outer span is met before those inside it.
	sort.SliceStable(valid, func(i, j int) bool {
		return valid[i].End-valid[i].Start > valid[j].End-valid[j].Start
	})
	var out []Keep
	for _, k := range valid {
		merged := false
		for i, o := range out {
			switch {
			case k.Start >= o.Start && k.End <= o.End:
				merged = true // inside o: o protects it already
			case k.Start < o.End && o.Start < k.End:
				out[i] = Keep{Start: min(k.Start, o.Start), End: max(k.End, o.End), Kind: sameKind(k, o)}
				merged = true
			}
			if merged {
				break
			}
		}
		if !merged {
			out = append(out, k)
		}
	}
	// A merge may have grown a span over its neighbour: merge until none
	// overlap.
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	clean := out[:0]
	for _, k := range out {
		if n := len(clean); n > 0 && k.Start < clean[n-1].End {
			if k.End > clean[n-1].End {
				clean[n-1] = Keep{Start: clean[n-1].Start, End: k.End, Kind: sameKind(k, clean[n-1])}
			}
			continue
		}
		clean = append(clean, k)
	}
	return clean
}

// sameKind is the Kind of a span merged from a and b: theirs when they
// agree, else unknown.
func sameKind(a, b Keep) string {
	if a.Kind == b.Kind {
		return a.Kind
	}
	return ""
}

// keepText returns what a keep must read as in the translation.
func keepText(text string, k Keep) string {
	if k.As != "" {
		return k.As
	}
	return text[k.Start:k.End]
}

// missingNames returns the protected names of in that out lacks, counting
// repeats: a name kept twice must appear twice.
func missingNames(in Segment, out string) []string {
	need := map[string]int{}
	var order []string
	for _, k := range in.Keep {
		as := keepText(in.Text, k)
		if need[as] == 0 {
			order = append(order, as)
		}
		need[as]++
	}
	var missing []string
	for _, as := range order {
		if strings.Count(out, as) < need[as] {
			missing = append(missing, as)
		}
	}
	return missing
}

// placeholder returns the token that stands for the i-th protected name
// when names are sent masked. Letters and digits only, so that every
// engine passes it through as an unknown word.
func placeholder(i int) string { return "ZXQ" + strconv.Itoa(i+1) + "Q" }

// mask replaces every protected span of seg with a placeholder and returns
// the masked segment (without keeps) and the names by placeholder.
func mask(seg Segment) (Segment, []string) {
	var sb strings.Builder
	names := make([]string, 0, len(seg.Keep))
	last := 0
	for i, k := range seg.Keep {
		sb.WriteString(seg.Text[last:k.Start])
		sb.WriteString(placeholder(i))
		names = append(names, keepText(seg.Text, k))
		last = k.End
	}
	sb.WriteString(seg.Text[last:])
	return Segment{Text: sb.String()}, names
}

// unmask puts the names back in place of their placeholders, and reports
// those whose placeholder the engine lost.
func unmask(out string, names []string) (string, []string) {
	var lost []string
	for i := len(names) - 1; i >= 0; i-- { // ZXQ12Q before ZXQ1Q cannot clash, but be safe
		p := placeholder(i)
		if !strings.Contains(out, p) {
			lost = append(lost, names[i])
			continue
		}
		out = strings.ReplaceAll(out, p, names[i])
	}
	return out, lost
}

// flagNameLost is the Provenance flag for a protected name absent from the
// translation.
func flagNameLost(name string) string { return fmt.Sprintf("name-lost: %s", name) }
