package chrome

import (
	"fmt"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// A table is one language's catalog: key → string, or forms for a plural
// message.
type table map[string]any

// forms are the CLDR plural forms of a message; give those the language
// has (x/text/feature/plural's rules), Other always.
type forms struct{ Zero, One, Two, Few, Many, Other string }

// one is a plural message whose text does not change with the number.
func one(s string) forms { return forms{Other: s} }

// languages are the chrome's languages, English first (the fallback); keep
// gen_cldr.go's list in step.
var languages = []struct {
	tag   language.Tag
	table table
}{
	{language.English, english},
	{language.Spanish, spanish},
	{language.French, french},
	{language.German, german},
	{language.Russian, russian},
	{language.Ukrainian, ukrainian},
	{language.Turkish, turkish},
	{language.Azerbaijani, azerbaijani},
	{language.Persian, persian},
	{language.Arabic, arabic},
	{language.Armenian, armenian},
}

// supported returns the catalog languages in the order of languages.
func supported() []language.Tag {
	out := make([]language.Tag, len(languages))
	for i, l := range languages {
		out[i] = l.tag
	}
	return out
}

// catalogs builds the message catalog once, on first use, so that
// importing the package costs nothing at start-up.
var catalogs = sync.OnceValue(func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, l := range languages {
		for key, v := range l.table {
			var m catalog.Message
			switch v := v.(type) {
			case string:
				m = catalog.String(v)
			case forms:
				var cases []any
				for _, c := range []struct{ name, text string }{
					{"zero", v.Zero}, {"one", v.One}, {"two", v.Two}, {"few", v.Few}, {"many", v.Many}, {"other", v.Other},
				} {
					if c.text != "" {
						cases = append(cases, c.name, c.text)
					}
				}
				m = plural.Selectf(1, "%d", cases...)
			default:
				panic(fmt.Sprintf("chrome: %s: %q: %T is no message", l.tag, key, v))
			}
			if err := b.Set(l.tag, key, m); err != nil {
				panic(fmt.Sprintf("chrome: %s: %q: %v", l.tag, key, err))
			}
		}
	}
	return b
})

var english = table{
	Briefing:      "Briefing",
	Untitled:      "Untitled",
	Contents:      "Contents",
	TitlePage:     "Title page",
	Sources:       "Sources",
	IndexOfNames:  "Index of names",
	IndexNote:     IndexNote,
	ArticleCount:  forms{One: "%d article", Other: "%d articles"},
	OutletCount:   forms{One: "%d outlet", Other: "%d outlets"},
	LanguageCount: forms{One: "%d language", Other: "%d languages"},
	EntityCount:   forms{One: "%d person or place", Other: "%d people and places"},
	ArticleOf:     "Article %d of %d",
	PageOf:        "Page %d of %d",
	Page:          "Page %d",
	PageAbbr:      "p. %d",
	By:            one("By %[2]s"),
	ReadingTime:   one("%d min read"),

	TranslatedBy:   "Machine-translated from %[1]s by %[2]s",
	TranslatedFrom: "Machine-translated from %s",
	OriginalTitle:  "Original title",
	LanguageLabel:  "Language",
	Published:      "Published",
	Section:        "Section",
	Source:         "Source",

	TranslationCheck: "⚑ Translation check",
	WhereStandfirst:  "standfirst",
	WhereByline:      "byline",
	WhereMetadata:    "metadata",
	WhereItem:        "item %d",
	WhereBlock:       "block %d",
	FlagsBelow:       forms{One: "⚑ %d translation flag, marked below", Other: "⚑ %d translation flags, marked below"},

	NotTranslated:  "not translated: %[1]s has no %[2]s→%[3]s pair",
	NameLost:       "protected name lost: %s",
	MentionDropped: "mention not found in the translation: %s",
	Unchanged:      "the engine gave it back untranslated",
	KeptSource:     "left untranslated: %s",
	LengthRatio:    "translation far shorter or longer than the original",
	Spellings:      "Spellings",
	ArticlesLabel:  "Articles",
	KindPerson:     "person",
	KindPlace:      "place",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "Article from %s",
	AndOthers:   "%s and others",
	Article:     "Article",
}

