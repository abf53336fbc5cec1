// Package export measures dossier's XHTML and EPUB exporters on a generated
// briefing of many articles, and writes the same articles as Markdown so
// that run.sh can time pandoc on identical content.
//
// Start with Briefing, which builds the corpus; bench_test.go holds the Go
// benchmarks and exportrun the command run.sh times.
package export

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// A language is the material articles in one language are made of.
type language struct {
	tag     string
	dir     pipeline.Direction
	words   []string
	names   []string // one spelling per entity, in the order of entities
	outlets []string
	authors []string
}

type entity struct{ id, canonical, kind string }

// entities are the people and places every language names, in the order
// of language.names.
var entities = [...]entity{
	{"zahir-asgarov", "Zahir Asgarov", "person"},
	{"elnur-rasulov", "Elnur Rasulov", "person"},
	{"ilham-aliyev", "Ilham Aliyev", "person"},
	{"ebrahim-raisi", "Ebrahim Raisi", "person"},
	{"baku", "Baku", "place"},
	{"tehran", "Tehran", "place"},
	{"qom", "Qom", "place"},
}

func languages() []language {
	return []language{
		{
			tag: "en", dir: pipeline.LeftToRight,
			words: strings.Fields(`the security service said on monday that it had detained five people accused of
				spying for iran latest sign friction between neighbours ship captain caspian agency recruited while
				studying seminary allegedly agreed work intelligence exchange money relative sent photographs drones
				tanks over messaging president foreign ministry summoned ambassador response border military exercises
				trade corridor gas agreement tensions protests crackdown statement court arrest warrant international`),
			names:   []string{"Zahir Asgarov", "Elnur Rasulov", "Ilham Aliyev", "Ebrahim Raisi", "Baku", "Tehran", "Qom"},
			outlets: []string{"Eurasia Desk", "Caucasus Wire"},
			authors: []string{"Staff Reporter", "Anna Petrosyan"},
		},
		{
			tag: "ru", dir: pipeline.LeftToRight,
			words: strings.Fields(`служба государственной безопасности сообщила о задержании пятерых граждан страны по
				обвинению в измене капитан судна завербован представителями спецслужб во время обучения городе собирал
				сведения месте времени учений согласился сотрудничать стороной за вознаграждение передавал фото видео
				беспилотников танков через мессенджер президент ранее назвал отношения предательством коридор граница`),
			names:   []string{"Захир Аскеров", "Эльнур Расулов", "Ильхам Алиев", "Эбрахим Раиси", "Баку", "Тегеран", "Кум"},
			outlets: []string{"Sputnik Azerbaijan", "Kavkaz Uzel"},
			authors: []string{"Лейла Мамедова", "Иван Петров"},
		},
		{
			tag: "az", dir: pipeline.LeftToRight,
			words: strings.Fields(`dövlət təhlükəsizlik xidməti xüsusi orqanları tərəfindən cəlb edilmiş şəxslərə qarşı
				əməliyyat keçirib məlumatına görə dənizində gəmi kapitanı işləyən şəhərində dini təhsil aldığı dövrdə
				kəşfiyyat nümayəndələri pul müqabilində əməkdaşlığa razılıq verib müalicə üçün olarkən qohumu birlikdə
				pilotsuz uçuş aparatları tanklar barədə foto video görüntüləri vasitəsilə ötürüb istintaq davam`),
			names:   []string{"Zahir Əsgərov", "Elnur Rəsulov", "İlham Əliyev", "İbrahim Rəisi", "Bakı", "Tehran", "Qum"},
			outlets: []string{"DTX", "Report.az"},
			authors: []string{"Redaksiya", "Aynur Əliyeva"},
		},
		{
			tag: "fa", dir: pipeline.RightToLeft,
			words: strings.Fields(`سرویس امنیت دولتی جمهوری آذربایجان اعلام کرد یک شبکه جاسوسی وابسته به ایران را
				کشف و پنج شهروند این کشور به اتهام خیانت وطن بازداشت کرده است گفته نهاد ناخدای کشتی در دریای خزر بوده
				دوران تحصیل علوم دینی شهر توسط نمایندگان سرویس‌های اطلاعاتی جذب شده نیز برای تحصیلات رفته ازای دریافت
				پول با همکاری سال ۲۰۱۸ درمان سفر عکس‌ها ویدئوهایی پهپادها تانک‌های ارتش طریق ارسال`),
			names:   []string{"ظاهر عسگراف", "النور رسول‌اف", "الهام علی‌اف", "ابراهیم رئیسی", "باکو", "تهران", "قم"},
			outlets: []string{"IranWire", "Radio Farda"},
			authors: []string{"ابراهیم رمضانی", "مریم حسینی"},
		},
	}
}

