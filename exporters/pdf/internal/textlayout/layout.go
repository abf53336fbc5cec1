package textlayout

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Direction is a paragraph's base direction.
type Direction uint8

const (
	Auto        Direction = iota // from the first strong character (UAX #9 P2–P3), else left to right
	LeftToRight                  // forced
	RightToLeft                  // forced
)

// Align says where lines sit in their box.
type Align uint8

const (
	AlignStart   Align = iota // left in a left-to-right paragraph, right in a right-to-left one
	AlignEnd                  // the other side
	AlignCenter               //
	AlignJustify              // start-aligned, with lines but the last stretched at their spaces
)

// A Span is a stretch of text in one style.
type Span struct {
	Text  string
	Faces Chain
	Tag   int // the caller's own mark (a link, a colour), copied to each Run
}

// A Paragraph is text to lay out in one font size.
type Paragraph struct {
	Spans []Span
	Size  float64 // font size, in the unit widths are measured in
	Dir   Direction
	Align Align
	Lang  string // BCP 47, for the shaper's language-specific forms; may be empty
}

// A Line is one laid-out line.
type Line struct {
	Runs  []Run   // left to right
	Width float64 // of the text as set, before alignment and justification
	RTL   bool    // whether the paragraph reads right to left
	// Text is the line's characters as written (no presentation forms,
	// no mirrored brackets, no bidi controls) in the left-to-right order
	// the runs draw them. A PDF writer can give it to text extraction in
	// place of the shaped glyphs: extractors (poppler, pdf.js) take such
	// replacement text as drawn, in visual order, and apply their own bidi
	// reordering to it, as they do to glyphs.
	Text string
}

// A Run is text in one face that the PDF writer draws with one text
// operator: its own advances place each glyph where the shaper put it.
type Run struct {
	Face  *Face
	Text  string
	X     float64 // of the run's origin, from the left edge of the line box
	Y     float64 // baseline shift, positive up (marks placed by the shaper)
	Width float64
	Tag   int
}

// A Layouter lays out paragraphs. It keeps buffers between calls, so one
// Layouter must not be used by two goroutines at once.
type Layouter struct {
	bidi   bidi.Paragraph
	shaper shaping.HarfbuzzShaper
	seg    segmenter.Segmenter
	faces  map[*font.Font]*font.Face
}

// NewLayouter returns a Layouter.
func NewLayouter() *Layouter {
	return &Layouter{faces: make(map[*font.Font]*font.Face)}
}

// glyph is one drawable unit: a shaped glyph, or one rune of text that
// needs no shaping. Advances and offsets are in thousandths of the size.
type glyph struct {
	cluster int    // index of its first rune in the paragraph
	r       rune   // what to draw; 0 draws nothing
	text    string // what to draw when no single code point names the glyph
	adv     int
	dx, dy  int
	alone   bool // must be placed at its own position, not after the previous glyph
	space   bool // may stretch when justifying
	face    *Face
	tag     int
}

// item is a maximal stretch of runes with one bidi level, face and span.
type item struct {
	start, end int
	level      bidi.Level
	face       *Face
	span       int
	glyphs     []glyph // in visual order
}

// Lay breaks p into lines no wider than width and returns them in order.
// Text is first passed through Clean with each span's chain.
func (l *Layouter) Lay(p Paragraph, width float64) []Line {
	if p.Size <= 0 || len(p.Spans) == 0 {
		return nil
	}
	var text []rune
	var spanOf []int
	for si, s := range p.Spans {
		if len(s.Faces) == 0 {
			continue
		}
		for _, r := range Clean(s.Text, s.Faces) {
			text = append(text, r)
			spanOf = append(spanOf, si)
		}
	}
	var lines []Line
	for start := 0; start <= len(text); {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		if end > start {
			lines = append(lines, l.layHard(p, text[start:end], spanOf[start:end], width)...)
		} else if end < len(text) {
			lines = append(lines, Line{RTL: p.Dir == RightToLeft}) // an empty line kept on purpose
		}
		start = end + 1
	}
	return lines
}

