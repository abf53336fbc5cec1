package names

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// maxPhrase is the longest title, cue or place name in words.
const maxPhrase = 5

// A place is a gazetteer entry: its kind and its first spelling.
type place struct {
	kind string // "city", "region", "country", "water"
	name string
}

func (p place) isSet() bool { return p.kind != "" }

// A lexicon holds the generic resources mention finding reads: titles and
// roles, place cues, given names, a small gazetteer, stopwords, the
// words that mark an organization and those that mark a byline as no
// person's. Keys are folded (see fold).
type lexicon struct {
	titles      map[string]bool
	placeBefore map[string]bool
	placeAfter  map[string]bool
	given       map[string]bool
	places      map[string]place
	stems       map[string]place // place names without their final vowel, for demonyms
	demonyms    map[string]bool  // peoples, nationalities and faiths whose words are not built on a place name: French, Dutch, Sunni
	stopwords   map[string]bool
	orgwords    map[string]bool
	bylines     map[string]bool // words of bylines that name no person: roles, desks, outlets
	// roleHeads and roleFields make Persian roles: a head ("وزیر",
	// "سازمان") and the field nouns after it ("انرژی", "برنامه و بودجه").
	roleHeads  map[string]bool
	roleFields map[string]bool
}

// addPlace reads one gazetteer line: KIND NAME|NAME…
func (lx *lexicon) addPlace(line string) error {
	kind, names, ok := strings.Cut(line, " ")
	if !ok {
		return fmt.Errorf("want: KIND NAME|NAME…")
	}
	switch kind {
	case kindCity, kindRegion, kindCountry, kindWater:
	default:
		return fmt.Errorf("unknown kind %q", kind)
	}
	forms := strings.Split(names, "|")
	for _, n := range forms {
		k := foldPhrase(n)
		p := place{kind: kind, name: strings.TrimSpace(forms[0])}
		if _, dup := lx.places[k]; !dup {
			lx.places[k] = p
		}
		r := []rune(k)
		if len(r) > 4 && strings.ContainsRune("aeiouəıаяеиыоуاهی", r[len(r)-1]) {
			lx.stems[string(r[:len(r)-1])] = p
		}
		// Afghan, Kazakh, Uzbek: the people of a land named -istan.
		for _, land := range []string{"stan", "стан"} {
			if kind != kindCountry || len(r) <= 7 || !strings.HasSuffix(k, land) {
				continue
			}
			stem := strings.TrimSuffix(k, land)
			for _, i := range []string{"i", "и"} {
				if t := strings.TrimSuffix(stem, i); t != stem && utf8.RuneCountInString(t) >= 4 {
					stem = t
				}
			}
			if _, dup := lx.stems[stem]; !dup {
				lx.stems[stem] = p
			}
		}
	}
	return nil
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		titles:      map[string]bool{},
		placeBefore: map[string]bool{},
		placeAfter:  map[string]bool{},
		given:       map[string]bool{},
		places:      map[string]place{},
		stems:       map[string]place{},
		demonyms:    map[string]bool{},
		stopwords:   map[string]bool{},
		orgwords:    map[string]bool{},
		bylines:     map[string]bool{},
		roleHeads:   map[string]bool{},
		roleFields:  map[string]bool{},
	}
	err := eachLine("lexicon/titles.txt", func(line string) error {
		_, phrase, ok := strings.Cut(line, " ")
		if !ok {
			return fmt.Errorf("want: LANG PHRASE")
		}
		lx.titles[foldPhrase(phrase)] = true
		return nil
	})
	if err == nil {
		err = eachLine("lexicon/placecues.txt", func(line string) error {
			f := strings.SplitN(line, " ", 3)
			if len(f) != 3 || (f[0] != "before" && f[0] != "after") {
				return fmt.Errorf("want: before|after LANG PHRASE")
			}
			m := lx.placeBefore
			if f[0] == "after" {
				m = lx.placeAfter
			}
			m[foldPhrase(f[2])] = true
			return nil
		})
	}
	if err == nil {
		err = eachLine("lexicon/given.txt", func(line string) error {
			for _, n := range strings.Fields(line) {
				lx.given[fold(n)] = true
			}
			return nil
		})
	}
	if err == nil {
		err = eachLine("lexicon/gazetteer.txt", lx.addPlace)
	}
	if err == nil {
		// Every country, from the CLDR, after the hand-written list, which
		// wins where both name a place.
		err = eachLine("lexicon/countries.txt", lx.addPlace)
	}
	if err == nil {
		err = eachLine("lexicon/demonyms.txt", func(line string) error {
			for _, n := range strings.Fields(line) {
				lx.demonyms[fold(n)] = true
			}
			return nil
		})
	}
	if err == nil {
		err = eachLine("lexicon/rolefields.txt", func(line string) error {
			f := strings.Fields(line)
			if len(f) < 3 || (f[0] != "head" && f[0] != "field") {
				return fmt.Errorf("want: head|field LANG WORD…")
			}
			set := lx.roleHeads
			if f[0] == "field" {
				set = lx.roleFields
			}
			for _, w := range f[2:] {
				set[fold(w)] = true
			}
			return nil
		})
	}
	for _, f := range []struct {
		file string
		set  map[string]bool
	}{{"lexicon/stopwords.txt", lx.stopwords}, {"lexicon/orgwords.txt", lx.orgwords}, {"lexicon/bylines.txt", lx.bylines}} {
		if err != nil {
			break
		}
		err = eachLine(f.file, func(line string) error {
			for _, w := range strings.Fields(line) {
				f.set[fold(w)] = true
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// eachLine calls f for every line of an embedded lexicon file that is not
// blank or a comment.
func eachLine(name string, f func(line string) error) error {
	file, err := lexiconFiles.Open(name)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// Kinds of gazetteer entry.
const (
	kindCity    = "city"
	kindRegion  = "region"
	kindCountry = "country"
	kindWater   = "water"
)

// fold makes one word comparable within its script: lower case with the
// Turkic dotted capital İ folded to i, Arabic-script letters to their
// Persian forms, ZWNJ, tatweel and vowel marks dropped, ё to е, curly
// apostrophes to straight ones.
func fold(s string) string {
	if ascii(s) {
		return strings.ToLower(s)
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case 'İ':
			r = 'i'
		case 'I':
			r = 'i'
		case 'ي', 'ى':
			r = 'ی'
		case 'ك':
			r = 'ک'
		case 'ة':
			r = 'ه'
		case 'أ', 'إ', 'آ':
			r = 'ا' // Persian writes "امریکا" as often as "آمریکا"
		case 'ё', 'Ё':
			r = 'е'
		case '’', 'ʼ', '‘':
			r = '\''
		case '\u2010', '\u2011':
			r = '-'
		case zwnj, '\u0640', '\u200d':
			continue
		}
		if unicode.Is(unicode.Mn, r) && !isLatinMark(r) {
			continue // harakat
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isLatinMark keeps combining marks that NFC could not compose; for the
// scripts here none matter, so only Arabic harakat are dropped.
func isLatinMark(r rune) bool { return r < 0x0600 || r > 0x06ff }

// foldPhrase folds each word of a phrase and joins them with one space.
func foldPhrase(s string) string {
	// Keys are made of the words the stage tokenizes text into, so that
	// "U.S." in a list matches the two words "U" "S" of a text.
	if ws := tokenize(s); len(ws) > 0 {
		return joinFolded(ws)
	}
	fs := strings.Fields(s)
	for i := range fs {
		fs[i] = fold(fs[i])
	}
	return strings.Join(fs, " ")
}

// phraseBefore returns the longest phrase of set that ends with the word
// just before i, and how many words it has; 0 when there is none.
func phraseBefore(set map[string]bool, words []word, i int) int {
	best := 0
	for n := 1; n <= maxPhrase && i-n >= 0; n++ {
		if set[joinFolded(words[i-n:i])] {
			best = n
		}
		if n < maxPhrase && i-n > 0 && endsSentence(words[i-n].gap) {
			break // phrases do not span sentences
		}
	}
	return best
}

// phraseAt returns the length of the longest phrase of set that starts at
// word i, 0 when there is none.
func phraseAt(set map[string]bool, words []word, i int) int {
	best := 0
	for n := 1; n <= maxPhrase && i+n <= len(words); n++ {
		if n > 1 && !joinedBySpace(words[i+n-1].gap) {
			break
		}
		if set[joinFolded(words[i:i+n])] {
			best = n
		}
	}
	return best
}

func joinFolded(ws []word) string {
	if len(ws) == 1 {
		return ws[0].folded()
	}
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.folded())
	}
	return b.String()
}

// joinedBySpace reports whether two words stand next to each other with
// only spaces (or a ZWNJ) between them, as the words of one name do.
func joinedBySpace(gap string) bool {
	if gap == "" {
		return true
	}
	for _, r := range gap {
		if r != ' ' && r != '\u00a0' && r != zwnj && r != '\t' {
			return false
		}
	}
	return true
}

// demonymEndings turn a place name into the word for its people or its
// adjective: Iran → Iranian, Armenia → Armenian, Azerbaijan → Azerbaijani.
var demonymEndings = []string{"", "n", "an", "ian", "i", "ı", "li", "lı", "lu", "lü", "ese", "ish", "er", "ien", "ienne", "isch", "ische", "iano", "ano", "ano", "ский", "ская", "ское", "ские", "ец", "цы", "ی", "یان", "ها"}

// demonym reports whether w is built on a country or city name: "Iranian",
// "Azerbaijani", "ایرانی". Such words are adjectives, not names.
func (f *finder) demonym(w string) bool {
	if f.lx.demonyms[fold(w)] {
		return true
	}
	k := []rune(fold(w))
	for n := len(k) - 1; n >= 3; n-- {
		stem := string(k[:n])
		rest := string(k[n:])
		p, ok := f.lx.places[stem]
		if !ok {
			p, ok = f.lx.stems[stem]
		}
		if !ok || p.kind == kindWater {
			continue
		}
		for _, e := range demonymEndings {
			if rest == e {
				return true
			}
		}
	}
	return false
}
