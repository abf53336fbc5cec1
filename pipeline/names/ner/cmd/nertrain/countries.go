package main

import (
	"bufio"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// countries recognises country names for the countries-neutral measure:
// the evaluation leaves countries out of both gold and predicted
// spans. The list is the names stage's gazetteer (its "country" lines);
// no corpus marks countries apart from other places.
type countries struct{ spellings []string }

func loadCountries(path string) (*countries, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &countries{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, rest, ok := strings.Cut(sc.Text(), " ")
		if !ok || kind != "country" {
			continue
		}
		for _, sp := range strings.Split(rest, "|") {
			if sp = normal(sp); sp != "" {
				c.spellings = append(c.spellings, sp)
			}
		}
	}
	return c, sc.Err()
}

// normal lower-cases s, keeps its letters and digits with single spaces,
// and drops an Arabic article.
func normal(s string) string {
	var words []string
	for _, t := range corpus.Tokenize(strings.ToLower(s)) {
		words = append(words, strings.TrimPrefix(t.Text, "ال"))
	}
	return strings.Join(words, " ")
}

// is reports whether words name a country, allowing an inflectional
// ending of up to four letters after the spelling (its last letter may
// change: Россия → России, Fransa → Fransa'da).
func (c *countries) is(words []string) bool {
	s := normal(strings.Join(words, " "))
	for _, sp := range c.spellings {
		if s == sp {
			return true
		}
		stem := sp
		if utf8.RuneCountInString(sp) > 4 {
			_, size := utf8.DecodeLastRuneInString(sp)
			stem = sp[:len(sp)-size]
		}
		if strings.HasPrefix(s, stem) && utf8.RuneCountInString(s)-utf8.RuneCountInString(stem) <= 4 && !strings.Contains(s[len(stem):], " ") {
			return true
		}
	}
	return false
}

// drop removes the spans that name a country.
func (c *countries) drop(words []string, spans []corpus.Span) []corpus.Span {
	if c == nil {
		return spans
	}
	out := spans[:0:0]
	for _, s := range spans {
		if s.Kind == corpus.Place && c.is(words[s.Start:s.End]) {
			continue
		}
		out = append(out, s)
	}
	return out
}