var spanish = table{
	Briefing:      "Resumen de prensa",
	Untitled:      "Sin título",
	Contents:      "Índice",
	TitlePage:     "Portada",
	Sources:       "Fuentes",
	IndexOfNames:  "Índice de nombres",
	IndexNote:     "Personas y lugares mencionados en este resumen, cada uno con un solo nombre sea cual sea la grafía; los números entre paréntesis cuentan las veces que aparece cada grafía.",
	ArticleCount:  forms{One: "%d artículo", Other: "%d artículos"},
	OutletCount:   forms{One: "%d medio", Other: "%d medios"},
	LanguageCount: forms{One: "%d idioma", Other: "%d idiomas"},
	EntityCount:   forms{One: "%d persona o lugar", Other: "%d personas y lugares"},
	ArticleOf:     "Artículo %d de %d",
	PageOf:        "Página %d de %d",
	Page:          "Página %d",
	PageAbbr:      "pág. %d",
	By:            one("Por %[2]s"),
	ReadingTime:   one("%d min de lectura"),

	TranslatedBy:   "Traducción automática del %[1]s con %[2]s",
	TranslatedFrom: "Traducción automática del %s",
	OriginalTitle:  "Título original",
	LanguageLabel:  "Idioma",
	Published:      "Publicado",
	Section:        "Sección",
	Source:         "Fuente",

	TranslationCheck: "⚑ Revisión de la traducción",
	WhereStandfirst:  "entradilla",
	WhereByline:      "firma",
	WhereMetadata:    "metadatos",
	WhereItem:        "elemento %d",
	WhereBlock:       "bloque %d",
	FlagsBelow:       forms{One: "⚑ %d aviso de traducción, señalado abajo", Other: "⚑ %d avisos de traducción, señalados abajo"},

	NotTranslated:  "sin traducir: %[1]s no tiene el par %[2]s→%[3]s",
	NameLost:       "nombre protegido perdido: %s",
	MentionDropped: "mención no encontrada en la traducción: %s",
	Unchanged:      "el motor la devolvió sin traducir",
	KeptSource:     "sin traducir: %s",
	LengthRatio:    "traducción mucho más corta o más larga que el original",
	Spellings:      "Grafías",
	ArticlesLabel:  "Artículos",
	KindPerson:     "persona",
	KindPlace:      "lugar",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "Artículo de %s",
	AndOthers:   "%s y otros",
	Article:     "Artículo",
}

var french = table{
	Briefing:      "Revue de presse",
	Untitled:      "Sans titre",
	Contents:      "Sommaire",
	TitlePage:     "Page de titre",
	Sources:       "Sources",
	IndexOfNames:  "Index des noms",
	IndexNote:     "Personnes et lieux cités dans cette revue de presse, chacun sous un seul nom quelle que soit la graphie\u00a0; les nombres entre parenthèses comptent les occurrences de chaque graphie.",
	ArticleCount:  forms{One: "%d article", Other: "%d articles"},
	OutletCount:   forms{One: "%d média", Other: "%d médias"},
	LanguageCount: forms{One: "%d langue", Other: "%d langues"},
	EntityCount:   forms{One: "%d personne ou lieu", Other: "%d personnes et lieux"},
	ArticleOf:     "Article %d sur %d",
	PageOf:        "Page %d sur %d",
	Page:          "Page %d",
	PageAbbr:      "p.\u00a0%d",
	By:            one("Par %[2]s"),
	ReadingTime:   one("%d\u00a0min de lecture"),

	TranslatedBy:   "Traduit automatiquement (original en %[1]s) par %[2]s",
	TranslatedFrom: "Traduit automatiquement (original en %s)",
	OriginalTitle:  "Titre original",
	LanguageLabel:  "Langue",
	Published:      "Publié",
	Section:        "Rubrique",
	Source:         "Source",

	TranslationCheck: "⚑ Vérification de la traduction",
	WhereStandfirst:  "chapeau",
	WhereByline:      "signature",
	WhereMetadata:    "métadonnées",
	WhereItem:        "élément %d",
	WhereBlock:       "bloc %d",
	FlagsBelow:       forms{One: "⚑ %d alerte de traduction, signalée plus bas", Other: "⚑ %d alertes de traduction, signalées plus bas"},

	NotTranslated:  "non traduit\u00a0: %[1]s n’a pas la paire %[2]s→%[3]s",
	NameLost:       "nom protégé perdu\u00a0: %s",
	MentionDropped: "mention introuvable dans la traduction\u00a0: %s",
	Unchanged:      "rendu tel quel par le moteur",
	KeptSource:     "non traduit\u00a0: %s",
	LengthRatio:    "traduction bien plus courte ou plus longue que l’original",
	Spellings:      "Graphies",
	ArticlesLabel:  "Articles",
	KindPerson:     "personne",
	KindPlace:      "lieu",

	ListSep:     ", ",
	LabelValue:  "%[1]s\u00a0: %[2]s",
	ArticleFrom: "Article de %s",
	AndOthers:   "%s et autres",
	Article:     "Article",
}

