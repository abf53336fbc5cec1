// Package chrome holds the words exporters print around articles — labels,
// headings, counts, page numbers, dates — in the briefing's language, so
// that PDF, XHTML, EPUB and text say the same thing the same way.
//
// Start with For, which picks a briefing's chrome language (see Language)
// and returns its Locale; Locale.T prints a message from the catalogs in
// catalogs.go (one readable table per language, built with
// golang.org/x/text/message/catalog, plurals through
// golang.org/x/text/feature/plural), Locale.Date a date in the locale's
// long CLDR form (tables generated from CLDR by gen_cldr.go). Languages
// without a catalog get English.
//
// Numbers use the default numbering system of CLDR 47: Persian chrome has
// Persian digits (۱۲۳), Arabic chrome Latin ones (CLDR 46 made "latn" the
// default for ar; x/text's older data would give ١٢٣).
//
// The package also holds the briefing helpers every exporter shares:
// titles, outlets, where a source came from (SourceName never shows a
// directory), and which articles name an entity (Mentions).
package chrome

import (
	"cmp"
	"strings"
	"sync"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"

	"github.com/dossier-news/dossier/pipeline"
)

// A Locale prints chrome in one language. It is safe for concurrent use.
type Locale struct {
	tag  language.Tag // the catalog's language, such as "es"
	p    *message.Printer
	cldr cldrLocale
	name display.Namer
	// fixed caches the messages without arguments, which exporters print
	// once per entry: key → string.
	fixed sync.Map
}

// cldrLocale is what gen_cldr.go reads from CLDR for one language.
type cldrLocale struct {
	calendar                 string // CLDR default: "gregorian" or "persian"
	months                   [12]string
	dateLong, timeShort      string // CLDR patterns
	dateTime                 string // "{1}, {0}": {1} the date, {0} the time
	interval                 string // "{0} – {1}": a range of dates
	am, pm                   string
	gmt, gmtZero, hourFormat string
	numbering, digits        string
}

// matcher picks the catalog language closest to a requested one.
var matcher = sync.OnceValue(func() language.Matcher { return language.NewMatcher(supported()) })

// New returns the Locale for a BCP 47 tag: the catalog of that language,
// or English when dossier has none for it.
func New(lang string) *Locale {
	want, err := language.Parse(strings.TrimSpace(lang))
	tag := language.English
	if err == nil {
		// Only a catalog of the same language will do: the matcher deems
		// Arabic close enough for a Sorani reader, who is better served
		// by English.
		_, i, conf := matcher().Match(want)
		wb, _ := want.Base()
		cb, _ := languages[i].tag.Base()
		if conf >= language.High && wb == cb {
			tag = languages[i].tag
		}
	}
	base, _ := tag.Base()
	cl := cldrLocales[base.String()]
	// The printer's numbering system is CLDR 47's default, which x/text's
	// older data does not always know.
	ptag, err := language.Parse(tag.String() + "-u-nu-" + cl.numbering)
	if err != nil {
		ptag = tag
	}
	return &Locale{
		tag:  tag,
		p:    message.NewPrinter(ptag, message.Catalog(catalogs())),
		cldr: cl,
		name: display.Tags(tag),
	}
}

// Tag returns the BCP 47 tag of the chrome's language, such as "es".
func (l *Locale) Tag() string { return l.tag.String() }

// Direction returns the writing direction of the chrome's language.
func (l *Locale) Direction() pipeline.Direction {
	return cmp.Or(pipeline.ScriptDirection(l.tag), pipeline.LeftToRight)
}

// T prints the catalog message key (one of the constants in messages.go)
// with args, in the locale's language.
func (l *Locale) T(key string, args ...any) string {
	if len(args) > 0 {
		return l.p.Sprintf(key, args...)
	}
	if s, ok := l.fixed.Load(key); ok {
		return s.(string)
	}
	s := l.p.Sprintf(key)
	if key == labelPattern {
		s = l.p.Sprintf(LabelValue, "\x00", "\x01")
	}
	l.fixed.Store(key, s)
	return s
}

// Number prints n with the locale's digits and grouping.
func (l *Locale) Number(n int) string {
	if n >= 0 && n < 1000 { // no grouping: the digits alone, without the printer's cost
		return l.digits(n, 0)
	}
	return l.p.Sprint(n)
}

// Upper returns s in capitals by the rules of the locale's language
// (Turkish and Azerbaijani dotted i).
func (l *Locale) Upper(s string) string { return cases.Upper(l.tag).String(s) }

// Join joins a list with the locale's separator ("، " in Persian and
// Arabic).
func (l *Locale) Join(items []string) string { return strings.Join(items, l.T(ListSep)) }

// Label returns "label: value" with the locale's punctuation.
func (l *Locale) Label(label, value string) string {
	pat := l.T(labelPattern)
	i, j := strings.IndexByte(pat, 0), strings.IndexByte(pat, 1)
	if i < 0 || j < i {
		return l.T(LabelValue, label, value) // a catalog putting the value first
	}
	return pat[:i] + label + pat[i+1:j] + value + pat[j+1:]
}

// labelPattern is the key under which T caches LabelValue with the
// placeholders NUL and SOH for the label and the value.
const labelPattern = "\x00label pattern"

// LanguageName names a language in the locale's language ("inglés" for
// "en" in Spanish), or returns the tag when it has no name.
func (l *Locale) LanguageName(tag string) string {
	t, err := language.Parse(strings.TrimSpace(tag))
	if err != nil {
		return tag
	}
	if n := l.name.Name(t); n != "" {
		return n
	}
	return t.String()
}

// Kind names a kind of entity of the names index ("person", "place") in
// the locale's language; kinds the catalogs do not know are returned as
// they are.
func (l *Locale) Kind(kind string) string {
	switch kind {
	case "person":
		return l.T(KindPerson)
	case "place":
		return l.T(KindPlace)
	}
	return kind
}

// Engine names what translated a text: "apertium (local)", the engine
// and, in brackets, its model.
func Engine(engine, model string) string {
	engine, model = strings.TrimSpace(engine), strings.TrimSpace(model)
	switch {
	case engine == "":
		return ""
	case model == "":
		return engine
	}
	return engine + " (" + model + ")"
}

// Flag words a translation flag in the locale's language. Arguments
// (names, engines, language tags, an engine's error) are shown as they
// are; a code this package does not know is shown in its English form.
func (l *Locale) Flag(f pipeline.Flag) string {
	switch f.Code {
	case pipeline.FlagNotTranslated:
		return l.T(NotTranslated, f.Arg(0), f.Arg(1), f.Arg(2))
	case pipeline.FlagNameLost:
		return l.T(NameLost, f.Arg(0))
	case pipeline.FlagMentionDropped:
		return l.T(MentionDropped, f.Arg(0))
	case pipeline.FlagUntranslated:
		if len(f.Args) == 0 {
			return l.T(Unchanged)
		}
		return l.T(KeptSource, f.Arg(0))
	case pipeline.FlagLengthRatio:
		return l.T(LengthRatio)
	}
	return f.String()
}
