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
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
)

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_.:-]+)`)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns raw bytes into clean text: UTF-8 with or without BOM,
// UTF-16 with BOM, or the charset an HTML page or its Content-Type
// declares; CRLF and CR become LF; the result is NFC with bidi overrides
// and invisible control characters removed. Bytes that are not text give
// an error wrapping pipeline.ErrNotText with their offset, unless lossy,
// which replaces them with U+FFFD.
func Decode(raw []byte, contentType string, lossy bool) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", pipeline.ErrEmpty
	}
	var text []byte
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		text = raw[len(bomUTF8):]
	case bytes.HasPrefix(raw, bomUTF16LE):
		dec, err := decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), raw)
		if err != nil {
			return "", fmt.Errorf("utf-16: %w", err)
		}
		text = dec
	case bytes.HasPrefix(raw, bomUTF16BE):
		dec, err := decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), raw)
		if err != nil {
			return "", fmt.Errorf("utf-16: %w", err)
		}
		text = dec
	default:
		text = raw
		if !utf8.Valid(raw) {
			if enc := declaredCharset(raw, contentType); enc != nil {
				dec, err := decodeWith(enc, raw)
				if err == nil {
					text = dec
				}
			}
		}
	}
	if i := bytes.IndexByte(text, 0); i >= 0 && !lossy {
		return "", fmt.Errorf("byte %d: NUL byte, binary data: %w", i, pipeline.ErrNotText)
	}
	if lossy {
		// Lossy mends text with a few bad bytes; it does not make an
		// article of a binary file.
		if bad := notTextBytes(text); bad*100 > len(text)*maxLossyPercent {
			return "", fmt.Errorf("%d of %d bytes (%d%%) are not text, over the %d%% --lossy replaces: %w",
				bad, len(text), bad*100/len(text), maxLossyPercent, pipeline.ErrNotText)
		}
	}
	if !utf8.Valid(text) {
		if !lossy {
			return "", fmt.Errorf("byte %d: invalid UTF-8: %w", invalidAt(text), pipeline.ErrNotText)
		}
		text = bytes.ToValidUTF8(text, []byte("\uFFFD"))
	}
	if !lossy && looksBinary(text) {
		return "", fmt.Errorf("mostly control characters, binary data: %w", pipeline.ErrNotText)
	}
	s := norm.NFC.String(sanitize(string(text)))
	if strings.TrimSpace(s) == "" {
		return "", pipeline.ErrEmpty
	}
	return s, nil
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

func decodeWith(enc encoding.Encoding, raw []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(raw)
}

// declaredCharset returns the encoding an HTML page declares in a meta tag
// or its Content-Type, when that is certain; plain text declares nothing.
func declaredCharset(raw []byte, contentType string) encoding.Encoding {
	if contentType == "" && !looksHTML(string(raw[:min(len(raw), 2048)])) {
		return nil
	}
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if certain && name != "utf-8" {
		return enc
	}
	// DetermineEncoding calls a meta tag uncertain; a page that declares a
	// charset and is not UTF-8 almost surely means it.
	if m := metaCharset.FindSubmatch(raw[:min(len(raw), 4096)]); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			return enc
		}
	}
	return nil
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
func sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
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
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
