package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate/exonym"
	"github.com/dossier-news/dossier/pipeline/translate/internal/english"
)

// A Guard decides which mentions of a batch translation protects
// (see protects). It knows the batch's full names of people, so that a
// surname alone is protected wherever in the batch the full name was
// found surely, even where linking left it apart.
type Guard struct {
	to        string
	placeName func(name, to string) (string, bool)
	// surnames holds the last words of the batch's sure full names of
	// people that open with a given name, each true when one of them
	// opens with a given name that is not a common word ("Trump" of
	// Donald Trump).
	surnames map[string]bool
}

// NewGuard returns the Guard of docs translated into to, with
// places named as exonym.Name names them. Measurements use it to list
// what a Stage protects; a Stage also protects the mentions it respells.
func NewGuard(docs []*pipeline.Document, to string) *Guard {
	return newGuard(docs, to, exonym.Name)
}

func newGuard(docs []*pipeline.Document, to string, placeName func(name, to string) (string, bool)) *Guard {
	p := &Guard{to: to, placeName: placeName, surnames: map[string]bool{}}
	for _, d := range docs {
		for _, m := range d.Mentions {
			words := strings.Fields(m.Text)
			if m.Unsure || m.Kind != KindPerson || len(words) < 2 || !sureName(words, KindPerson) {
				continue
			}
			// Only a name that opens with a given name: a surname ending
			// alone is too weak a cue across documents ("Pokemon Zacian").
			if _, given := english.Given(words[0]); given {
				last := words[len(words)-1]
				p.surnames[last] = p.surnames[last] || !english.Common(words[0])
			}
		}
	}
	return p
}

// Protects reports whether mention m of doc is protected.
func (p *Guard) Protects(doc *pipeline.Document, m pipeline.Mention) bool {
	return p.protects(m, doc.Text(m.Ref), doc.Meta.Language)
}

// protectsFor reports whether the stage protects mention m of text.
func (s *Stage) protectsFor(p *Guard, m pipeline.Mention, text, from string) bool {
	return p.protects(m, text, from) || !m.Unsure && s.formOf(m) != m.Text // a respelling needs its span
}

// protects decides what translation protects. A protected span that is no
// name is worse than none: it stays in the source language ("That Es…",
// "Pokemon Sword"), and in English news the names stage's finds include
// products, companies, teams and words that open a headline. So, in
// English text, only what is surely a name, and what an engine would
// otherwise damage, is protected:
//   - a place the target language names otherwise (Tehran, Teherán);
//   - a person's name of two words or more whose first word is a given
//     name ("Nick Nurse"), or with a word the names stage reads as a
//     person's by itself (a given name of its lexicon, a surname ending:
//     "Elnur Rasulov") and one that is not a common word;
//   - a place of two words or more whose last word is not a common word
//     ("Inner Mongolia", not "Mayo Clinic");
//   - a single word that is the surname of such a name of a person, the
//     same entity's or one found elsewhere in the batch ("Buttigieg" for
//     Pete Buttigieg), where it is a common word only if the name opens
//     with a given name that is none ("Trump" for Donald Trump, not
//     "Sports" for "Grant Sports");
//   - a person's name right after a title ("President Trump"), unless it
//     is several words all common ("Mr. Ranking Member").
//
// Other single words are left to the engine: one that is not a common
// word comes through untranslated anyway. Text in other languages keeps
// every sure mention protected: the word lists are English.
func (p *Guard) protects(m pipeline.Mention, text, from string) bool {
	if m.Unsure {
		return false
	}
	if baseOf(from) != "en" {
		return true
	}
	if m.Kind == KindPlace && p.placeName != nil {
		if _, ok := p.placeName(m.Text, p.to); ok {
			return true
		}
	}
	words := strings.Fields(m.Text)
	if m.Kind == KindPerson && m.Start >= 0 && m.Start <= len(text) && names.TitleBefore(from, text, m.Start) &&
		(len(words) == 1 || !allCommon(words)) { // not "Mr. Ranking Member"
		return true
	}
	if len(words) >= 2 {
		return sureName(words, m.Kind)
	}
	if len(words) != 1 {
		return false
	}
	if plain, ok := p.surnames[words[0]]; ok && m.Kind == KindPerson && (plain || !english.Common(words[0])) {
		return true
	}
	canonical := strings.Fields(m.Canonical)
	if len(canonical) >= 2 && !m.Unresolved && sureName(canonical, m.Kind) {
		// The surname alone; a common word only where the full name
		// opens with a given name that is none ("Trump" for Donald
		// Trump, not "Sports" for "Grant Sports").
		w := words[0]
		if w != canonical[len(canonical)-1] {
			return false
		}
		if !english.Common(w) {
			return true
		}
		_, given := english.Given(canonical[0])
		return given && !english.Common(canonical[0])
	}
	return false
}

// sureName reports whether words, a name of the kind given, read surely
// as one (see protects).
func sureName(words []string, kind string) bool {
	switch kind {
	case KindPerson:
		if isAcronym(words[len(words)-1]) {
			return false // "Tory MPs"
		}
		if _, ok := english.Given(words[0]); ok {
			return true
		}
		cue, uncommon := false, false
		for _, w := range words {
			cue = cue || names.NameWord(w)
			uncommon = uncommon || !english.Common(w)
		}
		return cue && uncommon
	case KindPlace:
		// The last word is the head of an English name: a common one
		// names a building or an institution ("Mayo Clinic", "Victoria
		// Hospital"), not a place; the words before may be common
		// ("Inner Mongolia", "West Michigan").
		last := words[len(words)-1]
		return !english.Common(last) && utf8.RuneCountInString(last) >= 3 && !isAcronym(last)
	}
	return false
}

// isAcronym reports a word that opens with two capitals ("BA", "NASA",
// "MPs"): an abbreviation, not a name.
func isAcronym(w string) bool {
	r1, n := utf8.DecodeRuneInString(w)
	r2, _ := utf8.DecodeRuneInString(w[n:])
	return unicode.IsUpper(r1) && unicode.IsUpper(r2)
}

// femaleEndings are surname endings that only women's names have, in
// Latin spellings: Russian, Bulgarian and Azerbaijani -ova/-eva
// (Ivanova), Czech and Slovak -ová, patronymics in -ovna/-evna, Russian
// -skaya, Azerbaijani qızı and Turkic kızı/kyzy ("daughter of").
var femaleEndings = []string{"ova", "eva", "ová", "ovna", "evna", "skaya", "tskaya", "qızı", "kızı", "kyzy"}

// female reports whether person mention m is a woman's, as far as its
// given name (a name mostly given to girls) or its surname ending tells.
// Its entity's canonical name counts where it is fuller than the mention
// ("Ivanova" for Elena Ivanova).
func female(m pipeline.Mention) bool {
	if m.Kind != KindPerson {
		return false
	}
	words := strings.Fields(m.Text)
	if c := strings.Fields(m.Canonical); len(c) > len(words) && !m.Unresolved {
		words = c
	}
	if len(words) == 0 {
		return false
	}
	if sex, ok := english.Given(words[0]); ok && sex != english.Either {
		return sex == english.Female
	}
	if len(words) < 2 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	for _, e := range femaleEndings {
		if strings.HasSuffix(last, e) && utf8.RuneCountInString(last) > utf8.RuneCountInString(e)+1 {
			return true
		}
	}
	return false
}

func allCommon(words []string) bool {
	for _, w := range words {
		if !english.Common(w) {
			return false
		}
	}
	return true
}
