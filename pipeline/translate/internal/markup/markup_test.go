package markup

import (
	"errors"
	"html"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// The markups the engines use: Google and Azure (HTML, escaped both ways),
// LibreTranslate (escaped in; it decodes itself), DeepL (ignored XML
// element) and the LLMs (plain numbered tags).
var (
	htmlSpan = New("span", ` translate="no"`, "data-k", true, true)
	libre    = New("span", ` translate="no"`, "data-k", true, false)
	xmlKeep  = New("dossier-keep", "", "i", true, true)
	llmTag   = New("keep", "", "n", false, false)
)

func keep(text, name, as string) translate.Keep {
	i := strings.Index(text, name)
	if i < 0 {
		panic("test keep " + name + " not in " + text)
	}
	return translate.Keep{Start: i, End: i + len(name), As: as}
}

func TestWrap(t *testing.T) {
	cases := []struct {
		name   string
		markup Markup
		seg    translate.Segment
		want   string
	}{
		{"no keeps, text escaped", htmlSpan,
			translate.Segment{Text: "Tom & Jerry <3 > 2"},
			"Tom &amp; Jerry &lt;3 &gt; 2"},
		{"one name", htmlSpan,
			translate.Segment{Text: "Elnur Rasulov sent photos.", Keep: []translate.Keep{{Start: 0, End: 13}}},
			`<span translate="no" data-k="0">Elnur Rasulov</span> sent photos.`},
		{"canonical form replaces the span", htmlSpan,
			translate.Segment{Text: "Aref Rasulov spoke.", Keep: []translate.Keep{{Start: 0, End: 12, As: "Arif Rasulov"}}},
			`<span translate="no" data-k="0">Arif Rasulov</span> spoke.`},
		{"adjacent names", xmlKeep,
			translate.Segment{Text: "BakuTehran", Keep: []translate.Keep{{Start: 4, End: 10}, {Start: 0, End: 4}}},
			`<dossier-keep i="0">Baku</dossier-keep><dossier-keep i="1">Tehran</dossier-keep>`},
		{"name with & < \" ' escaped", htmlSpan,
			translate.Segment{Text: `Say "Procter & Gamble's <Co>" now`, Keep: []translate.Keep{keep(`Say "Procter & Gamble's <Co>" now`, `Procter & Gamble's <Co>`, "")}},
			`Say "<span translate="no" data-k="0">Procter &amp; Gamble's &lt;Co&gt;</span>" now`},
		{"llm tags leave text as it is", llmTag,
			translate.Segment{Text: "A & B met <C>.", Keep: []translate.Keep{{Start: 0, End: 1}, {Start: 4, End: 5}}},
			`<keep n="0">A</keep> & <keep n="1">B</keep> met <C>.`},
		{"right-to-left name", htmlSpan,
			translate.Segment{Text: "الهام علی‌اف گفت که", Keep: []translate.Keep{keep("الهام علی‌اف گفت که", "الهام علی‌اف", "")}},
			`<span translate="no" data-k="0">الهام علی‌اف</span> گفت که`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ks, err := c.markup.Wrap(c.seg)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Wrap =\n %s\nwant\n %s", got, c.want)
			}
			if len(ks) != len(c.seg.Keep) {
				t.Errorf("%d keeps back, want %d", len(ks), len(c.seg.Keep))
			}
		})
	}
}

func TestWrapRefuses(t *testing.T) {
	text := "Elnur Rasulov met Əli"
	cases := []struct {
		name string
		keep []translate.Keep
		want string
	}{
		{"out of range", []translate.Keep{{Start: 6, End: 99}}, "does not fit"},
		{"empty", []translate.Keep{{Start: 3, End: 3}}, "does not fit"},
		{"negative", []translate.Keep{{Start: -1, End: 3}}, "does not fit"},
		{"overlapping", []translate.Keep{{Start: 0, End: 13}, {Start: 6, End: 17}}, "overlaps"},
		{"nested", []translate.Keep{{Start: 0, End: 13}, {Start: 6, End: 13}}, "overlaps"},
		{"cuts a character", []translate.Keep{{Start: len(text) - 3, End: len(text)}}, "cuts a character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := htmlSpan.Wrap(translate.Segment{Text: text, Keep: c.keep})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Wrap err = %v, want %q", err, c.want)
			}
		})
	}
}

