package pdf

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/text/unicode/bidi"

	"codeberg.org/go-pdf/fpdf"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
)

const mmPerPt = 25.4 / 72

// DejaVu's ascender and descender, as fractions of the em.
const (
	ascent  = 0.928
	descent = 0.236
)

type rgb struct{ r, g, b int }

var (
	ink    = rgb{25, 25, 25}
	grey   = rgb{100, 100, 100}
	accent = rgb{140, 30, 30}
	link   = rgb{20, 70, 150}
	rule   = rgb{170, 170, 170}
)

// plan is what the first pass learns and the second writes down.
type plan struct {
	pages        int
	articlePages []int // page each article starts on
	indexPage    int   // page the names index starts on; 0 when there is none
}

func (p *plan) equal(q *plan) bool {
	return p.pages == q.pages && p.indexPage == q.indexPage && slices.Equal(p.articlePages, q.articlePages)
}

// span is a stretch of text in one style.
type span struct {
	text   string
	chain  textlayout.Chain
	color  rgb
	url    string // external link
	target int    // internal link id + 1; 0 for none
	lang   string // language, when it differs from its paragraph's; tagging only
}

// text is a paragraph to set.
type text struct {
	spans []span
	pt    float64 // font size in points
	lead  float64 // line height as a multiple of the size
	dir   textlayout.Direction
	align textlayout.Align
	lang  string
	role  string // structure type flow tags it with; "" is P
}

func (t text) lineHeight() float64 { return t.pt * mmPerPt * t.lead }

type renderer struct {
	ctx   context.Context
	pdf   *fpdf.Fpdf
	lay   *textlayout.Layouter
	fonts *fontSet
	b     *exporters.Briefing
	opts  Options
	plan  *plan // from the first pass; nil during it
	got   plan

	added map[*textlayout.Face]bool
	cache map[string][]textlayout.Line

	pageW, pageH     float64
	left, right, top float64
	bottom, width    float64
	y                float64
	chrome           bool // whether the current page has header and footer
	nextChrome       bool // whether the page being added gets them
	articleLinks     []int
	indexLink        int
	title            string
	bodyPt, smallPt  float64
	numberByFile     map[string]int // names-index file → article number
	loc              *chrome.Locale // the words around the articles
	tags             *structure
}

func render(ctx context.Context, opts Options, size fpdf.SizeType, fonts *fontSet, b *exporters.Briefing, p *plan, cache map[string][]textlayout.Line) (*renderer, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: size})
	r := &renderer{
		ctx:     ctx,
		pdf:     pdf,
		lay:     textlayout.NewLayouter(),
		fonts:   fonts,
		b:       b,
		opts:    opts,
		plan:    p,
		added:   make(map[*textlayout.Face]bool),
		cache:   cache,
		pageW:   size.Wd,
		pageH:   size.Ht,
		bodyPt:  opts.FontSize,
		smallPt: opts.FontSize * 0.8,
		loc:     chrome.For(b),
	}
	const margin = 24
	r.left, r.right, r.top, r.bottom = margin, size.Wd-margin, margin, size.Ht-margin
	r.width = r.right - r.left
	r.title = chrome.BriefingTitle(b)
	r.tags = newStructure(r.loc.Tag(), docLang(opts, b))
	r.got.articlePages = make([]int, len(b.Documents))

	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0) // pages are broken here, line by line
	r.metadata()
	pdf.SetHeaderFuncMode(r.header, false)
	pdf.SetFooterFunc(r.footer)

	for range b.Documents {
		r.articleLinks = append(r.articleLinks, pdf.AddLink())
	}
	r.indexLink = pdf.AddLink()
	r.indexNumbers()

	if !b.Single() {
		r.cover()
		r.contents()
	}
	for i, d := range b.Documents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r.article(i, d)
	}
	if chrome.HasIndex(b) {
		r.names()
	}
	if err := ctx.Err(); err != nil {
		return nil, err // an article or the index was cut short
	}
	r.got.pages = pdf.PageNo()
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	return r, nil
}