var german = table{
	Briefing:      "Pressespiegel",
	Untitled:      "Ohne Titel",
	Contents:      "Inhalt",
	TitlePage:     "Titelseite",
	Sources:       "Quellen",
	IndexOfNames:  "Namensregister",
	IndexNote:     "Die in diesem Pressespiegel genannten Personen und Orte, jeweils unter einem Namen, gleich in welcher Schreibung; die Zahlen in Klammern zählen, wie oft jede Schreibung vorkommt.",
	ArticleCount:  one("%d Artikel"),
	OutletCount:   forms{One: "%d Medium", Other: "%d Medien"},
	LanguageCount: forms{One: "%d Sprache", Other: "%d Sprachen"},
	EntityCount:   forms{One: "%d Person oder Ort", Other: "%d Personen und Orte"},
	ArticleOf:     "Artikel %d von %d",
	PageOf:        "Seite %d von %d",
	Page:          "Seite %d",
	PageAbbr:      "S.\u00a0%d",
	By:            one("Von %[2]s"),
	ReadingTime:   one("%d Min. Lesezeit"),

	TranslatedBy:   "Maschinell übersetzt (Original: %[1]s) mit %[2]s",
	TranslatedFrom: "Maschinell übersetzt (Original: %s)",
	OriginalTitle:  "Originaltitel",
	LanguageLabel:  "Sprache",
	Published:      "Veröffentlicht",
	Section:        "Ressort",
	Source:         "Quelle",

	TranslationCheck: "⚑ Übersetzungsprüfung",
	WhereStandfirst:  "Vorspann",
	WhereByline:      "Autorenzeile",
	WhereMetadata:    "Metadaten",
	WhereItem:        "Punkt %d",
	WhereBlock:       "Block %d",
	FlagsBelow:       forms{One: "⚑ %d Übersetzungshinweis, unten markiert", Other: "⚑ %d Übersetzungshinweise, unten markiert"},

	NotTranslated:  "nicht übersetzt: %[1]s hat kein Sprachpaar %[2]s→%[3]s",
	NameLost:       "geschützter Name verloren: %s",
	MentionDropped: "Erwähnung in der Übersetzung nicht gefunden: %s",
	Unchanged:      "von der Maschine unübersetzt zurückgegeben",
	KeptSource:     "nicht übersetzt: %s",
	LengthRatio:    "Übersetzung viel kürzer oder länger als das Original",
	Spellings:      "Schreibungen",
	ArticlesLabel:  "Artikel",
	KindPerson:     "Person",
	KindPlace:      "Ort",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "Artikel von %s",
	AndOthers:   "%s und andere",
	Article:     "Artikel",
}

