// Package exportertest is the one suite every exporter passes: metadata
// and text survive, markup in article text stays text, right-to-left text
// keeps its words, translation flags on the title (Block MetaBlock) show
// by the title and before the text, mentions and flags that point nowhere
// neither fail the export nor lose a flag, an empty briefing is an error,
// and reruns are byte-identical.
package exportertest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/pipeline"
)

// Options tells the suite how to read an exporter's output back.
type Options struct {
	// Text returns the human-readable text of an output: pdftotext for PDF,
	// the chapters' text for EPUB, the output itself for plain text.
	Text func(t *testing.T, out []byte) string
	// Markup, when set, returns every element name the output contains, so
	// the suite can check that article text never became markup.
	Markup func(t *testing.T, out []byte) []string
}

// Run checks e against the shared contract.
func Run(t *testing.T, e exporters.Exporter, opt Options) {
	t.Helper()
	t.Run("Format", func(t *testing.T) { testFormat(t, e) })
	t.Run("EmptyBriefing", func(t *testing.T) { testEmpty(t, e) })
	t.Run("Content", func(t *testing.T) { testContent(t, e, opt) })
	t.Run("Escaping", func(t *testing.T) { testEscaping(t, e, opt) })
	t.Run("RightToLeft", func(t *testing.T) { testRTL(t, e, opt) })
	t.Run("DocumentFlags", func(t *testing.T) { testDocumentFlags(t, e, opt) })
	t.Run("BadRefs", func(t *testing.T) { testBadRefs(t, e, opt) })
	t.Run("Deterministic", func(t *testing.T) { testDeterministic(t, e) })
	t.Run("Canceled", func(t *testing.T) { testCanceled(t, e) })
}

// Created is the fixed creation time the suite's briefings carry.
var created = time.Date(2022, 11, 26, 12, 0, 0, 0, time.UTC)

// English returns a small English article with a quote, a heading, a list
// and name mentions.
func English() *pipeline.Document {
	d := &pipeline.Document{
		Meta: pipeline.Meta{
			Title:       "Azerbaijan Exposes Alleged Iranian Spy Network",
			Standfirst:  "Five citizens were arrested on charges of treason.",
			Authors:     []string{"Ebrahim Ramezani"},
			Published:   pipeline.Day(2022, 11, 22),
			Section:     "Politics",
			Outlet:      "IranWire",
			Source:      "https://iranwire.com/en/politics/azerbaijan-spy-network/",
			Language:    "en",
			Direction:   pipeline.LeftToRight,
			ReadingTime: 5,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Azerbaijan's State Security Service identified one of the alleged spies as Zahir Askarov."},
			{Kind: pipeline.Heading, Level: 2, Text: "Tensions on the Rise"},
			{Kind: pipeline.Paragraph, Text: "President Ilham Aliyev harshly criticized Iran's friendly relationship with Armenia."},
			{Kind: pipeline.Quote, Items: []string{"Both countries agreed to develop a new trade corridor."}, Attribution: "Bloomberg"},
			{Kind: pipeline.List, Items: []string{"Zahir Askarov", "Bakhtiyar Aghazadeh"}},
		},
	}
	d.Mentions = []pipeline.Mention{
		mention(d, pipeline.Ref{Block: 0}, "Zahir Askarov", "zahir-askarov", "person"),
		mention(d, pipeline.Ref{Block: 2}, "Ilham Aliyev", "ilham-aliyev", "person"),
	}
	return d
}

// NotTranslated returns the flag Flagged puts on an article's title, as
// the translate stage does for an article kept in its original language.
func NotTranslated() pipeline.Flag {
	return pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "ru", "es")
}