// metadata fills the document information dictionary. Dates come from
// Briefing.Created so reruns match byte for byte.
func (r *renderer) metadata() {
	pdf, b := r.pdf, r.b
	pdf.SetTitle(textlayout.PlainBMP(r.title), true)
	pdf.SetAuthor(textlayout.PlainBMP(authors(b, r.loc)), true)
	pdf.SetSubject(textlayout.PlainBMP(subject(b, r.loc)), true)
	pdf.SetKeywords(textlayout.PlainBMP(keywords(b)), true)
	pdf.SetCreator("dossier", true)
	pdf.SetProducer("dossier", true)
	if lang := docLang(r.opts, b); lang != "" {
		pdf.SetLang(lang)
	}
	created := b.Created
	if created.IsZero() {
		// fpdf would write the current time; a fixed one keeps output
		// reproducible when the caller has no date to give.
		created = time.Unix(0, 0)
	}
	pdf.SetCreationDate(created.UTC())
	pdf.SetModificationDate(created.UTC())
	pdf.SetCatalogSort(true)
}

// docLang is the document's language, for the catalog's /Lang.
func docLang(opts Options, b *exporters.Briefing) string {
	if opts.Lang != "" {
		return opts.Lang
	}
	return mainLanguage(b)
}

// newPage starts a page; chrome says whether it gets header and footer.
func (r *renderer) newPage(chrome bool) {
	// AddPage calls the footer for the page it closes, then the header
	// for the new one, which takes over nextChrome.
	r.nextChrome = chrome
	r.pdf.AddPage()
	r.chrome = chrome
	r.y = r.top
	if chrome {
		r.y = r.top + 2
	}
}

func (r *renderer) header() {
	r.chrome = r.nextChrome
	if !r.chrome {
		return
	}
	r.artifact("Pagination", r.runningHeader)
}

func (r *renderer) runningHeader() {
	t := text{
		spans: []span{{text: r.title, chain: r.fonts.sans, color: grey}},
		pt:    r.smallPt * 0.95, lead: 1.2, dir: textlayout.Auto,
	}
	lines := r.layout(t, r.width)
	if len(lines) > 0 {
		y := r.top - 12
		r.drawLine(t, lines[0], r.left, y)
	}
	r.hrule(r.top-5.5, 0.2, rule)
}

func (r *renderer) footer() {
	if !r.chrome {
		return
	}
	r.artifact("Pagination", r.pageNumber)
}

func (r *renderer) pageNumber() {
	s := r.loc.T(chrome.Page, r.pdf.PageNo())
	if r.plan != nil {
		s = r.loc.T(chrome.PageOf, r.pdf.PageNo(), r.plan.pages)
	}
	t := text{
		spans: []span{{text: s, chain: r.fonts.sans, color: grey}},
		pt:    r.smallPt * 0.95, lead: 1.2, dir: r.chromeDir(), align: textlayout.AlignCenter,
	}
	r.hrule(r.bottom+6, 0.2, rule)
	for _, ln := range r.layout(t, r.width) {
		r.drawLine(t, ln, r.left, r.bottom+8)
	}
}

func (r *renderer) hrule(y, width float64, c rgb) {
	r.artifact("", func() {
		r.pdf.SetDrawColor(c.r, c.g, c.b)
		r.pdf.SetLineWidth(width)
		r.pdf.Line(r.left, y, r.right, y)
	})
}

// setFont selects a face, embedding it on first use.
func (r *renderer) setFont(f *textlayout.Face, pt float64) {
	if !r.added[f] {
		r.pdf.AddUTF8FontFromBytes(f.Family, f.Style, f.TTF)
		r.added[f] = true
	}
	r.pdf.SetFont(f.Family, f.Style, pt)
}

// layout breaks t into lines of the given width in millimetres. Lines
// are kept for reuse: the same text is measured before it is set, and
// both passes set the same text.
func (r *renderer) layout(t text, width float64) []textlayout.Line {
	key := t.key(width)
	if lines, ok := r.cache[key]; ok {
		return lines
	}
	p := textlayout.Paragraph{Size: t.pt * mmPerPt, Dir: t.dir, Align: t.align, Lang: t.lang}
	for i, s := range t.spans {
		p.Spans = append(p.Spans, textlayout.Span{Text: s.text, Faces: s.chain, Tag: i})
	}
	lines := r.lay.Lay(p, width)
	r.cache[key] = lines
	return lines
}

