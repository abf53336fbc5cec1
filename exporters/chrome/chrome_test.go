package chrome

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// TestCatalogsComplete checks that every language translates every key,
// with no key it does not know, and that every message prints without a
// formatting error for the numbers a briefing meets.
func TestCatalogsComplete(t *testing.T) {
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	for _, l := range languages {
		for _, k := range keys {
			if _, ok := l.table[k]; !ok {
				t.Errorf("%s: no translation of %q", l.tag, k)
			}
		}
		for k := range l.table {
			if !known[k] {
				t.Errorf("%s: %q is not a key", l.tag, k)
			}
		}
		loc := New(l.tag.String())
		if loc.Tag() != l.tag.String() {
			t.Errorf("New(%q).Tag() = %q", l.tag, loc.Tag())
		}
		for _, k := range keys {
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 1000} {
				got := loc.T(k, argsFor(k, n)...)
				if strings.Contains(got, "%!") || strings.TrimSpace(got) == "" && k != ListSep {
					t.Errorf("%s: T(%q, %d) = %q", l.tag, k, n, got)
				}
			}
		}
	}
}

// argsFor returns arguments fitting key's verbs, n for the numbers.
func argsFor(key string, n int) []any {
	switch {
	case key == NotTranslated:
		return []any{"ARG1", "ARG2", "ARG3"}
	case key == LabelValue || key == TranslatedBy:
		return []any{"ARG1", "ARG2"}
	case strings.Contains(key, "%[2]s"):
		return []any{n, "ARG2"}
	case strings.Contains(key, "%s"):
		return []any{"ARG1"}
	case strings.Count(key, "%d") == 2:
		return []any{n, n}
	case strings.Contains(key, "%d"):
		return []any{n}
	}
	return nil
}

