package clean

import "testing"

// TestHeldOutPages runs pages written after the rules for TestUnseenPages
// were settled, to measure how the rules carry over to layouts they were
// not fitted to: AP and agency datelines, a magazine kicker, "Haberin
// Devamı" breaks, BBC Persian captions, a blog, Armenian text that ends
// its sentences with a colon.
func TestHeldOutPages(t *testing.T) {
	c := newCleaner()
	tests := []pageCase{
		{
			file: "en-ap-wire.txt", title: "Caspian states agree to joint plan for protecting sturgeon",
			date: "2022-11-14T16:12:00Z", authors: []string{"MARY SMITH", "OMAR KHAN"}, lang: "en", paragraphs: 5,
			body: []string{"ASTRAKHAN, Russia (AP) — The five countries", "tracking illegal catches of caviar.",
				"block the fish from their spawning grounds.", "nothing left to protect,”", "over the next decade."},
			furniture: []string{"ADVERTISEMENT", "contributed to this report", "covers environment", "twitter", "mailto", "Share"},
		},
		{
			file: "ru-lenta.txt", title: "В Байкале нашли новый вид рачков", date: "2022-11-14T14:05", section: "Наука и техника",
			lang: "ru", paragraphs: 4,
			body: []string{"ранее неизвестный науке вид рачков-бокоплавов.", "в международном зоологическом журнале.",
				"опускаются на дно озера.", "не встречаются больше нигде в мире."},
			furniture: []string{"Фото", "РИА Новости", "Материалы по теме", "Байкальская нерпа", "14 октября", "Что думаешь",
				"Ссылки по теме", "нерп", "Поделиться"},
		},
		{
			file: "az-apa.txt", title: "Naxçıvanda yeni günəş elektrik stansiyası tikiləcək", date: "2022-11-14T13:05:00+04:00",
			lang: "az", paragraphs: 4,
			body:      []string{"tikintisinə başlanılacaq.", "həyata keçiriləcək.", "istehsal edəcəyi gözlənilir.", "fəaliyyət göstərir."},
			furniture: []string{"Xəbər lenti", "Ən çox oxunanlar", "hava kəskin", "buz bağlayacaq", "APA Group"},
		},
		{
			file: "fa-bbc.txt", title: "بازگشایی بزرگ‌ترین بازار سرپوشیده تبریز پس از مرمت", date: "2022-11-14", lang: "fa", paragraphs: 4,
			body: []string{"به روی بازدیدکنندگان و کسبه باز شد.", "مجموعه‌های بازار سرپوشیده در جهان است.",
				"بخش‌هایی از بازار را بازسازی کرده‌اند.", "از بهار سال آینده آغاز خواهد شد."},
			furniture: []string{"پرش به محتوا", "منبع تصویر", "Getty", "توضیح تصویر", "خبرهای مرتبط", "ارگ بم", "فرش"},
		},
		{
			file: "de-magazin.txt", title: "Füchse erobern die Berliner Innenstadt",
			standfirst: "Immer mehr Füchse leben mitten in der Hauptstadt. Forscher wollen herausfinden, warum sie sich dort so wohlfühlen.",
			date:       "2022-11-14T13:05", authors: []string{"Max Muster"}, lang: "de", paragraphs: 3,
			body:      []string{"mitten in dicht bebauten Wohngebieten.", "durch die Stadt zu verfolgen.", "als Verbindungswege nutzen."},
			furniture: []string{"Merkliste", "Link kopieren", "Wildtiere in der Stadt", "Diskutieren Sie mit", "Mehr zum Thema", "Waschbären"},
		},
		{
			file: "tr-haber.txt", title: "İzmir'de tarihi hamam restore edilerek kültür merkezine dönüştürüldü", date: "2022-11-14T13:05",
			lang: "tr", paragraphs: 4,
			body: []string{"kültür merkezi olarak hizmete açıldı.", "korunarak güçlendirildi.", "atölyeleri düzenlenecek.",
				"planlandığını açıkladı."},
			furniture: []string{"Son Güncelleme", "Haberin Devamı", "Google News", "Etiketler", "\nRestorasyon\n"},
		},
		{
			file: "en-blog.html", title: "Why our town library is keeping its card catalogue", date: "2022-11-14T13:05:00Z",
			authors: []string{"Ruth Miles"}, lang: "en", paragraphs: 4,
			body: []string{"would be thrown away.", "for every book that arrives.", "never made it into the computer system.",
				"from a retired schoolteacher."},
			furniture: []string{"Posted on", "Tags", "libraries", "thoughts on", "Lovely piece", "Leave a Reply", "Proudly powered", "Archive"},
		},
		{
			file: "hy-armenpress.html", title: "Սյունիքում կառուցվում է նոր ջրամբար", date: "2022-11-14T13:05", lang: "hy", paragraphs: 3,
			body: []string{"ԵՐԵՎԱՆ, 14 ՆՈՅԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ: Սյունիքի մարզում", "կավարտվի 2025 թվականին:",
				"ջրի պակասը մարզի գյուղերում:"},
			furniture: []string{"Գլխավոր", "Կիսվել", "Այլ նորություններ", "թանգարան"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { checkPage(t, c, "heldout", tt) })
	}
}