// Flagged returns English with name mentions in its title, standfirst and
// byline, a translation flag on the title that speaks for the whole
// article, and one on its first paragraph.
func Flagged() *pipeline.Document {
	d := English()
	meta := func(item int) pipeline.Ref { return pipeline.Ref{Block: pipeline.MetaBlock, Item: item} }
	d.Mentions = append(d.Mentions,
		mention(d, meta(pipeline.TitleItem), "Azerbaijan", "azerbaijan", "place"),
		mention(d, meta(pipeline.AuthorItem(0)), "Ebrahim Ramezani", "ebrahim-ramezani", "person"),
	)
	d.Trail = []pipeline.Provenance{
		{Ref: meta(pipeline.TitleItem), Engine: "apertium", From: "ru", To: "es", Flags: []pipeline.Flag{NotTranslated()}},
		{Ref: pipeline.Ref{Block: 2}, Engine: "apertium", From: "ru", To: "es", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Ilham Aliyev")}},
	}
	return d
}

// Persian returns a short right-to-left article mixing Latin words and digits.
func Persian() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:     "جمهوری آذربایجان از کشف شبکه جاسوسی ایران خبر داد",
			Authors:   []string{"ابراهیم رمضانی"},
			Published: pipeline.Day(2022, 11, 15),
			Outlet:    "IranWire",
			Language:  "fa",
			Direction: pipeline.RightToLeft,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "بختیار آقازاده نیز برای تحصیلات دینی به ایران رفته است."},
			{Kind: pipeline.Paragraph, Text: "النور رسول‌اف در سال ۲۰۱۸ عکس‌ها را از طریق WhatsApp ارسال کرده است."},
		},
	}
}

func mention(d *pipeline.Document, r pipeline.Ref, text, id, kind string) pipeline.Mention {
	s := d.Text(r)
	i := strings.Index(s, text)
	if i < 0 {
		panic("exportertest: mention not in text: " + text)
	}
	return pipeline.Mention{Ref: r, Start: i, End: i + len(text), Text: text, Entity: id, Canonical: text, Kind: kind}
}

// Index returns a names index matching English's mentions.
func Index() *pipeline.Index {
	en := English()
	at := func(i int) pipeline.EntityMention {
		m := en.Mentions[i]
		return pipeline.EntityMention{File: "en.txt", Text: m.Text, Block: m.Block, Start: m.Start, End: m.End}
	}
	return &pipeline.Index{Entities: []pipeline.Entity{
		{ID: "ilham-aliyev", Canonical: "Ilham Aliyev", Kind: "person",
			Variants: []pipeline.Variant{{Text: "Ilham Aliyev", Count: 1}, {Text: "Ильхам Алиев", Count: 1}},
			Mentions: []pipeline.EntityMention{at(1)}},
		{ID: "zahir-askarov", Canonical: "Zahir Askarov", Kind: "person",
			Variants: []pipeline.Variant{{Text: "Zahir Askarov", Count: 1}, {Text: "Zahir Əsgərov", Count: 1}},
			Mentions: []pipeline.EntityMention{at(0)}},
	}}
}

// Briefing wraps documents in a briefing with the suite's fixed time.
func Briefing(title string, docs ...*pipeline.Document) *exporters.Briefing {
	return &exporters.Briefing{Title: title, Documents: docs, Created: created}
}

func export(t *testing.T, e exporters.Exporter, b *exporters.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Export(context.Background(), &buf, b); err != nil {
		t.Fatalf("Export: %v", err)
	}
	if buf.Len() == 0 {
		t.Fatal("Export wrote nothing")
	}
	return buf.Bytes()
}

func testFormat(t *testing.T, e exporters.Exporter) {
	f := e.Format()
	if f.Name == "" || f.Name != strings.ToLower(f.Name) || strings.ContainsAny(f.Name, " ,") {
		t.Errorf("Format.Name %q: want a non-empty lower-case word", f.Name)
	}
	if !strings.HasPrefix(f.Ext, ".") || len(f.Ext) < 2 {
		t.Errorf("Format.Ext %q: want a leading dot", f.Ext)
	}
	if !strings.Contains(f.MediaType, "/") {
		t.Errorf("Format.MediaType %q: want type/subtype", f.MediaType)
	}
}

func testEmpty(t *testing.T, e exporters.Exporter) {
	err := e.Export(context.Background(), &bytes.Buffer{}, Briefing("empty"))
	if !errors.Is(err, exporters.ErrNoDocuments) {
		t.Errorf("Export(no documents) = %v, want an error wrapping ErrNoDocuments", err)
	}
	checkUnprefixed(t, e, err)
}

// checkUnprefixed fails when an exporter's error starts with its own
// format name: the caller adds it, and "pdf: pdf: …" reads badly.
func checkUnprefixed(t *testing.T, e exporters.Exporter, err error) {
	t.Helper()
	if err != nil && strings.HasPrefix(err.Error(), e.Format().Name+":") {
		t.Errorf("Export error %q names its format; the caller does that", err)
	}
}

