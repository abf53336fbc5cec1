package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// The fixtures are written for these tests in each set's format; none is
// taken from a set.

func render(p placed) string {
	var out []string
	for _, s := range p.sent.Spans() {
		out = append(out, s.Kind.String()+":"+p.phrase(s.Start, s.End))
	}
	return strings.Join(out, " ")
}

func TestReadBSNLPProjectsEveryOccurrence(t *testing.T) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "data", "datasets", "bsnlp", "topic", "raw", "ru", "d1.txt")
	ann := filepath.Join(dir, "data", "datasets", "bsnlp", "topic", "annotated", "ru", "d1.out")
	for p, text := range map[string]string{
		raw: "ru-1\nru\n2020-01-01\nhttp://example.org\nКлимкин прибыл в Брюссель\n\nПавел Климкин встретился с главой «Северного потока» в Брюсселе. Климкин уехал.\n",
		ann: "ru-1\nПавел Климкин\tПавел Климкин\tPER\tPER-Klimkin\nКлимкин\tКлимкин\tPER\tPER-Klimkin\nБрюсселе\tБрюссель\tLOC\tGPE-Brussels\nБрюссель\tБрюссель\tLOC\tGPE-Brussels\nСеверного потока\tСеверный поток\tPRO\tPRO-NS\n",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	arts, err := readBSNLP(dir, "ru")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].title == nil || len(arts[0].blocks) != 1 {
		t.Fatalf("got %d articles; want one with a title and one paragraph", len(arts))
	}
	if got, want := render(*arts[0].title), "PER:Климкин LOC:Брюссель"; got != want {
		t.Errorf("title: got %q, want %q", got, want)
	}
	if got, want := render(arts[0].blocks[0]), "PER:Павел Климкин LOC:Брюсселе PER:Климкин"; got != want {
		t.Errorf("paragraph: got %q, want %q", got, want)
	}
}

func TestPlaceWordsKeepsTokens(t *testing.T) {
	p, ok := placeWords("en", []taggedWord{{"Officials", corpus.None, false}, {"in", corpus.None, false}, {"the", corpus.None, false},
		{"U.S.", corpus.Place, true}, {"met", corpus.None, false}, {"Ban", corpus.Person, true}, {"Ki-moon", corpus.Person, false}, {".", corpus.None, false}})
	if !ok {
		t.Fatal("no words")
	}
	if want := "Officials in the U.S. met Ban Ki-moon."; p.text != want {
		t.Errorf("text %q, want %q", p.text, want)
	}
	if got, want := render(p), "LOC:U.S PER:Ban Ki-moon"; got != want {
		t.Errorf("spans %q, want %q", got, want)
	}
	// A mention over "Ban Ki-moon" maps to the person's words.
	at := strings.Index(p.text, "Ban")
	sp, ok := p.span(pipeline.Mention{Start: at, End: at + len("Ban Ki-moon"), Kind: "person"})
	if !ok || p.phrase(sp.Start, sp.End) != "Ban Ki-moon" || sp.Kind != corpus.Person {
		t.Errorf("span %+v %v", sp, ok)
	}
}
