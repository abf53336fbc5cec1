package translate

import (
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
)

// ByBaseLanguage adapts a name form keyed by language ("es"), such as
// names.NameForm's, to Options.NameForm, which is given the target tag
// ("es-419"): an alias file names languages, not regions.
func ByBaseLanguage(form func(m pipeline.Mention, lang string) string) func(m pipeline.Mention, to string) string {
	return func(m pipeline.Mention, to string) string {
		base, _ := language.Make(to).Base()
		return form(m, base.String())
	}
}

// VerbatimNames is an Options.NameForm that leaves every name as it
// stands, respelling none.
func VerbatimNames(m pipeline.Mention, _ string) string { return m.Text }
