package clean

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func readPage(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPages runs pages written for these tests (not real articles) in
// other layouts and languages, as text copied from a browser and as HTML.
func TestPages(t *testing.T) {
	c := newCleaner()
	tests := []pageCase{
		{
			file: "tr-haber-metro.txt", title: "İzmir'de yeni metro hattı için ilk kazma vuruldu",
			date: "2023-03-12T10:30", authors: []string{"Elif Yıldız"}, minutes: 3, lang: "tr",
			body: []string{"temel atma törenini dün gerçekleştirdi.", "kısaltacağını vurguluyor."},
			furniture: []string{"Ana Sayfa", "çerez", "Kabul et", "Reklam", "Fotoğraf", "Anadolu Ajansı", "Paylaş", "WhatsApp",
				"İlgili Haberler", "otobüs ücretlerine", "tramvay", "hakları saklıdır"},
		},
		{
			file: "de-stadtwerke.txt", title: "Stadtwerke planen großen Solarpark am Stadtrand",
			date: "2023-03-03T14:20", authors: []string{"Anna Schmidt", "Jonas Weber"}, minutes: 4, lang: "de",
			headings: []string{"Kritik vom Naturschutzbund"},
			body:     []string{"einer der größten Solarparks der Region entstehen.", "zu einer Informationsveranstaltung einladen."},
			furniture: []string{"Zum Inhalt springen", "Startseite", "Anmelden", "Anzeige", "Bild: dpa", "Newsletter", "Teilen",
				"Ähnliche Artikel", "Windkraft", "Kommentare", "Rechte vorbehalten", "Lesezeit"},
		},
		{
			file: "fr-bibliotheque.txt", title: "La bibliothèque municipale rouvre après deux ans de travaux",
			date: "2024-01-12T09:15", authors: []string{"Claire Dubois"}, minutes: 3, lang: "fr",
			body: []string{"devant plusieurs centaines de lecteurs.", "encore rare dans les bibliothèques françaises."},
			furniture: []string{"Aller au contenu", "Rechercher", "Se connecter", "À lire aussi", "musée des beaux-arts", "Abonnez-vous",
				"Partager", "conservatoire", "droits réservés"},
		},
		{
			file: "es-mercado.txt", title: "El mercado central celebra su centenario con una gran fiesta popular",
			date: "2023-04-05", authors: []string{"María López"}, lang: "es", headings: []string{"Un siglo de historia"},
			body:      []string{"degustaciones para los vecinos.", "antes del verano."},
			furniture: []string{"Ir al contenido", "Portada", "Buscar", "Publicidad", "Compartir", "Noticias relacionadas", "biblioteca del barrio", "derechos reservados"},
		},
		{
			file: "hy-kamurj.txt", title: "Գյումրիում բացվել է վերակառուցված կամուրջը",
			date: "2023-05-12", authors: []string{"Արամ Պետրոսյան"}, section: "Հասարակություն", lang: "hy",
			body:      []string{"վերակառուցվում էր մեկուկես տարի։", "կվերանորոգվեն նաև հարակից փողոցները։"},
			furniture: []string{"Գլխավոր", "Որոնում", "Կիսվել", "Կարդացեք նաև", "զբոսայգի", "իրավունքները"},
		},
		{
			file: "ar-mustashfa.txt", title: "افتتاح مستشفى جديد للأطفال في المدينة",
			date: "2023-03-12", authors: []string{"أحمد علي"}, lang: "ar",
			body:      []string{"ووحدة متخصصة لحديثي الولادة.", "بتوفير عدد كاف من الأطباء المتخصصين."},
			furniture: []string{"الرئيسية", "بحث", "إعلان", "مشاركة", "اقرأ أيضا", "مدرسة جديدة", "الحقوق محفوظة"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Direction != pipeline.RightToLeft {
					t.Errorf("direction = %q, want rtl", doc.Meta.Direction)
				}
			},
		},
		{
			file: "en-harbour-festival.txt", title: "Harbour festival returns after three-year break",
			date: "2023-05-03T18:45:00+01:00", authors: []string{"Tom Harris", "Priya Shah"}, section: "Culture", minutes: 6, lang: "en",
			headings: []string{"What is new this year", "Getting there"},
			body:     []string{"more than forty thousand visitors over three days.", "one big open-air kitchen,", "throughout the weekend."},
			furniture: []string{"Skip to content", "Sign in", "cookie", "Accept all", "Advertisement", "Photo: Harbour Trust", "Boats moored",
				"Sign up", "newsletter", "inbox", "Share this article", "Most read", "cycle lanes", "Jane Cole", "Comments"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if lead := "Thousands expected as the waterfront fills with boats, bands and food stalls."; firstText(doc) != lead || doc.Meta.Standfirst != "" {
					t.Errorf("lead = %q, standfirst = %q, want the lead as the first paragraph", firstText(doc), doc.Meta.Standfirst)
				}
			},
		},
		{
			file: "fa-baran.txt", foreign: "A single wet spring", title: "بارش‌های بهاری سطح سدهای تهران را افزایش داد",
			date: "2023-04-04", authors: []string{"مریم احمدی"}, section: "محیط زیست", minutes: 6, lang: "fa",
			body:      []string{"بالاترین سطح در سه سال اخیر رساند.", "ابراز خوشحالی کرده‌اند."},
			furniture: []string{"صفحه اصلی", "جستجو", "اشتراک گذاری", "مطالب مرتبط", "سیلاب", "حقوق این سایت"},
			check: func(t *testing.T, doc *pipeline.Document) {
				found := false
				for _, b := range doc.Blocks {
					if strings.Contains(b.Text, "A single wet spring") {
						found = true
						if b.Lang != "en" {
							t.Errorf("English quote in a Persian article has Lang %q, want en", b.Lang)
						}
					} else if b.Lang != "" {
						t.Errorf("block %q has Lang %q, want none", b.Text, b.Lang)
					}
				}
				if !found {
					t.Error("English quote missing")
				}
			},
		},
		{
			file: "az-kitabxana.txt", title: "Bakıda yeni uşaq kitabxanası açılıb",
			date: "2023-04-03T15:10", authors: []string{"Nigar Həsənova"}, section: "Mədəniyyət", minutes: 2, lang: "az",
			body:      []string{"yeni kitabxana istifadəyə verilib.", "birgə maliyyəsi ilə həyata keçirilib."},
			furniture: []string{"Əsas səhifə", "Axtar", "Şəkil", "APA", "Paylaş", "Bu mövzuda", "Gəncədə", "hüquqlar"},
		},
		{
			file: "en-riverside.html", title: "Riverside bridge to close for six months of repairs",
			date: "2023-06-14T08:30:00+01:00", authors: []string{"Laura Bennett"}, section: "Local News", minutes: 4, lang: "en",
			headings: []string{"Diversions in place", "What the repairs involve"},
			body:     []string{"engineers repair its supports.", "on a temporary walkway for most of the closure, the council added."},
			furniture: []string{"cookies", "Accept all", "Privacy policy", "Home", "Search", "Facebook", "Share this article",
				"Related stories", "parking charges", "lifts out of order", "potholes", "All rights reserved", "Terms of use", "dataLayer", "position:fixed"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Outlet != "The Valley Courier" {
					t.Errorf("outlet = %q", doc.Meta.Outlet)
				}
				if doc.Meta.Standfirst != "Engineers found corrosion in the supports of the 80-year-old crossing." {
					t.Errorf("standfirst = %q", doc.Meta.Standfirst)
				}
				var kinds []pipeline.BlockKind
				for _, b := range doc.Blocks {
					kinds = append(kinds, b.Kind)
					if b.Kind == pipeline.List && len(b.Items) != 3 {
						t.Errorf("list items = %q", b.Items)
					}
					if b.Kind == pipeline.Quote && !strings.HasPrefix(b.Items[0], "We know this will be disruptive") {
						t.Errorf("quote items = %q", b.Items)
					}
				}
				if !slices.Contains(kinds, pipeline.Quote) || !slices.Contains(kinds, pipeline.List) {
					t.Errorf("block kinds = %v, want a quote and a list", kinds)
				}
			},
		},
		{
			file: "ru-teatr.html", title: "Драмтеатр откроет сезон премьерой по Чехову",
			date: "2023-09-01T12:00:00+03:00", authors: []string{"Ольга Смирнова"}, section: "Культура", lang: "ru",
			headings:  []string{"Билеты уже в продаже"},
			body:      []string{"«Три сестры»", "гастрольный спектакль из соседнего региона."},
			furniture: []string{"Главная", "Поиск", "Реклама", "Подписывайтесь", "Читайте также", "Филармония", "кинотеатр", "Все права защищены", "Автор:"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Outlet != "Северные вести" {
					t.Errorf("outlet = %q", doc.Meta.Outlet)
				}
			},
		},
		{
			file: "de-malformed.html", title: "Neue Fähre verbindet die Inseln",
			date: "2023-07-20", authors: []string{"Petra Lang"}, lang: "de",
			body:      []string{"zwanzig Fahrräder befördern kann.", "Die neue Verbindung braucht nur noch vierzig Minuten.", "dankte den Beschäftigten der Werft"},
			furniture: []string{"Startseite", "Anzeige", "Teilen", "Lesen Sie auch", "Landstromanlage", "Inselbahn", "Rechte vorbehalten"},
		},
		{
			file: "fa-madrese.html", title: "بازسازی صدها مدرسه فرسوده در استان کرمان آغاز شد",
			date: "2023-10-08T09:00:00+03:30", authors: []string{"علی رضایی"}, minutes: 3, lang: "fa",
			headings:  []string{"مشارکت خیران"},
			body:      []string{"تا پایان سال تحصیلی به پایان برسد.", "تا آموزش آن‌ها متوقف نشود."},
			furniture: []string{"صفحه اصلی", "جستجو", "نویسنده:", "زمان مطالعه", "اشتراک گذاری", "مطالب مرتبط", "دانشگاه جدید", "حقوق این سایت"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Direction != pipeline.RightToLeft {
					t.Errorf("direction = %q, want rtl", doc.Meta.Direction)
				}
			},
		},
		{
			// The template declares English; the text is Persian.
			file: "fa-wrong-lang.html", title: "بازسازی صدها مدرسه فرسوده در استان کرمان آغاز شد",
			date: "2023-10-08T09:00:00+03:30", authors: []string{"علی رضایی"}, minutes: 3, lang: "fa",
			headings: []string{"مشارکت خیران"},
			body:     []string{"تا پایان سال تحصیلی به پایان برسد."},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Direction != pipeline.RightToLeft {
					t.Errorf("direction = %q, want rtl", doc.Meta.Direction)
				}
			},
		},
		{
			file: "es-museo.html", title: "El museo de ciencias amplía su sala de astronomía",
			date: "2024-02-10T17:45:00+01:00", authors: []string{"Javier Ortega"}, lang: "es",
			headings:  []string{"Visitas escolares"},
			body:      []string{"una colección de meteoritos.", "más de ciento veinte mil personas."},
			furniture: []string{"cookies", "Aceptar", "Portada", "Buscar", "Publicidad", "Compartir", "Noticias relacionadas", "jardín botánico", "Comentarios", "buena noticia", "derechos reservados"},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Standfirst == "" {
					t.Error("description not kept as standfirst")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { checkPage(t, c, "pages", tt) })
	}
}

// A pageCase says what a test page must come out as.
type pageCase struct {
	file       string
	title      string
	date       string // ISO form; "" when the page gives none
	authors    []string
	section    string // checked when not ""
	minutes    int
	lang       string
	outlet     string // checked when not ""
	standfirst string // checked when not ""
	headings   []string
	paragraphs int      // paragraph blocks, checked when not 0
	body       []string // sentences that must be there, once
	furniture  []string // must be nowhere
	foreign    string   // the one block allowed a language of its own
	check      func(t *testing.T, doc *pipeline.Document)
}

// checkPage cleans testdata/dir/tt.file, as HTML or text by its name,
// and compares the result with tt.
func firstText(doc *pipeline.Document) string {
	if len(doc.Blocks) == 0 {
		return ""
	}
	return doc.Blocks[0].Text
}

func checkPage(t *testing.T, c *Cleaner, dir string, tt pageCase) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, tt.file))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	var doc *pipeline.Document
	if strings.HasSuffix(tt.file, ".html") {
		doc, err = c.HTML(context.Background(), page, tt.file)
	} else {
		doc, err = c.Text(context.Background(), page, tt.file)
	}
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Title != tt.title {
		t.Errorf("title = %q, want %q", m.Title, tt.title)
	}
	gotDate := ""
	if m.Published != nil {
		gotDate = m.Published.String()
	}
	if gotDate != tt.date {
		t.Errorf("published = %q, want %q", gotDate, tt.date)
	}
	if !slices.Equal(m.Authors, tt.authors) {
		t.Errorf("authors = %q, want %q", m.Authors, tt.authors)
	}
	if tt.section != "" && m.Section != tt.section {
		t.Errorf("section = %q, want %q", m.Section, tt.section)
	}
	if m.ReadingTime != tt.minutes {
		t.Errorf("reading time = %d, want %d", m.ReadingTime, tt.minutes)
	}
	if m.Language != tt.lang {
		t.Errorf("language = %q, want %q", m.Language, tt.lang)
	}
	if tt.outlet != "" && m.Outlet != tt.outlet {
		t.Errorf("outlet = %q, want %q", m.Outlet, tt.outlet)
	}
	// The lead is article text: the first paragraph, or the standfirst
	// when the body lacks it (a description no line of the page shows).
	leadInBody := tt.standfirst != "" && len(doc.Blocks) > 0 && doc.Blocks[0].Text == tt.standfirst
	if tt.standfirst != "" && m.Standfirst != tt.standfirst && !leadInBody {
		t.Errorf("lead = %q (first block %q), want %q", m.Standfirst, firstText(doc), tt.standfirst)
	}
	if leadInBody && m.Standfirst != "" {
		t.Errorf("standfirst %q given with the lead in the body: exporters would print it twice", m.Standfirst)
	}
	var headings []string
	paragraphs := 0
	if leadInBody {
		paragraphs-- // counted as the lead
	}
	for _, b := range doc.Blocks {
		switch b.Kind {
		case pipeline.Heading:
			headings = append(headings, b.Text)
		case pipeline.Paragraph:
			paragraphs++
		}
	}
	if !slices.Equal(headings, tt.headings) {
		t.Errorf("headings = %q, want %q", headings, tt.headings)
	}
	if tt.paragraphs != 0 && paragraphs != tt.paragraphs {
		t.Errorf("%d paragraphs, want %d", paragraphs, tt.paragraphs)
	}
	text := allText(doc)
	for _, s := range tt.body {
		if n := strings.Count(text, s); n != 1 {
			t.Errorf("body sentence %q appears %d times, want once", s, n)
		}
	}
	for _, f := range tt.furniture {
		if strings.Contains(text, f) {
			t.Errorf("furniture %q left in the article", f)
		}
	}
	for _, b := range doc.Blocks {
		if b.Lang != "" && (tt.foreign == "" || !strings.Contains(b.Text+strings.Join(b.Items, " "), tt.foreign)) {
			t.Errorf("block %q marked %q in a %q article", b.Text+strings.Join(b.Items, " "), b.Lang, m.Language)
		}
	}
	if tt.check != nil {
		tt.check(t, doc)
	}
	if t.Failed() {
		for _, b := range doc.Blocks {
			t.Logf("%s: %s%s", b.Kind, b.Text, strings.Join(b.Items, " / "))
		}
	}
}
