package translate

import (
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestByBaseLanguage(t *testing.T) {
	var asked string
	form := ByBaseLanguage(func(m pipeline.Mention, lang string) string {
		asked = lang
		return m.Canonical
	})
	m := pipeline.Mention{Text: "Алиев", Canonical: "Aliyev"}
	if got := form(m, "es-419"); got != "Aliyev" || asked != "es" {
		t.Errorf("form(es-419) = %q, asked for %q; want Aliyev, asked for es", got, asked)
	}
	if got := VerbatimNames(m, "es"); got != "Алиев" {
		t.Errorf("VerbatimNames = %q, want the text", got)
	}
}
