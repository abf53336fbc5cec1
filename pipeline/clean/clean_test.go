package clean

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/langid"
)

var update = flag.Bool("update", false, "rewrite golden files")

const samplesDir = "../../testdata/articles"

// samples are the project's shared article scrapes.
var samples = []string{
	"iranwire-2022-11-22-azerbaijan-spy-network.txt",
	"az-dtx-2022-11-14.txt",
	"ru-sgb-2022-11-14.txt",
	"fa-iranwire-2022-11-15.txt",
	"en-eurasia-2022-11-16.txt",
}

func newCleaner() *Cleaner { return New(langid.New()) }

func readSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func cleanSample(t *testing.T, c *Cleaner, name string) *pipeline.Document {
	t.Helper()
	doc, err := c.Text(context.Background(), readSample(t, name), name)
	if err != nil {
		t.Fatalf("Text(%s): %v", name, err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	c := newCleaner()
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			doc := cleanSample(t, c, name)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline/clean -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; review with -update and git diff\ngot:\n%s", name, got)
			}
		})
	}
}

// allText is every piece of text a document carries, for absence checks.
func allText(doc *pipeline.Document) string {
	var sb strings.Builder
	m := doc.Meta
	for _, s := range append([]string{m.Title, m.Standfirst, m.Section}, m.Authors...) {
		sb.WriteString(s)
		sb.WriteByte('\n')
	}
	for _, b := range doc.Blocks {
		sb.WriteString(b.Text)
		sb.WriteByte('\n')
		sb.WriteString(b.Attribution)
		sb.WriteByte('\n')
		for _, it := range b.Items {
			sb.WriteString(it)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func count(haystack, needle string) int { return strings.Count(haystack, needle) }

func TestSeedArticle(t *testing.T) {
	doc := cleanSample(t, newCleaner(), samples[0])
	m := doc.Meta
	if m.Title != "Azerbaijan Exposes Alleged Iranian Spy Network" {
		t.Errorf("title = %q", m.Title)
	}
	if m.Published == nil || m.Published.String() != "2022-11-22" {
		t.Errorf("published = %v, want 2022-11-22", m.Published)
	}
	if !slices.Equal(m.Authors, []string{"Ebrahim Ramezani"}) {
		t.Errorf("authors = %q", m.Authors)
	}
	if m.Section != "Politics" {
		t.Errorf("section = %q, want Politics", m.Section)
	}
	if m.ReadingTime != 5 {
		t.Errorf("reading time = %d, want 5", m.ReadingTime)
	}
	if m.Language != "en" || m.Direction != pipeline.LeftToRight {
		t.Errorf("language = %q %q, want en ltr", m.Language, m.Direction)
	}
	if m.Outlet != "iranwire" || m.Source != samples[0] {
		t.Errorf("outlet, source = %q, %q", m.Outlet, m.Source)
	}
	text := allText(doc)
	lead := "announced last week it had busted an Iranian spy network"
	if n := count(text, lead); n != 1 {
		t.Errorf("lead appears %d times, want once", n)
	}
	if n := count(text, "At least two of the suspects had received religious training in Iran"); n != 1 {
		t.Errorf("second lead sentence appears %d times, want once", n)
	}
	var headings []string
	var quote *pipeline.Block
	for i, b := range doc.Blocks {
		switch b.Kind {
		case pipeline.Heading:
			headings = append(headings, b.Text)
			if b.Level != 2 {
				t.Errorf("heading %q level %d, want 2", b.Text, b.Level)
			}
		case pipeline.Quote:
			quote = &doc.Blocks[i]
		}
	}
	if want := []string{"Iran using Religious Schools to Recruit Spies", "Tensions on the Rise"}; !slices.Equal(headings, want) {
		t.Errorf("headings = %q, want %q", headings, want)
	}
	if quote == nil {
		t.Fatal("no quote block for the Bloomberg excerpt")
	}
	if quote.Attribution != "Bloomberg" {
		t.Errorf("quote attribution = %q, want Bloomberg", quote.Attribution)
	}
	if len(quote.Items) != 6 || !strings.HasPrefix(quote.Items[0], "The statement comes as anti-government protests") {
		t.Errorf("quote items = %q", quote.Items)
	}
	for _, b := range doc.Blocks {
		if b.Kind == pipeline.Paragraph && strings.Contains(b.Text, "Islamic Revolutionary Guards Corps last month") {
			t.Error("Bloomberg paragraph left in the body")
		}
	}
	if !strings.Contains(text, "extend their gas-for-electricity swap deal.") {
		t.Error("last paragraph (gas-for-electricity swap) missing")
	}
	for _, furniture := range []string{"close button", "Switch to Iranwire Light", "trouble loading the content",
		"visit the accountability section", "accountability page", "comments", "Iranian Footballers Refuse", "Akhtar Safi", "Sports"} {
		if strings.Contains(text, furniture) {
			t.Errorf("furniture %q left in the article", furniture)
		}
	}
}

func TestCorpusArticles(t *testing.T) {
	c := newCleaner()
	tests := []struct {
		file, title, date, lang string
		dir                     pipeline.Direction
		authors                 []string
		minutes                 int
		first, last             string
		furniture               []string
	}{
		{
			file: "az-dtx-2022-11-14.txt", title: "DTX İran xüsusi xidmət orqanları üçün casusluq edən şəxsləri saxlayıb",
			date: "2022-11-14T11:42", lang: "az", dir: pipeline.LeftToRight, authors: []string{"Redaksiya"},
			first: "Dövlət Təhlükəsizlik Xidməti (DTX) İran İslam Respublikasının", last: "İstintaq davam etdirilir.",
			furniture: []string{"Əsas səhifə", "Axtar", "Paylaş", "Facebook", "Telegram", "Oxşar xəbərlər", "Zəfər Günü", "hüquqlar"},
		},
		{
			file: "ru-sgb-2022-11-14.txt", title: "СГБ Азербайджана задержала граждан, сотрудничавших с иранскими спецслужбами",
			date: "2022-11-14T13:05", lang: "ru", dir: pipeline.LeftToRight, authors: []string{"Лейла Мамедова"}, minutes: 3,
			first: "Служба государственной безопасности (СГБ) Азербайджана", last: "«предательством».",
			furniture: []string{"Главная", "Экономика", "В мире", "Подписывайтесь", "Читайте также", "торговый коридор", "Время чтения"},
		},
		{
			file: "fa-iranwire-2022-11-15.txt", title: "جمهوری آذربایجان از کشف شبکه جاسوسی ایران خبر داد",
			date: "2022-11-15", lang: "fa", dir: pipeline.RightToLeft, authors: []string{"ابراهیم رمضانی"}, minutes: 4,
			first: "سرویس امنیت دولتی جمهوری آذربایجان", last: "«خیانت» خوانده بود.",
			furniture: []string{"صفحه اصلی", "نظرات", "بخش پاسخگویی", "زمان مطالعه"},
		},
		{
			file: "en-eurasia-2022-11-16.txt", title: "Azerbaijan arrests five over alleged Iranian espionage",
			date: "2022-11-16", lang: "en", dir: pipeline.LeftToRight, authors: []string{"Staff Reporter"},
			first: "Azerbaijan's security service says five citizens", last: "summoned Azerbaijan's ambassador in response.",
			furniture: []string{"Skip to main content", "Subscribe", "Menu", "Related stories", "Pashinyan meets Raisi", "Share this article", "Newsletter"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := cleanSample(t, c, tt.file)
			m := doc.Meta
			if m.Title != tt.title {
				t.Errorf("title = %q, want %q", m.Title, tt.title)
			}
			if m.Published == nil || m.Published.String() != tt.date {
				t.Errorf("published = %v, want %s", m.Published, tt.date)
			}
			if !slices.Equal(m.Authors, tt.authors) {
				t.Errorf("authors = %q, want %q", m.Authors, tt.authors)
			}
			if m.ReadingTime != tt.minutes {
				t.Errorf("reading time = %d, want %d", m.ReadingTime, tt.minutes)
			}
			if m.Language != tt.lang || m.Direction != tt.dir {
				t.Errorf("language = %q %q, want %q %q", m.Language, m.Direction, tt.lang, tt.dir)
			}
			text := allText(doc)
			if count(text, tt.first) != 1 {
				t.Errorf("first paragraph %q appears %d times, want once", tt.first, count(text, tt.first))
			}
			if !strings.HasSuffix(strings.TrimSpace(doc.Blocks[len(doc.Blocks)-1].Text), tt.last) {
				t.Errorf("last block = %q, want it to end %q", doc.Blocks[len(doc.Blocks)-1].Text, tt.last)
			}
			for _, f := range tt.furniture {
				if strings.Contains(text, f) {
					t.Errorf("furniture %q left in the article", f)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	c := newCleaner()
	ctx := context.Background()
	tests := []struct {
		name  string
		text  string
		html  bool
		want  error
		named string
	}{
		{"empty text", "", false, pipeline.ErrEmpty, "blank.txt"},
		{"whitespace text", " \n\t \n", false, pipeline.ErrEmpty, "blank.txt"},
		{"menus only", "Home\nNews\nSearch\nSubscribe\nSign in\n© 2023 Example News\n", false, pipeline.ErrNoBody, "menus.txt"},
		{"furniture in many languages", "Главная\nПоиск\nƏsas səhifə\nAxtar\nصفحه اصلی\nRelated stories\nComments\n", false, pipeline.ErrNoBody, "menus.txt"},
		{"empty html", "   ", true, pipeline.ErrEmpty, "blank.html"},
		{"html menus only", readPage(t, "tr-menu-only.html"), true, pipeline.ErrNoBody, "tr-menu-only.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.html {
				_, err = c.HTML(ctx, tt.text, tt.named)
			} else {
				_, err = c.Text(ctx, tt.text, tt.named)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), tt.named) {
				t.Errorf("error %q names the input %q: the caller adds that", err, tt.named)
			}
		})
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newCleaner().Text(ctx, readSample(t, samples[0]), samples[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func TestPackageFunctions(t *testing.T) {
	doc, err := Text(context.Background(), readSample(t, samples[4]), samples[4])
	if err != nil || doc.Meta.Title == "" {
		t.Fatalf("Text: %v, %+v", err, doc)
	}
	doc, err = HTML(context.Background(), readPage(t, "en-riverside.html"), "en-riverside.html")
	if err != nil || doc.Meta.Title == "" {
		t.Fatalf("HTML: %v, %+v", err, doc)
	}
}

func TestOutletFromSource(t *testing.T) {
	tests := []struct{ name, source, want string }{
		{"seed file name", "iranwire-2022-11-22-azerbaijan-spy-network.txt", "iranwire"},
		{"language prefix", "testdata/articles/fa-iranwire-2022-11-15.txt", "iranwire"},
		{"url host", "https://www.iranwire.com/en/politics/110330/", "iranwire.com"},
		{"url without www", "http://news.example.org/a/b", "news.example.org"},
		{"plain file name", "article.txt", ""},
		{"no date after name", "notes-draft.txt", ""},
		{"windows path", `C:\scrapes\eurasia-2022-11-16.txt`, "eurasia"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outletFromSource(tt.source); got != tt.want {
				t.Errorf("outletFromSource(%q) = %q, want %q", tt.source, got, tt.want)
			}
		})
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
	}{
		{"english", "5 min read", 5},
		{"english long", "Reading time: 12 minutes", 12},
		{"russian", "Время чтения: 3 мин", 3},
		{"persian digits", "زمان مطالعه: ۴ دقیقه", 4},
		{"azerbaijani", "Oxuma müddəti: 2 dəq", 2},
		{"turkish", "Okuma süresi: 3 dk", 3},
		{"german", "Lesezeit: 4 Min.", 4},
		{"french", "Temps de lecture : 3 min", 3},
		{"spanish", "Lectura: 5 minutos", 5},
		{"armenian", "Ընթերցման ժամանակը՝ 4 րոպե", 4},
		{"portuguese", "Tempo de leitura: 2 minutos", 2},
		{"italian", "Tempo di lettura: 6 minuti", 6},
		{"dutch", "Leestijd 3 minuten", 3},
		{"polish", "Czas czytania: 4 min", 4},
		{"czech", "Doba čtení: 5 minut", 5},
		{"ukrainian", "Час читання: 3 хв", 3},
		{"sentence", "He said the 5 minute read of the report took an hour to digest and discuss with the whole team.", 0},
		{"no number", "min read", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := readingMinutes(tt.in)
			if got != tt.want {
				t.Errorf("readingMinutes(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"english", "By Staff Reporter", []string{"Staff Reporter"}},
		{"two english", "By Tom Harris and Priya Shah", []string{"Tom Harris", "Priya Shah"}},
		{"azerbaijani", "Müəllif: Redaksiya", []string{"Redaksiya"}},
		{"russian", "Автор: Лейла Мамедова", []string{"Лейла Мамедова"}},
		{"persian", "نویسنده: ابراهیم رمضانی", []string{"ابراهیم رمضانی"}},
		{"german pair", "Von Anna Schmidt und Jonas Weber", []string{"Anna Schmidt", "Jonas Weber"}},
		{"armenian", "Հեղինակ՝ Արամ Պետրոսյան", []string{"Արամ Պետրոսյան"}},
		{"sentence starting with by", "By the end of the week, more than forty people had been detained in the capital.", nil},
		{"word starting with by", "Bystanders filmed the arrest", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := bylineNames(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("bylineNames(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRepeatedLeadSplitAcrossLines checks the dedupe rule on its own: a
// lead printed as two short lines and then whole is kept once, whole.
func TestRepeatedLeadSplitAcrossLines(t *testing.T) {
	page := strings.Join([]string{
		"Harbour authority fines shipping firm over oil spill",
		"16 May 2023",
		"The harbour authority fined a shipping company on Tuesday over an oil spill near the northern pier",
		"The company said it would appeal and blamed a faulty valve on one of its tankers",
		"The harbour authority fined a shipping company on Tuesday over an oil spill near the northern pier. The company said it would appeal and blamed a faulty valve on one of its tankers.",
		"Clean-up crews worked through the night to contain the slick before it reached the beaches south of the town.",
		"The harbour authority fined a shipping company on Tuesday over an oil spill near the northern pier. The company said it would appeal and blamed a faulty valve on one of its tankers.",
	}, "\n")
	doc, err := newCleaner().Text(context.Background(), page, "harbour.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 2 {
		t.Fatalf("got %d blocks, want the lead once and the clean-up paragraph: %+v", len(doc.Blocks), doc.Blocks)
	}
	if !strings.HasSuffix(doc.Blocks[0].Text, "one of its tankers.") {
		t.Errorf("kept lead %q, want the whole paragraph", doc.Blocks[0].Text)
	}
}
