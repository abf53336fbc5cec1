package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
)

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_.:-]+)`)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// Decode turns raw bytes into clean text, as DecodeNotes does, and drops
// its notes.
func Decode(raw []byte, contentType string, lossy bool) (string, error) {
	s, _, err := DecodeNotes(raw, contentType, lossy)
	return s, err
}

// DecodeNotes turns raw bytes into clean text, finding the encoding as a
// browser's sniffing would:
//
//   - a byte order mark: UTF-8, UTF-16 or UTF-32, either byte order;
//   - UTF-16 or UTF-32 without one, told by where the zero and low bytes
//     fall, when the result is text;
//   - the charset an HTML page or its Content-Type declares; invalid bytes
//     in a page declared UTF-8 are replaced with U+FFFD, as a browser
//     shows them;
//   - UTF-8; a file whose lines are partly UTF-8 and partly one legacy
//     single-byte encoding (Windows-1251, -1252 or -1256, guessed from the
//     letters they make) is read line by line.
//
// CRLF and CR become LF; the result is NFC with bidi overrides and
// invisible control characters removed. Bytes that are not text give an
// error wrapping pipeline.ErrNotText with their offset, unless lossy,
// which replaces them with U+FFFD (up to 10% of the input). The notes say
// what was guessed or repaired, for a warning.
func DecodeNotes(raw []byte, contentType string, lossy bool) (string, []string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", nil, pipeline.ErrEmpty
	}
	var notes []string
	var text []byte
	wide := func(enc encoding.Encoding, name string) error {
		dec, err := decodeWith(enc, raw)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		text = dec
		return nil
	}
	var err error
	switch {
	case bytes.HasPrefix(raw, bomUTF32LE):
		err = wide(utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "utf-32")
	case bytes.HasPrefix(raw, bomUTF32BE):
		err = wide(utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "utf-32")
	case bytes.HasPrefix(raw, bomUTF8):
		text = raw[len(bomUTF8):]
	case bytes.HasPrefix(raw, bomUTF16LE):
		err = wide(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "utf-16")
	case bytes.HasPrefix(raw, bomUTF16BE):
		err = wide(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "utf-16")
	default:
		if dec, name := sniffWide(raw); dec != nil {
			text = dec
			notes = append(notes, "no byte order mark; read as "+name)
			break
		}
		text = raw
		if utf8.Valid(raw) {
			break
		}
		enc, name := declaredCharset(raw, contentType)
		switch {
		case enc != nil:
			if dec, err := decodeWith(enc, raw); err == nil {
				text = dec
			}
		case name == "utf-8":
			// A browser shows the page with U+FFFD where the bytes
			// are bad, often inside a script nobody reads.
			bad := invalidBytes(raw)
			if bad*100 <= len(raw)*maxLossyPercent {
				text = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
				notes = append(notes, fmt.Sprintf("byte %d: %d %s of invalid UTF-8 replaced (the page declares UTF-8)", invalidAt(raw), bad, plural(bad, "byte", "bytes")))
			}
		default:
			if dec, note := mixedLegacy(raw); dec != nil {
				text = dec
				notes = append(notes, note)
			}
		}
	}
	if err != nil {
		return "", nil, err
	}
	if i := bytes.IndexByte(text, 0); i >= 0 && !lossy {
		return "", nil, fmt.Errorf("byte %d: NUL byte, binary data: %w", i, pipeline.ErrNotText)
	}
	if lossy {
		// Lossy mends text with a few bad bytes; it does not make an
		// article of a binary file.
		if bad := notTextBytes(text); bad*100 > len(text)*maxLossyPercent {
			return "", nil, fmt.Errorf("%d of %d bytes (%d%%) are not text, over the %d%% --lossy replaces: %w",
				bad, len(text), bad*100/len(text), maxLossyPercent, pipeline.ErrNotText)
		}
	}
	if !utf8.Valid(text) {
		if !lossy {
			return "", nil, fmt.Errorf("byte %d: invalid UTF-8: %w", invalidAt(text), pipeline.ErrNotText)
		}
		notes = append(notes, fmt.Sprintf("byte %d: %d %s of invalid UTF-8 replaced (--lossy)", invalidAt(text), invalidBytes(text), plural(invalidBytes(text), "byte", "bytes")))
		text = bytes.ToValidUTF8(text, []byte("\uFFFD"))
	}
	if !lossy && looksBinary(text) {
		return "", nil, fmt.Errorf("mostly control characters, binary data: %w", pipeline.ErrNotText)
	}
	s := norm.NFC.String(sanitize(text))
	if strings.TrimSpace(s) == "" {
		return "", nil, pipeline.ErrEmpty
	}
	return s, notes, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sniffWide recognizes UTF-32 and UTF-16 without a byte order mark: in
// text of most scripts every code unit's high bytes are zero or small,
// so they stand out at one position of every four or two. The guess
// holds only if the whole input decodes to text: no unpaired surrogates,
// no NULs, hardly any control characters.
func sniffWide(raw []byte) ([]byte, string) {
	sample := raw[:min(len(raw), 4096)]
	if len(sample) < 8 {
		return nil, ""
	}
	var small [4]int // bytes below 0x20 by position mod 4
	var zero [4]int
	for i, b := range sample {
		if b < 0x20 {
			small[i%4]++
		}
		if b == 0 {
			zero[i%4]++
		}
	}
	quads := len(sample) / 4
	pairs := len(sample) / 2
	mostly := func(n, of int) bool { return n*100 >= of*95 }
	few := func(n, of int) bool { return n*100 <= of*30 }
	type guess struct {
		enc  encoding.Encoding
		name string
	}
	var guesses []guess
	switch {
	case len(raw)%4 == 0 && mostly(zero[2], quads) && mostly(zero[3], quads) && few(zero[0], quads):
		guesses = append(guesses, guess{utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "UTF-32LE"})
	case len(raw)%4 == 0 && mostly(zero[0], quads) && mostly(zero[1], quads) && few(zero[3], quads):
		guesses = append(guesses, guess{utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "UTF-32BE"})
	}
	if len(raw)%2 == 0 {
		even, odd := small[0]+small[2], small[1]+small[3]
		switch {
		case mostly(odd, pairs) && few(even, pairs):
			guesses = append(guesses, guess{xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE"})
		case mostly(even, pairs) && few(odd, pairs):
			guesses = append(guesses, guess{xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE"})
		}
	}
	for _, g := range guesses {
		dec, err := decodeWith(g.enc, raw)
		if err == nil && isCleanText(dec) {
			return dec, g.name
		}
	}
	return nil, ""
}

// isCleanText reports decoded text with no replacement characters, no
// NULs and under 1% other controls.
func isCleanText(b []byte) bool {
	if !utf8.Valid(b) || bytes.Contains(b, []byte("\uFFFD")) || bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	ctl, total := 0, 0
	for _, r := range string(b) {
		total++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	return ctl*100 < total
}

// legacyEncodings are the single-byte encodings mixedLegacy tries: the
// Windows code pages of the region's scripts and of Western Europe.
var legacyEncodings = []struct {
	name string
	enc  encoding.Encoding
}{
	{"windows-1251", charmap.Windows1251},
	{"windows-1252", charmap.Windows1252},
	{"windows-1256", charmap.Windows1256},
}

// minLegacyBytes is how many non-UTF-8 bytes it takes to guess their
// encoding; fewer are stray bytes, an error or --lossy's business.
const minLegacyBytes = 16

// mixedLegacy reads text that is not UTF-8 throughout: the lines that are
// valid UTF-8 as such, the others in the single-byte encoding whose
// letters make the most sense (words in one script, Latin words mostly
// ASCII). It returns nil when the other lines are too few bytes to judge
// or no encoding makes letters of them.
func mixedLegacy(raw []byte) ([]byte, string) {
	var legacy [][2]int // byte spans of the lines that are not UTF-8
	high := 0
	for start := 0; start < len(raw); {
		end := bytes.IndexByte(raw[start:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += start + 1
		}
		if line := raw[start:end]; !utf8.Valid(line) {
			legacy = append(legacy, [2]int{start, end})
			for _, b := range line {
				if b >= 0x80 {
					high++
				}
			}
		}
		start = end
	}
	if high < minLegacyBytes {
		return nil, ""
	}
	var sample []byte
	for _, sp := range legacy {
		if len(sample) > 64<<10 {
			break
		}
		sample = append(sample, raw[sp[0]:sp[1]]...)
	}
	best, bestScore := -1, 0
	for i, le := range legacyEncodings {
		dec, err := le.enc.NewDecoder().Bytes(sample)
		if err != nil {
			continue
		}
		if sc := letterScore(string(dec)); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 {
		return nil, ""
	}
	enc := legacyEncodings[best]
	out := make([]byte, 0, len(raw)+len(raw)/2)
	last := 0
	for _, sp := range legacy {
		out = append(out, raw[last:sp[0]]...)
		dec, err := enc.enc.NewDecoder().Bytes(raw[sp[0]:sp[1]])
		if err != nil {
			return nil, ""
		}
		out = append(out, dec...)
		last = sp[1]
	}
	out = append(out, raw[last:]...)
	note := fmt.Sprintf("not UTF-8: read as %s", enc.name)
	if len(legacy) > 0 && legacy[0][0] > 0 || last < len(raw) || len(legacy) > 1 {
		note = fmt.Sprintf("byte %d: the file turns from UTF-8 to %s; %d %s read as %s", legacy[0][0], enc.name, len(legacy), plural(len(legacy), "line", "lines"), enc.name)
	}
	return out, note
}

// letterScore rates text decoded with a guessed encoding: a word of
// letters in one script counts for; against count a word that mixes
// scripts or turns to capitals midway (Arabic read as Cyrillic), a Latin
// word of mostly non-ASCII letters (Cyrillic read as Latin-1), and a
// symbol outside ASCII.
func letterScore(s string) int {
	score := 0
	letters, nonASCII := 0, 0
	var script *unicode.RangeTable
	mixed, lower := false, false
	endWord := func() {
		switch {
		case letters == 0:
		case mixed:
			score -= 2 * letters
		case script == unicode.Latin && letters >= 3 && nonASCII*2 > letters:
			score -= letters
		default:
			score += letters
		}
		letters, nonASCII, script, mixed, lower = 0, 0, nil, false, false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			endWord()
			if r >= 0x80 && !unicode.IsPunct(r) && !unicode.IsSpace(r) && !unicode.IsDigit(r) {
				score -= 2
			}
			continue
		}
		letters++
		if r >= 0x80 {
			nonASCII++
		}
		sc := scriptOf(r)
		if script == nil {
			script = sc
		} else if sc != script {
			mixed = true
		}
		if unicode.IsUpper(r) && lower {
			mixed = true
		}
		lower = unicode.IsLower(r)
	}
	endWord()
	return score
}

func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Greek, unicode.Hebrew} {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

func decodeWith(enc encoding.Encoding, raw []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(raw)
}

// declaredCharset returns the encoding an HTML page declares in a meta tag
// or its Content-Type, and its name; plain text declares nothing. The
// encoding is nil for UTF-8, or when the declaration is uncertain.
func declaredCharset(raw []byte, contentType string) (encoding.Encoding, string) {
	head := string(raw[:min(len(raw), 64<<10)])
	if contentType == "" && !looksHTML(head) {
		return nil, ""
	}
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if certain {
		if name == "utf-8" {
			return nil, name
		}
		return enc, name
	}
	// DetermineEncoding calls a meta tag uncertain, and looks at the
	// first 1024 bytes only; a page that declares a charset almost
	// surely means it, wherever the tag is in its head.
	head = skipPreamble(head)
	if m := metaCharset.FindStringSubmatch(head[:min(len(head), 4096)]); m != nil {
		if enc, name := charset.Lookup(m[1]); enc != nil {
			if name == "utf-8" {
				return nil, name
			}
			return enc, name
		}
	}
	return nil, ""
}

// invalidBytes counts the bytes of b that are not valid UTF-8.
func invalidBytes(b []byte) int {
	bad := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		}
		i += n
	}
	return bad
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// looksBinary reports text whose runes are mostly controls: valid UTF-8 by
// accident, such as a small binary file.
func looksBinary(b []byte) bool {
	sample := b[:min(len(b), 4096)]
	ctl, total := 0, 0
	for _, r := range string(sample) {
		total++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	return total > 0 && ctl*10 > total
}

// sanitize normalizes line ends and removes what a reader cannot see but a
// later stage would trip over: bidi embeddings, overrides and isolates
// (direction is the model's business), zero-width and other format
// characters, C0 and C1 controls. It keeps ZWNJ and ZWJ, which change how
// Persian and other scripts join, and maps exotic spaces to plain ones.
func sanitize(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t' || r == '\f' || r == '\v':
			b.WriteByte(' ')
		case r == '\u200c' || r == '\u200d':
			b.WriteRune(r)
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case unicode.Is(unicode.Cf, r): // LRE…RLO, LRI…PDI, LRM, RLM, ZWSP, BOM, soft hyphen, tags
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r == utf8.RuneError && n == 1:
			b.WriteRune(r)
		default:
			b.Write(s[i-n : i])
		}
	}
	return b.String()
}

// maxLossyPercent is the share of bytes lossy decoding may replace or
// drop: a mis-saved page has a few, a binary file most.
const maxLossyPercent = 10

// notTextBytes counts the bytes that are invalid UTF-8 or control
// characters other than line breaks and tabs.
func notTextBytes(b []byte) int {
	bad := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		}
		i += n
	}
	return bad
}
