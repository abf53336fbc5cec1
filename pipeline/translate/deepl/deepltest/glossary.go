package deepltest

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
)

// The glossary endpoints of API v2, as DeepL documents them:
// POST /v2/glossaries (name, source_lang, target_lang, entries,
// entries_format tsv or csv; 201 with the glossary), GET /v2/glossaries
// ({"glossaries":[…]}), GET and DELETE /v2/glossaries/{id} (404 when
// unknown, 204 when deleted). A glossary is immutable; translate takes it
// as glossary_id, which needs source_lang and the glossary's pair.

// glossaryLangs are the languages DeepL's v2 glossaries take.
const glossaryLangs = " ar bg cs da de el en es et fi fr hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv tr uk zh "

type glossary struct {
	ID           string    `json:"glossary_id"`
	Name         string    `json:"name"`
	Ready        bool      `json:"ready"`
	SourceLang   string    `json:"source_lang"`
	TargetLang   string    `json:"target_lang"`
	CreationTime time.Time `json:"creation_time"`
	EntryCount   int       `json:"entry_count"`

	entries [][2]string // source, target; longest source first
}

// Glossaries returns the glossaries the server holds, in creation order.
func (s *Server) Glossaries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for _, id := range s.glossaryOrder {
		names = append(names, s.glossaries[id].Name)
	}
	return names
}

func (s *Server) glossariesRoute(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authorize(w, r); !ok {
		return
	}
	id := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/v2/glossaries"), "/")
	switch {
	case id == "" && r.Method == http.MethodPost:
		s.createGlossary(w, r)
	case id == "" && r.Method == http.MethodGet:
		s.mu.Lock()
		list := struct {
			Glossaries []*glossary `json:"glossaries"`
		}{Glossaries: []*glossary{}}
		for _, gid := range s.glossaryOrder {
			list.Glossaries = append(list.Glossaries, s.glossaries[gid])
		}
		out, _ := fake.Marshal(list)
		s.mu.Unlock()
		fake.WriteJSON(w, http.StatusOK, out)
	case id != "" && !strings.Contains(id, "/") && (r.Method == http.MethodGet || r.Method == http.MethodDelete):
		s.mu.Lock()
		g, ok := s.glossaries[id]
		if ok && r.Method == http.MethodDelete {
			delete(s.glossaries, id)
			for i, gid := range s.glossaryOrder {
				if gid == id {
					s.glossaryOrder = append(s.glossaryOrder[:i], s.glossaryOrder[i+1:]...)
					break
				}
			}
		}
		var out []byte
		if ok {
			out, _ = fake.Marshal(g)
		}
		s.mu.Unlock()
		switch {
		case !ok:
			s.writeError(w, http.StatusNotFound, "")
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			fake.WriteJSON(w, http.StatusOK, out)
		}
	default:
		s.writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
	}
}

