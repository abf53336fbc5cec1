package chrome_test

import (
	"strings"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// Where the fixtures' inputs "live": no output may show these folders.
const (
	unixInput    = "/home/analyst/corpus/2022/az-dtx-2022-11-14.txt"
	windowsInput = `C:\Users\analyst\corpus\local-2022-11-15.html`
)

// inputFolders are the folder parts of the inputs above.
var inputFolders = []string{"/home/analyst", "analyst/corpus", "corpus/2022", `C:\Users`, `Users\analyst`, `analyst\corpus`}

var created = time.Date(2022, 11, 26, 12, 0, 0, 0, time.UTC)

// texts are what a fixture article says, in the briefing's language.
type texts struct {
	title, standfirst, section, author1, author2, heading string
	para1, para2, quote, item1, item2                     string
	localTitle, localPara                                 string
	person, place                                         string // names occurring in para1
}

// fixtureTexts holds articles written in Spanish, Russian and Persian;
// none holds an English word, so that any English in an output is chrome.
var fixtureTexts = map[string]texts{
	"es": {
		title: "Azerbaiyán detiene a cinco presuntos espías", standfirst: "Los detenidos están acusados de traición.",
		section: "Política", author1: "Ebrahim Ramezani", author2: "Leyla Mamedova", heading: "Tensión en aumento",
		para1: "El servicio de seguridad identificó a Zahir Askarov en Bakú.",
		para2: "Las relaciones entre los dos países siguen tensas.", quote: "Ambos países acordaron un nuevo corredor comercial.",
		item1: "Zahir Askarov", item2: "Bakhtiyar Aghazadeh",
		localTitle: "Protestas en la capital", localPara: "Cientos de personas se reunieron en la plaza central.",
		person: "Zahir Askarov", place: "Bakú",
	},
	"ru": {
		title: "Азербайджан задержал пятерых подозреваемых в шпионаже", standfirst: "Задержанных обвиняют в государственной измене.",
		section: "Политика", author1: "Эбрахим Рамезани", author2: "Лейла Мамедова", heading: "Напряжённость растёт",
		para1: "Служба безопасности установила личность Захира Аскерова в Баку.",
		para2: "Отношения между двумя странами остаются напряжёнными.", quote: "Обе страны договорились о новом торговом коридоре.",
		item1: "Захир Аскеров", item2: "Бахтияр Агазаде",
		localTitle: "Протесты в столице", localPara: "Сотни людей собрались на центральной площади.",
		person: "Захира Аскерова", place: "Баку",
	},
	"fa": {
		title: "جمهوری آذربایجان پنج مظنون به جاسوسی را بازداشت کرد", standfirst: "بازداشت‌شدگان به خیانت متهم شده‌اند.",
		section: "سیاست", author1: "ابراهیم رمضانی", author2: "لیلا محمدوا", heading: "تنش رو به افزایش است",
		para1: "سرویس امنیت هویت ظاهر عسگراف را در باکو شناسایی کرد.",
		para2: "روابط دو کشور همچنان پرتنش است.", quote: "دو کشور بر سر یک کریدور تجاری تازه توافق کردند.",
		item1: "ظاهر عسگراف", item2: "بختیار آقازاده",
		localTitle: "اعتراض در پایتخت", localPara: "صدها نفر در میدان مرکزی گرد آمدند.",
		person: "ظاهر عسگراف", place: "باکو",
	},
}

// fixture returns a batch in lang with every kind of chrome: an article
// machine-translated from English, with flags on its title block, blocks
// and list items; one the engine could not translate, from a file; one
// written in lang, from a Windows file; and a names index whose mentions
// name the inputs by path.
func fixture(lang string) *exporters.Briefing {
	tx := fixtureTexts[lang]
	meta := func(item int) pipeline.Ref { return pipeline.Ref{Block: pipeline.MetaBlock, Item: item} }
	translated := &pipeline.Document{
		Meta: pipeline.Meta{
			Title: tx.title, Standfirst: tx.standfirst, Authors: []string{tx.author1},
			Published: pipeline.Day(2022, 11, 22), Section: tx.section, Outlet: "IranWire",
			Source: "https://iranwire.com/" + lang + "/azerbaijan-spy-network/", Language: lang, ReadingTime: 4,
			Original: &pipeline.Original{Language: "en", Title: "Azerbaijan detains five suspects", Engine: "apertium", Model: "local"},
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: tx.para1},
			{Kind: pipeline.Heading, Level: 2, Text: tx.heading},
			{Kind: pipeline.Paragraph, Text: tx.para2},
			{Kind: pipeline.Quote, Items: []string{tx.quote}, Attribution: "Bloomberg"},
			{Kind: pipeline.List, Items: []string{tx.item1, tx.item2}},
		},
		Trail: []pipeline.Provenance{
			{Ref: meta(pipeline.StandfirstItem), Engine: "apertium", Model: "local", From: "en", To: lang, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov")}},
			{Ref: meta(pipeline.AuthorItem(0)), Engine: "apertium", Model: "local", From: "en", To: lang, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Ebrahim Ramezani")}},
			{Ref: pipeline.Ref{Block: 0}, Engine: "apertium", Model: "local", From: "en", To: lang, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov")}},
			{Ref: pipeline.Ref{Block: 4, Item: 1}, Engine: "apertium", Model: "local", From: "en", To: lang, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Bakhtiyar Aghazadeh")}},
			{Ref: pipeline.Ref{Block: 9}, Engine: "apertium", Model: "local", From: "en", To: lang, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Qom")}},
		},
	}
	mention := func(d *pipeline.Document, block int, text, entity, kind string) pipeline.Mention {
		start := strings.Index(d.Blocks[block].Text, text)
		return pipeline.Mention{Ref: pipeline.Ref{Block: block}, Start: start, End: start + len(text), Text: text, Entity: entity, Kind: kind}
	}
	translated.Mentions = []pipeline.Mention{
		mention(translated, 0, tx.person, "zahir-askarov", "person"),
		mention(translated, 0, tx.place, "baku", "place"),
	}
	untranslated := &pipeline.Document{
		Meta: pipeline.Meta{
			Title:   "DTX İran xüsusi xidmət orqanları üçün casusluq edən şəxsləri saxlayıb",
			Authors: []string{"Redaksiya", "Leyla Məmmədova"}, Outlet: "DTX", Source: unixInput, Language: "az",
			Published: &pipeline.Date{Time: time.Date(2022, 11, 14, 13, 5, 0, 0, time.UTC), Precision: pipeline.MinutePrecision},
		},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "Dövlət Təhlükəsizlik Xidməti Zahir Əsgərovu saxlayıb."}},
		Trail: []pipeline.Provenance{{Ref: meta(pipeline.TitleItem), Engine: "apertium", From: "az", To: lang,
			Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "az", lang)}}},
	}
	local := &pipeline.Document{
		Meta: pipeline.Meta{
			Title: tx.localTitle, Authors: []string{tx.author2}, Source: windowsInput, Language: lang,
			Published: &pipeline.Date{Time: time.Date(2022, 11, 15, 9, 30, 0, 0, time.FixedZone("", 3*3600+1800)), Precision: pipeline.ZonedPrecision},
		},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: tx.localPara}},
	}
	index := &pipeline.Index{Entities: []pipeline.Entity{
		{ID: "zahir-askarov", Canonical: "Zahir Askarov", Kind: "person",
			Variants: []pipeline.Variant{{Text: tx.person, Count: 1}, {Text: "Zahir Əsgərov", Count: 1}},
			Mentions: []pipeline.EntityMention{{File: "https://iranwire.com/" + lang + "/azerbaijan-spy-network/"}, {File: unixInput}}},
		{ID: "baku", Canonical: "Bakı", Kind: "place",
			Variants: []pipeline.Variant{{Text: tx.place, Count: 1}},
			Mentions: []pipeline.EntityMention{{File: windowsInput}, {File: "/home/analyst/elsewhere/other.txt"}}},
	}}
	return &exporters.Briefing{Documents: []*pipeline.Document{translated, untranslated, local}, Index: index, Created: created}
}