var russian = table{
	Briefing:      "Обзор прессы",
	Untitled:      "Без заголовка",
	Contents:      "Содержание",
	TitlePage:     "Титульная страница",
	Sources:       "Источники",
	IndexOfNames:  "Указатель имён",
	IndexNote:     "Люди и места, упомянутые в этом обзоре, — каждое под одним именем, как бы его ни писали; числа в скобках показывают, сколько раз встречается каждое написание.",
	ArticleCount:  forms{One: "%d статья", Few: "%d статьи", Many: "%d статей", Other: "%d статьи"},
	OutletCount:   forms{One: "%d издание", Few: "%d издания", Many: "%d изданий", Other: "%d издания"},
	LanguageCount: forms{One: "%d язык", Few: "%d языка", Many: "%d языков", Other: "%d языка"},
	EntityCount:   one("Лиц и мест: %d"),
	ArticleOf:     "Статья %d из %d",
	PageOf:        "Страница %d из %d",
	Page:          "Страница %d",
	PageAbbr:      "с.\u00a0%d",
	By:            forms{One: "Автор: %[2]s", Few: "Авторы: %[2]s", Many: "Авторы: %[2]s", Other: "Авторы: %[2]s"},
	ReadingTime:   one("%d мин чтения"),

	TranslatedBy:   "Машинный перевод (язык оригинала: %[1]s), %[2]s",
	TranslatedFrom: "Машинный перевод (язык оригинала: %s)",
	OriginalTitle:  "Заголовок оригинала",
	LanguageLabel:  "Язык",
	Published:      "Опубликовано",
	Section:        "Рубрика",
	Source:         "Источник",

	TranslationCheck: "⚑ Проверка перевода",
	WhereStandfirst:  "лид",
	WhereByline:      "подпись",
	WhereMetadata:    "метаданные",
	WhereItem:        "пункт %d",
	WhereBlock:       "блок %d",
	FlagsBelow: forms{One: "⚑ %d пометка о переводе, см. ниже", Few: "⚑ %d пометки о переводе, см. ниже",
		Many: "⚑ %d пометок о переводе, см. ниже", Other: "⚑ %d пометки о переводе, см. ниже"},

	NotTranslated:  "не переведено: у %[1]s нет пары %[2]s→%[3]s",
	NameLost:       "потеряно защищённое имя: %s",
	MentionDropped: "упоминание не найдено в переводе: %s",
	Unchanged:      "система вернула текст без перевода",
	KeptSource:     "не переведено: %s",
	LengthRatio:    "перевод намного короче или длиннее оригинала",
	Spellings:      "Написания",
	ArticlesLabel:  "Статьи",
	KindPerson:     "человек",
	KindPlace:      "место",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "Статья: %s",
	AndOthers:   "%s и другие",
	Article:     "Статья",
}

var ukrainian = table{
	Briefing:      "Огляд преси",
	Untitled:      "Без заголовка",
	Contents:      "Зміст",
	TitlePage:     "Титульна сторінка",
	Sources:       "Джерела",
	IndexOfNames:  "Покажчик імен",
	IndexNote:     "Люди й місця, згадані в цьому огляді, — кожне під одним ім’ям, хоч як би його писали; числа в дужках показують, скільки разів трапляється кожне написання.",
	ArticleCount:  forms{One: "%d стаття", Few: "%d статті", Many: "%d статей", Other: "%d статті"},
	OutletCount:   one("%d видання"),
	LanguageCount: forms{One: "%d мова", Few: "%d мови", Many: "%d мов", Other: "%d мови"},
	EntityCount:   one("Осіб і місць: %d"),
	ArticleOf:     "Стаття %d з %d",
	PageOf:        "Сторінка %d з %d",
	Page:          "Сторінка %d",
	PageAbbr:      "с.\u00a0%d",
	By:            forms{One: "Автор: %[2]s", Few: "Автори: %[2]s", Many: "Автори: %[2]s", Other: "Автори: %[2]s"},
	ReadingTime:   one("%d хв читання"),

	TranslatedBy:   "Машинний переклад (мова оригіналу: %[1]s), %[2]s",
	TranslatedFrom: "Машинний переклад (мова оригіналу: %s)",
	OriginalTitle:  "Заголовок оригіналу",
	LanguageLabel:  "Мова",
	Published:      "Опубліковано",
	Section:        "Рубрика",
	Source:         "Джерело",

	TranslationCheck: "⚑ Перевірка перекладу",
	WhereStandfirst:  "лід",
	WhereByline:      "підпис",
	WhereMetadata:    "метадані",
	WhereItem:        "пункт %d",
	WhereBlock:       "блок %d",
	FlagsBelow: forms{One: "⚑ %d позначка щодо перекладу, див. нижче", Few: "⚑ %d позначки щодо перекладу, див. нижче",
		Many: "⚑ %d позначок щодо перекладу, див. нижче", Other: "⚑ %d позначки щодо перекладу, див. нижче"},

	NotTranslated:  "не перекладено: %[1]s не має пари %[2]s→%[3]s",
	NameLost:       "втрачено захищене ім’я: %s",
	MentionDropped: "згадку не знайдено в перекладі: %s",
	Unchanged:      "система повернула текст без перекладу",
	KeptSource:     "не перекладено: %s",
	LengthRatio:    "переклад набагато коротший або довший за оригінал",
	Spellings:      "Написання",
	ArticlesLabel:  "Статті",
	KindPerson:     "особа",
	KindPlace:      "місце",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "Стаття: %s",
	AndOthers:   "%s та інші",
	Article:     "Стаття",
}

