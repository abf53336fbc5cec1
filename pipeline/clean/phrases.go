package clean

import "strings"

// A phraseSet finds which of many phrases occur in a line in one pass
// over the line, where testing each phrase with strings.Contains would
// pass over it once per phrase: every line of every page meets the
// furniture vocabulary of all the languages.
type phraseSet struct {
	byPair map[uint16][]string // phrases by their first two bytes
	pairs  [1 << 16 / 64]uint64
}

func newPhraseSet(lists ...[]string) *phraseSet {
	ps := &phraseSet{byPair: map[uint16][]string{}}
	for _, list := range lists {
		for _, p := range list {
			if len(p) < 2 {
				continue // no such phrase is wanted; a byte alone matches too much
			}
			k := pairKey(p, 0)
			ps.byPair[k] = append(ps.byPair[k], p)
			ps.pairs[k>>6] |= 1 << (k & 63)
		}
	}
	return ps
}

func pairKey(s string, i int) uint16 { return uint16(s[i])<<8 | uint16(s[i+1]) }

// in reports whether s contains one of the phrases.
func (ps *phraseSet) in(s string) bool { return ps.find(s, "") }

// after reports whether one of the phrases begins s or follows one of the
// bytes in seps.
func (ps *phraseSet) after(s, seps string) bool { return ps.find(s, seps) }

func (ps *phraseSet) find(s, seps string) bool {
	for i := 0; i+1 < len(s); i++ {
		k := pairKey(s, i)
		if ps.pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		if seps != "" && i > 0 && strings.IndexByte(seps, s[i-1]) < 0 {
			continue
		}
		for _, p := range ps.byPair[k] {
			if strings.HasPrefix(s[i:], p) {
				return true
			}
		}
	}
	return false
}
