package names

// This file is the one place the names stage leans on package
// transliterate for cross-script matching.

import (
	"github.com/dossier-news/dossier/transliterate"
)

// romanize gives the Latin form of s, for slugs.
func romanize(s string) string { return transliterate.Romanize(s) }

// keys returns the blocking keys of a word or name: two spellings that may
// match share at least one. A batch asks for the same words again and
// again, so the finder remembers them.
func (f *finder) keys(s string) []string {
	if k, ok := f.keyCache[s]; ok {
		return k
	}
	k := f.m.Keys(s)
	if f.keyCache == nil {
		f.keyCache = map[string][]string{}
	}
	f.keyCache[s] = k
	return k
}

// same reports whether two words are one name part in any script.
func (f *finder) same(a, b string) bool { return f.m.SameToken(a, b) }

// A keyIndex finds the words seen so far that may match a word. Each
// word is held once: a batch repeats its names many times, and asks
// about the same words again and again, so answers are remembered until
// a word is added.
type keyIndex struct {
	byKey  map[string][]string
	held   map[string]bool
	has    map[string]bool
	scores map[string]float64
}

func newKeyIndex() *keyIndex {
	return &keyIndex{byKey: map[string][]string{}, held: map[string]bool{}}
}

func (f *finder) add(x *keyIndex, w string) {
	if x.held[w] {
		return
	}
	x.held[w] = true
	x.has, x.scores = nil, nil
	for _, k := range f.keys(w) {
		x.byKey[k] = append(x.byKey[k], w)
	}
}

// has reports whether the index holds a word that matches w. Within one
// script spellings vary little, so there the match must be close
// ("Rise" is not "Raisi"); across scripts SameToken decides.
func (f *finder) has(x *keyIndex, w string) bool {
	if x == nil {
		return false
	}
	if ok, seen := x.has[w]; seen {
		return ok
	}
	ok := f.lookup(x, w)
	if x.has == nil {
		x.has = map[string]bool{}
	}
	x.has[w] = ok
	return ok
}

func (f *finder) lookup(x *keyIndex, w string) bool {
	if x.held[w] {
		return true
	}
	for _, k := range f.keys(w) {
		for _, y := range x.byKey[k] {
			if scriptOf(y) == scriptOf(w) {
				if fold(y) == fold(w) || f.m.Match(y, w).Value >= sameScriptMatch {
					return true
				}
				continue
			}
			if f.same(y, w) {
				return true
			}
		}
	}
	return false
}

// sameScriptMatch is the score two spellings in one script need to be
// taken for one name part: about one vowel apart in a six-letter word.
const sameScriptMatch = 0.9
