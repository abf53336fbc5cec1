package transliterate

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Aliases is a list of known entities, each with the spelling to show and
// the spellings that name it. See the package doc for the file format.
// An Aliases is read-only once parsed and safe for concurrent use.
type Aliases struct {
	entries []aliasEntry
	byName  map[string]int // aliasKey(spelling) → entry
}

type aliasEntry struct {
	canonical string
	variants  []string          // every spelling, canonical first
	forms     map[string]string // language → form
}

var langField = regexp.MustCompile(`^([a-z]{2,3}(?:-[A-Za-z]{2,4})?):(.+)$`)

// ParseAliases reads an alias file. Errors name the line and the reason.
func ParseAliases(r io.Reader) (*Aliases, error) {
	a := &Aliases{byName: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		e := aliasEntry{forms: map[string]string{}}
		for i, f := range fields {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			if m := langField.FindStringSubmatch(f); m != nil {
				if i == 0 {
					return nil, fmt.Errorf("line %d: canonical spelling %q has a language prefix; put the canonical spelling first, plain", line, f)
				}
				lang, form := strings.ToLower(m[1]), strings.TrimSpace(m[2])
				if form == "" {
					return nil, fmt.Errorf("line %d: empty %s form", line, lang)
				}
				if _, dup := e.forms[lang]; dup {
					return nil, fmt.Errorf("line %d: two %s forms", line, lang)
				}
				e.forms[lang] = form
				e.variants = append(e.variants, form)
				continue
			}
			if i == 0 {
				e.canonical = f
			}
			e.variants = append(e.variants, f)
		}
		if e.canonical == "" {
			return nil, fmt.Errorf("line %d: no canonical spelling in the first field", line)
		}
		if aliasKey(e.canonical) == "" {
			return nil, fmt.Errorf("line %d: canonical spelling %q has no letters", line, e.canonical)
		}
		idx := len(a.entries)
		for _, v := range e.variants {
			k := aliasKey(v)
			if k == "" {
				continue
			}
			if prev, ok := a.byName[k]; ok && prev != idx {
				return nil, fmt.Errorf("line %d: %q already names %q", line, v, a.entries[prev].canonical)
			}
			a.byName[k] = idx
		}
		a.entries = append(a.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return a, nil
}

// aliasKey is the form a spelling is looked up by: normalized, lower
// case, words joined by single spaces; dotless ı is folded into i, since
// an upper-case BAKI does not tell which it was.
func aliasKey(s string) string {
	raw := splitName(normalize(s))
	for i, w := range raw {
		raw[i] = strings.ReplaceAll(lowerToken(w), "ı", "i")
	}
	return strings.Join(raw, " ")
}

// Canonical returns the spelling to show for a name the file lists, in
// any of its spellings; case, Arabic letter forms, ZWNJ and punctuation
// do not matter.
func (a *Aliases) Canonical(name string) (string, bool) {
	i, ok := a.entry(name)
	if !ok {
		return "", false
	}
	return a.entries[i].canonical, true
}

// Form returns an entity's spelling for a language (fa, ru, az, …), given
// its canonical spelling or any other.
func (a *Aliases) Form(canonical, lang string) (string, bool) {
	i, ok := a.entry(canonical)
	if !ok {
		return "", false
	}
	f, ok := a.entries[i].forms[strings.ToLower(lang)]
	return f, ok
}

// Len returns the number of entities listed.
func (a *Aliases) Len() int {
	if a == nil {
		return 0
	}
	return len(a.entries)
}

func (a *Aliases) entry(name string) (int, bool) {
	if a == nil {
		return 0, false
	}
	i, ok := a.byName[aliasKey(name)]
	return i, ok
}
