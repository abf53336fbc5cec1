package deepl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
)

// DeepL's glossaries (API v2, /v2/glossaries) are immutable and an account
// holds at most 1000, so one is made per content: its name carries a hash
// of the pair and entries, and a run whose glossary the account already
// has reuses it. DeepL then applies it inflected, which protecting the
// term could not.

type glossaryInfo struct {
	ID         string `json:"glossary_id"`
	Name       string `json:"name"`
	Ready      bool   `json:"ready"`
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
}

type createGlossary struct {
	Name          string `json:"name"`
	SourceLang    string `json:"source_lang"`
	TargetLang    string `json:"target_lang"`
	Entries       string `json:"entries"`
	EntriesFormat string `json:"entries_format"`
}

// glossaryLang is DeepL's glossary name for a language: the base code,
// lower case (glossaries for EN and PT serve every variant).
func glossaryLang(tag language.Tag) string {
	base, _ := tag.Base()
	return strings.ToLower(base.String())
}

// UseGlossary finds or creates the DeepL glossary of entries for from→to
// and uses it in every later translation of that pair. It returns the
// requests it sent: one to list the account's glossaries, and one more
// when it creates one.
func (t *translator) UseGlossary(ctx context.Context, from, to language.Tag, entries []translate.GlossaryEntry) (int, error) {
	src, tgt := glossaryLang(from), glossaryLang(to)
	var lines []string
	for _, e := range entries {
		if strings.ContainsAny(e.Source+e.Target, "\t\r\n") {
			return 0, fmt.Errorf("deepl: glossary term %q: DeepL takes no tab or line break in a term: %w", e.Source, translate.ErrFatal)
		}
		lines = append(lines, e.Source+"\t"+e.Target)
	}
	sort.Strings(lines)
	tsv := strings.Join(lines, "\n")
	sum := sha256.Sum256([]byte(src + "\x00" + tgt + "\x00" + tsv))
	name := "dossier-" + src + "-" + tgt + "-" + hex.EncodeToString(sum[:8])
	base := strings.TrimSuffix(t.endpoint, "/translate") + "/glossaries"
	header := map[string]string{"Authorization": "DeepL-Auth-Key " + t.key}

	requests := 1
	a, err := httpcall.Get(ctx, t.hc, engine, base, header, t.key)
	if err != nil {
		return requests, err
	}
	if a.Status != http.StatusOK {
		return requests, fmt.Errorf("listing glossaries: %w", t.statusError(a))
	}
	var list struct {
		Glossaries []glossaryInfo `json:"glossaries"`
	}
	if err := json.Unmarshal(a.Body, &list); err != nil {
		return requests, fmt.Errorf("deepl: listing glossaries: %w: %w", err, translate.ErrRetry)
	}
	id := ""
	for _, g := range list.Glossaries {
		if g.Name == name && g.Ready && strings.EqualFold(g.SourceLang, src) && strings.EqualFold(g.TargetLang, tgt) {
			id = g.ID
			break
		}
	}
	if id == "" {
		body, err := httpcall.EncodeJSON(createGlossary{Name: name, SourceLang: src, TargetLang: tgt, Entries: tsv, EntriesFormat: "tsv"})
		if err != nil {
			return requests, fmt.Errorf("deepl: %w: %w", err, translate.ErrFatal)
		}
		requests++
		a, err := httpcall.Post(ctx, t.hc, engine, base, header, body, t.key)
		if err != nil {
			return requests, err
		}
		if a.Status != http.StatusCreated && a.Status != http.StatusOK {
			return requests, fmt.Errorf("creating a glossary: %w", t.statusError(a))
		}
		var g glossaryInfo
		if err := json.Unmarshal(a.Body, &g); err != nil || g.ID == "" {
			return requests, fmt.Errorf("deepl: creating a glossary: answer without glossary_id: %w", translate.ErrRetry)
		}
		id = g.ID
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.glossaries == nil {
		t.glossaries = map[string]string{}
	}
	t.glossaries[src+"|"+tgt] = id
	return requests, nil
}

// glossaryFor returns the glossary id for from→to, if UseGlossary set one.
func (t *translator) glossaryFor(from, to language.Tag) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.glossaries[glossaryLang(from)+"|"+glossaryLang(to)]
}

var _ translate.GlossaryUser = (*translator)(nil)
