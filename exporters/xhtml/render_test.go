package xhtml_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/pipeline"
)

// hostile is an article whose text tries every way out of XHTML.
func hostile() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:    "<script>alert(1)</script> & ]]> \x00\x1b\uFFFE",
			Authors:  []string{"A&B <b>"},
			Section:  `"quoted" 'single'`,
			Outlet:   `Outlet "quoted" <i>`,
			Source:   "https://user:pw@example.com/a b?q=<2>&r=%zz#frag ment",
			Language: "en",
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "<script>alert(1)</script> and &nbsp; and ]]> and \x01\x7f\u0085 and \uFFFE\uFFFF\U0010FFFF end\r\nnext\rlast"},
			{Kind: pipeline.Heading, Level: 1, Text: "<h1>&amp;</h1>"},
			{Kind: pipeline.Quote, Items: []string{"<![CDATA[x]]>"}, Attribution: "<cite>"},
			{Kind: pipeline.List, Items: []string{"<li>", "\xff\xfe bad utf-8", " "}},
			{Kind: pipeline.Paragraph, Text: " \t "},
		},
	}
}

func TestHostileText(t *testing.T) {
	out := export(t, single(hostile()))
	xmllint(t, out)
	doc := readBack(t, out)
	count := map[string]int{}
	for _, el := range doc.elements {
		count[el]++
	}
	if count["script"]+count["b"]+count["i"] > 0 || count["h1"] != 1 || count["li"] != 2 {
		t.Errorf("text became markup: elements %v", count)
	}
	s := string(out)
	for _, bad := range []string{"&nbsp;", "<script", "]]>", "\x00", "\x01", "\x1b", "\x7f", "\u0085", "\uFFFE", "\uFFFF", "\U0010FFFF", "\r", "\xff", "pw@"} {
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"and &amp;nbsp; and ]]&gt; and",
		"&lt;![CDATA[x]]&gt;",
		`href="https://example.com/a%20b?q=%3C2%3E&amp;r=%25zz#frag%20ment"`,
		"<bdi>Outlet \"quoted\" &lt;i&gt;</bdi>",
		"\uFFFD bad utf-8",
		"end next last</p>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestDirectionAndLanguage(t *testing.T) {
	fa := load(t, "fa")
	fa.Blocks = append(fa.Blocks,
		pipeline.Block{Kind: pipeline.Quote, Items: []string{"Both countries agreed."}, Attribution: "Bloomberg", Lang: "en"},
		pipeline.Block{Kind: pipeline.Paragraph, Text: "Azərbaycan", Lang: "az_Latn"},
	)
	en := load(t, "en")
	en.Meta.Direction = ""
	en.Blocks = append(en.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: "שלום", Lang: "he"})
	ckb := &pipeline.Document{Meta: pipeline.Meta{Title: "کوردستان", Language: "ckb"}}
	bad := &pipeline.Document{Meta: pipeline.Meta{Title: "x", Language: "not a tag!"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "y", Lang: "??"}}}
	tests := []struct {
		name string
		doc  *pipeline.Document
		want []string
	}{
		{"persian root is rtl", fa, []string{`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fa" xml:lang="fa" dir="rtl">`}},
		{"english quote in persian is ltr", fa, []string{`<blockquote lang="en" xml:lang="en" dir="ltr">`}},
		{"block language is canonical", fa, []string{`<p lang="az-Latn" xml:lang="az-Latn" dir="ltr">Azərbaycan</p>`}},
		{"persian labels in persian", fa, []string{`<p>منبع: <a href=`, `<p class="byline">نوشتهٔ `}},
		{"direction from language", en, []string{`lang="en" xml:lang="en" dir="ltr">`, `<p lang="he" xml:lang="he" dir="rtl">שלום</p>`}},
		{"sorani is rtl by script", ckb, []string{`lang="ckb" xml:lang="ckb" dir="rtl"`}},
		{"malformed tags become und", bad, []string{`<article id="article-1" class="article" epub:type="chapter" lang="und" xml:lang="und">`, `<p>y</p>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := export(t, single(tt.doc))
			xmllint(t, out)
			for _, w := range tt.want {
				if !bytes.Contains(out, []byte(w)) {
					t.Errorf("output lacks %s:\n%s", w, out)
				}
			}
		})
	}
}

func TestMentions(t *testing.T) {
	text := "Elnur Rəsulov met Arif in Bakı."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	m := func(s, entity string) pipeline.Mention {
		start, end := at(s)
		return pipeline.Mention{Start: start, End: end, Text: s, Entity: entity, Canonical: "Canon " + entity, Kind: "person"}
	}
	overlapping := m("Rəsulov met", "x")
	midRune := m("Rəsulov", "y")
	midRune.Start++ // inside "R"? no: after R, at ə's first byte, then cut it
	midRune.Start++
	outOfRange := m("Bakı", "z")
	outOfRange.End = len(text) + 5
	unresolved := m("Arif", "")
	unresolved.Unresolved = true
	doc := &pipeline.Document{
		Meta:     pipeline.Meta{Title: "t", Language: "az"},
		Blocks:   []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}},
		Mentions: []pipeline.Mention{outOfRange, unresolved, m("Elnur Rəsulov", "elnur"), overlapping, midRune, {Ref: pipeline.Ref{Block: 7}, Start: 0, End: 1}},
		Trail: []pipeline.Provenance{
			{Ref: pipeline.Ref{Block: 0}, Engine: "apertium", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Bakı"), pipeline.NewFlag(pipeline.FlagNameLost, "Bakı")}},
			{Ref: pipeline.Ref{Block: 0}, Engine: "apertium", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagUntranslated, "<span>")}},
		},
	}
	out := string(export(t, single(doc)))
	want := `<p><span class="name person" data-entity="elnur" title="Canon elnur">Elnur Rəsulov</span> met <span class="name unresolved">Arif</span> in Bakı. ` +
		`<span class="flag">⚑ Tərcümə yoxlaması: qorunan ad itib: Bakı; tərcümə edilməyib: &lt;span&gt;</span></p>` // chrome in the article's language
	if !strings.Contains(out, want) {
		t.Errorf("want\n%s\nin\n%s", want, out)
	}
}

func TestIndexAndTranslation(t *testing.T) {
	ru := load(t, "ru")
	ru.Meta.Original = &pipeline.Original{Language: "fa", Title: "جمهوری آذربایجان", Engine: "apertium", Model: "fa-ru"}
	b := &exporters.Briefing{Documents: []*pipeline.Document{ru}, Index: loadIndex(t), Created: created}
	out := string(export(t, b))
	xmllint(t, out2bytes(out))
	for _, w := range []string{
		`<p class="translation">Машинный перевод (язык оригинала: персидский), apertium (fa-ru)</p>`,
		`<p class="original-title">Заголовок оригинала: <bdi lang="fa" xml:lang="fa" dir="rtl">جمهوری آذربایجان</bdi></p>`,
		`<section id="names" class="names-index">`,
		`<li id="name-zahir-asgarov">`,
		`<p class="mentioned-in">Статьи: <a href="#article-1">1. <bdi>СГБ Азербайджана`,
		`Написания: <bdi>Zahir Asgarov</bdi> ×1, <bdi>ظاهر عسگراف</bdi> ×1,`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %s", w)
		}
	}
}

func out2bytes(s string) []byte { return []byte(s) }

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		briefing *exporters.Briefing
		want     error
		text     string
	}{
		{"nil briefing", nil, xhtml.ErrNoBriefing, "no briefing"},
		{"no documents", &exporters.Briefing{Title: "x"}, exporters.ErrNoDocuments, "briefing has no documents"},
		{"nil document", &exporters.Briefing{Documents: []*pipeline.Document{hostile(), nil}}, xhtml.ErrNilDocument, "document 2: document is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := xhtml.New().Export(context.Background(), &bytes.Buffer{}, tt.briefing)
			if !errors.Is(err, tt.want) || err.Error() != tt.text {
				t.Errorf("err = %v, want %q wrapping %v", err, tt.text, tt.want)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"clean text is kept", "Zahir Əsgərov ظاهر", "Zahir Əsgərov ظاهر"},
		{"markup is not escaped", "<b>&amp;", "<b>&amp;"},
		{"controls and noncharacters", "a\x00b\x7fc\u0085d\uFFFEe\U0001FFFF", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"carriage return", "a\r\nb", "a\n\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := xhtml.Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEmptyDocument(t *testing.T) {
	out := export(t, &exporters.Briefing{Documents: []*pipeline.Document{{}}})
	xmllint(t, out)
	for _, w := range []string{"<title>Untitled</title>", `<h1 lang="en" xml:lang="en">Untitled</h1>`, `lang="und"`} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("output lacks %s:\n%s", w, out)
		}
	}
}

func TestMetadataMentionsAndFlags(t *testing.T) {
	doc := exportertest.Flagged()
	doc.Meta.Title = "  " + doc.Meta.Title + "\n" // mentions count from the raw text
	doc.Mentions[len(doc.Mentions)-2].Start += 2
	doc.Mentions[len(doc.Mentions)-2].End += 2
	doc.Trail = append(doc.Trail,
		pipeline.Provenance{Ref: pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.AuthorItem(0)}, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagMentionDropped, "name kept")}},
		pipeline.Provenance{Ref: pipeline.Ref{Block: 40}, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "<b>")}})
	out := string(export(t, single(doc)))
	xmllint(t, []byte(out))
	for _, w := range []string{
		`<h1><span class="name place" data-entity="azerbaijan">Azerbaijan</span> Exposes Alleged Iranian Spy Network</h1>`,
		// The trail's target is Spanish: the chrome is Spanish, the names
		// in it keep the article's language.
		`<p lang="es" xml:lang="es" class="byline">Por <span lang="en" xml:lang="en"><span class="name person" data-entity="ebrahim-ramezani">Ebrahim Ramezani</span></span></p>`,
		`<p lang="es" xml:lang="es" class="flag">⚑ Revisión de la traducción: <bdi>sin traducir: apertium no tiene el par ru→es</bdi></p>`,
		`<p lang="es" xml:lang="es" class="flag">⚑ Revisión de la traducción (firma): <bdi>mención no encontrada en la traducción: name kept</bdi></p>`,
		`<p lang="es" xml:lang="es" class="flag">⚑ Revisión de la traducción (bloque 41, elemento 1): <bdi>nombre protegido perdido: &lt;b&gt;</bdi></p>`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %s\n%s", w, out)
		}
	}
	if i, j := strings.Index(out, "sin traducir"), strings.Index(out, "</header>"); i > j {
		t.Error("document flag is not in the article header")
	}
}
