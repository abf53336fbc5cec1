package transliterate

import (
	"math/bits"
	"sort"
	"strings"
)

// Keys of a token, each prefixed by its kind:
//
//	s:  consonant skeleton of the stem over broad classes (k for
//	    k g q x h, j for j c zh, s for s z, t for t d, b for b p), vowels,
//	    semivowels and glottals left out, then the surname suffix family:
//	    "s:skr-ov" for Askarov, Əsgərov, Аскеров and عسگراف alike;
//	    the same skeleton of the whole token, suffix read as letters,
//	    is also an s: key, for spellings where one side's ending was not
//	    recognized (and, without a final f, for Persian -ف);
//	v:  vowel-light form: the skeleton with one vowel slot "a" for each
//	    run of written vowels, for alphabetic tokens whose skeleton is too
//	    short to tell names apart (Ali, Ela); Arabic script does not write
//	    short vowels, so its tokens have none.
//
// A letter that may stand for sounds of different classes (Latin c: k,
// s or j) gives one key per reading, at most maxKeyVariants per token.
const maxKeyVariants = 4

// Keys returns the blocking keys of a name: the keys of each of its
// tokens and of each pair of adjacent tokens read as one (Mir Hafiz as
// Mirhafiz). Names that may match share at least one key; names that
// share none are never compared by the Clusterer. It uses the package's
// shared, immutable Matcher (see New).
func Keys(name string) []string { return shared().Keys(name) }

// Keys is the package function Keys with m's tables.
func (m *Matcher) Keys(name string) []string {
	ts := m.ready().parse(name)
	set := map[string]bool{}
	for _, u := range tokenUnits(ts) {
		for _, k := range tokenKeys(u.tok) {
			set[k] = true
		}
	}
	return sortedKeys(set)
}

// A unit is a token or adjacent tokens read as one, with the span it
// covers.
type unit struct {
	from, to int
	tok      token
}

func tokenUnits(ts []token) []unit {
	var out []unit
	for i := range ts {
		out = append(out, unit{i, i + 1, ts[i]})
		if i+1 < len(ts) {
			out = append(out, unit{i, i + 2, joinTokens(ts[i : i+2])})
		}
	}
	return out
}

// tokenKeys returns the s: and r: keys of one token (v: only when the
// skeleton has fewer than two classes).
func tokenKeys(t token) []string {
	var out []string
	stem := skeletons(t.stem)
	suf := ""
	if t.suffix != noSuffix {
		suf = "-" + suffixNames[t.suffix]
	}
	for _, s := range stem {
		out = append(out, "s:"+s+suf)
	}
	if t.suffix != noSuffix {
		// The whole token read as letters, in the namespace of tokens
		// without an ending, so that a side whose ending was not
		// recognized still meets it. A final f is left out: Persian writes
		// -ov and -ev with ف (گورباچف), where v has no class.
		for _, s := range skeletons(t.full) {
			out = append(out, "s:"+strings.TrimSuffix(s, "f"))
		}
	} else {
		for _, s := range stem {
			if trimmed := strings.TrimSuffix(s, "f"); trimmed != s && trimmed != "" {
				out = append(out, "s:"+trimmed)
			}
		}
	}
	if len(stem) > 0 && len(stem[0]) < 2 && !t.abjad {
		out = append(out, "v:"+vowelLight(t.stem)+suf)
	}
	if t.alt != nil {
		out = append(out, tokenKeys(*t.alt)...)
	}
	for _, c := range t.conv {
		out = append(out, tokenKeys(c)...)
	}
	return out
}

