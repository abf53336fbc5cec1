package names

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestBylines(t *testing.T) {
	tests := []struct {
		name, lang string
		authors    []string
		want       string
	}{
		{"english name", "en", []string{"Ebrahim Ramezani"}, "Ebrahim Ramezani=ebrahim_ramezani/person"},
		{"persian name", "fa", []string{"ابراهیم رمضانی"}, "ابراهیم رمضانی=*/person"},
		{"a role", "en", []string{"Staff Reporter"}, ""},
		{"azerbaijani desk", "az", []string{"Redaksiya"}, ""},
		{"russian desk", "ru", []string{"Редакция"}, ""},
		{"agency", "en", []string{"Reuters"}, ""},
		{"persian agency", "fa", []string{"خبرگزاری فارس"}, ""},
		{"two authors", "ru", []string{"Лейла Мамедова и Иван Петров"}, "Лейла Мамедова=leyla_mamedova/person, Иван Петров=ivan_petrov/person"},
		{"name and bureau", "en", []string{"Akhtar Safi, Tehran Bureau"}, "Akhtar Safi=akhtar_safi/person"},
		{"lower-case words are no name", "en", []string{"the editors"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("a.txt", tc.lang, "Nothing here.")
			d.Meta.Authors = tc.authors
			apply(t, Options{}, d)
			got := mentions(d)
			if strings.Contains(tc.want, "=*/") {
				got = anyID.ReplaceAllString(got, "=*/")
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			for _, m := range d.Mentions {
				if m.Block != pipeline.MetaBlock || m.Item != pipeline.AuthorItem(0) {
					t.Errorf("%q at %+v, want the first author", m.Text, m.Ref)
				}
			}
		})
	}
}

func TestTitleAndStandfirst(t *testing.T) {
	d := doc("a.txt", "en", "The agency named Zahir Askarov, a ship captain, on Monday.")
	d.Meta.Title = "Azerbaijan Arrests Zahir Askarov Over Alleged Spying"
	d.Meta.Standfirst = "Officials said Askarov was recruited in Qom."
	apply(t, Options{}, d)
	var got []string
	for _, m := range d.Mentions {
		got = append(got, fmt.Sprintf("%d/%d %s=%s", m.Block, m.Item, m.Text, m.Entity))
	}
	want := "[-1/0 Zahir Askarov=zahir_askarov -1/1 Askarov=zahir_askarov -1/1 Qom=qom 0/0 Zahir Askarov=zahir_askarov]"
	if fmt.Sprint(got) != want {
		t.Errorf("got  %v\nwant %s", got, want)
	}
}

// The sources split on word order and spelling; the canonical name takes
// the order most sources use and each part's most common Latin spelling,
// partial mentions counted.
func TestCanonicalAcrossSources(t *testing.T) {
	docs := []*pipeline.Document{
		doc("seed.txt", "en", "A man named Jafarzadeh Mirhafiz was listed. It said Mirhafiz was wanted.",
			"The agency named Zahir Askarov. It said Askarov worked as a captain. Askarov denied it.",
			"Another was Bakhtiyar Aghazadh."),
		doc("en.txt", "en", "A fifth man, Mirhafiz Jafarzade, is said to have used Telegram.",
			"Among those named was Zahir Asgarov, a ship captain.", "Bakhtiyar Agazade agreed to work for Iran."),
		doc("az.txt", "az", "Cəfərzadə Mirhafiz haqqında qərar seçilib.", "Kapitan Zahir Əsgərov Qum şəhərində olub.", "Baxtiyar Ağazadə də İrana gedib."),
		doc("ru.txt", "ru", "В отношении Мирхафиза Джафарзаде избрана мера.", "Капитан Захир Аскеров был завербован.", "Бахтияр Агазаде согласился."),
		doc("fa.txt", "fa", "میرحافظ جعفرزاده نیز از طریق تلگرام اطلاعاتی ارسال کرده است.", "به گفته این نهاد، ظاهر عسگراف ناخدای کشتی بوده است.", "بختیار آقازاده نیز به ایران رفته است."),
	}
	apply(t, Options{}, docs...)
	got := map[string]bool{}
	for _, e := range BuildIndex(docs).Entities {
		got[e.Canonical] = true
	}
	for _, want := range []string{"Mirhafiz Jafarzadeh", "Zahir Askarov", "Bakhtiyar Aghazadeh"} {
		if !got[want] {
			t.Errorf("no entity %q; got %v", want, got)
		}
	}
}

func TestRewriteKeepsFound(t *testing.T) {
	a := doc("a.txt", "en", "The agency named Zahir Askarov. It said Askarov worked as a captain. Askarov denied it. Askarov’s lawyer spoke. Then Askarov left.")
	b := doc("b.txt", "en", "Among those named was Zahir Asgarov, a ship captain. Asgarov studied in Qom.")
	b.Meta.Title = "Zahir Asgarov Held"
	c := doc("c.txt", "az", "Kapitan Zahir Əsgərov Qum şəhərində olub.")
	docs := []*pipeline.Document{a, b, c}
	apply(t, Options{CanonicalNames: true}, docs...)
	if got, want := b.Blocks[0].Text, "Among those named was Zahir Askarov, a ship captain. Askarov studied in Qom."; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := b.Meta.Title, "Zahir Askarov Held"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := mentions(b); strings.HasPrefix(got, "offsets") {
		t.Error(got)
	}
	for _, m := range b.Mentions {
		if m.Found == "" || !strings.Contains(m.Found, "Asgarov") && m.Kind == KindPerson {
			t.Errorf("mention %q: Found %q, want the source's spelling", m.Text, m.Found)
		}
	}
	var variants []string
	for _, e := range BuildIndex(docs).Entities {
		if e.Kind == KindPerson {
			for _, v := range e.Variants {
				variants = append(variants, fmt.Sprintf("%s×%d", v.Text, v.Count))
			}
		}
	}
	if got, want := strings.Join(variants, " "), "Askarov×4 Zahir Asgarov×2 Asgarov×1 Zahir Askarov×1 Zahir Əsgərov×1"; got != want {
		t.Errorf("variants %s, want %s", got, want)
	}
}

func TestNameForm(t *testing.T) {
	form := NameForm(nil)
	tests := []struct {
		name string
		m    pipeline.Mention
		want string
	}{
		{"full name", pipeline.Mention{Text: "Zahir Asgarov", Entity: "z", Canonical: "Zahir Askarov"}, "Zahir Askarov"},
		{"surname only", pipeline.Mention{Text: "Asgarov", Entity: "z", Canonical: "Zahir Askarov"}, "Askarov"},
		{"given name only", pipeline.Mention{Text: "Mirhafiz", Entity: "m", Canonical: "Mirhafiz Jafarzadeh"}, "Mirhafiz"},
		{"surname in another script", pipeline.Mention{Text: "Аскеров", Entity: "z", Canonical: "Zahir Askarov"}, "Askarov"},
		{"unresolved", pipeline.Mention{Text: "Rasulov", Unresolved: true}, "Rasulov"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := form(tc.m, "es"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
