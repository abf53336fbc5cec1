package ner

import (
	"bytes"
	"compress/flate"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	// Importing the package must not decode the weights: only Default does.
	if n := decodes.Load(); n != 0 {
		fmt.Fprintf(os.Stderr, "the model was decoded %d times before any test ran\n", n)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// sentences were written for these tests, not taken from any corpus.
var sentences = []struct{ lang, text string }{
	{"en", "Azerbaijani President Ilham Aliyev met Russian diplomats in Baku on Tuesday , the Foreign Ministry said ."},
	{"en", "Prime Minister Keir Starmer flew to Washington to meet Donald Trump at the White House ."},
	{"en", "Students in Manchester said the new rules were unfair ."},
	{"en", "Especially after the storm , residents of Galveston asked Governor Greg Abbott for help ."},
	{"en", "Microsoft and the European Commission reached an agreement in Brussels ."},
	{"ru", "Президент России Владимир Путин прибыл в Баку с официальным визитом ."},
	{"ru", "Министр иностранных дел Сергей Лавров заявил журналистам в Женеве , что переговоры продолжатся ."},
	{"uk", "Президент Володимир Зеленський прибув до Києва після зустрічі у Варшаві ."},
	{"uk", "Мешканці Львова скаржаться на відключення світла , повідомляє Укренерго ."},
	{"tr", "Cumhurbaşkanı Recep Tayyip Erdoğan Ankara'da gazetecilere açıklama yaptı ."},
	{"tr", "Dışişleri Bakanı Hakan Fidan yarın İzmir'e gidecek ."},
	{"az", "Prezident İlham Əliyev Bakıda Rusiya nümayəndə heyətini qəbul edib ."},
	{"az", "Gəncə şəhərində yaşayan Elnur Məmmədov jurnalistlərlə görüşüb ."},
	{"fa", "حسن روحانی رئیس‌جمهور ایران در تهران با خبرنگاران گفتگو کرد ."},
	{"fa", "علی خامنه‌ای در مشهد سخنرانی کرد ."},
	{"ar", "قال الرئيس المصري عبد الفتاح السيسي في القاهرة إن المفاوضات مستمرة ."},
	{"ar", "وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى بيروت ."},
	{"hy", "Վարչապետ Նիկոլ Փաշինյանը այսօր Երևանում հանդիպել է Ֆրանսիայի դեսպանի հետ ։"},
	{"hy", "Գյումրիում բնակվող Արամ Պետրոսյանը դիմել է դատարան ։"},
	{"de", "Bundeskanzler Olaf Scholz reiste nach Paris ."},
}

func render(words []string, spans []Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, fmt.Sprintf("%s[%s]", s.Kind, strings.Join(words[s.Start:s.End], " ")))
	}
	return strings.Join(parts, " ")
}

func defaultModel_(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestGolden tags sentences in each language against
// testdata/tagged.golden. Retraining changes it: run with -update and
// review the diff.
func TestGolden(t *testing.T) {
	m := defaultModel_(t)
	var b strings.Builder
	for _, s := range sentences {
		w := strings.Fields(s.text)
		fmt.Fprintf(&b, "%s\t%s\n\t%s\n", s.lang, s.text, render(w, m.Tag(s.lang, w)))
	}
	path := filepath.Join("testdata", "tagged.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("tagging differs from %s (run with -update after retraining and review):\n%s", path, got)
	}
}

// TestMentions checks what must hold whatever the training run: clear
// names found with their kind, and common words, nationality adjectives
// and organisations never taken for persons or places.
func TestMentions(t *testing.T) {
	m := defaultModel_(t)
	tests := []struct {
		name, lang, text string
		want             []string // kind[words] that must be among the spans
		never            []string // words no person or place span may cover
	}{
		{"en person and place", "en", sentences[1].text, []string{"person[Keir Starmer]", "place[Washington]", "person[Donald Trump]"}, []string{"Prime", "Minister"}},
		{"en nationality adjectives", "en", sentences[0].text, []string{"person[Ilham Aliyev]", "place[Baku]"}, []string{"Azerbaijani", "Russian", "Foreign", "Ministry", "Tuesday"}},
		{"en organisations", "en", sentences[4].text, []string{"place[Brussels]"}, []string{"Microsoft", "European", "Commission"}},
		{"en sentence-initial capital", "en", sentences[2].text, []string{"place[Manchester]"}, []string{"Students"}},
		{"ru", "ru", sentences[5].text, []string{"person[Владимир Путин]", "place[Баку]"}, []string{"Президент"}},
		{"uk", "uk", sentences[7].text, []string{"person[Володимир Зеленський]"}, []string{"Президент"}},
		{"tr", "tr", sentences[9].text, []string{"person[Recep Tayyip Erdoğan]", "place[Ankara'da]"}, []string{"Cumhurbaşkanı"}},
		{"az from Turkish", "az", sentences[11].text, []string{"person[İlham Əliyev]"}, []string{"Prezident"}},
		{"fa", "fa", sentences[13].text, []string{"person[حسن روحانی]", "place[تهران]"}, []string{"رئیس‌جمهور"}},
		{"ar", "ar", sentences[15].text, []string{"place[القاهرة]"}, []string{"الرئيس", "المصري"}},
		{"hy", "hy", sentences[17].text, []string{"person[Նիկոլ Փաշինյանը]", "place[Երևանում]"}, []string{"Վարչապետ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := strings.Fields(tc.text)
			spans := m.Tag(tc.lang, w)
			got := render(w, spans)
			for _, want := range tc.want {
				if !strings.Contains(" "+got+" ", " "+want+" ") {
					t.Errorf("no %s in %s", want, got)
				}
			}
			for _, s := range spans {
				if s.Kind == Org {
					continue
				}
				for _, x := range w[s.Start:s.End] {
					for _, never := range tc.never {
						if x == never {
							t.Errorf("%q is inside %s[%s]", x, s.Kind, strings.Join(w[s.Start:s.End], " "))
						}
					}
				}
			}
		})
	}
}

func TestSpansWellFormed(t *testing.T) {
	m := defaultModel_(t)
	for _, s := range sentences {
		w := strings.Fields(s.text)
		// Punctuation tokens are skipped, never a span's ends.
		w = append([]string{"«", "—"}, w...)
		prev := 0
		for _, sp := range m.Tag(s.lang, w) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(w) {
				t.Fatalf("%s: bad span %+v", s.text, sp)
			}
			if !isWord(w[sp.Start]) || !isWord(w[sp.End-1]) {
				t.Errorf("%s: span %+v ends on punctuation", s.text, sp)
			}
			if sp.Confidence <= 0 || sp.Confidence >= 1 || sp.Kind < Person || sp.Kind > Org {
				t.Errorf("%s: span %+v: confidence or kind out of range", s.text, sp)
			}
			prev = sp.End
		}
	}
	if got := m.Tag("en", nil); got != nil {
		t.Errorf("no words: %v", got)
	}
	if got := m.Tag("en", []string{",", "."}); got != nil {
		t.Errorf("only punctuation: %v", got)
	}
}