// key identifies what layout depends on: text, faces, size, direction,
// alignment, language and width.
func (t text) key(width float64) string {
	b := make([]byte, 0, 64)
	for _, v := range []float64{width, t.pt, float64(t.dir), float64(t.align)} {
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
		b = append(b, 0)
	}
	b = append(b, t.lang...)
	for _, s := range t.spans {
		b = append(b, 1)
		for _, f := range s.chain {
			b = append(b, f.Family...)
			b = append(b, f.Style...)
			b = append(b, 2)
		}
		b = append(b, s.text...)
	}
	return string(b)
}

// drawLine draws one line whose box starts at x, y (top left).
func (r *renderer) drawLine(t text, ln textlayout.Line, x, y float64) {
	h := t.lineHeight()
	size := t.pt * mmPerPt
	baseline := y + (h-(ascent+descent)*size)/2 + ascent*size
	if r.beginMarked() {
		defer r.pdf.RawWriteStr("EMC")
	}
	if actual, ok := actualText(ln); ok {
		r.pdf.RawWriteStr("/Span <</ActualText " + actual + ">> BDC")
		defer r.pdf.RawWriteStr("EMC")
	}
	for _, run := range ln.Runs {
		s := t.spans[run.Tag]
		r.setFont(run.Face, t.pt)
		r.pdf.SetTextColor(s.color.r, s.color.g, s.color.b)
		spanned := r.spanLang(s.lang)
		r.pdf.Text(x+run.X, baseline-run.Y, run.Text)
		if spanned {
			r.pdf.RawWriteStr("EMC")
		}
		switch {
		case s.url != "":
			r.pdf.LinkString(x+run.X, y, run.Width, h, s.url)
		case s.target > 0:
			r.pdf.Link(x+run.X, y, run.Width, h, s.target-1)
		}
	}
}

// flow sets t at x over width, breaking pages as needed. keep is how many
// lines must fit on the page before the first is set (orphan control,
// keep-with-next); it returns the lines set.
func (r *renderer) flow(t text, x, width float64, keep int) int {
	lines := r.layout(t, width)
	role, lang := t.role, t.lang
	if role == "" {
		role = "P"
	}
	if lang == "" {
		lang = r.loc.Tag() // chrome
	}
	r.tag(role, lang)
	defer r.tags.close()
	h := t.lineHeight()
	if keep = min(keep, len(lines)); keep > 0 && r.y+float64(keep)*h > r.bottom {
		r.newPage(true)
	}
	for i, ln := range lines {
		// Leave no single line of a paragraph behind at a page foot.
		if r.y+h > r.bottom || i == len(lines)-2 && i > 0 && r.y+2*h > r.bottom {
			r.newPage(true)
		}
		r.drawLine(t, ln, x, r.y)
		r.y += h
	}
	return len(lines)
}

// space adds vertical space, unless at the top of a page.
func (r *renderer) space(mm float64) {
	if r.y > r.top+2 {
		r.y += mm
	}
}

// bookmark adds an outline entry here. fpdf encodes the title as UTF-16
// only when the current font is a UTF-8 one, so select one first.
func (r *renderer) bookmark(title string, level int) {
	r.setFont(r.fonts.sans[0], r.bodyPt)
	r.pdf.Bookmark(textlayout.PlainBMP(title), level, r.y)
}

// actualText returns, as a PDF hex string, the characters a line holding
// right-to-left script draws, for a marked-content /ActualText entry
// (PDF 1.7 §14.9.4). Such lines are drawn as presentation forms, which
// search and copying cannot match against normal letters; the entry gives
// the letters as written. It keeps the drawn (visual) order: poppler and
// pdf.js read replacement text as they read glyphs and reorder it into
// logical order themselves, so logical order here would come out
// reversed. Lines of left-to-right text only are drawn as they read and
// need none.
func actualText(ln textlayout.Line) (string, bool) {
	if len(ln.Runs) == 0 || !strings.ContainsFunc(ln.Text, isRightToLeft) {
		return "", false
	}
	b := make([]byte, 0, 6+4*len(ln.Text))
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(ln.Text)) {
		b = append(b, fmt.Sprintf("%04X", u)...)
	}
	return string(append(b, '>')), true
}

func isRightToLeft(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}