// TestWrapCleanedKeeps checks that whatever keeps the names stage finds,
// once cleaned as the stage cleans them, wrap and come back whole.
func TestWrapCleanedKeeps(t *testing.T) {
	text := "Elnur Rasulov and Aref Rasulov met in Baku."
	cases := []struct {
		name  string
		keeps []translate.Keep
	}{
		{"nested", []translate.Keep{{Start: 0, End: 13}, {Start: 6, End: 13}}},
		{"overlapping", []translate.Keep{{Start: 0, End: 13}, {Start: 6, End: 22}}},
		{"adjacent", []translate.Keep{{Start: 0, End: 5}, {Start: 5, End: 13}}},
		{"duplicate", []translate.Keep{{Start: 38, End: 42}, {Start: 38, End: 42}}},
		{"out of range", []translate.Keep{{Start: 38, End: 420}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seg := translate.Segment{Text: text, Keep: translate.CleanKeeps(text, c.keeps)}
			for _, m := range []Markup{htmlSpan, xmlKeep, llmTag} {
				wrapped, ks, err := m.Wrap(seg)
				if err != nil {
					t.Fatalf("%s: Wrap: %v", m.element, err)
				}
				back := m.Unwrap(wrapped, ks)
				if back.Text != text || len(back.Keep) != len(ks) {
					t.Errorf("%s: round trip = %q with %d keeps, want %q with %d", m.element, back.Text, len(back.Keep), text, len(ks))
				}
			}
		})
	}
}

// TestRoundTrip wraps a segment, lets an engine that changes nothing
// answer (decoding entities itself where the markup leaves that to it),
// and unwraps: the text must come back with each name where it stood.
func TestRoundTrip(t *testing.T) {
	segs := []struct {
		name string
		seg  translate.Segment
	}{
		{"names and markup characters", func() translate.Segment {
			text := `"Tom & Jerry" <b>met</b> Elnur Rasulov & O'Brien.`
			return translate.Segment{Text: text, Keep: []translate.Keep{keep(text, "Elnur Rasulov", ""), keep(text, "O'Brien", "")}}
		}()},
		{"right to left", func() translate.Segment {
			text := "به گزارش ایران‌وایر، الهام علی‌اف در باکو"
			return translate.Segment{Text: text, Keep: []translate.Keep{keep(text, "الهام علی‌اف", ""), keep(text, "باکو", "")}}
		}()},
		{"name at both ends", func() translate.Segment {
			text := "Baku said so to Tehran"
			return translate.Segment{Text: text, Keep: []translate.Keep{keep(text, "Baku", ""), keep(text, "Tehran", "")}}
		}()},
	}
	markups := []struct {
		name   string
		markup Markup
		engine func(string) string
	}{
		{"html", htmlSpan, func(s string) string { return s }},
		{"html, engine decodes", libre, decodeOutside},
		{"xml", xmlKeep, func(s string) string { return s }},
		{"llm", llmTag, func(s string) string { return s }},
	}
	for _, sc := range segs {
		for _, mc := range markups {
			t.Run(sc.name+"/"+mc.name, func(t *testing.T) {
				wrapped, ks, err := mc.markup.Wrap(sc.seg)
				if err != nil {
					t.Fatal(err)
				}
				back := mc.markup.Unwrap(mc.engine(wrapped), ks)
				if back.Text != sc.seg.Text {
					t.Errorf("round trip =\n %q\nwant\n %q", back.Text, sc.seg.Text)
				}
				for _, k := range back.Keep {
					if back.Text[k.Start:k.End] != k.As {
						t.Errorf("keep [%d,%d) = %q, want %q", k.Start, k.End, back.Text[k.Start:k.End], k.As)
					}
				}
				if len(back.Keep) != len(sc.seg.Keep) {
					t.Errorf("%d keeps back, want %d", len(back.Keep), len(sc.seg.Keep))
				}
			})
		}
	}
}

// decodeOutside decodes entities outside tags, as LibreTranslate does.
func decodeOutside(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(s))
			return b.String()
		}
		j := strings.IndexByte(s[i:], '>')
		b.WriteString(html.UnescapeString(s[:i]))
		b.WriteString(s[i : i+j+1])
		s = s[i+j+1:]
	}
}

