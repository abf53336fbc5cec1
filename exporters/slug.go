package exporters

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxSlug keeps file names well under every file system's limit, with room
// for a collision suffix and the extension.
const maxSlug = 72

// reserved are names Windows refuses as files whatever the extension, and
// the names of the batch outputs.
var reserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true, "briefing": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// Slugs hands out file names for articles: lower-case ASCII letters,
// digits and hyphens only, so that no title can name a path outside the
// output folder, a hidden file or a device, on any OS; each name once,
// compared without case.
type Slugs struct {
	// Romanize turns any script into Latin before slugging; when nil, only
	// accents are stripped and other scripts fall back to the fallback name.
	Romanize func(string) string
	taken    map[string]bool
}

// Next returns a fresh slug for title, or for fallback (such as the input
// file's name) when title yields none.
func (s *Slugs) Next(title, fallback string) string {
	if s.taken == nil {
		s.taken = map[string]bool{}
	}
	base := s.slug(title)
	if base == "" {
		base = s.slug(fallback)
	}
	if base == "" {
		base = "article"
	}
	if reserved[base] {
		base += "-article"
	}
	slug := base
	for n := 2; s.taken[slug]; n++ {
		slug = base + "-" + strconv.Itoa(n)
	}
	s.taken[slug] = true
	return slug
}

// romanizeForeign romanizes only the words not written in Latin script:
// a romanizer made for matching would respell Latin words ("DTX" as "dtkh").
func (s *Slugs) romanizeForeign(text string) string {
	words := strings.Fields(text)
	for i, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
				words[i] = s.Romanize(w)
				break
			}
		}
	}
	return strings.Join(words, " ")
}

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

func (s *Slugs) slug(text string) string {
	if s.Romanize != nil {
		text = s.romanizeForeign(text)
	}
	folded, _, err := transform.String(stripMarks, text)
	if err != nil {
		folded = text
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'ı':
			b.WriteByte('i')
			dash = false
		case r == 'ə':
			b.WriteByte('a')
			dash = false
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > maxSlug {
		out = out[:maxSlug]
		if i := strings.LastIndexByte(out, '-'); i > maxSlug/2 {
			out = out[:i]
		}
	}
	return out
}