func TestDefaultDecodesOnce(t *testing.T) {
	a, b := defaultModel_(t), defaultModel_(t)
	if a != b {
		t.Error("Default returned two models")
	}
	if n := decodes.Load(); n != 1 {
		t.Errorf("decoded %d times, want 1", n)
	}
}

func TestConcurrentTag(t *testing.T) {
	m := defaultModel_(t)
	want := make([]string, len(sentences))
	for i, s := range sentences {
		w := strings.Fields(s.text)
		want[i] = fmt.Sprint(m.Tag(s.lang, w))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for i, s := range sentences {
					if got := fmt.Sprint(m.Tag(s.lang, strings.Fields(s.text))); got != want[i] {
						t.Errorf("%s: %s, alone %s", s.text, got, want[i])
					}
				}
			}
		}()
	}
	wg.Wait()
}

// toyCorpus is a few invented sentences, enough to train a tiny model.
func toyCorpus() []corpus.Sentence {
	P, L, O := corpus.Person, corpus.Place, corpus.None
	mk := func(lang, text string, kinds ...corpus.Kind) corpus.Sentence {
		w := strings.Fields(text)
		s := corpus.Sentence{Lang: lang, Words: w, Tags: make([]corpus.Tag, len(w))}
		for i, k := range kinds {
			s.Tags[i] = corpus.Tag{Kind: k, Begin: k != O && (i == 0 || kinds[i-1] != k)}
		}
		return s
	}
	return []corpus.Sentence{
		mk("en", "Anna Berg lives in Oslo", P, P, O, O, L),
		mk("en", "yesterday Tom Reed went to Lima", O, P, P, O, O, L),
		mk("tr", "Ayşe Kaya İzmir'e gitti", P, P, L, O),
		mk("ru", "Иван Орлов приехал в Тверь", P, P, O, O, L),
	}
}