func TestUnwrap(t *testing.T) {
	ks := []translate.Keep{{As: "Elnur Rasulov"}, {As: "Bakú"}}
	cases := []struct {
		name   string
		markup Markup
		answer string
		want   string
		keeps  []string // the As of each keep found, in order
	}{
		{"as sent", htmlSpan,
			`<span translate="no" data-k="0">Elnur Rasulov</span> llegó a <span translate="no" data-k="1">Bakú</span>.`,
			"Elnur Rasulov llegó a Bakú.", []string{"Elnur Rasulov", "Bakú"}},
		{"engine reorders the tags", htmlSpan,
			`En <span translate="no" data-k="1">Bakú</span>, <span translate="no" data-k="0">Elnur Rasulov</span> habló.`,
			"En Bakú, Elnur Rasulov habló.", []string{"Bakú", "Elnur Rasulov"}},
		{"engine drops a tag", htmlSpan,
			`Rasulov llegó a <span translate="no" data-k="1">Bakú</span>.`,
			"Rasulov llegó a Bakú.", []string{"Bakú"}},
		{"engine translates inside the element", htmlSpan,
			`<span translate="no" data-k="0">Elnur Rasúlov</span> habló.`,
			"Elnur Rasulov habló.", []string{"Elnur Rasulov"}},
		{"extra whitespace and attributes", htmlSpan,
			`<SPAN class="notranslate"  translate = "no"  data-k = '0' >Elnur Rasulov</span >, <span data-k=1 translate="no">Bakú</span  >`,
			"Elnur Rasulov, Bakú", []string{"Elnur Rasulov", "Bakú"}},
		{"index lost, found by content", htmlSpan,
			`<span translate="no">Bakú</span> y <span translate="no">Elnur Rasulov</span>`,
			"Bakú y Elnur Rasulov", []string{"Bakú", "Elnur Rasulov"}},
		{"index repeated, second found by content", htmlSpan,
			`<span translate="no" data-k="0">Elnur Rasulov</span> <span translate="no" data-k="0">Bakú</span>`,
			"Elnur Rasulov Bakú", []string{"Elnur Rasulov", "Bakú"}},
		{"unknown element content kept as text", htmlSpan,
			`<span translate="no" data-k="7">Tiflis</span> y <span translate="no" data-k="1">Bakú</span>`,
			"Tiflis y Bakú", []string{"Bakú"}},
		{"nested element stands for the outer keep", htmlSpan,
			`<span translate="no" data-k="0">Elnur <span translate="no" data-k="1">Bakú</span></span> habló`,
			"Elnur Rasulov habló", []string{"Elnur Rasulov"}},
		{"self-closing element", xmlKeep,
			`<dossier-keep i="1"/> y <dossier-keep i="0">x</dossier-keep>`,
			"Bakú y Elnur Rasulov", []string{"Bakú", "Elnur Rasulov"}},
		{"element left open", htmlSpan,
			`Habló <span translate="no" data-k="0">Elnur Rasulov`,
			"Habló Elnur Rasulov", []string{"Elnur Rasulov"}},
		{"entities decoded, stray tags dropped", htmlSpan,
			`<b>Tom &amp; Jerry</b> &lt;3 &quot;<span translate="no" data-k="1">Bakú</span>&quot; &#39;sí&#39;`,
			`Tom & Jerry <3 "Bakú" 'sí'`, []string{"Bakú"}},
		{"engine that decodes itself: text left alone", libre,
			`Tom & Jerry &amp; <span translate="no" data-k="1">Bakú</span>`,
			"Tom & Jerry &amp; Bakú", []string{"Bakú"}},
		{"llm tags, other markup left alone", llmTag,
			`<b>Habló</b> <keep n="0">Elnur Rasulov</keep> & <keep n="1">Bakú</keep>`,
			"<b>Habló</b> Elnur Rasulov & Bakú", []string{"Elnur Rasulov", "Bakú"}},
		{"right-to-left answer", htmlSpan,
			`<span translate="no" data-k="0">Elnur Rasulov</span> در <span translate="no" data-k="1">Bakú</span> گفت`,
			"Elnur Rasulov در Bakú گفت", []string{"Elnur Rasulov", "Bakú"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.markup.Unwrap(c.answer, ks)
			if got.Text != c.want {
				t.Errorf("Unwrap text =\n %q\nwant\n %q", got.Text, c.want)
			}
			var names []string
			for _, k := range got.Keep {
				if got.Text[k.Start:k.End] != k.As {
					t.Errorf("keep [%d,%d) = %q, want %q", k.Start, k.End, got.Text[k.Start:k.End], k.As)
				}
				names = append(names, k.As)
			}
			if !reflect.DeepEqual(names, c.keeps) {
				t.Errorf("keeps found %q, want %q", names, c.keeps)
			}
		})
	}
}

func TestWrapEachFailsOneSegment(t *testing.T) {
	segs := []translate.Segment{
		{Text: "Fine."},
		{Text: "Broken.", Keep: []translate.Keep{{Start: 3, End: 30}}},
	}
	_, _, err := htmlSpan.WrapAll("google", segs)
	var se *translate.SegmentError
	if !errors.As(err, &se) || se.Index != 1 {
		t.Fatalf("err = %v, want a SegmentError for segment 1", err)
	}
	if !errors.Is(err, translate.ErrBadSegment) || errors.Is(err, translate.ErrFatal) {
		t.Errorf("err = %v, want class ErrBadSegment and not ErrFatal", err)
	}
	if !strings.HasPrefix(err.Error(), "google: segment 1: ") {
		t.Errorf("err = %q, want it to name the engine and segment once", err)
	}
}