// layHard lays out text without forced breaks: one bidi paragraph.
func (l *Layouter) layHard(p Paragraph, text []rune, spanOf []int, width float64) []Line {
	rtl := p.Dir == RightToLeft || p.Dir == Auto && firstStrongRTL(text)
	levels := l.levels(text, rtl)
	items := l.items(p, text, spanOf, levels)

	// adv[i] is the advance of the glyphs whose cluster starts at rune i;
	// starts[i] whether a cluster starts there (a legal place to cut).
	adv := make([]int, len(text)+1)
	starts := make([]bool, len(text)+1)
	for _, it := range items {
		for _, g := range it.glyphs {
			adv[g.cluster] += g.adv
			starts[g.cluster] = true
		}
	}
	starts[len(text)] = true
	prefix := make([]int, len(text)+1)
	for i := range text {
		prefix[i+1] = prefix[i] + adv[i]
	}

	maxPM := int(math.Floor(width * 1000 / p.Size))
	breaks := l.wrap(text, prefix, starts, maxPM)

	lines := make([]Line, 0, len(breaks))
	first := 0
	for n, b := range breaks {
		a, e := b[0], b[1]
		for e > a && isTrailing(text[e-1]) {
			e--
		}
		for first < len(items) && items[first].end <= a {
			first++
		}
		var pieces []piece
		for _, it := range items[first:] {
			if it.start >= e {
				break
			}
			if gs := clip(it.glyphs, a, e, it.level%2 == 1); len(gs) > 0 {
				pieces = append(pieces, piece{it.level, gs})
			}
		}
		reorder(pieces)
		last := n == len(breaks)-1
		line := place(pieces, p, width, maxPM, rtl, last)
		line.Text = visualText(text[a:e], levels[a:e])
		lines = append(lines, line)
	}
	return lines
}

func isTrailing(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00A0' || isBidiControl(r)
}

