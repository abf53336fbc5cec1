package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A Lexicon is word-list knowledge the tagger reads as features: each
// folded word with the lists it is on. Train takes one and the model
// carries it, so the weights file is self-contained. cmd/nertrain builds
// it from the names stage's own lists (pipeline/names/lexicon), which this
// project wrote; none comes from a corpus or a test set.
type Lexicon map[string]lexClass

type lexClass uint8

const (
	lexGiven   lexClass = 1 << iota // a given name
	lexPlace                        // a word of a city or region name
	lexCountry                      // a word of a country or sea name
	lexTitle                        // a word of a title or role before a name
	lexOrg                          // a word that marks an organisation
	lexCue                          // a word of a place cue ("city of", "şəhərində")
	lexStop                         // a function word, month, weekday, pronoun
)

func (x Lexicon) add(phrase string, c lexClass) {
	for _, w := range strings.Fields(phrase) {
		if f := fold(w); f != "" && isWord(f) {
			x[f] |= c
		}
	}
}

// ReadLexicon reads the names stage's lists from dir: given.txt,
// gazetteer.txt, titles.txt, orgwords.txt, placecues.txt, stopwords.txt.
func ReadLexicon(dir string) (Lexicon, error) {
	x := Lexicon{}
	read := func(name string, line func(string)) error {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			line(l)
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("%s: %w", f.Name(), err)
		}
		return nil
	}
	err := read("given.txt", func(l string) { x.add(l, lexGiven) })
	if err == nil {
		err = read("gazetteer.txt", func(l string) {
			kind, rest, _ := strings.Cut(l, " ")
			c := lexPlace
			if kind == "country" || kind == "water" {
				c = lexCountry
			}
			x.add(strings.ReplaceAll(rest, "|", " "), c)
		})
	}
	if err == nil {
		err = read("titles.txt", func(l string) {
			_, rest, _ := strings.Cut(l, " ")
			x.add(rest, lexTitle)
		})
	}
	if err == nil {
		err = read("orgwords.txt", func(l string) { x.add(l, lexOrg) })
	}
	if err == nil {
		err = read("placecues.txt", func(l string) {
			f := strings.Fields(l)
			if len(f) > 2 {
				x.add(strings.Join(f[2:], " "), lexCue)
			}
		})
	}
	if err == nil {
		err = read("stopwords.txt", func(l string) { x.add(l, lexStop) })
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

// lookup returns the classes of a folded word, trying its stem and, for
// inflected forms, the word without its last one or two letters
// (Bakıda → Bakı, Ереване → Ереван; not Россией → Россия); approx is set when only a shortened
// form matched.
func (x Lexicon) lookup(f, stem string) (c lexClass, approx bool) {
	if c = x[f]; c != 0 {
		return c, false
	}
	if stem != "" {
		if c = x[stem]; c != 0 {
			return c, false
		}
	}
	s := f
	for k := 0; k < 3; k++ {
		r := []rune(s)
		if len(r) <= 3 {
			break
		}
		s = string(r[:len(r)-1])
		if c = x[s] &^ lexStop; c != 0 {
			return c, true
		}
	}
	return 0, false
}

// encode writes the lexicon sorted, so that the weights file is
// deterministic.
func (x Lexicon) encode(w io.Writer) error {
	words := make([]string, 0, len(x))
	for k := range x {
		words = append(words, k)
	}
	slices.Sort(words)
	if _, err := fmt.Fprintf(w, "%d\n", len(words)); err != nil {
		return err
	}
	for _, k := range words {
		if _, err := fmt.Fprintf(w, "%s\t%d\n", k, x[k]); err != nil {
			return err
		}
	}
	return nil
}

func decodeLexicon(r io.ByteReader) (Lexicon, error) {
	readLine := func() (string, error) {
		var b []byte
		for {
			c, err := r.ReadByte()
			if err != nil {
				return "", err
			}
			if c == '\n' {
				return string(b), nil
			}
			b = append(b, c)
		}
	}
	l, err := readLine()
	if err != nil {
		return nil, err
	}
	var n int
	if _, err := fmt.Sscan(l, &n); err != nil || n < 0 || n > 1<<20 {
		return nil, fmt.Errorf("lexicon size %q: %w", l, ErrFormat)
	}
	x := make(Lexicon, n)
	for range n {
		l, err := readLine()
		if err != nil {
			return nil, err
		}
		word, cls, ok := strings.Cut(l, "\t")
		var c int
		if _, err := fmt.Sscan(cls, &c); !ok || err != nil || c <= 0 || c > 255 {
			return nil, fmt.Errorf("lexicon line %q: %w", l, ErrFormat)
		}
		x[word] = lexClass(c)
	}
	return x, nil
}