var turkish = table{
	Briefing:      "Basın özeti",
	Untitled:      "Başlıksız",
	Contents:      "İçindekiler",
	TitlePage:     "Kapak",
	Sources:       "Kaynaklar",
	IndexOfNames:  "Ad dizini",
	IndexNote:     "Bu özette adı geçen kişi ve yerler, yazılışı ne olursa olsun tek bir ad altında; parantez içindeki sayılar her yazılışın kaç kez geçtiğini gösterir.",
	ArticleCount:  one("%d makale"),
	OutletCount:   one("%d yayın organı"),
	LanguageCount: one("%d dil"),
	EntityCount:   one("%d kişi ve yer"),
	ArticleOf:     "Makale %d/%d",
	PageOf:        "Sayfa %d/%d",
	Page:          "Sayfa %d",
	PageAbbr:      "s.\u00a0%d",
	By:            forms{One: "Yazar: %[2]s", Other: "Yazarlar: %[2]s"},
	ReadingTime:   one("%d dk okuma"),

	TranslatedBy:   "Makine çevirisi (özgün dil: %[1]s), %[2]s",
	TranslatedFrom: "Makine çevirisi (özgün dil: %s)",
	OriginalTitle:  "Özgün başlık",
	LanguageLabel:  "Dil",
	Published:      "Yayın tarihi",
	Section:        "Bölüm",
	Source:         "Kaynak",

	TranslationCheck: "⚑ Çeviri denetimi",
	WhereStandfirst:  "spot",
	WhereByline:      "imza",
	WhereMetadata:    "üst veri",
	WhereItem:        "öğe %d",
	WhereBlock:       "blok %d",
	FlagsBelow:       one("⚑ %d çeviri uyarısı, aşağıda işaretli"),

	NotTranslated:  "çevrilmedi: %[1]s için %[2]s→%[3]s dil çifti yok",
	NameLost:       "korunan ad kayboldu: %s",
	MentionDropped: "çeviride bulunamayan anma: %s",
	Unchanged:      "motor metni çevirmeden geri verdi",
	KeptSource:     "çevrilmedi: %s",
	LengthRatio:    "çeviri özgün metinden çok daha kısa ya da uzun",
	Spellings:      "Yazılışlar",
	ArticlesLabel:  "Makaleler",
	KindPerson:     "kişi",
	KindPlace:      "yer",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "%s makalesi",
	AndOthers:   "%s ve diğerleri",
	Article:     "Makale",
}