// skeletons lists the consonant skeletons of a sound sequence, one per
// reading of its ambiguous letters, at most maxKeyVariants: the readings
// that take each letter's first class come first, and the rest fill the
// slots left in the order the letters come. The time is linear in len(s):
// a reading is a chain of letters that shares its start with the readings
// it branched from, written out once at the end.
func skeletons(s []sym) []string {
	type link struct {
		prev *link
		c    byte
		n    int // length of the chain
	}
	type reading struct {
		tail *link
		last byte // the class of the last letter read, 0 for none
	}
	variants := []reading{{}}
	next := make([]reading, 0, maxKeyVariants)
	var slab []link // links are allocated together, never moved
	for _, x := range s {
		if x.opt && !x.both {
			continue // letters spellings drop at will
		}
		classes := symClasses(x)
		if x.both {
			classes = append(classes, 0) // and without it
		}
		if len(classes) == 0 {
			continue
		}
		next = next[:0]
		for _, v := range variants {
			for ci, c := range classes {
				if ci > 0 && len(next) >= maxKeyVariants {
					break
				}
				switch {
				case c == v.last:
					next = append(next, v)
				case c == 0:
					next = append(next, reading{v.tail, v.last})
				default:
					n := 1
					if v.tail != nil {
						n = v.tail.n + 1
					}
					if len(slab) == cap(slab) {
						slab = make([]link, 0, 4*len(s)+1)
					}
					slab = append(slab, link{v.tail, c, n})
					next = append(next, reading{&slab[len(slab)-1], c})
				}
			}
		}
		// At most maxKeyVariants readings go on, the first found: the
		// loop above would otherwise add one reading for each ambiguous
		// letter, and a long token would take cubic time.
		if len(next) > maxKeyVariants {
			next = next[:maxKeyVariants]
		}
		variants, next = next, variants
	}
	seen := map[string]bool{}
	var out []string
	for _, v := range variants {
		n := 0
		if v.tail != nil {
			n = v.tail.n
		}
		b := make([]byte, n)
		for l := v.tail; l != nil; l = l.prev {
			n--
			b[n] = l.c
		}
		if k := string(b); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// symClasses lists the skeleton classes a letter may belong to; 0 stands
// for "no class" (a vowel reading). Letters that only stand for one
// another's class give one entry.
func symClasses(x sym) []byte {
	if x.set == 0 {
		return []byte{keyByte(x.lit)}
	}
	var out []byte
	for b := uint32(x.set); b != 0; b &= b - 1 {
		c := skeletonClass[bits.TrailingZeros32(b)]
		dup := false
		for _, o := range out {
			dup = dup || o == c
		}
		if !dup {
			out = append(out, c)
		}
	}
	// Consonant readings first: the first variant is the primary key.
	sort.SliceStable(out, func(i, j int) bool { return out[i] != 0 && out[j] == 0 })
	return out
}

// keyByte stands in a key for a letter of a script no table knows.
func keyByte(r rune) byte { return byte('A' + r%26) }

// vowelLight writes a skeleton that keeps one "a" for each run of vowels
// between consonants, so Ali (a-l-a) and Ela (a-l-a) agree but Alim
// (a-l-a-m) does not.
func vowelLight(s []sym) string {
	var b strings.Builder
	lastVowel := false
	for _, x := range s {
		cs := symClasses(x)
		if x.opt || len(cs) == 0 {
			continue
		}
		if x.set&(vowels|pY) != 0 {
			if !lastVowel {
				b.WriteByte('a')
			}
			lastVowel = true
			continue
		}
		if cs[0] != 0 {
			b.WriteByte(cs[0])
			lastVowel = false
		}
	}
	return b.String()
}

// primaryKey is the key the CLI shows for a name: the first s: key of
// each token, sorted, so word order does not change it.
func primaryKey(ts []token) string { return primaryKeyMemo(ts, nil) }

// wordRead identifies one reading of a word within a run.
type wordRead struct {
	text  string
	first *sym
}

// primaryKeyMemo is primaryKey with each word's key kept in memo (may be
// nil), for a run over many names that share words read once (tokenMemo):
// a word is known by its text and its reading's storage, since one text
// may read two ways (Turkic or not).
func primaryKeyMemo(ts []token, memo map[wordRead]string) string {
	var parts []string
	for _, t := range ts {
		id := wordRead{t.text, &t.full[0]}
		k, ok := memo[id]
		if !ok {
			if ks := tokenKeys(t); len(ks) > 0 {
				k = strings.TrimPrefix(ks[0], "s:")
			}
			if memo != nil {
				memo[id] = k
			}
		}
		if k != "" {
			parts = append(parts, k)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
