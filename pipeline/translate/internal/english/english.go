// Package english knows two things about English words that protecting
// names through translation needs: whether a word is a common English
// word, which an engine would translate ("Nurse", "Meadows", "Master"),
// and whether it is a given name, and a woman's or a man's.
//
// It reads words.bin, statistics that internal/gen learns from public word
// lists (SCOWL's common English words, the U.S. Social Security
// Administration's baby names; see there): per word a 32-bit hash and
// quantized values, no word itself. The table is read on first use.
package english

import (
	_ "embed"
	"encoding/binary"
	"hash/fnv"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed words.bin
var wordsBin []byte

// Magic opens words.bin, with its format's version.
const Magic = "dossier-english/1\n"

// A Sex is what a given name says of its bearer.
type Sex byte

const (
	Either Sex = '-' // given to girls and boys alike
	Female Sex = 'f'
	Male   Sex = 'm'
)

// Thresholds on the learned statistics. A given name is one given to
// 2^8 children or more, 2^14 when it is also a common word ("Will",
// "Grace", "Hunter"), rarer ones being as often slips; a name is a
// woman's or a man's when nine in ten of them were girls or boys.
const (
	minLogBirths       = 8
	minLogBirthsCommon = 14
	sexShare           = 230 // of 255
)

type table struct {
	common               []uint32 // sorted hashes
	given                []uint32 // sorted hashes
	givenLog, givenShare []uint8  // log2 births, girls' share in 255ths
}

var load = sync.OnceValue(func() *table {
	t := &table{}
	b, ok := strings.CutPrefix(string(wordsBin), Magic)
	if !ok {
		return t // the tests read the embedded table
	}
	data := []byte(b)
	next := func(n int) []byte {
		if len(data) < n {
			data = nil
			return make([]byte, n)
		}
		out := data[:n]
		data = data[n:]
		return out
	}
	n := int(binary.LittleEndian.Uint32(next(4)))
	for range n {
		t.common = append(t.common, binary.LittleEndian.Uint32(next(4)))
		next(1) // the commonness bucket: any size counts as common
	}
	n = int(binary.LittleEndian.Uint32(next(4)))
	for range n {
		t.given = append(t.given, binary.LittleEndian.Uint32(next(4)))
		v := next(2)
		t.givenLog = append(t.givenLog, v[0])
		t.givenShare = append(t.givenShare, v[1])
	}
	return t
})

func find(keys []uint32, h uint32) (int, bool) {
	i := sort.Search(len(keys), func(i int) bool { return keys[i] >= h })
	return i, i < len(keys) && keys[i] == h
}

// Given reports whether word is a given name, and whose: case, accents
// and a final period are ignored ("JOSÉ", "Jose").
func Given(word string) (Sex, bool) {
	t := load()
	i, ok := find(t.given, Hash(word))
	if !ok {
		return 0, false
	}
	min := uint8(minLogBirths)
	if Common(word) {
		min = minLogBirthsCommon
	}
	if t.givenLog[i] < min {
		return 0, false
	}
	switch share := t.givenShare[i]; {
	case share >= sexShare:
		return Female, true
	case share <= 255-sexShare:
		return Male, true
	}
	return Either, true
}

// Common reports whether word is a common English word, whatever its
// case: a word an engine translates when it is not protected. An
// English possessive ("Hood's") is not part of the word.
func Common(word string) bool {
	w := strings.TrimRight(word, ".,;:!?")
	for _, s := range []string{"'s", "’s", "'S", "’S"} {
		w = strings.TrimSuffix(w, s)
	}
	_, ok := find(load().common, Hash(w))
	return ok
}

// Hash is the key words.bin holds a word by: FNV-1a of the word in lower
// case, without accents or a final period.
func Hash(word string) uint32 {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.TrimRight(word, "."))
	if err != nil {
		out = word
	}
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(out)))
	return h.Sum32()
}
