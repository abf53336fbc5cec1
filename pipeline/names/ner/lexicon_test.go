package ner

import (
	"bufio"
	"bytes"
	"testing"
)

func TestLexicon(t *testing.T) {
	x, err := ReadLexicon("../lexicon")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, word string
		want       lexClass
		approx     bool
	}{
		{"given name", "Ali", lexGiven, false},
		{"country, any script", "Россия", lexCountry, false},
		{"inflected place", "Bakıda", lexPlace, true},
		{"turkish apostrophe", "Rusya'da", lexCountry, false},
		{"title", "president", lexTitle, false},
		{"organisation word", "Ministry", lexOrg, false},
	}
	for _, tc := range tests {
		f := fold(tc.word)
		c, approx := x.lookup(f, stem(f))
		if c&tc.want == 0 || approx != tc.approx {
			t.Errorf("%s: %q: class %b approx %v, want %b approx %v", tc.name, tc.word, c, approx, tc.want, tc.approx)
		}
	}
	var buf bytes.Buffer
	if err := x.encode(&buf); err != nil {
		t.Fatal(err)
	}
	first := buf.String()
	y, err := decodeLexicon(bufio.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := y.encode(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != first || len(y) != len(x) {
		t.Error("lexicon changed in an encode/decode round trip")
	}
}