// text builds sentences of words with names mentioned at random places,
// returning the text and the mentions' byte spans.
type text struct {
	sb       strings.Builder
	mentions []pipeline.Mention
}

func (t *text) word(w string) {
	if t.sb.Len() > 0 {
		t.sb.WriteByte(' ')
	}
	t.sb.WriteString(w)
}

func (t *text) name(lang language, e int) {
	if t.sb.Len() > 0 {
		t.sb.WriteByte(' ')
	}
	start := t.sb.Len()
	t.sb.WriteString(lang.names[e])
	t.mentions = append(t.mentions, pipeline.Mention{
		Start: start, End: t.sb.Len(), Text: lang.names[e],
		Entity: entities[e].id, Canonical: entities[e].canonical, Kind: entities[e].kind,
	})
}

func sentence(r *rand.Rand, lang language, words, names int) *text {
	t := &text{}
	at := map[int]int{}
	for range names {
		at[r.IntN(words)] = r.IntN(len(entities))
	}
	for i := range words {
		if e, ok := at[i]; ok {
			t.name(lang, e)
		}
		t.word(lang.words[r.IntN(len(lang.words))])
	}
	t.sb.WriteByte('.')
	return t
}

// Article returns generated article i: about 900 words in one of four
// languages (every fourth Persian, right to left), with headings, a quote,
// a list and name mentions.
func Article(i int) *pipeline.Document {
	langs := languages()
	lang := langs[i%len(langs)]
	r := rand.New(rand.NewPCG(uint64(i), 2022))
	title := sentence(r, lang, 8, 1)
	doc := &pipeline.Document{Meta: pipeline.Meta{
		Title:       strings.TrimSuffix(title.sb.String(), "."),
		Standfirst:  sentence(r, lang, 24, 0).sb.String(),
		Authors:     []string{lang.authors[i%len(lang.authors)]},
		Published:   pipeline.Day(2022, 11, 1+i%28),
		Section:     "Politics",
		Outlet:      lang.outlets[i%len(lang.outlets)],
		Source:      fmt.Sprintf("https://%s.example/news/%d", strings.ToLower(strings.ReplaceAll(lang.outlets[i%len(lang.outlets)], " ", "-")), i),
		Language:    lang.tag,
		Direction:   lang.dir,
		ReadingTime: 4,
	}}
	// Names stand in titles too, as mentions of the metadata.
	for _, m := range title.mentions {
		m.Ref = pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.TitleItem}
		doc.Mentions = append(doc.Mentions, m)
	}
	add := func(b pipeline.Block, units ...*text) {
		bi := len(doc.Blocks)
		for ii, u := range units {
			for _, m := range u.mentions {
				m.Ref = pipeline.Ref{Block: bi}
				if b.HasItems() {
					m.Ref.Item = ii
				}
				doc.Mentions = append(doc.Mentions, m)
			}
			if b.HasItems() {
				b.Items = append(b.Items, u.sb.String())
			} else {
				b.Text = u.sb.String()
			}
		}
		doc.Blocks = append(doc.Blocks, b)
	}
	for p := range 12 {
		if p == 4 || p == 8 {
			h := sentence(r, lang, 5, 0)
			add(pipeline.Block{Kind: pipeline.Heading, Level: 1}, &text{sb: h.sb})
		}
		add(pipeline.Block{Kind: pipeline.Paragraph}, sentence(r, lang, 60, 2))
		if p == 6 {
			add(pipeline.Block{Kind: pipeline.Quote, Attribution: lang.outlets[(i+1)%len(lang.outlets)]},
				sentence(r, lang, 30, 1), sentence(r, lang, 30, 0))
		}
		if p == 10 {
			add(pipeline.Block{Kind: pipeline.List}, sentence(r, lang, 8, 1), sentence(r, lang, 8, 0), sentence(r, lang, 8, 1))
		}
	}
	return doc
}