func TestTrainDeterministic(t *testing.T) {
	encode := func() []byte {
		m, err := Train(context.Background(), toyCorpus(), TrainOptions{Bits: 12, Epochs: 3, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := encode(), encode()
	if !bytes.Equal(a, b) {
		t.Fatal("two training runs wrote different weights")
	}
	m, err := Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.Encode(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again.Bytes()) {
		t.Error("decode then encode changed the weights")
	}
	w := strings.Fields("Anna Berg lives in Oslo")
	if got := render(w, m.Tag("en", w)); got != "person[Anna Berg] place[Oslo]" {
		t.Errorf("toy model on its own sentence: %s", got)
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, in := range []string{"", "not a model", magic, magic + "garbage"} {
		if _, err := Decode(strings.NewReader(in)); err == nil {
			t.Errorf("Decode(%q) accepted", in)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"cyrillic yo", "Королёв", "королев"},
		{"turkish dotted I", "İzmir", "izmir"},
		{"persian zwnj", "رئیس\u200cجمهور", "رييسجمهور"},
		{"arabic alef and marks", "أَحمد", "احمد"},
		{"persian kaf and yeh", "کی", "كي"},
		{"persian digits", "۱۴۰۱", "1401"},
		{"decomposed", "Bak\u0131\u0307", fold("Bakı̇")},
	}
	for _, tc := range tests {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("%s: fold(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestTagOutside checks that TagOutside finds Tag's spans, and gives the
// other words an outside confidence in (0,1) and the spans' words and
// punctuation none.
func TestTagOutside(t *testing.T) {
	m := defaultModel_(t)
	for _, s := range sentences {
		w := append([]string{"«"}, strings.Fields(s.text)...)
		spans, outside := m.TagOutside(s.lang, w)
		if got, want := render(w, spans), render(w, m.Tag(s.lang, w)); got != want {
			t.Errorf("%s: TagOutside found %s, Tag %s", s.text, got, want)
		}
		if len(outside) != len(w) {
			t.Fatalf("%s: %d outside confidences for %d words", s.text, len(outside), len(w))
		}
		in := make([]bool, len(w))
		for _, sp := range spans {
			for i := sp.Start; i < sp.End; i++ {
				in[i] = true
			}
		}
		for i, o := range outside {
			switch {
			case in[i] || !isWord(w[i]):
				if o != 0 {
					t.Errorf("%s: %q has outside confidence %v, want 0", s.text, w[i], o)
				}
			case o <= 0 || o >= 1:
				t.Errorf("%s: %q has outside confidence %v, want one in (0,1)", s.text, w[i], o)
			}
		}
	}
	// A word plainly outside any name is read so with more confidence
	// than one next to it that nearly made a name.
	w := strings.Fields(sentences[2].text) // Students in Manchester said …
	_, outside := m.TagOutside("en", w)
	if outside[1] <= 0.5 {
		t.Errorf("%q: outside confidence %v, want > 0.5", w[1], outside[1])
	}
}

// TestCalibrate checks that Calibrate picks, per language, a bias under
// which the held-out sentences are found at least as well as without,
// that the bias survives Encode and Decode, and that a model of the
// format before biases still decodes.
func TestCalibrate(t *testing.T) {
	m, err := Train(context.Background(), toyCorpus()[:3], TrainOptions{Bits: 12, Epochs: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	heldout := toyCorpus()[3:] // ru, never trained on
	f1 := func(m *Model) float64 {
		var c corpus.Counts
		for _, s := range heldout {
			c.Add(corpus.Score(s.Spans(), toCorpusSpans(m.Tag(s.Lang, s.Words)), corpus.PersonOrPlace, false))
		}
		return c.F1()
	}
	before := f1(m)
	var log strings.Builder
	if err := m.Calibrate(context.Background(), heldout, 0, &log); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(log.String(), "calibrate ru:"); got != len(calibrationSteps) {
		t.Errorf("%d biases tried for ru, want %d:\n%s", got, len(calibrationSteps), log.String())
	}
	if after := f1(m); after < before {
		t.Errorf("calibrated F1 %.3f < %.3f before", after, before)
	}
	for l, b := range m.bias {
		if l != int(langID("ru")) && b != 0 {
			t.Errorf("language %d has bias %v without held-out sentences", l, b)
		}
	}
	m.bias[langID("ru")] = 12.5 // whatever was chosen, it must round-trip
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	d, err := Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if d.bias != m.bias {
		t.Errorf("decoded biases %v, want %v", d.bias, m.bias)
	}
	// The format before biases: the same bytes without them.
	old := m.bias
	m.bias = [numLangs]float32{}
	buf.Reset()
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	m.bias = old
	v2 := encodeV2(t, buf.Bytes())
	d, err = Decode(bytes.NewReader(v2))
	if err != nil {
		t.Fatalf("format 2: %v", err)
	}
	if d.bias != ([numLangs]float32{}) {
		t.Errorf("format 2 decoded with biases %v", d.bias)
	}
}

// encodeV2 rewrites a model encoded with zero biases in format 2, which
// had none.
func encodeV2(t *testing.T, v3 []byte) []byte {
	t.Helper()
	zr := flate.NewReader(bytes.NewReader(v3[len(magic):]))
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// header (2 bytes + 2 float32), transitions, then the biases.
	at := 2 + 8 + 2*(numLabels+1)*numLabels
	raw = append(raw[:at:at], raw[at+4*numLangs:]...)
	var out bytes.Buffer
	out.WriteString(magicV2)
	zw, _ := flate.NewWriter(&out, flate.BestSpeed)
	zw.Write(raw)
	zw.Close()
	return out.Bytes()
}

func toCorpusSpans(spans []Span) []corpus.Span {
	out := make([]corpus.Span, len(spans))
	for i, s := range spans {
		out[i] = corpus.Span{Start: s.Start, End: s.End, Kind: corpus.Kind(s.Kind)}
	}
	return out
}
