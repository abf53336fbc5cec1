package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// The fresh sets are public annotated texts that no part of dossier was
// trained or tuned on, one per language, read from the checkouts
// bench/ner/fetch-fresh.sh makes. Each is read whole: there is no split
// to choose, since none of it is ever trained on. Their readers live here,
// not in package corpus, so that the trainer cannot read them.
//
//	en  Groningen Meaning Bank NER CSV (Voice of America news): per → person,
//	    geo → place, org → organisation, gpe (nationalities) and the rest → none
//	ru  BSNLP-2021 shared task, Russian news (6 topics): document-level
//	    mention lists projected onto every occurrence in the text
//	uk  the same, Ukrainian
//	tr  Turkish Wiki NER test.conll (Wikipedia, re-annotated by hand)
//	fa  ParsTwiNER test.txt (Persian tweets)
//	ar  NewsFANE Gold (Arabic newswire, fine-grained classes mapped)
//	hy  pioNER gold test (Armenian news, iLur.am)
type freshSet struct {
	lang, repo, name string
	read             func(root string) ([]article, error)
}

func freshSets() []freshSet {
	return []freshSet{
		{"en", "umartariq867/Named-Entity-Recognition-with-Python", "GMB (Kaggle NER CSV)", readGMB},
		{"ru", "UL-FRI-Zitnik/BSNLP-2021-Shared-Task", "BSNLP-2021 ru", func(root string) ([]article, error) { return readBSNLP(root, "ru") }},
		{"uk", "UL-FRI-Zitnik/BSNLP-2021-Shared-Task", "BSNLP-2021 uk", func(root string) ([]article, error) { return readBSNLP(root, "uk") }},
		{"tr", "turkish-nlp-suite/Turkish-Wiki-NER-Dataset", "Turkish Wiki NER test", func(root string) ([]article, error) {
			return readConllFile(filepath.Join(root, "Turkish-Wiki-NER-Dataset", "test.conll"), "tr", ontoKind)
		}},
		{"fa", "overfit-ir/persian-twitter-ner", "ParsTwiNER test", func(root string) ([]article, error) {
			return readConllFile(filepath.Join(root, "twitter_data", "persian-ner-twitter-data", "test.txt"), "fa", parsTwiKind)
		}},
		{"ar", "bvanaken/visbert", "NewsFANE Gold", func(root string) ([]article, error) {
			return readConllFile(filepath.Join(root, "data", "Finegrained", "WikiFANE_2014_Gold_standard", "NewsFANE_Gold_2014_170K.txt"), "ar", faneKind)
		}},
		{"hy", "ispras-texterra/pioner", "pioNER gold test", func(root string) ([]article, error) {
			return readConllFile(filepath.Join(root, "pioner-gold", "test.conll03"), "hy", ontoKind)
		}},
	}
}

// freshArticles reads lang's fresh set from dir.
func freshArticles(dir, lang string) ([]article, error) {
	for _, s := range freshSets() {
		if s.lang != lang {
			continue
		}
		root := filepath.Join(dir, strings.Replace(s.repo, "/", "+", 1))
		arts, err := s.read(root)
		if err != nil {
			return nil, fmt.Errorf("fresh set %s: %w (bench/ner/fetch-fresh.sh DIR fetches it)", s.name, err)
		}
		return arts, nil
	}
	return nil, fmt.Errorf("no fresh set for %q", lang)
}

// A tagged word of a column file, before the names stage's tokenization.
type taggedWord struct {
	word string
	kind corpus.Kind
	// begin is true on a B- tag.
	begin bool
}

// placeWords writes words out as the text they were written as (the
// corpus's tokens, with no space before closing punctuation or after
// opening), and tokenizes each the way the names stage does (package
// corpus's rules: words without a letter or digit dropped, "U.S." two
// words), so the stage reads "U.S." and the gold counts its words.
func placeWords(lang string, words []taggedWord) (placed, bool) {
	p := placed{sent: corpus.Sentence{Lang: lang}}
	var b strings.Builder
	for i, w := range words {
		tok := norm.NFC.String(w.word)
		if i > 0 && !strings.ContainsAny(tok[:1], ".,;:!?)]}»") && !strings.ContainsAny(words[i-1].word, "([{«") {
			b.WriteByte(' ')
		}
		at := b.Len()
		b.WriteString(tok)
		for j, t := range corpus.Tokenize(tok) {
			// Token offsets count runes; the stage's count bytes.
			start := at + len(string([]rune(tok)[:t.Start]))
			p.start = append(p.start, start)
			p.end = append(p.end, start+len(t.Text))
			p.sent.Words = append(p.sent.Words, t.Text)
			p.sent.Tags = append(p.sent.Tags, corpus.Tag{Kind: w.kind, Begin: w.kind != corpus.None && w.begin && j == 0})
		}
	}
	p.text = b.String()
	for i := range p.sent.Tags {
		if p.sent.Tags[i].Kind != corpus.None && (i == 0 || p.sent.Tags[i-1].Kind != p.sent.Tags[i].Kind) {
			p.sent.Tags[i].Begin = true
		}
	}
	return p, len(p.sent.Words) > 0
}