func testContent(t *testing.T, e exporters.Exporter, opt Options) {
	if opt.Text == nil {
		t.Skip("exporter gave no way to read its text back")
	}
	b := Briefing("Azerbaijan briefing", English())
	b.Index = Index()
	got := normalize(opt.Text(t, export(t, e, b)))
	for _, want := range []string{
		"Azerbaijan Exposes Alleged Iranian Spy Network",
		"Ebrahim Ramezani",
		"Tensions on the Rise",
		"Zahir Askarov",
		"Bloomberg",
		"trade corridor",
		"Bakhtiyar Aghazadeh",
		"2022",
	} {
		if !strings.Contains(got, normalize(want)) {
			t.Errorf("output text lacks %q", want)
		}
	}
}

func testEscaping(t *testing.T, e exporters.Exporter, opt Options) {
	d := English()
	d.Meta.Title = `Tags <b>stay</b> text & "quotes" too`
	d.Blocks = append(d.Blocks, pipeline.Block{Kind: pipeline.Paragraph,
		Text: `An attacker wrote <script>alert("x")</script> and ]]> and &amp; and &nbsp; here.`})
	out := export(t, e, Briefing("escaping", d))
	if opt.Markup != nil {
		for _, el := range opt.Markup(t, out) {
			if el == "script" || el == "b" {
				t.Errorf("article text became a <%s> element", el)
			}
		}
	}
	if opt.Text != nil {
		got := normalize(opt.Text(t, out))
		for _, want := range []string{`<script>alert("x")</script>`, "&amp;", "&nbsp;", "<b>stay</b>"} {
			if !strings.Contains(got, normalize(want)) {
				t.Errorf("output text lacks %q as text", want)
			}
		}
	}
}

func testRTL(t *testing.T, e exporters.Exporter, opt Options) {
	if opt.Text == nil {
		t.Skip("exporter gave no way to read its text back")
	}
	got := words(opt.Text(t, export(t, e, Briefing("fa", Persian()))))
	for w := range words("بختیار آقازاده رسول‌اف ۲۰۱۸ WhatsApp تحصیلات") {
		if !got[w] {
			t.Errorf("right-to-left output lacks the word %q", w)
		}
	}
}

// testDocumentFlags holds every exporter to showing a flag on the title
// before the article's text, where a reader sees it first, and to keeping
// the title, byline and body intact around mentions in them.
func testDocumentFlags(t *testing.T, e exporters.Exporter, opt Options) {
	fa := Persian()
	fa.Mentions = []pipeline.Mention{mention(fa, pipeline.Ref{Block: pipeline.MetaBlock}, "آذربایجان", "azerbaijan", "place")}
	fa.Trail = []pipeline.Provenance{{Ref: pipeline.Ref{Block: pipeline.MetaBlock}, Engine: "apertium", From: "fa", To: "es",
		Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "fa", "es")}}}
	for _, tc := range []struct {
		name     string
		briefing *exporters.Briefing
	}{
		{"single", Briefing("Azerbaijan briefing", Flagged())},
		{"batch", Briefing("Azerbaijan briefing", English(), Flagged(), fa)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := export(t, e, tc.briefing)
			if opt.Text == nil {
				return
			}
			got := normalize(opt.Text(t, out))
			for _, want := range []string{
				"Azerbaijan Exposes Alleged Iranian Spy Network",
				"Ebrahim Ramezani",
				"Five citizens were arrested",
				"Ilham Aliyev",
			} {
				if !strings.Contains(got, normalize(want)) {
					t.Errorf("output text lacks %q", want)
				}
			}
			// In a batch the flagged article is the second: look from the
			// end of the first.
			from := 0
			if !tc.briefing.Single() {
				from = strings.Index(got, normalize("Bakhtiyar Aghazadeh")) + 1
			}
			// The flag is shown in the briefing's language (chrome.Flag),
			// or as its code by a format that is data, such as dossier JSON.
			loc := chrome.For(tc.briefing)
			shown := loc.Flag(NotTranslated())
			flag := strings.Index(got[from:], normalize(shown))
			if flag < 0 {
				shown = string(NotTranslated().Code)
				flag = strings.Index(got[from:], normalize(shown))
			}
			body := strings.Index(got[from:], normalize("State Security Service identified"))
			switch {
			case flag < 0:
				t.Errorf("output text lacks the document flag %q", shown)
			case body >= 0 && flag > body:
				t.Errorf("document flag %q comes after the article text; want it by the title", shown)
			}
			lost := pipeline.NewFlag(pipeline.FlagNameLost, "Ilham Aliyev")
			if !strings.Contains(got, normalize(loc.Flag(lost))) && !strings.Contains(got, normalize(string(lost.Code))) {
				t.Error("output text lacks the paragraph's flag")
			}
			faFlag := fa.Trail[0].Flags[0]
			if !tc.briefing.Single() && !strings.Contains(got, normalize(loc.Flag(faFlag))) && !strings.Contains(got, normalize(string(faFlag.Code))) {
				t.Error("output text lacks the right-to-left article's document flag")
			}
		})
	}
}

