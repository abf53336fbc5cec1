package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixtures below are written for these tests in each corpus's format;
// none is taken from a corpus.

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// render writes a sentence as word/KIND, with a "+" on words that begin a
// mention.
func render(s Sentence) string {
	var parts []string
	for i, w := range s.Words {
		t := s.Tags[i]
		p := w + "/" + t.Kind.String()
		if t.Begin {
			p += "+"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestReadColumnsIOB1AndApostrophes(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nAnna NNP I-NP I-PER\nKarlsson NNP I-NP I-PER\n's POS B-NP O\nvisit NN I-NP O\nto TO O O\nU.S. NNP I-NP I-LOC\nSweden NNP I-NP B-LOC\n. . O O\n\n"
	docs, err := readColumns(strings.NewReader(in), "en", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0]) != 1 {
		t.Fatalf("got %d docs", len(docs))
	}
	want := "Anna/PER+ Karlsson's/PER visit/O to/O U/LOC+ S/LOC Sweden/LOC+"
	if got := render(docs[0][0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReadColumnsSplitAtFullStop(t *testing.T) {
	in := "ذهب O\nسامي B-PERS\nإلى O\nدمشق B-LOC\n. O\nثم O\nعاد O\n"
	docs, err := readColumns(strings.NewReader(in), "ar", ".")
	if err != nil {
		t.Fatal(err)
	}
	s := flatten(docs)
	if len(s) != 2 || render(s[0]) != "ذهب/O سامي/PER+ إلى/O دمشق/LOC+" {
		t.Errorf("got %d sentences: %v", len(s), s)
	}
}

func TestReadBracketed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tr.txt", "[PER Ayşe Demir ] 'in [LOC Bursa ] 'daki evi [ORG Akbank ] yakınında\n")
	docs, err := readBracketed(filepath.Join(dir, "tr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Ayşe/PER+ Demir'in/PER Bursa'daki/LOC+ evi/O Akbank/ORG+ yakınında/O"
	if got := render(flatten(docs)[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReadFactRu(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "book_1.tokens", "1 0 4 Мэрия\n2 6 6 Казани\n3 13 8 сообщила\n\n4 23 4 Анна\n5 28 6 Петрова\n6 35 1 .\n")
	write(t, dir, "book_1.spans", "10 org_descr 0 4 1 1  # 1 Мэрия\n11 loc_name 6 6 2 1  # 2 Казани\n12 name 23 4 4 1  # 4 Анна\n13 surname 28 6 5 1  # 5 Петрова\n")
	write(t, dir, "book_1.objects", "100 Org 10 11 # Мэрия Казани\n101 LocOrg 11 # Казани\n102 Person 12 13 # Анна Петрова\n")
	docs, err := readFactRu(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := flatten(docs)
	if len(s) != 2 {
		t.Fatalf("got %d sentences", len(s))
	}
	if got := render(s[0]) + " | " + render(s[1]); got != "Мэрия/O Казани/LOC+ сообщила/O | Анна/PER+ Петрова/PER" {
		t.Errorf("got %s", got)
	}
}

func TestReadBrat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "doc.txt", "Олена Коваль приїхала до Львова .\n\nЦе добре .\n")
	write(t, dir, "doc.ann", "T1\tPERS 0 12\tОлена Коваль\nT2\tLOC 25 31\tЛьвова\n")
	d, err := readBratDoc(filepath.Join(dir, "doc"), "uk")
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != 2 || render(d[0]) != "Олена/PER+ Коваль/PER приїхала/O до/O Львова/LOC+" {
		t.Errorf("got %v", d)
	}
}

func TestReadArmTDP(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "hy.json1", `{"id": 1, "text": "Աննա Սարգսյանը մեկնեց Գյումրի։ Հայերը ուրախ են։", "labels": [[0, 14, "PERSON"], [22, 28, "GPE"], [31, 36, "NORP"]]}`+"\n")
	docs, err := readArmTDP(filepath.Join(dir, "hy.json1"))
	if err != nil {
		t.Fatal(err)
	}
	s := flatten(docs)
	if len(s) != 2 || render(s[0]) != "Աննա/PER+ Սարգսյանը/PER մեկնեց/O Գյումրի/LOC+" || render(s[1]) != "Հայերը/O ուրախ/O են/O" {
		t.Errorf("got %d: %v", len(s), s)
	}
}

func TestCarve(t *testing.T) {
	var train []doc
	for i := range 25 {
		train = append(train, doc{{Lang: "xx", Words: []string{string(rune('a' + i))}, Tags: []Tag{{}}}})
	}
	s := carve(train, nil)
	var held []string
	for _, x := range s.Heldout {
		held = append(held, x.Words[0])
	}
	if got := strings.Join(held, ""); got != "dnx" || len(s.Train) != 22 {
		t.Errorf("held out %q, %d train", got, len(s.Train))
	}
}

func TestScore(t *testing.T) {
	gold := []Span{{0, 2, Person}, {5, 6, Place}, {8, 9, Org}}
	pred := []Span{{1, 2, Person}, {5, 6, Person}, {7, 8, Place}, {8, 9, Org}}
	c := Score(gold, pred, PersonOrPlace, false)
	if c.Predicted != 3 || c.PredictedMatched != 2 || c.Gold != 2 || c.GoldMatched != 2 {
		t.Errorf("untyped: %+v", c)
	}
	c = Score(gold, pred, PersonOrPlace, true)
	if c.PredictedMatched != 1 || c.GoldMatched != 1 {
		t.Errorf("typed: %+v", c)
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range Tokenize("«Bakı'da» — Abu-Dabi, رئیس\u200cجمهور 2024.") {
		got = append(got, tk.Text)
	}
	if strings.Join(got, "|") != "Bakı'da|Abu-Dabi|رئیس\u200cجمهور|2024" {
		t.Errorf("got %q", got)
	}
}

func TestReadPipe(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "p.txt", "دیدار|O\nحسن|B_PER\nروحانی|I_PER\nدر|O\nتهران|B_LOC\nبانک ملی|B_ORG\n\nامروز|O\n")
	docs, err := readPipeFile(filepath.Join(dir, "p.txt"))
	if err != nil {
		t.Fatal(err)
	}
	all := flatten(docs)
	if len(all) != 2 {
		t.Fatalf("got %d sentences, want 2", len(all))
	}
	want := "دیدار/O حسن/PER+ روحانی/PER در/O تهران/LOC+ بانک/ORG+ ملی/ORG"
	if got := render(all[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestLanguagesOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Languages() {
		if seen[l] {
			t.Errorf("%s listed twice", l)
		}
		seen[l] = true
	}
	if got := len(SourcesFor("fa")); got != 2 {
		t.Errorf("fa has %d sources, want 2 (Arman, PEYMA)", got)
	}
}