// articlesOfPlaced puts paragraphs into articles of articleSentences.
func articlesOfPlaced(lang string, ps []placed) []article {
	var arts []article
	for i := 0; i < len(ps); i += articleSentences {
		arts = append(arts, article{name: fmt.Sprintf("%s-%d", lang, i/articleSentences), blocks: ps[i:min(i+articleSentences, len(ps))]})
	}
	return arts
}

// bio splits a tag such as "B-PER" or "I_LOC" into begin and type name.
func bio(tag string) (begin bool, name string) {
	if tag == "O" || tag == "" {
		return false, ""
	}
	if len(tag) > 2 && (tag[1] == '-' || tag[1] == '_') {
		return tag[0] == 'B', tag[2:]
	}
	return false, tag
}

// readConllFile reads "word … tag" lines, sentences separated by blank
// lines, into articles of articleSentences sentences.
func readConllFile(path, lang string, kindOf func(string) corpus.Kind) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var sents []placed
	var cur []taggedWord
	flush := func() {
		if p, ok := placeWords(lang, cur); ok {
			sents = append(sents, p)
		}
		cur = nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		// NewsFANE marks each token left to right (U+200E).
		line := strings.NewReplacer("\ufeff", "", "\u200e", "", "\r", "").Replace(sc.Text())
		fs := strings.Fields(line)
		if len(fs) == 0 {
			flush()
			continue
		}
		if len(fs) < 2 {
			continue
		}
		begin, name := bio(fs[len(fs)-1])
		cur = append(cur, taggedWord{fs[0], kindOf(name), begin})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return articlesOfPlaced(lang, sents), nil
}

// ontoKind maps OntoNotes-style and CoNLL-style type names.
func ontoKind(name string) corpus.Kind {
	switch name {
	case "PER", "PERSON":
		return corpus.Person
	case "LOC", "GPE":
		return corpus.Place
	case "ORG":
		return corpus.Org
	}
	return corpus.None
}

// parsTwiKind maps ParsTwiNER's types: political groups are
// organisations, nationalities and events none.
func parsTwiKind(name string) corpus.Kind {
	switch name {
	case "PER":
		return corpus.Person
	case "LOC":
		return corpus.Place
	case "ORG", "POG":
		return corpus.Org
	}
	return corpus.None
}

// faneKind maps NewsFANE's fine-grained ACE classes. Group (العرب,
// المسلمين: peoples and nationalities) is not a person; GPE-Cluster
// (الشرق الأوسط) is a place; facilities and vehicles are none.
func faneKind(name string) corpus.Kind {
	switch name {
	case "Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
		"Police", "Businessperson", "Lawyer", "Engineer":
		return corpus.Person
	case "Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Water-Body",
		"Continent", "County-or-District", "Land-Region-Natural", "Celestial":
		return corpus.Place
	case "Non-Governmental", "Sports", "Government", "Media", "Commercial", "Educational",
		"Medical-Science", "Entertainment", "Religious_ORG":
		return corpus.Org
	}
	return corpus.None
}

// readGMB reads the GMB CSV ("Sentence: n" in the first column of a
// sentence's first row; Latin-1). The copy is cut short, so its last
// sentence is dropped.
func readGMB(root string) ([]article, error) {
	path := filepath.Join(root, "ner_dataset.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var sents []placed
	var cur []taggedWord
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The cut-off last line.
			break
		}
		if n == 0 || len(rec) < 4 {
			continue
		}
		if strings.HasPrefix(rec[0], "Sentence:") {
			if p, ok := placeWords("en", cur); ok {
				sents = append(sents, p)
			}
			cur = nil
		}
		begin, name := bio(rec[3])
		k := corpus.None
		switch name {
		case "per":
			k = corpus.Person
		case "geo":
			k = corpus.Place
		case "org":
			k = corpus.Org
		}
		cur = append(cur, taggedWord{rec[1], k, begin})
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("%s: no sentences", path)
	}
	return articlesOfPlaced("en", sents), nil
}