// Briefing returns a batch of n generated articles with its names index.
func Briefing(n int, created time.Time) *exporters.Briefing {
	b := &exporters.Briefing{Title: fmt.Sprintf("Generated briefing of %d articles", n), Created: created}
	for i := range n {
		b.Documents = append(b.Documents, Article(i))
	}
	b.Index = index(b.Documents)
	return b
}

func index(docs []*pipeline.Document) *pipeline.Index {
	byID := map[string]*pipeline.Entity{}
	for i, d := range docs {
		for _, m := range d.Mentions {
			e := byID[m.Entity]
			if e == nil {
				e = &pipeline.Entity{ID: m.Entity, Canonical: m.Canonical, Kind: m.Kind}
				byID[m.Entity] = e
			}
			k := slices.IndexFunc(e.Variants, func(v pipeline.Variant) bool { return v.Text == m.Text })
			if k < 0 {
				e.Variants = append(e.Variants, pipeline.Variant{Text: m.Text})
				k = len(e.Variants) - 1
			}
			e.Variants[k].Count++
			e.Mentions = append(e.Mentions, pipeline.EntityMention{File: fmt.Sprintf("article-%03d", i+1),
				Text: m.Text, Block: m.Block, Item: m.Item, Start: m.Start, End: m.End})
		}
	}
	idx := &pipeline.Index{}
	for _, e := range entities {
		if byID[e.id] != nil {
			idx.Entities = append(idx.Entities, *byID[e.id])
		}
	}
	return idx
}

// Markdown writes doc as Pandoc Markdown carrying the same content and
// markup dossier writes: language and direction, headings, quote, list,
// and every name mention as a span with its entity.
func Markdown(doc *pipeline.Document) string {
	var sb strings.Builder
	m := doc.Meta
	fmt.Fprintf(&sb, "::: {lang=%s dir=%s}\n\n", m.Language, m.Direction)
	mentions := map[pipeline.Ref][]pipeline.Mention{}
	for _, mn := range doc.Mentions {
		mentions[mn.Ref] = append(mentions[mn.Ref], mn)
	}
	unit := func(r pipeline.Ref, s string) string {
		var out strings.Builder
		pos := 0
		for _, mn := range mentions[r] {
			out.WriteString(escapeMarkdown(s[pos:mn.Start]))
			fmt.Fprintf(&out, "[%s]{.name data-entity=\"%s\"}", escapeMarkdown(s[mn.Start:mn.End]), mn.Entity)
			pos = mn.End
		}
		out.WriteString(escapeMarkdown(s[pos:]))
		return out.String()
	}
	fmt.Fprintf(&sb, "# %s\n\n", unit(pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.TitleItem}, m.Title))
	fmt.Fprintf(&sb, "*%s*\n\n", escapeMarkdown(m.Standfirst))
	fmt.Fprintf(&sb, "%s · %s · %d min read\n\n", escapeMarkdown(strings.Join(m.Authors, ", ")), m.Published, m.ReadingTime)
	for bi, b := range doc.Blocks {
		switch b.Kind {
		case pipeline.Heading:
			fmt.Fprintf(&sb, "## %s\n\n", unit(pipeline.Ref{Block: bi}, b.Text))
		case pipeline.Quote:
			for ii, it := range b.Items {
				fmt.Fprintf(&sb, "> %s\n>\n", unit(pipeline.Ref{Block: bi, Item: ii}, it))
			}
			fmt.Fprintf(&sb, "> — %s\n\n", escapeMarkdown(b.Attribution))
		case pipeline.List:
			for ii, it := range b.Items {
				fmt.Fprintf(&sb, "- %s\n", unit(pipeline.Ref{Block: bi, Item: ii}, it))
			}
			sb.WriteString("\n")
		default:
			fmt.Fprintf(&sb, "%s\n\n", unit(pipeline.Ref{Block: bi}, b.Text))
		}
	}
	fmt.Fprintf(&sb, "Source: [%s](%s)\n\n:::\n", escapeMarkdown(m.Outlet), m.Source)
	return sb.String()
}

func escapeMarkdown(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!<>|~^$", r) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