var azerbaijani = table{
	Briefing:      "Mətbuat icmalı",
	Untitled:      "Başlıqsız",
	Contents:      "Mündəricat",
	TitlePage:     "Titul səhifəsi",
	Sources:       "Mənbələr",
	IndexOfNames:  "Adlar göstəricisi",
	IndexNote:     "Bu icmalda adı çəkilən şəxslər və yerlər, yazılışından asılı olmayaraq, bir ad altında; mötərizədəki rəqəmlər hər yazılışın neçə dəfə keçdiyini göstərir.",
	ArticleCount:  one("%d məqalə"),
	OutletCount:   one("%d nəşr"),
	LanguageCount: one("%d dil"),
	EntityCount:   one("%d şəxs və yer"),
	ArticleOf:     "Məqalə %d/%d",
	PageOf:        "Səhifə %d/%d",
	Page:          "Səhifə %d",
	PageAbbr:      "səh.\u00a0%d",
	By:            forms{One: "Müəllif: %[2]s", Other: "Müəlliflər: %[2]s"},
	ReadingTime:   one("%d dəq oxu"),

	TranslatedBy:   "Maşın tərcüməsi (orijinalın dili: %[1]s), %[2]s",
	TranslatedFrom: "Maşın tərcüməsi (orijinalın dili: %s)",
	OriginalTitle:  "Orijinal başlıq",
	LanguageLabel:  "Dil",
	Published:      "Dərc tarixi",
	Section:        "Bölmə",
	Source:         "Mənbə",

	TranslationCheck: "⚑ Tərcümə yoxlaması",
	WhereStandfirst:  "lid",
	WhereByline:      "imza",
	WhereMetadata:    "metaməlumat",
	WhereItem:        "bənd %d",
	WhereBlock:       "blok %d",
	FlagsBelow:       one("⚑ %d tərcümə qeydi, aşağıda işarələnib"),

	NotTranslated:  "tərcümə edilməyib: %[1]s üçün %[2]s→%[3]s cütü yoxdur",
	NameLost:       "qorunan ad itib: %s",
	MentionDropped: "tərcümədə tapılmayan istinad: %s",
	Unchanged:      "mühərrik mətni tərcümə etmədən qaytardı",
	KeptSource:     "tərcümə edilməyib: %s",
	LengthRatio:    "tərcümə orijinaldan xeyli qısa və ya uzundur",
	Spellings:      "Yazılışlar",
	ArticlesLabel:  "Məqalələr",
	KindPerson:     "şəxs",
	KindPlace:      "yer",

	ListSep:     ", ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "%s məqaləsi",
	AndOthers:   "%s və başqaları",
	Article:     "Məqalə",
}

var persian = table{
	Briefing:      "گزیدهٔ مطبوعات",
	Untitled:      "بی‌عنوان",
	Contents:      "فهرست مطالب",
	TitlePage:     "صفحهٔ عنوان",
	Sources:       "منابع",
	IndexOfNames:  "نمایهٔ نام‌ها",
	IndexNote:     "افراد و مکان‌هایی که در این گزیده نامشان آمده، هر یک زیر یک نام، به هر املایی که نوشته شده باشند؛ عددهای داخل پرانتز نشان می‌دهند هر املا چند بار آمده است.",
	ArticleCount:  one("%d مقاله"),
	OutletCount:   one("%d رسانه"),
	LanguageCount: one("%d زبان"),
	EntityCount:   one("%d شخص و مکان"),
	ArticleOf:     "مقالهٔ %d از %d",
	PageOf:        "صفحهٔ %d از %d",
	Page:          "صفحهٔ %d",
	PageAbbr:      "ص\u00a0%d",
	By:            one("نوشتهٔ %[2]s"),
	ReadingTime:   one("%d دقیقه مطالعه"),

	TranslatedBy:   "ترجمهٔ ماشینی از %[1]s با %[2]s",
	TranslatedFrom: "ترجمهٔ ماشینی از %s",
	OriginalTitle:  "عنوان اصلی",
	LanguageLabel:  "زبان",
	Published:      "تاریخ انتشار",
	Section:        "بخش",
	Source:         "منبع",

	TranslationCheck: "⚑ بررسی ترجمه",
	WhereStandfirst:  "لید",
	WhereByline:      "نام نویسنده",
	WhereMetadata:    "فراداده",
	WhereItem:        "مورد %d",
	WhereBlock:       "بند %d",
	FlagsBelow:       one("⚑ %d هشدار ترجمه، در ادامه مشخص شده"),

	NotTranslated:  "ترجمه نشد: %[1]s جفت‌زبان %[2]s→%[3]s را ندارد",
	NameLost:       "نام محافظت‌شده از دست رفت: %s",
	MentionDropped: "نام در ترجمه پیدا نشد: %s",
	Unchanged:      "موتور متن را بی‌ترجمه برگرداند",
	KeptSource:     "ترجمه نشد: %s",
	LengthRatio:    "ترجمه بسیار کوتاه‌تر یا بلندتر از متن اصلی است",
	Spellings:      "املاها",
	ArticlesLabel:  "مقاله‌ها",
	KindPerson:     "شخص",
	KindPlace:      "مکان",

	ListSep:     "، ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "مقاله‌ای از %s",
	AndOthers:   "%s و دیگران",
	Article:     "مقاله",
}

