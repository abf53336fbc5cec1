package translate

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// A Glossary fixes how terms translate, per language pair: the user's
// word for an agency, a party, a title. Every engine applies it: the
// stage protects each source term and puts the target term in its place,
// engines with a dictionary of their own are given it (DeepL's glossaries,
// Azure's dynamic dictionary), and the checks flag a term that did not
// come through. A Glossary is read-only once parsed.
type Glossary struct {
	entries []GlossaryEntry
}

// A GlossaryEntry is one term of a pair: Source, in language From, is
// translated Target in language To. From and To are base languages.
type GlossaryEntry struct {
	From, To       string
	Source, Target string
}

// ParseGlossary reads a glossary in TSV or CSV (the first line with a tab
// decides): per line a source term, its target term, the source language
// and the target language (BCP 47: en, es). Empty lines and lines that
// start with # are skipped; a first line "source, target, from, to" is a
// header. name is the file's name, for errors.
func ParseGlossary(r io.Reader, name string) (*Glossary, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	text := strings.TrimPrefix(string(b), "\ufeff")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, l)
	}
	tsv := strings.Contains(text, "\t")
	g := &Glossary{}
	seen := map[string]string{}
	for i, l := range lines {
		if l == "" {
			continue
		}
		var f []string
		if tsv {
			f = strings.Split(l, "\t")
		} else {
			cr := csv.NewReader(strings.NewReader(l))
			cr.FieldsPerRecord = -1
			if f, err = cr.Read(); err != nil {
				return nil, fmt.Errorf("%s: line %d: %w", name, i+1, err)
			}
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("%s: line %d: %d fields, want 4: source term, target term, source language, target language", name, i+1, len(f))
		}
		if len(g.entries) == 0 && strings.EqualFold(f[0], "source") && strings.EqualFold(f[1], "target") {
			continue // header
		}
		from, err1 := baseLanguage(f[2])
		to, err2 := baseLanguage(f[3])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", name, i+1, err)
		}
		if f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("%s: line %d: empty term", name, i+1)
		}
		key := from + "\x00" + to + "\x00" + f[0]
		if old, ok := seen[key]; ok {
			if old != f[1] {
				return nil, fmt.Errorf("%s: line %d: %q is already translated %q", name, i+1, f[0], old)
			}
			continue
		}
		seen[key] = f[1]
		g.entries = append(g.entries, GlossaryEntry{From: from, To: to, Source: f[0], Target: f[1]})
	}
	return g, nil
}

func baseLanguage(tag string) (string, error) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", fmt.Errorf("language %q: %w", tag, err)
	}
	b, _ := t.Base()
	return b.String(), nil
}

// Entries returns the entries for translating from into to (BCP 47 tags),
// longest source term first, so that a longer term wins over one inside
// it.
func (g *Glossary) Entries(from, to string) []GlossaryEntry {
	if g == nil {
		return nil
	}
	f, err1 := baseLanguage(from)
	t, err2 := baseLanguage(to)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []GlossaryEntry
	for _, e := range g.entries {
		if e.From == f && e.To == t {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Source) > len(out[j].Source) })
	return out
}

// Hash is a digest of the entries for one pair, part of every cache key of
// that pair, so that changing the glossary translates again: "" when the
// pair has none.
func (g *Glossary) Hash(from, to string) string {
	es := g.Entries(from, to)
	if len(es) == 0 {
		return ""
	}
	sorted := append([]GlossaryEntry(nil), es...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Source < sorted[j].Source })
	h := sha256.New()
	for _, e := range sorted {
		fmt.Fprintf(h, "%s\x00%s\x00", e.Source, e.Target)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// glossaryKeeps returns a keep for each occurrence of a source term of
// entries in text, standing as words of its own and not overlapping taken
// spans (names) or each other, to be read as its target term.
func glossaryKeeps(text string, entries []GlossaryEntry, taken []Keep) []Keep {
	var out []Keep
	overlaps := func(start, end int) bool {
		for _, k := range taken {
			if start < k.End && k.Start < end {
				return true
			}
		}
		for _, k := range out {
			if start < k.End && k.Start < end {
				return true
			}
		}
		return false
	}
	for _, e := range entries {
		for from := 0; ; {
			at := indexWord(text, e.Source, from, func(start, end int) bool { return overlaps(start, end) })
			if at < 0 {
				break
			}
			out = append(out, Keep{Start: at, End: at + len(e.Source), As: e.Target, Kind: KindTerm})
			from = at + len(e.Source)
		}
	}
	return out
}
