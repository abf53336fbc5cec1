// Package textlayout breaks paragraphs of mixed-script text into lines of
// positioned glyph runs that a PDF writer without shaping or bidi support
// (fpdf) can draw with plain text operators.
//
// Start with NewFace and NewLayouter, then Layouter.Lay. Right-to-left runs
// are shaped with HarfBuzz (go-text/typesetting) and the glyphs mapped back
// to the code points that name them in the font's cmap, which for DejaVu
// Sans means Arabic presentation forms; lines are wrapped in logical order
// on shaped widths and then reordered per line by the Unicode bidi
// algorithm (UAX #9, rules L1 and L2).
package textlayout

import (
	"bytes"
	"fmt"
	"math"

	"github.com/go-text/typesetting/font"
)

// A Face is one font file as both the shaper and the PDF writer see it.
// Family and Style are the names the PDF writer registered it under.
type Face struct {
	Family string
	Style  string // "", "B", "I" or "BI"
	TTF    []byte

	// font is shared and read-only; each Layouter wraps it in its own
	// font.Face, whose glyph caches are not safe for concurrent use.
	font *font.Font
	upem float64
	// permille holds the advance of each BMP code point the font maps, in
	// thousandths of the font size, rounded as fpdf rounds them, so that
	// our measure and fpdf's drawing agree to the last unit. Zero marks a
	// code point the font lacks; drawable zero-width code points hold
	// zeroWidth.
	permille []uint16
	// toRune names each glyph by the lowest code point mapping to it, for
	// writing shaped glyphs back as text.
	toRune map[font.GID]rune
}

const zeroWidth = math.MaxUint16

// NewFace parses a TrueType font.
func NewFace(family, style string, ttf []byte) (*Face, error) {
	ff, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		return nil, fmt.Errorf("font %s %s: %w", family, style, err)
	}
	f := &Face{
		Family:   family,
		Style:    style,
		TTF:      ttf,
		font:     ff.Font,
		upem:     float64(ff.Upem()),
		permille: make([]uint16, 0x10000),
		toRune:   make(map[font.GID]rune),
	}
	it := ff.Cmap.Iter()
	for it.Next() {
		r, gid := it.Char()
		// fpdf can address only the BMP and treats U+FFFF as missing.
		if r <= 0 || r >= 0xFFFF || gid == 0 {
			continue
		}
		w := int(math.Round(1000 * float64(ff.HorizontalAdvance(gid)) / f.upem))
		switch {
		case w <= 0:
			f.permille[r] = zeroWidth
		case w >= zeroWidth:
			f.permille[r] = zeroWidth - 1
		default:
			f.permille[r] = uint16(w)
		}
		if old, ok := f.toRune[gid]; !ok || r < old {
			f.toRune[gid] = r
		}
	}
	return f, nil
}

// Has reports whether the font can draw r.
func (f *Face) Has(r rune) bool {
	return r >= 0 && r < 0xFFFF && f.permille[r] != 0
}

// advance returns the advance of r in thousandths of the font size.
func (f *Face) advance(r rune) int {
	if !f.Has(r) {
		return 0
	}
	if w := f.permille[r]; w != zeroWidth {
		return int(w)
	}
	return 0
}

// A Chain lists faces in order of preference; each rune is drawn in the
// first face that has it.
type Chain []*Face

// Has reports whether some face of the chain can draw r.
func (c Chain) Has(r rune) bool {
	for _, f := range c {
		if f.Has(r) {
			return true
		}
	}
	return false
}

// faceFor returns the first face that has r, or nil.
func (c Chain) faceFor(r rune) *Face {
	for _, f := range c {
		if f.Has(r) {
			return f
		}
	}
	return nil
}