// firstStrongRTL applies UAX #9 rules P2–P3, skipping isolates.
func firstStrongRTL(text []rune) bool {
	depth := 0
	for _, r := range text {
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			depth++
		case xbidi.PDI:
			if depth > 0 {
				depth--
			}
		case xbidi.L:
			if depth == 0 {
				return false
			}
		case xbidi.R, xbidi.AL:
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// levels resolves the embedding level of every rune.
func (l *Layouter) levels(text []rune, rtl bool) []bidi.Level {
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	levels := make([]bidi.Level, len(text))
	runs := l.bidi.Segment(text, dir)
	for i := 0; i < runs.NumRuns(); i++ {
		run := runs.Run(i)
		for j := run.Start; j < run.End && j < len(levels); j++ {
			levels[j] = run.Level
		}
	}
	return levels
}

// items splits the text at changes of level, face and span and turns each
// stretch into glyphs.
func (l *Layouter) items(p Paragraph, text []rune, spanOf []int, levels []bidi.Level) []item {
	faces := make([]*Face, len(text))
	for i, r := range text {
		chain := p.Spans[spanOf[i]].Faces
		if i > 0 && spanOf[i-1] == spanOf[i] && followsNeighbour(r) && faces[i-1].Has(r) {
			faces[i] = faces[i-1]
			continue
		}
		if f := chain.faceFor(r); f != nil {
			faces[i] = f
		} else {
			faces[i] = chain[0] // only bidi controls, which are not drawn
		}
	}
	var items []item
	for i := 0; i < len(text); {
		j := i + 1
		for j < len(text) && levels[j] == levels[i] && faces[j] == faces[i] && spanOf[j] == spanOf[i] {
			j++
		}
		it := item{start: i, end: j, level: levels[i], face: faces[i], span: spanOf[i]}
		tag := p.Spans[it.span].Tag
		if it.level%2 == 1 {
			it.glyphs = l.shape(text, it, p.Lang, tag)
		} else {
			it.glyphs = plain(text, it, tag)
		}
		items = append(items, it)
		i = j
	}
	return items
}

// followsNeighbour reports whether r should stay in the face of the rune
// before it: marks and joiners belong to their base, and a space between
// two words of one script should not switch fonts.
func followsNeighbour(r rune) bool {
	return r == ' ' || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// plain turns a left-to-right stretch into one glyph per rune. Left-to-
// right scripts DejaVu covers need no shaping, and drawing their runes
// directly keeps the PDF text exactly the source text.
func plain(text []rune, it item, tag int) []glyph {
	gs := make([]glyph, 0, it.end-it.start)
	for i := it.start; i < it.end; i++ {
		r := text[i]
		g := glyph{cluster: i, face: it.face, tag: tag, space: r == ' '}
		if !isBidiControl(r) {
			g.r = r
			g.adv = it.face.advance(r)
		}
		gs = append(gs, g)
	}
	return gs
}

// shape runs a right-to-left stretch through HarfBuzz, with the whole
// paragraph as context so letters join across stretch boundaries, and
// names each glyph by a code point the font maps to it.
func (l *Layouter) shape(text []rune, it item, lang string, tag int) []glyph {
	f := it.face
	ff, ok := l.faces[f.font]
	if !ok {
		ff = font.NewFace(f.font)
		l.faces[f.font] = ff
	}
	in := shaping.Input{
		Text:      text,
		RunStart:  it.start,
		RunEnd:    it.end,
		Direction: di.DirectionRTL,
		Face:      ff,
		Size:      fixed.I(int(f.upem)), // advances come back in font units
		Script:    scriptOf(text[it.start:it.end]),
	}
	if lang != "" {
		in.Language = language.NewLanguage(lang)
	}
	out := l.shaper.ShapeNoExtents(in)
	gs := make([]glyph, 0, len(out.Glyphs))
	for _, sg := range out.Glyphs {
		c := sg.TextIndex()
		src := text[c]
		g := glyph{cluster: c, face: f, tag: tag, space: src == ' '}
		units := func(v fixed.Int26_6) int {
			return int(math.Round(float64(v) / 64 * 1000 / f.upem))
		}
		switch {
		case isBidiControl(src):
			// not drawn, no advance
		case src == '\u200C' || src == '\u200D':
			// HarfBuzz turns joiners into blank glyphs; write the joiner
			// itself so that extracted text keeps it.
			g.r = src
		default:
			g.adv = units(sg.Advance)
			g.dx, g.dy = units(sg.XOffset), units(sg.YOffset)
			if r, ok := f.toRune[sg.GlyphID]; ok && sg.GlyphID != 0 {
				g.r = r
				g.alone = g.dx != 0 || g.dy != 0 || f.advance(r) != g.adv
			} else {
				// A glyph no code point names: draw the cluster unshaped
				// rather than nothing.
				n := max(sg.RunesCount(), 1)
				g.text = string(text[c:min(c+n, len(text))])
				g.alone = true
			}
		}
		gs = append(gs, g)
	}
	return gs
}

// scriptOf returns the script of the first rune that has a strong one.
func scriptOf(rs []rune) language.Script {
	for _, r := range rs {
		if s := language.LookupScript(r); s.Strong() {
			return s
		}
	}
	return language.Arabic
}

// wrap breaks text into lines at UAX #14 opportunities, first fit on
// shaped widths; a word too long for a line is cut.
func (l *Layouter) wrap(text []rune, prefix []int, starts []bool, maxPM int) [][2]int {
	l.seg.Init(text)
	var segs [][2]int
	it := l.seg.LineIterator()
	for it.Next() {
		ln := it.Line()
		segs = append(segs, [2]int{ln.Offset, ln.Offset + len(ln.Text)})
	}
	var lines [][2]int
	lineStart := 0
	for _, s := range segs {
		a := s[0]
		for {
			e := s[1]
			for e > a && isTrailing(text[e-1]) {
				e--
			}
			if prefix[e]-prefix[lineStart] <= maxPM {
				break
			}
			if lineStart < a {
				lines = append(lines, [2]int{lineStart, a})
				lineStart = a
				continue
			}
			cut := cutWord(text, prefix, starts, lineStart, e, maxPM)
			lines = append(lines, [2]int{lineStart, cut})
			lineStart, a = cut, cut
			if cut >= e {
				break
			}
		}
	}
	if lineStart < len(text) || len(lines) == 0 {
		lines = append(lines, [2]int{lineStart, len(text)})
	}
	return lines
}

// cutWord returns where to cut a word [a, e) wider than a line: after the
// last URL or compound delimiter that fits well into the line, else after
// the last cluster that fits, and always after at least one cluster.
func cutWord(text []rune, prefix []int, starts []bool, a, e, maxPM int) int {
	fit, soft := -1, -1
	for k := a + 1; k < e; k++ {
		if prefix[k]-prefix[a] > maxPM {
			break
		}
		if !starts[k] || unicode.In(text[k], unicode.Mn, unicode.Me) {
			continue
		}
		fit = k
		if strings.ContainsRune("/-._?&=#:,;", text[k-1]) {
			soft = k
		}
	}
	switch {
	case soft > a && prefix[soft]-prefix[a] >= maxPM/2:
		return soft
	case fit > a:
		return fit
	}
	for k := a + 1; k <= e; k++ {
		if starts[k] {
			return k
		}
	}
	return e
}

// piece is the part of one item on one line.
type piece struct {
	level  bidi.Level
	glyphs []glyph
}

// clip returns the glyphs of clusters in [a, e). Glyph clusters ascend in
// a left-to-right item and descend in a right-to-left one, so the result
// is one contiguous slice.
func clip(gs []glyph, a, e int, rtl bool) []glyph {
	if !rtl {
		i := sort.Search(len(gs), func(i int) bool { return gs[i].cluster >= a })
		j := sort.Search(len(gs), func(i int) bool { return gs[i].cluster >= e })
		return gs[i:j]
	}
	i := sort.Search(len(gs), func(i int) bool { return gs[i].cluster < e })
	j := sort.Search(len(gs), func(i int) bool { return gs[i].cluster < a })
	return gs[i:j]
}

// reorder applies UAX #9 rule L2 to the pieces of one line: from the
// highest level down to the lowest odd one, reverse every run of pieces at
// that level or above. Each piece's glyphs are already in visual order.
func reorder(ps []piece) {
	var hi bidi.Level
	lo := bidi.Level(math.MaxInt8)
	for _, p := range ps {
		hi = max(hi, p.level)
		if p.level%2 == 1 {
			lo = min(lo, p.level)
		}
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(ps); {
			if ps[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(ps) && ps[j].level >= lvl {
				j++
			}
			for x, y := i, j-1; x < y; x, y = x+1, y-1 {
				ps[x], ps[y] = ps[y], ps[x]
			}
			i = j
		}
	}
}

// visualText returns text in the order UAX #9 rule L2 displays it,
// without mirroring (L4) or shaping, and without bidi controls.
func visualText(text []rune, levels []bidi.Level) string {
	order := make([]int, len(text))
	for i := range order {
		order[i] = i
	}
	var hi bidi.Level
	lo := bidi.Level(math.MaxInt8)
	for _, lvl := range levels {
		hi = max(hi, lvl)
		if lvl%2 == 1 {
			lo = min(lo, lvl)
		}
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
	var sb strings.Builder
	for _, i := range order {
		if !isBidiControl(text[i]) {
			sb.WriteRune(text[i])
		}
	}
	return sb.String()
}

// place positions the glyphs of one line and groups them into runs.
func place(ps []piece, p Paragraph, width float64, maxPM int, rtl, last bool) Line {
	var vis []glyph
	for _, pc := range ps {
		vis = append(vis, pc.glyphs...)
	}
	natural := 0
	for _, g := range vis {
		natural += g.adv
	}
	align := p.Align
	var stretch, spaces int
	lo, hi := 0, len(vis)
	if align == AlignJustify && !last {
		for lo < hi && vis[lo].space {
			lo++
		}
		for hi > lo && vis[hi-1].space {
			hi--
		}
		for _, g := range vis[lo:hi] {
			if g.space {
				spaces++
			}
		}
		// Past about half an em per space a justified line reads worse
		// than a ragged one.
		if extra := maxPM - natural; spaces > 0 && extra > 0 && extra <= spaces*500 {
			stretch = extra
		} else {
			spaces = 0
		}
	}
	start := 0
	switch {
	case align == AlignCenter:
		start = (maxPM - natural) / 2
	case stretch > 0:
	case (align == AlignEnd) != rtl:
		start = maxPM - natural
	}
	start = max(start, 0)
	scale := p.Size / 1000
	line := Line{Width: float64(natural) * scale, RTL: rtl}
	x := start
	var cur *Run
	var sb strings.Builder
	flush := func() {
		if cur != nil {
			cur.Text = sb.String()
			line.Runs = append(line.Runs, *cur)
			cur = nil
			sb.Reset()
		}
	}
	breakNext := false
	spacesLeft, stretchLeft := spaces, stretch
	for i, g := range vis {
		if g.r == 0 && g.text == "" {
			x += g.adv
			continue
		}
		if cur == nil || g.alone || breakNext || g.face != cur.Face || g.tag != cur.Tag {
			flush()
			cur = &Run{Face: g.face, X: float64(x+g.dx) * scale, Y: float64(g.dy) * scale, Tag: g.tag}
		}
		breakNext = g.alone
		if g.text != "" {
			sb.WriteString(g.text)
		} else {
			sb.WriteRune(g.r)
		}
		w := g.adv
		if g.space && spacesLeft > 0 && i >= lo && i < hi {
			// Share the stretch out in whole units so the line ends
			// exactly at the margin.
			extra := stretchLeft / spacesLeft
			stretchLeft -= extra
			spacesLeft--
			w += extra
			breakNext = true
		}
		x += w
		cur.Width = float64(x)*scale - cur.X
	}
	flush()
	return line
}