func (s *Server) createGlossary(w http.ResponseWriter, r *http.Request) {
	body, tooLarge, err := fake.ReadBody(r, 10<<20)
	if err != nil {
		return
	}
	if tooLarge {
		s.writeError(w, http.StatusRequestEntityTooLarge, "")
		return
	}
	var req struct {
		Name          string `json:"name"`
		SourceLang    string `json:"source_lang"`
		TargetLang    string `json:"target_lang"`
		Entries       string `json:"entries"`
		EntriesFormat string `json:"entries_format"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(body, &req); err != nil {
			s.writeError(w, http.StatusBadRequest, "Invalid JSON: "+err.Error())
			return
		}
	} else {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			s.writeError(w, http.StatusBadRequest, "Invalid form body")
			return
		}
		req.Name, req.SourceLang, req.TargetLang = form.Get("name"), form.Get("source_lang"), form.Get("target_lang")
		req.Entries, req.EntriesFormat = form.Get("entries"), form.Get("entries_format")
	}
	src, tgt := strings.ToLower(req.SourceLang), strings.ToLower(req.TargetLang)
	switch {
	case req.Name == "" || req.Entries == "" || src == "" || tgt == "":
		s.writeError(w, http.StatusBadRequest, "Missing or invalid argument: name, source_lang, target_lang and entries are required")
		return
	case !strings.Contains(glossaryLangs, " "+src+" ") || !strings.Contains(glossaryLangs, " "+tgt+" ") || src == tgt:
		s.writeError(w, http.StatusBadRequest, "Unsupported glossary language pair")
		return
	}
	entries, problem := parseEntries(req.Entries, req.EntriesFormat)
	if problem != "" {
		s.writeError(w, http.StatusBadRequest, problem)
		return
	}
	s.mu.Lock()
	if s.glossaries == nil {
		s.glossaries = map[string]*glossary{}
	}
	s.glossarySeq++
	g := &glossary{
		ID: fmt.Sprintf("%08x-fake-4000-8000-%012x", s.glossarySeq, s.glossarySeq), Name: req.Name, Ready: true,
		SourceLang: src, TargetLang: tgt, CreationTime: time.Date(2026, 1, 1, 0, 0, s.glossarySeq, 0, time.UTC),
		EntryCount: len(entries), entries: entries,
	}
	s.glossaries[g.ID] = g
	s.glossaryOrder = append(s.glossaryOrder, g.ID)
	out, _ := fake.Marshal(g)
	s.mu.Unlock()
	fake.WriteJSON(w, http.StatusCreated, out)
}

// parseEntries reads entries in TSV (the default) or CSV, and refuses a
// source given twice, an empty term, or a term with a tab or line break.
func parseEntries(text, format string) ([][2]string, string) {
	var rows [][]string
	switch format {
	case "", "tsv":
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if line != "" {
				rows = append(rows, strings.Split(line, "\t"))
			}
		}
	case "csv":
		var err error
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		if rows, err = cr.ReadAll(); err != nil {
			return nil, "Invalid glossary entries: " + err.Error()
		}
	default:
		return nil, "Value for 'entries_format' not supported."
	}
	seen := map[string]bool{}
	var out [][2]string
	for i, f := range rows {
		if len(f) != 2 || strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return nil, fmt.Sprintf("Invalid glossary entries: entry %d", i+1)
		}
		if seen[f[0]] {
			return nil, fmt.Sprintf("Invalid glossary entries: duplicate source %q", f[0])
		}
		seen[f[0]] = true
		out = append(out, [2]string{f[0], f[1]})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i][0]) > len(out[j][0]) })
	return out, ""
}

// glossaryFor returns the glossary a translate request names, or an error
// status and message.
func (s *Server) glossaryFor(req translateRequest) (*glossary, int, string) {
	if req.GlossaryID == "" {
		return nil, 0, ""
	}
	if req.SourceLang == "" {
		return nil, http.StatusBadRequest, "Use of a glossary requires the source_lang parameter to be specified."
	}
	s.mu.Lock()
	g, ok := s.glossaries[req.GlossaryID]
	s.mu.Unlock()
	if !ok {
		return nil, http.StatusNotFound, "Glossary not found"
	}
	target, _, _ := strings.Cut(strings.ToLower(req.TargetLang), "-")
	if g.SourceLang != strings.ToLower(req.SourceLang) || g.TargetLang != target {
		return nil, http.StatusBadRequest, "Language pair of the glossary does not match the request's."
	}
	return g, 0, ""
}

// applyGlossary translates text with g: each source term, as a word of
// its own, comes out as its target term, and the rest as translate says.
func applyGlossary(text string, g *glossary, translate func(string) string) string {
	if g == nil {
		return translate(text)
	}
	var b strings.Builder
	var terms []string
	rest := text
	for len(rest) > 0 {
		at, n, target := -1, 0, ""
		for _, e := range g.entries {
			if i := wordIndex(rest, e[0]); i >= 0 && (at < 0 || i < at) {
				at, n, target = i, len(e[0]), e[1]
			}
		}
		if at < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:at])
		fmt.Fprintf(&b, "GLOSSARYTERM%dX", len(terms))
		terms = append(terms, target)
		rest = rest[at+n:]
	}
	out := translate(b.String())
	for i := len(terms) - 1; i >= 0; i-- {
		token := fmt.Sprintf("GLOSSARYTERM%dX", i)
		out = strings.ReplaceAll(out, Marker+token, token)
		out = strings.ReplaceAll(out, token, terms[i])
	}
	return out
}

// wordIndex finds term in text where it is not part of a longer word.
func wordIndex(text, term string) int {
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], term)
		if i < 0 {
			return -1
		}
		at, end := from+i, from+i+len(term)
		if (at == 0 || !isWordByte(text[at-1])) && (end == len(text) || !isWordByte(text[end])) {
			return at
		}
		from = at + 1
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