// testBadRefs gives mentions and flags that point nowhere, or cut a
// character in two: the export must not fail or panic, must keep the
// text, and must still show every flag.
func testBadRefs(t *testing.T, e exporters.Exporter, opt Options) {
	d := English()
	title := pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.TitleItem}
	d.Mentions = append(d.Mentions,
		pipeline.Mention{Ref: pipeline.Ref{Block: pipeline.MetaBlock, Item: 99}, Start: 0, End: 4, Text: "none", Entity: "x"},
		pipeline.Mention{Ref: title, Start: 3, End: 500, Text: "too long", Entity: "x"},
		pipeline.Mention{Ref: title, Start: 9, End: 2, Text: "backwards", Entity: "x"},
		pipeline.Mention{Ref: pipeline.Ref{Block: 40}, Start: 0, End: 4, Text: "none", Entity: "x"},
		pipeline.Mention{Ref: pipeline.Ref{Block: -7}, Start: 0, End: 4, Text: "none", Entity: "x"},
		pipeline.Mention{Ref: pipeline.Ref{Block: 3, Item: 5}, Start: 0, End: 4, Text: "none", Entity: "x"},
	)
	d.Trail = []pipeline.Provenance{
		{Ref: pipeline.Ref{Block: 40}, Engine: "apertium", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "flag on block forty")}},
		{Ref: pipeline.Ref{Block: pipeline.MetaBlock, Item: 99}, Engine: "apertium", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "flag on no metadata")}},
	}
	fa := Persian()
	fa.Mentions = []pipeline.Mention{{Ref: pipeline.Ref{Block: 0}, Start: 1, End: 3, Text: "half a rune", Entity: "x"}}
	out := export(t, e, Briefing("bad refs", d, fa))
	if opt.Text == nil {
		return
	}
	got := normalize(opt.Text(t, out))
	for _, want := range []string{
		"Azerbaijan Exposes Alleged Iranian Spy Network",
		"flag on block forty",
		"flag on no metadata",
		"identified one of the alleged spies",
	} {
		if !strings.Contains(got, normalize(want)) {
			t.Errorf("output text lacks %q", want)
		}
	}
}

func testDeterministic(t *testing.T, e exporters.Exporter) {
	b := Briefing("batch", English(), Persian(), Flagged())
	b.Index = Index()
	first := export(t, e, b)
	second := export(t, e, b)
	if !bytes.Equal(first, second) {
		t.Error("two exports of the same briefing differ")
	}
}

func testCanceled(t *testing.T, e exporters.Exporter) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Export(ctx, &bytes.Buffer{}, Briefing("c", English())); !errors.Is(err, context.Canceled) {
		t.Errorf("Export(canceled context) = %v, want context.Canceled", err)
	} else {
		checkUnprefixed(t, e, err)
	}
}

// normalize folds presentation forms (NFKC), drops bidi and format
// controls and collapses white space, so text read back from any format
// compares with its source.
func normalize(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200c': // ZWNJ is part of Persian words
			b.WriteRune(r)
			space = false
		case r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069':
			// pdftotext puts the space before an embedded run inside the
			// run's marks; a mark stands where words part.
			if !space {
				b.WriteByte(' ')
			}
			space = true
		case unicode.Is(unicode.Cf, r):
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return strings.TrimSpace(b.String())
}

// words returns the set of words in s after normalize, with punctuation
// trimmed; word order is not compared because text extracted from a PDF
// comes in visual order.
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(normalize(s)) {
		w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if w != "" {
			out[w] = true
		}
	}
	return out
}