// readBSNLP reads the BSNLP-2021 documents of lang: raw/<lang>/X.txt
// (id, language, date, URL, title, then the text) with
// annotated/<lang>/X.out (id, then "form<TAB>lemma<TAB>type<TAB>entity"
// lines). The annotation lists each form a document uses, not where; the
// guidelines have every occurrence annotated, so each occurrence of a
// form is marked, longer forms first (PER → person, LOC → place, ORG →
// organisation, EVT and PRO → none, which still claims its words).
func readBSNLP(root, lang string) ([]article, error) {
	outs, err := filepath.Glob(filepath.Join(root, "data", "datasets", "bsnlp", "*", "annotated", lang, "*.out"))
	if err != nil {
		return nil, err
	}
	if len(outs) == 0 {
		return nil, fmt.Errorf("%s: no annotated %s documents", root, lang)
	}
	sort.Strings(outs)
	var arts []article
	for _, out := range outs {
		txt := strings.Replace(strings.TrimSuffix(out, ".out")+".txt", string(filepath.Separator)+"annotated"+string(filepath.Separator), string(filepath.Separator)+"raw"+string(filepath.Separator), 1)
		a, err := readBSNLPDoc(txt, out, lang)
		if err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
	return arts, nil
}

type bsnlpForm struct {
	words []string
	kind  corpus.Kind
}

func readBSNLPDoc(txtPath, outPath, lang string) (article, error) {
	raw, err := os.ReadFile(txtPath)
	if err != nil {
		return article{}, err
	}
	ann, err := os.ReadFile(outPath)
	if err != nil {
		return article{}, err
	}
	var forms []bsnlpForm
	for i, line := range strings.Split(norm.NFC.String(string(ann)), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || len(f) < 3 {
			continue
		}
		k := corpus.None
		switch strings.TrimSpace(f[2]) {
		case "PER":
			k = corpus.Person
		case "LOC":
			k = corpus.Place
		case "ORG":
			k = corpus.Org
		}
		var ws []string
		for _, t := range corpus.Tokenize(f[0]) {
			ws = append(ws, t.Text)
		}
		if len(ws) > 0 {
			forms = append(forms, bsnlpForm{ws, k})
		}
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].words) > len(forms[j].words) })
	lines := strings.Split(strings.ReplaceAll(norm.NFC.String(string(raw)), "\r", ""), "\n")
	if len(lines) < 5 {
		return article{}, fmt.Errorf("%s: no title line", txtPath)
	}
	a := article{name: filepath.Base(txtPath)}
	unit := func(text string) (placed, bool) {
		text = strings.TrimSpace(text)
		toks := corpus.Tokenize(text)
		if len(toks) == 0 {
			return placed{}, false
		}
		p := placed{text: text, sent: corpus.Sentence{Lang: lang}}
		// Tokenize counts runes; the stage's mentions count bytes.
		byteAt := make([]int, 0, utf8.RuneCountInString(text)+1)
		for i := range text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(text))
		for _, t := range toks {
			p.sent.Words = append(p.sent.Words, t.Text)
			p.start = append(p.start, byteAt[t.Start])
			p.end = append(p.end, byteAt[t.End])
		}
		p.sent.Tags = make([]corpus.Tag, len(toks))
		claimed := make([]bool, len(toks))
		for _, f := range forms {
		next:
			for i := 0; i+len(f.words) <= len(toks); i++ {
				for j, w := range f.words {
					if claimed[i+j] || p.sent.Words[i+j] != w {
						continue next
					}
				}
				for j := range f.words {
					claimed[i+j] = true
					p.sent.Tags[i+j] = corpus.Tag{Kind: f.kind, Begin: j == 0 && f.kind != corpus.None}
				}
			}
		}
		return p, true
	}
	if t, ok := unit(lines[4]); ok {
		a.title = &t
	}
	for _, l := range lines[5:] {
		if p, ok := unit(l); ok {
			a.blocks = append(a.blocks, p)
		}
	}
	return a, nil
}
