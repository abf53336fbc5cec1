package clean

import (
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// TestUnseenPages runs a second set of pages written for these tests (not
// real articles), in layouts the rules were not written against: wire
// datelines, agency furniture, live blogs, pull quotes, tables of
// contents, paywalls, relative dates, JSON-LD, charsets, a long read, a
// brief and a page with no furniture at all.
func TestUnseenPages(t *testing.T) {
	c := newCleaner()
	rtl := func(t *testing.T, doc *pipeline.Document) {
		if doc.Meta.Direction != pipeline.RightToLeft {
			t.Errorf("direction = %q, want rtl", doc.Meta.Direction)
		}
	}
	tests := []pageCase{
		{
			file: "en-wire-baku.txt", title: "Azerbaijan and Georgia agree to expand Black Sea rail freight",
			date: "2022-11-14T15:05:00+04:00", authors: []string{"Jane Doe", "John Roe"}, section: "World", lang: "en", paragraphs: 6,
			body: []string{"BAKU, Nov 14 (Reuters) - Azerbaijan and Georgia agreed on Monday", "on the 500-km route by the end of 2024.",
				`"This corridor is no longer a project on paper`, "according to data from the Azerbaijani railway operator.",
				"financed partly by loans from international development banks.", "once the upgrade is complete."},
			furniture: []string{"Skip to main content", "Exclusive news", "My News", "Register", "Updated 2 hours ago", "Advertisement",
				"Scroll to continue", "Report ad", "Reporting by", "Editing by", "Our Standards", "Trust Principles", "Licensing Rights",
				"Read Next", "Kazakh grain", "Turkish lira", "min ago"},
		},
		{
			file: "ru-agency.txt", title: "В Казани открылся крупнейший в регионе логистический центр",
			date: "2022-11-14T13:05", authors: []string{"Иван Петров", "Мария Сидорова"}, section: "Экономика", lang: "ru", paragraphs: 5,
			body: []string{"Новый складской комплекс площадью", "около 1,5 тысячи рабочих мест.", "почти вдвое.", "— заявил министр.",
				"производитель бытовой техники."},
			furniture: []string{"Лента новостей", "Главная", "Политика", "Войти", "Опубликовано", "Обновлено", "Поделиться", "Фото:", "ТАСС",
				"Реклама", "Теги", "Логистика", "Инвестиции", "ВКонтакте", "Комментарии", "Олег Волков", "Наконец-то", "Читайте также", "Нижнем Новгороде"},
		},
		{
			file: "az-xeber.txt", title: "Sumqayıtda yeni alüminium zavodu istifadəyə verilib",
			date: "2022-11-14T13:05", section: "İqtisadiyyat", lang: "az", paragraphs: 5,
			body: []string{"alüminium profil zavodu fəaliyyətə başlayıb.", "Bu barədə İqtisadiyyat Nazirliyindən məlumat verilib.",
				"işlə təmin olunacaq.", "bazarlarına ixrac ediləcək.", "açılması planlaşdırılır."},
			furniture: []string{"Əsas səhifə", "Siyasət", "AZ | RU", "Yenilənib", "Oxunub", "1234", "Foto", "Reklam", "Paylaş", "WhatsApp",
				"Digər xəbərlər", "Gəncədə", "Mingəçevirdə", "hüquqlar"},
		},
		{
			file: "fa-khabargozari.txt", title: "افتتاح نخستین نیروگاه خورشیدی بزرگ در استان یزد",
			date: "2022-11-14T13:05", section: "اقتصادی", lang: "fa", check: rtl,
			body: []string{"با حضور وزیر نیرو به بهره‌برداری رسید.", "حدود ۶۰ هزار خانوار را تأمین می‌کند.", "نه یک انتخاب.»",
				"بخش خصوصی تأمین شده است.", "سمنان راه‌اندازی شود."},
			furniture: []string{"صفحه اصلی", "سیاسی", "جستجو", "کد خبر", "۱۲۳۴۵۶", "عکس", "ایرنا", "تبلیغات", "انتهای پیام", "برچسب",
				"وزارت نیرو", "اشتراک گذاری", "لینک کوتاه", "https://", "نظرات", "ارسال نظر", "اخبار مرتبط", "افزایش مصرف برق"},
		},
		{
			file: "hy-kayan.txt", title: "Երևանում բացվել է նոր ավտոբուսային կայան",
			date: "2022-11-14T13:05", authors: []string{"Անի Սարգսյան"}, section: "Տնտեսություն", lang: "hy", paragraphs: 4,
			body: []string{"միջքաղաքային երթուղիները։", "քաղաքային բյուջեից։", "կենտրոնական փողոցները։", "լիցքավորման կետեր։"},
			furniture: []string{"Գլխավոր", "Լուրեր", "Որոնում", "Լուսանկարը", "Արմենպրես", "Կարդալ նաև", "Գյումրիում", "Կիսվել", "Facebook",
				"Սևանի", "փակվում", "իրավունքները"},
		},
		{
			file: "tr-gar.txt", title: "Ankara'da yeni hızlı tren garı hizmete açıldı",
			standfirst: "Başkentte inşa edilen yeni hızlı tren garı, günlük 50 bin yolcu kapasitesiyle hizmete girdi.",
			date:       "2022-11-14T13:05", authors: []string{"Haber Merkezi"}, section: "Ekonomi", lang: "tr", paragraphs: 4,
			body: []string{"Ankara'nın batısında yer alıyor.", "alışveriş alanları bulunuyor.", "azaltacağını söyledi.", "tamamlanması planlanıyor."},
			furniture: []string{"Ana Sayfa", "Gündem", "Giriş", "Güncelleme", "Paylaş", "Fotoğraf", "ABONE OL", "Etiketler", "Ulaşım",
				"İlgili Haberler", "İstanbul'da metro", "Konya", "Yorumlar"},
		},
		{
			file: "de-hafen.txt", title: "Hafen Hamburg meldet Rekordumschlag bei Containern",
			date: "2022-11-14T13:05", authors: []string{"Anna Beispiel", "Lukas Muster"}, section: "Wirtschaft", lang: "de", paragraphs: 4,
			body: []string{"wie nie zuvor in diesem Zeitraum.", "knapp 7 Millionen Standardcontainer.", "leicht gesunken.", "vor steigenden Energiekosten."},
			furniture: []string{"Zum Inhalt", "Startseite", "Panorama", "Anmelden", "Stand:", "Anzeige", "Foto: dpa", "Mehr zum Thema",
				"Elbvertiefung", "Hafenarbeiter streiken", "Containerriese", "Dieses Thema im Programm", "NDR Info", "Schlagwörter"},
		},
		{
			file: "fr-port.txt", title: "Le port de Marseille inaugure un terminal pour les navires électriques",
			standfirst: "Les bateaux de croisière pourront désormais se brancher au réseau électrique pendant leurs escales.",
			date:       "2022-11-14T13:05", authors: []string{"Jean Dupont", "Marie Martin"}, section: "Économie", minutes: 3, lang: "fr", paragraphs: 4,
			body: []string{"une première en Méditerranée.", "pour les quartiers voisins.", "lors de la cérémonie.", "financé en partie par l'Union européenne."},
			furniture: []string{"Aller au contenu", "Accueil", "Se connecter", "S'abonner", "Publié le", "Temps de Lecture", "Partager", "Lire aussi",
				"pollution des navires inquiète", "Article réservé", "Il vous reste", "réservée aux abonnés", "Déjà abonné", "trafic de croisière"},
		},
		{
			file: "es-carril.txt", title: "Valencia estrena un carril bici que une el puerto con el centro histórico",
			standfirst: "El nuevo trazado, de ocho kilómetros, atraviesa cinco barrios de la ciudad",
			date:       "2022-11-14T13:05:00+01:00", authors: []string{"Lucía Fernández"}, section: "Sociedad", lang: "es", paragraphs: 4,
			body: []string{"con el centro histórico de la ciudad.", "más de 300 árboles.", "durante las horas punta.", "plazas de aparcamiento."},
			furniture: []string{"Ir al contenido", "Portada", "Suscríbete", "Iniciar sesión", "Actualizado", "Publicidad", "Te puede interesar",
				"Madrid amplía", "Ciudad de Valencia", "Bicicletas", "\nMovilidad\n", "Sevilla", "Comentarios"},
		},
		{
			file: "ar-tahliya.txt", title: "افتتاح أكبر محطة لتحلية المياه في المنطقة",
			date: "2022-11-14T13:05", authors: []string{"محمد حسن"}, section: "اقتصاد", lang: "ar", paragraphs: 4, check: rtl,
			body: []string{"نصف مليون متر مكعب يوميا.", "في المدن الساحلية.", "عدد من الشركات الدولية.", "النقص المتزايد في المياه."},
			furniture: []string{"الرئيسية", "سياسة", "بحث", "كتب:", "الصورة", "وكالة الأنباء", "اقرأ أيضا", "ارتفاع أسعار الوقود", "إعلان",
				"شارك", "فيسبوك", "واتساب", "مهرجان الخريف", "البطالة", "الحقوق محفوظة"},
		},
		{
			file: "en-liveblog.txt", title: "Election night live: results from across the country",
			date: "2022-11-14T23:40:00Z", authors: []string{"Sam Carter", "Priya Nair", "Tom Lee"}, lang: "en",
			headings: []string{"Turnout reached 64%, the highest in two decades", "Polls close in the capital", "Opposition leader casts her vote"},
			body: []string{"with long queues reported in several northern towns.", "could arrive within two hours.",
				"a tradition that dates back decades.", `"quietly confident" about the outcome.`, "as they come in through the night."},
			furniture: []string{"Skip to main content", "Key events", "Show key events", "JavaScript", "\nShare\n", "Advertisement", "Most viewed", "Storm warning"},
		},
		{
			file: "en-lighthouse.txt", title: "The last lighthouse keepers of the northern isles",
			standfirst: "For a century, families kept the lamps burning on remote rocks. A handful of them still remember the work.",
			date:       "2022-11-14", authors: []string{"Helen Moss"}, section: "Features", minutes: 12, lang: "en", paragraphs: 7,
			body: []string{"Margaret Flett was nine years old", "the family moved to the mainland.", "sent to the meteorological office each month.",
				"rented out to holidaymakers.", "when her grandchildren visit.", "I don't think people understand that now.”",
				"Part of you was always listening for the engine.", "It was a life, not a job"},
			furniture: []string{"Subscribe", "Sign in", "Photographs by", "holiday let", "Photo:", "Kirkwall", "Advertisement",
				"This article appeared", "More from Features", "seaweed"},
		},
		{
			file: "en-bakery.txt", title: "Bakery chain to open 20 new shops and hire 300 staff",
			date: "2022-11-14T09:30", authors: []string{"Mark Ellis"}, section: "Business", lang: "en", paragraphs: 4,
			body: []string{"creating about 300 jobs.", "beyond its home county.", `"simply unaffordable".`, "on an industrial estate outside the city."},
			furniture: []string{"CityWire", "Opinion", "2 hours ago", "Share", "Save", "Business reporter", "Related Topics", "Small business",
				"Jobs", "Published:", "More on this story", "Supermarkets"},
		},
		{
			file: "en-explainer-toc.txt", title: "What is a carbon border tax and how will it work?",
			date: "2022-11-14", authors: []string{"Olivia Grant"}, section: "Explainers", lang: "en", paragraphs: 6,
			headings: []string{"What is a carbon border tax?", "Which goods are covered?", "When does it start?", "What do critics say?"},
			body: []string{"Here is what we know about the plan.", "weaker climate rules.", "could be added later.", "when the charge is phased in.",
				"World Trade Organization.", "on an equal footing."},
			furniture: []string{"Contents", "Advertisement", "Last updated", "Share this explainer", "Read more explainers", "windfall"},
		},
		{
			file: "en-paywall.txt", title: "Shipping group warns of slowdown as freight rates slide",
			standfirst: "Container line cuts profit forecast after a sharp fall in demand from Europe",
			date:       "2022-11-14", authors: []string{"Anna Kowalski"}, section: "Companies", lang: "en", paragraphs: 2,
			body: []string{"had weakened sharply in recent months.", "by more than half since the summer."},
			furniture: []string{"Subscribe", "limit of free articles", "unlimited access", "$1 for 4 weeks", "$69 per month", "Cancel anytime",
				"Already a subscriber", "Explore our full range"},
		},
		{
			file: "en-plain.txt", title: "Volunteers restore a village pond", lang: "en", paragraphs: 7,
			body: []string{"slowly silting up for years.", "found in the shallows.", "The parish council paid for a digger to remove the silt.",
				"a farmer lent a trailer to carry away the rubbish.", `"We want it to be that again."`, "Work resumes in March.",
				"put up a bench and an information board."},
			check: func(t *testing.T, doc *pipeline.Document) {
				if doc.Meta.Standfirst != "" {
					t.Errorf("standfirst = %q, want none", doc.Meta.Standfirst)
				}
			},
		},
		{
			file: "en-brief.txt", title: "Earthquake shakes eastern Turkey", date: "2022-11-14T08:12", section: "World", lang: "en", paragraphs: 2,
			body:      []string{"There were no immediate reports of casualties.", "some residents spent the night outdoors."},
			furniture: []string{"Share"},
		},
		{
			file: "en-long-canal.txt", title: "The canal that built a city, and the people fighting to save it",
			standfirst: "Two centuries after the first barges arrived, the old waterway is crumbling. Its fate will say a lot about what the city values.",
			date:       "2022-11-12T07:00:00Z", authors: []string{"Ruth Okafor"}, section: "Long Read", lang: "en", paragraphs: 54,
			headings: []string{"Beginnings", "Boom years", "Decline", "Revival", "Cracks", "Money", "Voices", "What next"},
			body: []string{"The first barge reached the city basin on a wet morning", "It has, at present, about a tenth of that.",
				"The practice, known as legging, continued until a steam tug was introduced in the 1870s.",
				`"We need a new generation," he said. "We are all getting old together."`,
				"past the stone with the names of the men who dug the tunnel."},
			furniture: []string{"Menu", "Search", "\nShare\n", "Facebook", "Most viewed", "Rail strikes"},
		},
		{
			file: "en-jsonld-museum.html", title: "Museum returns carved panels to village church after 90 years",
			standfirst: "The oak panels were removed for safekeeping in 1933 and never went back.",
			date:       "2022-11-14T10:15:00Z", authors: []string{"Emma Clarke", "David Okonjo"}, section: "Heritage", lang: "en",
			outlet: "Eastern Daily Record", paragraphs: 5,
			body: []string{"almost ninety years after they left.", "were never collected.", "whether it wanted them back.",
				"remembered their parents talking about them.", "the north aisle."},
			furniture: []string{"cookie", "Accept all", "Home", "What's On", "Share", "Facebook", "Advertisement", "unpacked at the church",
				"Read more", "Medieval coins", "Topics", "Churches", "Most read", "Bypass plan", "Comments", "HistoryFan77", "Wonderful news",
				"About time too", "All rights reserved", "Privacy policy"},
		},
		{
			file: "ru-time-most.html", title: "В Самаре откроют пешеходный мост через Волгу",
			date: "2022-11-14T13:05:00+04:00", authors: []string{"Анна Кузнецова"}, lang: "ru", paragraphs: 5,
			body: []string{"соединит набережную с островом на Волге.", "к лету 2024 года.", "областного и федерального бюджетов.",
				"— отметил глава города.", "пройдут в декабре."},
			furniture: []string{"Главная", "Поиск", "Просмотры", "Текст:", "Так будет выглядеть мост", "пресс-служба администрации", "Реклама",
				"Фото", "ТАСС", "Теги", "благоустройство", "Поделиться", "ВКонтакте", "Комментарии", "Сергей", "Давно пора", "Читайте также",
				"фонари", "При использовании"},
		},
		{
			file: "az-charset.html", title: "Şəkidə tarixi karvansara bərpa olunur", date: "2022-11-14T13:05", lang: "az",
			outlet: "Şimal Xəbər", paragraphs: 5,
			body: []string{"Yuxarı karvansarada bərpa işlərinə başlanılıb.", "daş döşəmə yenilənəcək.", "Bərpa işlərinin iki il davam edəcəyi gözlənilir.",
				"turisti cəlb edir.", "yerləşdirilməsi planlaşdırılır."},
			furniture: []string{"Əsas səhifə", "Axtar", "Oxunub", "1234", "Yenilənib", "Reklam", "Foto", "Paylaş", "Digər xəbərlər", "Qəbələdə",
				"Lənkəranda", "istinad"},
		},
		{
			file: "fa-agency.html", title: "آغاز ساخت بزرگ‌ترین کتابخانه عمومی شیراز", date: "2022-11-14T13:05", lang: "fa", check: rtl,
			body: []string{"با ظرفیت ۵۰۰ هزار جلد کتاب در شیراز آغاز شد.", "تا سه سال آینده به بهره‌برداری خواهد رسید.",
				"بخش ویژه کودکان و نوجوانان نیز خواهد داشت.»", "کمک‌های مردمی تأمین می‌شود."},
			furniture: []string{"صفحه اصلی", "جستجو", "کد خبر", "۱۲۳۴۵۶", "عکس", "انتهای پیام", "برچسب", "اشتراک گذاری", "تلگرام",
				"اخبار مرتبط", "فرهنگسرای", "کلیه حقوق"},
		},
		{
			file: "en-plain.html", title: "Orchard harvest festival draws record crowd", lang: "en", paragraphs: 5,
			body: []string{"since the event began in 2009.", "how to graft young trees from volunteers.", "Organisers said the warm weather helped.",
				"had almost disappeared.", "made from its own fruit."},
		},
		{
			file: "en-live.html", title: "Storm Ava live: power cuts and flooding as winds reach 90mph",
			date: "2022-11-14T06:00:00Z", authors: []string{"Lucy Hart"}, lang: "en", outlet: "The Coastal Times",
			headings: []string{"Coastal road closed after wall collapse", "Trains cancelled across the north", "Yellow warning extended"},
			body: []string{"No one was injured.", "because of fallen trees on the line.", "expect long delays.", "as quickly as it is safe to do so.",
				"on exposed coasts this evening.", "winds of up to 90mph to the coast overnight.", "Trains cancelled across the north", "Yellow warning extended"},
			furniture: []string{"Home", "Key events", "Advertisement", "Share this page", "Facebook", "Updated 11:20"},
		},
		{
			file: "hy-news.html", title: "Դիլիջանում կկառուցվի նոր դպրոց", date: "2022-11-14T13:05:00+04:00",
			authors: []string{"Լիլիթ Հովհաննիսյան"}, lang: "hy", paragraphs: 4,
			body: []string{"հայտնում են մարզպետարանից։", "կավարտվեն երկու տարում։", "միջազգային կազմակերպությունների աջակցությամբ։",
				"բացօթյա խաղահրապարակ։"},
			furniture: []string{"Գլխավոր", "Որոնում", "Կարդալ նաև", "Վանաձորում", "Կիսվել", "Facebook", "իրավունքները"},
		},
		{
			file: "ar-jsonld.html", title: "إطلاق أول قطار كهربائي بين العاصمة والميناء", date: "2022-11-14T13:05:00+03:00",
			authors: []string{"سارة إبراهيم"}, lang: "ar", paragraphs: 3, check: rtl,
			body:      []string{"في رحلة تستغرق أقل من ساعة.", "خلال ساعات الليل.", "على مدى أربع سنوات."},
			furniture: []string{"الرئيسية", "بحث", "بقلم", "اقرأ أيضا", "ارتفاع حركة الشحن", "إعلان", "شارك", "فيسبوك", "جسر جديد", "الحقوق محفوظة"},
		},
		{
			file: "tr-og.html", title: "Bursa'da yeni botanik bahçesi ziyarete açıldı", standfirst: "Bahçede 2 bini aşkın bitki türü sergileniyor.",
			date: "2022-11-14T13:05", authors: []string{"Ayşe Demir"}, lang: "tr", outlet: "Marmara Postası", paragraphs: 3,
			body: []string{"ziyaretçilere kapılarını açtı.", "eğitim alanları bulunuyor.", "ücretsiz olarak ziyaret edilebileceğini açıkladı."},
			furniture: []string{"Ana Sayfa", "Gündem", "Arama", "Güncelleme", "Paylaş", "WhatsApp", "Fotoğraf", "İHA", "İlgili Haberler", "Uludağ",
				"süs havuzu", "hakları saklıdır"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { checkPage(t, c, "unseen", tt) })
	}
}
