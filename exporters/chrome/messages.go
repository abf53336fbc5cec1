package chrome

// The message keys: each is the English text, a fmt format. Plural
// messages choose their form by their first argument. catalogs.go
// translates every key into every language.
const (
	Briefing     = "Briefing" // the default title of a batch
	Untitled     = "Untitled" // an article without a title
	Contents     = "Contents"
	TitlePage    = "Title page"
	Sources      = "Sources"
	IndexOfNames = "Index of names"
	IndexNote    = "People and places named in this briefing, under one name whatever the spelling; numbers in brackets count the times each spelling occurs."

	ArticleCount  = "%d articles"          // plural
	OutletCount   = "%d outlets"           // plural
	LanguageCount = "%d languages"         // plural
	EntityCount   = "%d people and places" // plural
	ArticleOf     = "Article %d of %d"
	PageOf        = "Page %d of %d"
	Page          = "Page %d"
	PageAbbr      = "p. %d"       // an article's page in the names index
	By            = "By %[2]s"    // %[1]d: how many authors (plural); %[2]s: their names
	ReadingTime   = "%d min read" // plural

	TranslatedBy   = "Machine-translated from %[1]s by %[2]s" // language name, engine
	TranslatedFrom = "Machine-translated from %s"             // language name
	OriginalTitle  = "Original title"
	LanguageLabel  = "Language"
	Published      = "Published"
	Section        = "Section"
	Source         = "Source"

	TranslationCheck = "⚑ Translation check"
	WhereStandfirst  = "standfirst"
	WhereByline      = "byline"
	WhereMetadata    = "metadata"
	WhereItem        = "item %d"
	WhereBlock       = "block %d"
	FlagsBelow       = "⚑ %d translation flags, marked below"          // plural
	NotTranslated    = "not translated: %[1]s has no %[2]s→%[3]s pair" // engine, from, to (see Flag)
	NameLost         = "protected name lost: %s"                       // see Flag
	MentionDropped   = "mention not found in the translation: %s"
	Unchanged        = "the engine gave it back untranslated"
	KeptSource       = "left untranslated: %s" // the engine's error, in its words
	LengthRatio      = "translation far shorter or longer than the original"

	Spellings     = "Spellings"
	ArticlesLabel = "Articles" // the articles naming an entity
	KindPerson    = "person"
	KindPlace     = "place"

	ListSep     = ", "
	LabelValue  = "%[1]s: %[2]s"
	ArticleFrom = "Article from %s" // an outlet
	AndOthers   = "%s and others"   // a list of authors cut short
	Article     = "Article"
)

// keys lists every message, for the tests and the catalogs' check.
var keys = []string{
	Briefing, Untitled, Contents, TitlePage, Sources, IndexOfNames, IndexNote,
	ArticleCount, OutletCount, LanguageCount, EntityCount, ArticleOf, PageOf, Page, PageAbbr, By, ReadingTime,
	TranslatedBy, TranslatedFrom, OriginalTitle, LanguageLabel, Published, Section, Source,
	TranslationCheck, WhereStandfirst, WhereByline, WhereMetadata, WhereItem, WhereBlock, FlagsBelow, NotTranslated, NameLost,
	MentionDropped, Unchanged, KeptSource, LengthRatio,
	Spellings, ArticlesLabel, KindPerson, KindPlace,
	ListSep, LabelValue, ArticleFrom, AndOthers, Article,
}
