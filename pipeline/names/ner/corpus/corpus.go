// Package corpus reads the public named-entity corpora the mention tagger
// (package ner) is trained and evaluated on, each into one form: sentences
// of words, each word tagged with the kind of mention it belongs to and
// whether it begins one.
//
// Start with Sources, the corpora with their repositories, pinned commits,
// paths and licences, and Load, which reads one language from a directory
// of checkouts (scripts/fetch-corpora.sh makes one) and splits it into
// train, held-out and test parts by the rules documented on Load.
//
// Words follow the names stage's tokenization, not the corpus's: tokens
// without a letter or digit are dropped, an apostrophe suffix the corpus
// split off ("Clinton 's", "İstanbul 'da") is joined back to its word, and
// a token holding several words ("U.S.") is split into them. Tags are
// mapped to three kinds: Person; Place (LOC, GPE, and the LocOrg of
// factRuEval, so countries are places: no corpus marks them apart); Org.
// Nationalities (NORP), facilities, events, products and MISC become
// None, so the tagger learns that they are not persons or places.
package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of mention a word belongs to.
type Kind uint8

const (
	None Kind = iota
	Person
	Place
	Org
)

func (k Kind) String() string {
	switch k {
	case Person:
		return "PER"
	case Place:
		return "LOC"
	case Org:
		return "ORG"
	}
	return "O"
}

// A Tag is one word's annotation: its kind and whether it begins a
// mention (BIO encoding; Begin is false for None).
type Tag struct {
	Kind  Kind
	Begin bool
}

// A Sentence is a run of words with one tag each.
type Sentence struct {
	Lang  string
	Words []string
	Tags  []Tag
}

// A Span is a mention: words [Start,End).
type Span struct {
	Start, End int
	Kind       Kind
}

// Spans returns the mentions of tags.
func Spans(tags []Tag) []Span {
	var out []Span
	for i := 0; i < len(tags); {
		t := tags[i]
		if t.Kind == None {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j].Kind == t.Kind && !tags[j].Begin {
			j++
		}
		out = append(out, Span{i, j, t.Kind})
		i = j
	}
	return out
}

// Spans returns the sentence's mentions.
func (s Sentence) Spans() []Span { return Spans(s.Tags) }

const zwnj = '\u200c'

// IsWordRune reports whether r belongs inside a word, as the names stage
// tokenizes.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.IsDigit(r)
}

func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\'', '\u2019', '\u02bc', zwnj:
		return true
	}
	return false
}

// A Token is a word of a text with its rune offsets.
type Token struct {
	Text       string
	Start, End int // rune offsets
}

// Tokenize splits text into words the way the names stage does: runs of
// letters, marks and digits, joined across a hyphen, apostrophe or ZWNJ
// that stands between two word runes. Offsets count runes.
func Tokenize(text string) []Token {
	var out []Token
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !IsWordRune(rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) {
			if IsWordRune(rs[i]) {
				i++
				continue
			}
			if isJoiner(rs[i]) && i+1 < len(rs) && IsWordRune(rs[i+1]) {
				i++
				continue
			}
			break
		}
		out = append(out, Token{string(rs[start:i]), start, i})
	}
	return out
}

// builder turns corpus tokens with tags into a Sentence in the names
// stage's tokenization.
type builder struct {
	s Sentence
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// add appends one corpus token. kind and begin are its annotation.
func (b *builder) add(tok string, kind Kind, begin bool) {
	tok = norm.NFC.String(tok)
	if kind == None {
		begin = false
	}
	first, size := utf8.DecodeRuneInString(tok)
	// An apostrophe suffix split off by the corpus joins the word before.
	if isApostrophe(first) && len(tok) > size && len(b.s.Words) > 0 {
		rest := tok[size:]
		if r, _ := utf8.DecodeRuneInString(rest); IsWordRune(r) && !strings.ContainsFunc(rest, func(r rune) bool { return !IsWordRune(r) }) {
			b.s.Words[len(b.s.Words)-1] += tok
			return
		}
	}
	words := Tokenize(tok)
	for i, w := range words {
		b.s.Words = append(b.s.Words, w.Text)
		b.s.Tags = append(b.s.Tags, Tag{kind, begin && i == 0})
	}
}

func (b *builder) take(lang string) (Sentence, bool) {
	s := b.s
	b.s = Sentence{}
	s.Lang = lang
	// An I tag after a dropped B keeps the span: make sure spans begin.
	for i := range s.Tags {
		if s.Tags[i].Kind != None && (i == 0 || s.Tags[i-1].Kind != s.Tags[i].Kind) {
			s.Tags[i].Begin = true
		}
	}
	return s, len(s.Words) > 0
}