var arabic = table{
	Briefing:     "موجز صحفي",
	Untitled:     "بلا عنوان",
	Contents:     "المحتويات",
	TitlePage:    "صفحة العنوان",
	Sources:      "المصادر",
	IndexOfNames: "فهرس الأسماء",
	IndexNote:    "الأشخاص والأماكن المذكورة في هذا الموجز، كلٌّ تحت اسم واحد أيًّا كانت طريقة كتابته؛ وتدلّ الأرقام بين القوسين على عدد مرات ورود كل كتابة.",
	ArticleCount: forms{Zero: "%d مقالة", One: "مقالة واحدة", Two: "مقالتان", Few: "%d مقالات", Many: "%d مقالة", Other: "%d مقالة"},
	OutletCount: forms{Zero: "%d وسيلة إعلام", One: "وسيلة إعلام واحدة", Two: "وسيلتا إعلام", Few: "%d وسائل إعلام",
		Many: "%d وسيلة إعلام", Other: "%d وسيلة إعلام"},
	LanguageCount: forms{Zero: "%d لغة", One: "لغة واحدة", Two: "لغتان", Few: "%d لغات", Many: "%d لغة", Other: "%d لغة"},
	EntityCount:   one("الأشخاص والأماكن: %d"),
	ArticleOf:     "المقالة %d من %d",
	PageOf:        "الصفحة %d من %d",
	Page:          "الصفحة %d",
	PageAbbr:      "ص\u00a0%d",
	By:            one("بقلم %[2]s"),
	ReadingTime: forms{Zero: "%d دقيقة قراءة", One: "دقيقة قراءة واحدة", Two: "دقيقتا قراءة", Few: "%d دقائق قراءة",
		Many: "%d دقيقة قراءة", Other: "%d دقيقة قراءة"},

	TranslatedBy:   "ترجمة آلية من %[1]s بواسطة %[2]s",
	TranslatedFrom: "ترجمة آلية من %s",
	OriginalTitle:  "العنوان الأصلي",
	LanguageLabel:  "اللغة",
	Published:      "تاريخ النشر",
	Section:        "القسم",
	Source:         "المصدر",

	TranslationCheck: "⚑ تدقيق الترجمة",
	WhereStandfirst:  "المقدمة",
	WhereByline:      "سطر الكاتب",
	WhereMetadata:    "البيانات الوصفية",
	WhereItem:        "البند %d",
	WhereBlock:       "الفقرة %d",
	FlagsBelow: forms{Zero: "⚑ %d تنبيه ترجمة، مُعلَّم أدناه", One: "⚑ تنبيه ترجمة واحد، مُعلَّم أدناه",
		Two: "⚑ تنبيها ترجمة، مُعلَّمان أدناه", Few: "⚑ %d تنبيهات ترجمة، مُعلَّمة أدناه",
		Many: "⚑ %d تنبيه ترجمة، مُعلَّمة أدناه", Other: "⚑ %d تنبيه ترجمة، مُعلَّمة أدناه"},

	NotTranslated:  "لم يُترجَم: لا يوفّر %[1]s الزوج %[2]s→%[3]s",
	NameLost:       "ضاع اسم محمي: %s",
	MentionDropped: "لم يُعثر على الذِّكر في الترجمة: %s",
	Unchanged:      "أعاد المحرّك النص دون ترجمة",
	KeptSource:     "لم يُترجَم: %s",
	LengthRatio:    "الترجمة أقصر أو أطول بكثير من الأصل",
	Spellings:      "طرق الكتابة",
	ArticlesLabel:  "المقالات",
	KindPerson:     "شخص",
	KindPlace:      "مكان",

	ListSep:     "، ",
	LabelValue:  "%[1]s: %[2]s",
	ArticleFrom: "مقالة من %s",
	AndOthers:   "%s وآخرون",
	Article:     "مقالة",
}

