package main

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Snippets per page, as trafilatura's evaluation picks a few required and
// a few unwanted pieces of each page rather than scoring every word: a
// long page weighs no more than a short one.
const (
	maxSnippets    = 12
	snippetWords   = 10
	minSnippetWord = 5
)

// words normalises s for matching: NFC, lower case, letters and digits
// only, one space between words, with a space at each end so that a
// contained snippet starts and ends on word boundaries.
func words(s string) string {
	s = norm.NFC.String(strings.ToLower(s))
	var sb strings.Builder
	sb.WriteByte(' ')
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			sb.WriteRune(r)
			space = false
		} else if !space {
			sb.WriteByte(' ')
			space = true
		}
	}
	if !space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// window returns up to n words from the middle of the normalised line w,
// with their bounding spaces.
func window(w string, n int) string {
	f := strings.Fields(w)
	if len(f) > n {
		start := (len(f) - n) / 2
		f = f[start : start+n]
	}
	return " " + strings.Join(f, " ") + " "
}

// spread picks at most n items evenly from xs.
func spread(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, xs[i*len(xs)/n])
	}
	return out
}

// snippets returns a page's required snippets (from the set's article
// text) and unwanted ones (lines of the browser's text that the article
// text does not contain).
func snippets(p page, browserText string) (with, without []string) {
	gold := words(p.Body)
	var paras []string
	for _, l := range strings.Split(p.Body, "\n") {
		w := words(l)
		if len(strings.Fields(w)) >= minSnippetWord {
			paras = append(paras, window(w, snippetWords))
		}
	}
	with = spread(dedupeStrings(paras), maxSnippets)
	var lines []string
	for _, l := range strings.Split(browserText, "\n") {
		w := words(l)
		f := strings.Fields(w)
		if len(f) < 4 || strings.Contains(gold, w) {
			continue
		}
		// A line sharing a run of words with the article (a caption that
		// repeats a sentence, a teaser quoting the lead) is neither.
		if len(f) >= minSnippetWord && strings.Contains(gold, " "+strings.Join(f[:minSnippetWord], " ")+" ") {
			continue
		}
		lines = append(lines, window(w, snippetWords))
	}
	for _, s := range dedupeStrings(lines) {
		if !strings.Contains(gold, s) {
			without = append(without, s)
		}
	}
	without = spread(without, maxSnippets)
	return with, without
}

func dedupeStrings(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// tally is trafilatura's confusion count over snippets.
type tally struct{ tp, fn, fp, tn int }

func (t *tally) add(o tally) { t.tp += o.tp; t.fn += o.fn; t.fp += o.fp; t.tn += o.tn }

func (t tally) precision() float64 { return ratio(t.tp, t.tp+t.fp) }
func (t tally) recall() float64    { return ratio(t.tp, t.tp+t.fn) }
func (t tally) f1() float64 {
	p, r := t.precision(), t.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func scoreText(out string, with, without []string) tally {
	w := words(out)
	var t tally
	for _, s := range with {
		if strings.Contains(w, s) {
			t.tp++
		} else {
			t.fn++
		}
	}
	for _, s := range without {
		if strings.Contains(w, s) {
			t.fp++
		} else {
			t.tn++
		}
	}
	return t
}

// titleRight reports whether got names the page's declared title: the
// same words, or the declared title without a site name after a
// separator ("Headline | Outlet").
func titleRight(got, want string) bool {
	g := words(got)
	if strings.TrimSpace(g) == "" {
		return false
	}
	cands := []string{want}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " : "} {
		for _, part := range strings.Split(want, sep) {
			cands = append(cands, part)
		}
	}
	for _, c := range cands {
		if words(c) == g {
			return true
		}
	}
	// A headline and a page title may differ by a word or two.
	w := words(want)
	short, long := g, w
	if len(short) > len(long) {
		short, long = long, short
	}
	return strings.Contains(long, short) && len(strings.Fields(short)) >= 4 &&
		float64(len(strings.Fields(short))) >= 0.8*float64(len(strings.Fields(long)))
}

// monthNames are the month names and abbreviations a page may print its
// date with, in the languages of the benchmark pages.
var monthNames = [12]string{
	"january jan janvier janv januar jänner enero ene janeiro jan gennaio gen januari leden ledna styczeń stycznia січня января",
	"february feb february février févr februar febrero feb fevereiro fev febbraio febbraio februari únor února luty lutego лютого февраля",
	"march mar mars märz marzo março marzo maart březen března marzec marca березня марта",
	"april apr avril abril aprile april duben dubna kwiecień kwietnia квітня апреля",
	"may mai mayo maio maggio mei květen května maj maja травня мая",
	"june jun juin juni junio junho giugno juni červen června czerwiec czerwca червня июня",
	"july jul juillet juli julio julho luglio juli červenec července lipiec lipca липня июля",
	"august aug août august agosto agosto augustus srpen srpna sierpień sierpnia серпня августа",
	"september sep sept septembre september septiembre setembro settembre september září wrzesień września вересня сентября",
	"october oct octobre oktober octubre outubro ottobre oktober říjen října październik października жовтня октября",
	"november nov novembre november noviembre novembro novembre november listopad listopadu listopada листопада ноября",
	"december dec décembre dezember diciembre dezembro dicembre december prosinec prosince grudzień grudnia грудня декабря",
}

// shownDate reports whether the browser text prints the day (YYYY-MM-DD)
// in a common form; only such pages count for date accuracy.
func shownDate(text, day string) bool {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return false
	}
	low := " " + strings.ToLower(strings.Join(strings.Fields(text), " ")) + " "
	y, m, d := t.Year(), int(t.Month()), t.Day()
	numeric := []string{
		fmt.Sprintf("%04d-%02d-%02d", y, m, d), fmt.Sprintf("%d.%d.%d", d, m, y), fmt.Sprintf("%02d.%02d.%04d", d, m, y),
		fmt.Sprintf("%d/%d/%d", m, d, y), fmt.Sprintf("%02d/%02d/%04d", m, d, y), fmt.Sprintf("%d/%d/%d", d, m, y),
		fmt.Sprintf("%02d/%02d/%04d", d, m, y), fmt.Sprintf("%d/%d/%02d", m, d, y%100), fmt.Sprintf("%d年%d月%d日", y, m, d),
		fmt.Sprintf("%04d.%02d.%02d", y, m, d), fmt.Sprintf("%04d/%02d/%02d", y, m, d),
	}
	for _, s := range numeric {
		if strings.Contains(low, s) {
			return true
		}
	}
	ys := fmt.Sprint(y)
	for _, name := range strings.Fields(monthNames[m-1]) {
		for _, form := range []string{
			fmt.Sprintf(" %s %d, %s", name, d, ys), fmt.Sprintf(" %s. %d, %s", name, d, ys), fmt.Sprintf(" %d %s %s", d, name, ys),
			fmt.Sprintf(" %d. %s %s", d, name, ys), fmt.Sprintf(" %d de %s de %s", d, name, ys), fmt.Sprintf(" %d %s. %s", d, name, ys),
			fmt.Sprintf(" %s %d %s", name, d, ys), fmt.Sprintf(" %d %s, %s", d, name, ys),
		} {
			if strings.Contains(low, form) {
				return true
			}
		}
	}
	return false
}