func TestPlurals(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 article"},
		{"en", 2, "2 articles"},
		{"es", 1, "1 artículo"},
		{"es", 5, "5 artículos"},
		{"ru", 1, "1 статья"},
		{"ru", 3, "3 статьи"},
		{"ru", 5, "5 статей"},
		{"ru", 21, "21 статья"},
		{"ru", 1000, "1\u00a0000 статей"},
		{"uk", 22, "22 статті"},
		{"fa", 5, "۵ مقاله"},
		{"ar", 2, "مقالتان"},
		{"ar", 5, "5 مقالات"},
		{"ar", 11, "11 مقالة"},
		{"hy", 3, "3 հոդված"},
		{"xx", 2, "2 articles"}, // no catalog: English
		{"es-MX", 2, "2 artículos"},
		{"ckb", 2, "2 articles"},     // not Arabic, though the matcher finds it close
		{"az-Arab", 2, "2 articles"}, // the catalog is Latin-script Azerbaijani
	} {
		if got := New(tc.lang).T(ArticleCount, tc.n); got != tc.want {
			t.Errorf("%s: %d articles = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	day := *pipeline.Day(2022, 11, 22)
	minute := pipeline.Date{Time: time.Date(2022, 11, 14, 13, 5, 0, 0, time.UTC), Precision: pipeline.MinutePrecision}
	zoned := pipeline.Date{Time: time.Date(2022, 11, 14, 13, 5, 0, 0, time.FixedZone("", 4*3600)), Precision: pipeline.ZonedPrecision}
	for _, tc := range []struct {
		name, lang string
		d          pipeline.Date
		want       string
	}{
		{"english day", "en", day, "November 22, 2022"},
		{"spanish day", "es", day, "22 de noviembre de 2022"},
		{"german day", "de", day, "22. November 2022"},
		{"russian day, genitive month", "ru", day, "22 ноября 2022\u202fг."},
		{"ukrainian day", "uk", day, "22 листопада 2022\u202fр."},
		{"turkish day", "tr", day, "22 Kasım 2022"},
		{"azerbaijani day", "az", day, "22 noyabr 2022"},
		{"persian day, solar hijri, persian digits", "fa", day, "۱ آذر ۱۴۰۱"},
		// CLDR 47's ar: likely region EG, Gregorian, Latin digits.
		{"arabic day, gregorian, latin digits", "ar", day, "22 نوفمبر 2022"},
		{"armenian day", "hy", day, "22 նոյեմբերի, 2022 թ."},
		{"spanish minute", "es", minute, "14 de noviembre de 2022, 13:05"},
		{"english minute", "en", minute, "November 14, 2022, 1:05\u202fPM"},
		{"russian zoned", "ru", zoned, "14 ноября 2022\u202fг., 13:05 GMT+04:00"},
		{"persian zoned", "fa", zoned, "۲۳ آبان ۱۴۰۱، ساعت ۱۳:۰۵ \u200e+۰۴:۰۰ گرینویچ"},
	} {
		if got := New(tc.lang).Date(tc.d); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSourceName(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unix path", "/home/ana/corpus/az-dtx-2022-11-14.txt", "az-dtx-2022-11-14.txt"},
		{"relative path", "testdata/articles/en.txt", "en.txt"},
		{"windows path", `C:\Users\ana\corpus\fa.html`, "fa.html"},
		{"file url", "file:///home/ana/x.html", "x.html"},
		{"web url", "https://iranwire.com/en/politics/x/", "https://iranwire.com/en/politics/x/"},
		{"credentials dropped", "https://ana:secret@example.com/a", "https://example.com/a"},
		{"standard input", "-", ""},
		{"blank", "  ", ""},
	} {
		if got := SourceName(tc.src); got != tc.want {
			t.Errorf("%s: SourceName(%q) = %q, want %q", tc.name, tc.src, got, tc.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	doc := func(lang string, original bool, to string) *pipeline.Document {
		d := &pipeline.Document{Meta: pipeline.Meta{Language: lang}}
		if original {
			d.Meta.Original = &pipeline.Original{Language: "en"}
		}
		if to != "" {
			d.Trail = []pipeline.Provenance{{To: to, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", lang, to)}}}
		}
		return d
	}
	for _, tc := range []struct {
		name string
		b    exporters.Briefing
		want string
	}{
		{"set by the caller", exporters.Briefing{Language: "de", Documents: []*pipeline.Document{doc("es", true, "")}}, "de"},
		{"translated beats untranslated", exporters.Briefing{Documents: []*pipeline.Document{
			doc("az", false, ""), doc("ru", false, ""), doc("es", true, "")}}, "es"},
		{"target of a failed translation", exporters.Briefing{Documents: []*pipeline.Document{doc("ru", false, "es")}}, "es"},
		{"not translating: most frequent", exporters.Briefing{Documents: []*pipeline.Document{
			doc("az", false, ""), doc("fa", false, ""), doc("fa", false, "")}}, "fa"},
		{"not translating: tie to the first", exporters.Briefing{Documents: []*pipeline.Document{
			doc("ru", false, ""), doc("fa", false, "")}}, "ru"},
	} {
		if got := Language(&tc.b); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestFlag(t *testing.T) {
	for _, tc := range []struct {
		lang string
		flag pipeline.Flag
		want string
	}{
		{"es", pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "ru", "es"), "sin traducir: apertium no tiene el par ru→es"},
		{"ru", pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov"), "потеряно защищённое имя: Zahir Askarov"},
		{"en", pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov"), "protected name lost: Zahir Askarov"},
		{"fa", pipeline.NewFlag(pipeline.FlagMentionDropped, "Qom"), "نام در ترجمه پیدا نشد: Qom"},
		{"de", pipeline.NewFlag(pipeline.FlagUntranslated), "von der Maschine unübersetzt zurückgegeben"},
		{"fr", pipeline.NewFlag(pipeline.FlagUntranslated, "deepl: 456 quota exceeded"), "non traduit\u00a0: deepl: 456 quota exceeded"},
		{"uk", pipeline.NewFlag(pipeline.FlagLengthRatio), "переклад набагато коротший або довший за оригінал"},
		{"es", pipeline.NewFlag(pipeline.FlagNote, "something else"), "something else"},
		{"es", pipeline.NewFlag("some-new-check", "x"), "some-new-check: x"},
	} {
		if got := New(tc.lang).Flag(tc.flag); got != tc.want {
			t.Errorf("%s: Flag(%v) = %q, want %q", tc.lang, tc.flag, got, tc.want)
		}
	}
}

// TestFlagWordedInEveryLanguage checks that each flag code the translate
// stage makes reads in every catalog language, not in English.
func TestFlagWordedInEveryLanguage(t *testing.T) {
	flags := []pipeline.Flag{
		pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "ru", "es"),
		pipeline.NewFlag(pipeline.FlagNameLost, "X"),
		pipeline.NewFlag(pipeline.FlagMentionDropped, "X"),
		pipeline.NewFlag(pipeline.FlagUntranslated),
		pipeline.NewFlag(pipeline.FlagUntranslated, "cause"),
		pipeline.NewFlag(pipeline.FlagLengthRatio),
	}
	en := New("en")
	for _, tag := range supported()[1:] {
		loc := New(tag.String())
		for _, f := range flags {
			if got := loc.Flag(f); got == en.Flag(f) || got == f.String() {
				t.Errorf("%s: Flag(%v) = %q, in English", tag, f, got)
			}
		}
	}
}

// TestPersianDate checks the Solar Hijri conversion against dates Iran's
// calendar fixes: new years (Nowruz) either side of leap years, the last
// day of a leap Esfand, and well-known days.
func TestPersianDate(t *testing.T) {
	for _, tc := range []struct {
		name       string
		y          int
		m          time.Month
		d          int
		py, pm, pd int
	}{
		{"nowruz 1401", 2022, 3, 21, 1401, 1, 1},
		{"nowruz 1402", 2023, 3, 21, 1402, 1, 1},
		{"nowruz 1403, after a leap Esfand's start", 2024, 3, 20, 1403, 1, 1},
		{"30 esfand 1403, leap", 2025, 3, 20, 1403, 12, 30},
		{"nowruz 1404", 2025, 3, 21, 1404, 1, 1},
		{"29 esfand 1404, common", 2026, 3, 20, 1404, 12, 29},
		{"nowruz 1405", 2026, 3, 21, 1405, 1, 1},
		{"24 aban 1401", 2022, 11, 15, 1401, 8, 24},
		{"1 mehr 1401, first 30-day month", 2022, 9, 23, 1401, 7, 1},
		{"31 shahrivar 1401", 2022, 9, 22, 1401, 6, 31},
		{"22 bahman 1357, the revolution", 1979, 2, 11, 1357, 11, 22},
		{"1 dey 1399", 2020, 12, 21, 1399, 10, 1},
	} {
		py, pm, pd := persianDate(tc.y, tc.m, tc.d)
		if py != tc.py || pm != tc.pm || pd != tc.pd {
			t.Errorf("%s: %d-%02d-%02d → %d/%d/%d, want %d/%d/%d", tc.name, tc.y, tc.m, tc.d, py, pm, pd, tc.py, tc.pm, tc.pd)
		}
	}
	// Day after day, the date moves by one through a whole 33-year cycle.
	py, pm, pd := persianDate(1990, 1, 1)
	for day := time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC); day.Year() < 2024; day = day.AddDate(0, 0, 1) {
		y, m, d := persianDate(day.Year(), day.Month(), day.Day())
		next := d == pd+1 && m == pm && y == py ||
			d == 1 && m == pm+1 && y == py && pd >= 29 ||
			d == 1 && m == 1 && y == py+1 && pm == 12
		if !next {
			t.Fatalf("%s: %d/%d/%d follows %d/%d/%d", day.Format(time.DateOnly), y, m, d, py, pm, pd)
		}
		py, pm, pd = y, m, d
	}
}

func TestTitle(t *testing.T) {
	doc := func(lang string, y, m, d int) *pipeline.Document {
		return &pipeline.Document{Meta: pipeline.Meta{Title: "x", Language: lang, Published: pipeline.Day(y, time.Month(m), d)}}
	}
	for _, tc := range []struct {
		name string
		docs []*pipeline.Document
		want string
	}{
		{"spanish range", []*pipeline.Document{doc("es", 2022, 11, 22), doc("es", 2022, 11, 14)},
			"Resumen de prensa: 2 artículos, 14 de noviembre de 2022\u2009–\u200922 de noviembre de 2022"},
		{"persian range", []*pipeline.Document{doc("fa", 2022, 11, 15), doc("fa", 2022, 11, 14)},
			"گزیدهٔ مطبوعات: ۲ مقاله، ۲۳ آبان ۱۴۰۱ تا ۲۴ آبان ۱۴۰۱"},
		{"one day", []*pipeline.Document{doc("ru", 2022, 11, 14), doc("ru", 2022, 11, 14)},
			"Обзор прессы: 2 статьи, 14 ноября 2022\u202fг."},
		{"one article", []*pipeline.Document{doc("en", 2022, 11, 14)}, "x"},
	} {
		if got := Title(&exporters.Briefing{Documents: tc.docs}); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestConcurrentLocales builds locales and prints from many goroutines:
// the catalog is built once, on first use (run with -race).
func TestConcurrentLocales(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := languages[i%len(languages)].tag.String()
			loc := New(l)
			if got := loc.T(ArticleCount, 2); got == "" {
				t.Errorf("%s: empty message", l)
			}
			_ = loc.Date(*pipeline.Day(2022, 11, 22))
		}()
	}
	wg.Wait()
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 7, "7"}, {"en", 1234, "1,234"}, {"fa", 12, "۱۲"}, {"fa", 1234, "۱٬۲۳۴"},
		{"ar", 12, "12"}, {"ru", 12345, "12\u00a0345"}, {"de", 1234, "1.234"},
	} {
		if got := New(tc.lang).Number(tc.n); got != tc.want {
			t.Errorf("%s: Number(%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}
