package translate

import (
	"reflect"
	"testing"
)

func sentences(text, lang string) []string {
	var out []string
	for _, s := range Sentences(text, lang) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	cases := []struct {
		name, lang, text string
		want             []string
	}{
		{"english basic", "en", "It rained. Then it stopped! Did it? Yes.",
			[]string{"It rained.", "Then it stopped!", "Did it?", "Yes."}},
		{"english abbreviations", "en", "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 3. They spoke.",
			[]string{"Mr. Smith met Dr. Jones at 5 p.m. on Jan. 3.", "They spoke."}},
		{"initials", "en", "The report by J. R. Hartley was read. It was long.",
			[]string{"The report by J. R. Hartley was read.", "It was long."}},
		{"dotted initialism", "en", "The U.S. envoy left. Talks ended.",
			[]string{"The U.S. envoy left.", "Talks ended."}},
		{"decimal and lowercase", "en", "Growth was 3.5 per cent. in the year, it said.",
			[]string{"Growth was 3.5 per cent. in the year, it said."}},
		{"closing quote", "en", `He called it "betrayal." The ministry replied.`,
			[]string{`He called it "betrayal."`, "The ministry replied."}},
		{"curly quote", "en", "“It is over.” Officials agreed.",
			[]string{"“It is over.”", "Officials agreed."}},
		{"ellipsis", "en", "He waited... Nothing came.", []string{"He waited...", "Nothing came."}},
		{"line break", "en", "A heading\nThe body text.", []string{"A heading", "The body text."}},
		{"russian guillemets", "ru", "Алиев назвал это «предательством». Иран ответил.",
			[]string{"Алиев назвал это «предательством».", "Иран ответил."}},
		{"russian abbreviations", "ru", "В 2018 г. его задержали, т.е. арестовали. Он бежал.",
			[]string{"В 2018 г. его задержали, т.е. арестовали.", "Он бежал."}},
		{"russian initials", "ru", "Заявление подписал И. Алиев. Его опубликовали.",
			[]string{"Заявление подписал И. Алиев.", "Его опубликовали."}},
		{"persian question", "fa", "آیا او بازداشت شد؟ بله، بازداشت شد.",
			[]string{"آیا او بازداشت شد؟", "بله، بازداشت شد."}},
		{"persian full stop", "fa", "او به ایران رفت. سپس بازگشت.",
			[]string{"او به ایران رفت.", "سپس بازگشت."}},
		{"urdu full stop", "ur", "وہ ایران گیا۔ پھر واپس آیا۔", []string{"وہ ایران گیا۔", "پھر واپس آیا۔"}},
		{"persian guillemets", "fa", "او آن را «خیانت» خواند. ایران پاسخ داد.",
			[]string{"او آن را «خیانت» خواند.", "ایران پاسخ داد."}},
		{"azerbaijani", "az", "Elnur Rəsulov 2018-ci ildə İranda olub. O, razılıq verib.",
			[]string{"Elnur Rəsulov 2018-ci ildə İranda olub.", "O, razılıq verib."}},
		{"azerbaijani abbreviation", "az", "Prof. Əliyev və s. iştirak edib. Tədbir bitdi.",
			[]string{"Prof. Əliyev və s. iştirak edib.", "Tədbir bitdi."}},
		{"leading and trailing space", "en", "  One. Two.  ", []string{"One.", "Two."}},
		{"no terminal", "en", "A title without a stop", []string{"A title without a stop"}},
		{"empty", "en", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := sentences(c.text, c.lang); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith left. He said «no»! ؟ ۔", "en")
	f.Fuzz(func(t *testing.T, text, lang string) {
		last := 0
		for _, s := range Sentences(text, lang) {
			if s.Start < last || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %+v after %d in %q", s, last, text)
			}
			last = s.End
		}
	})
}