var armenian = table{
	Briefing:      "Մամուլի տեսություն",
	Untitled:      "Առանց վերնագրի",
	Contents:      "Բովանդակություն",
	TitlePage:     "Տիտղոսաթերթ",
	Sources:       "Աղբյուրներ",
	IndexOfNames:  "Անվանացանկ",
	IndexNote:     "Այս տեսության մեջ հիշատակված անձինք և վայրերը՝ յուրաքանչյուրը մեկ անվան տակ, ինչպես էլ որ գրված լինի. փակագծերում նշված թվերը ցույց են տալիս, թե քանի անգամ է հանդիպում յուրաքանչյուր գրությունը։",
	ArticleCount:  one("%d հոդված"),
	OutletCount:   one("%d լրատվամիջոց"),
	LanguageCount: one("%d լեզու"),
	EntityCount:   one("%d անձ և վայր"),
	ArticleOf:     "Հոդված %d / %d",
	PageOf:        "Էջ %d / %d",
	Page:          "Էջ %d",
	PageAbbr:      "էջ\u00a0%d",
	By:            forms{One: "Հեղինակ՝ %[2]s", Other: "Հեղինակներ՝ %[2]s"},
	ReadingTime:   one("%d րոպե ընթերցանություն"),

	TranslatedBy:   "Մեքենայական թարգմանություն (բնագրի լեզուն՝ %[1]s), %[2]s",
	TranslatedFrom: "Մեքենայական թարգմանություն (բնագրի լեզուն՝ %s)",
	OriginalTitle:  "Բնօրինակ վերնագիր",
	LanguageLabel:  "Լեզու",
	Published:      "Հրապարակվել է",
	Section:        "Բաժին",
	Source:         "Աղբյուր",

	TranslationCheck: "⚑ Թարգմանության ստուգում",
	WhereStandfirst:  "ներածական",
	WhereByline:      "հեղինակի տող",
	WhereMetadata:    "մետատվյալներ",
	WhereItem:        "կետ %d",
	WhereBlock:       "բլոկ %d",
	FlagsBelow:       one("⚑ %d թարգմանության նշում, նշված ստորև"),

	NotTranslated:  "չի թարգմանվել. %[1]s-ը %[2]s→%[3]s զույգ չունի",
	NameLost:       "պաշտպանված անունը կորել է. %s",
	MentionDropped: "հիշատակումը թարգմանության մեջ չի գտնվել. %s",
	Unchanged:      "համակարգը տեքստը վերադարձրել է առանց թարգմանության",
	KeptSource:     "չի թարգմանվել. %s",
	LengthRatio:    "թարգմանությունը շատ ավելի կարճ կամ երկար է բնագրից",
	Spellings:      "Գրություններ",
	ArticlesLabel:  "Հոդվածներ",
	KindPerson:     "անձ",
	KindPlace:      "վայր",

	ListSep:     ", ",
	LabelValue:  "%[1]s՝ %[2]s",
	ArticleFrom: "Հոդված՝ %s",
	AndOthers:   "%s և ուրիշներ",
	Article:     "Հոդված",
}
