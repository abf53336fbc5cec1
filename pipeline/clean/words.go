package clean

import "strings"

// The word lists below are read-only tables: the vocabulary of page
// furniture and dates in the languages dossier meets. Keys are lower case.

type monthName struct {
	month      int
	solarHijri bool
}

// monthNames maps month names, their case forms and abbreviations to
// month numbers.
var monthNames = buildMonths(map[int]string{
	// English; Azerbaijani; Russian (nominative, genitive, prepositional,
	// abbreviations); Ukrainian; Turkish; German; French; Spanish; Armenian
	// (nominative, genitive); Persian and Arabic Gregorian names.
	1:  "january jan yanvar январь января январе янв січень січня ocak oca januar jänner janvier janv enero ene հունվար հունվարի ژانویه يناير ینایر gennaio gen janeiro januari styczeń stycznia sty leden ledna იანვარი",
	2:  "february feb fevral февраль февраля феврале фев февр лютий лютого şubat şub februar février fevrier févr fevr febrero փետրվար փետրվարի فوریه فبراير febbraio fevereiro fev februari luty lutego lut únor února თებერვალი",
	3:  "march mar mart март марта марте березень березня märz mär mrz mars marzo մարտ մարտի مارس março maart marzec marca březen března მარტი",
	4:  "april apr aprel апрель апреля апреле апр квітень квітня nisan nis avril avr abril abr ապրիլ ապրիլի آوریل أبريل ابريل إبريل aprile kwiecień kwietnia kwi duben dubna აპრილი",
	5:  "may май мая мае травень травня mayıs mai mayo մայիս մայիսի مه می مايو maggio mag maio mei maj maja květen května მაისი",
	6:  "june jun iyun июнь июня июне июн червень червня haziran haz juni juin junio հունիս հունիսի ژوئن يونيو يونيه giugno giu junho czerwiec czerwca cze červen června ივნისი",
	7:  "july jul iyul июль июля июле июл липень липня temmuz tem juli juillet juil julio հուլիս հուլիսի ژوئیه جولای يوليو يوليه luglio lug julho lipiec lipca lip červenec července ივლისი",
	8:  "august aug avqust август августа августе авг серпень серпня ağustos ağu août aout agosto ago օգոստոս օգոստոսի اوت آگوست أغسطس اغسطس augustus sierpień sierpnia sie srpen srpna აგვისტო",
	9:  "september sep sept sentyabr сентябрь сентября сентябре сен сент вересень вересня eylül eyl septembre septiembre setiembre սեպտեմբեր սեպտեմբերի سپتامبر سبتمبر settembre set setembro wrzesień września wrz září სექტემბერი",
	10: "october oct oktyabr октябрь октября октябре окт жовтень жовтня ekim eki oktober okt octobre octubre հոկտեմբեր հոկտեմբերի اکتبر أكتوبر اكتوبر ottobre ott outubro out październik października paź říjen října ოქტომბერი",
	11: "november nov noyabr ноябрь ноября ноябре ноя нояб листопад листопада kasım kas novembre noviembre նոյեմբեր նոյեմբերի نوامبر نوفمبر novembro listopad listopada lis listopadu ნოემბერი",
	12: "december dec dekabr декабрь декабря декабре дек грудень грудня aralık ara dezember dez décembre decembre déc dec diciembre dic դեկտեմբեր դեկտեմբերի دسامبر ديسمبر dicembre dezembro grudzień grudnia gru prosinec prosince დეკემბერი",
}, map[int]string{
	1: "فروردین", 2: "اردیبهشت", 3: "خرداد", 4: "تیر", 5: "مرداد", 6: "شهریور",
	7: "مهر", 8: "آبان", 9: "آذر", 10: "دی", 11: "بهمن", 12: "اسفند",
})

func buildMonths(gregorian, solarHijri map[int]string) map[string]monthName {
	out := map[string]monthName{}
	for m, names := range gregorian {
		for _, n := range strings.Fields(names) {
			out[n] = monthName{month: m}
		}
	}
	for m, n := range solarHijri {
		out[n] = monthName{month: m, solarHijri: true}
	}
	return out
}

// dateWords may stand in a date line besides the date itself: weekdays,
// ordinal endings, "published", "year" and the like.
var dateWords = wordSet(
	// English
	"on at the of st nd rd th published updated posted last modified am pm first",
	"monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun",
	// Azerbaijani
	"il ili ilin saat tarix dərc edilib yenilənib bazar ertəsi çərşənbə axşamı cümə şənbə",
	// Russian, Ukrainian
	"г год года году в опубликовано обновлено дата публикации понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье р року о",
	"пн вт ср чт пт сб вс",
	// Turkish
	"giriş yayınlanma yayın tarihi güncelleme güncellenme son pazartesi salı çarşamba perşembe cuma cumartesi pazar",
	// German
	"um uhr am veröffentlicht aktualisiert stand montag dienstag mittwoch donnerstag freitag samstag sonntag",
	// French
	"le à h publié mis jour lundi mardi mercredi jeudi vendredi samedi dimanche",
	// Spanish
	"de del a las hs publicado actualizado lunes martes miércoles jueves viernes sábado domingo",
	// Italian, Portuguese, Dutch, Polish, Czech, Ukrainian, Georgian
	"alle ore pubblicato aggiornato lunedì martedì mercoledì giovedì venerdì sabato domenica",
	"às publicado atualizado em segunda terça quarta quinta sexta feira",
	"om gepubliceerd bijgewerkt maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
	"r roku godz opublikowano zaktualizowano poniedziałek wtorek środa czwartek piątek sobota niedziela",
	"v publikováno aktualizováno pondělí úterý středa čtvrtek pátek sobota neděle",
	"опубліковано оновлено понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя",
	"წ გამოქვეყნდა",
	// Armenian
	"թ թվական թվականի ժամը հրապարակված",
	// Persian
	"ساعت تاریخ انتشار منتشر شده در بروزرسانی به‌روزرسانی شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه",
	// Arabic
	"نشر في الساعة تاريخ النشر م آخر تحديث الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت",
)

// zoneNames are time-zone abbreviations with a fixed offset in seconds.
var zoneNames = map[string]int{
	"utc": 0, "gmt": 0, "msk": 3 * 3600, "azt": 4 * 3600, "irst": 3*3600 + 1800,
	"trt": 3 * 3600, "cet": 3600, "cest": 2 * 3600, "eet": 2 * 3600, "eest": 3 * 3600,
	"bst": 3600, "est": -5 * 3600, "edt": -4 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
}

func wordSet(groups ...string) map[string]bool {
	out := map[string]bool{}
	for _, g := range groups {
		for _, w := range strings.Fields(g) {
			out[w] = true
		}
	}
	return out
}

func lineSet(lines ...string) map[string]bool {
	out := map[string]bool{}
	for _, l := range lines {
		out[normalizeKey(l)] = true
	}
	return out
}

// navLines are whole lines that are site chrome: menus, search, language
// switchers, share targets, advertising labels.
var navLines = lineSet(
	"skip to main content", "skip to content", "skip to navigation", "jump to content", "menu", "main menu", "open menu", "close menu",
	"toggle navigation", "navigation", "home", "homepage", "search", "search for", "subscribe", "sign in", "sign up", "log in", "login", "log out",
	"register", "my account", "account", "close", "close button", "back to top", "top", "dark mode", "light mode", "print", "email", "e-mail",
	"copy link", "copy", "link copied", "share", "tweet", "advertisement", "advertising", "ad", "sponsored", "news", "latest", "live",
	"facebook", "twitter", "x", "telegram", "whatsapp", "linkedin", "instagram", "youtube", "tiktok", "reddit", "vk", "vkontakte", "ok", "odnoklassniki",
	"вконтакте", "одноклассники", "дзен", "яндекс.дзен", "mastodon", "threads", "bluesky", "pinterest", "flipboard", "pocket", "viber", "messenger",
	"save", "saved", "bookmark", "report ad", "contents", "table of contents", "in this article", "jump to", "key events", "show key events only",
	"continue reading", "haberin devamı", "devamını oku", "davamını oxu", "weiterlesen", "lire la suite", "seguir leyendo", "читать далее", "ادامه مطلب", "ادامه خبر",
	"text size", "font size", "next story", "previous story", "back", "back to overview", "back to list", "next post", "previous post", "newer post", "older post", "previous article", "toggle",
	"zurück", "zurück zur übersicht", "zur übersicht", "retour", "retour à la liste", "volver", "volver al listado", "indietro", "torna indietro", "voltar", "terug", "terug naar overzicht", "wstecz", "powrót", "zpět",
	"rss", "donate", "support us", "listen", "listen to this article", "play", "watch", "video", "photo", "gallery", "more", "load more", "show more",
	"english", "русский", "azərbaycanca", "azərbaycan", "فارسی", "العربية", "türkçe", "deutsch", "français", "español", "հայերեն", "en", "ru", "az", "fa",
	// Azerbaijani
	"mündəricat", "əsas səhifə", "ana səhifə", "axtar", "axtarış", "menyu", "daxil ol", "qeydiyyat", "paylaş", "xəbərlər", "xəbər lenti", "son xəbərlər", "reklam", "bağla",
	// Russian
	"содержание", "оглавление", "сохранить", "в закладки", "главная", "главная страница", "поиск", "меню", "войти", "вход", "регистрация", "подписаться", "поделиться", "реклама", "закрыть", "новости", "лента новостей", "все новости", "наверх",
	// Persian
	"فهرست", "فهرست مطالب", "ذخیره", "صفحه اصلی", "خانه", "جستجو", "منو", "ورود", "عضویت", "اشتراک", "اشتراک گذاری", "اشتراک‌گذاری", "تبلیغات", "بستن", "اخبار", "آخرین اخبار", "چاپ",
	// Arabic
	"المحتويات", "جدول المحتويات", "حفظ", "الرئيسية", "الصفحة الرئيسية", "بحث", "القائمة", "تسجيل الدخول", "اشترك", "مشاركة", "شارك", "إعلان", "اعلان", "إغلاق", "أخبار", "آخر الأخبار",
	// Turkish
	"içindekiler", "kaydet", "ana sayfa", "anasayfa", "ara", "arama", "menü", "giriş", "giriş yap", "üye ol", "abone ol", "paylaş", "reklam", "kapat", "haberler", "son dakika", "yazdır",
	// German
	"inhalt", "inhaltsverzeichnis", "merken", "startseite", "suche", "menü", "anmelden", "abmelden", "registrieren", "abonnieren", "teilen", "anzeige", "werbung", "schließen", "nachrichten", "drucken", "zum inhalt springen",
	// French
	"sommaire", "sauvegarder", "accueil", "rechercher", "recherche", "connexion", "se connecter", "s'abonner", "partager", "publicité", "fermer", "actualités", "imprimer", "aller au contenu",
	// Spanish
	"índice", "guardar", "inicio", "portada", "buscar", "menú", "iniciar sesión", "suscríbete", "suscribirse", "compartir", "publicidad", "cerrar", "noticias", "imprimir", "ir al contenido",
	// Armenian
	"բովանդակություն", "գլխավոր", "գլխավոր էջ", "որոնում", "որոնել", "մենյու", "մուտք", "կիսվել", "գովազդ", "փակել", "լուրեր", "բոլոր լուրերը",
)

// furniturePhrases mark a line as furniture wherever they occur in a line
// of up to maxFurnitureLine bytes: cookie banners, copyright notices,
// calls to subscribe, loading notices.
var furniturePhrases = []string{
	"we use cookies", "uses cookies", "cookie policy", "cookie settings", "accept cookies", "accept all", "privacy policy", "terms of use", "terms of service",
	"all rights reserved", "trouble loading", "enable javascript", "javascript is disabled", "your browser", "sign up for our", "subscribe to our",
	"follow us on", "join our", "get the latest", "in your inbox", "share this article", "share this story", "share on facebook", "share on twitter",
	"newsletter", "download our app", "click here", "read the full", "listen to this article", "this article is more than",
	"scroll to continue", "continues below", "subscribe here", "this article appeared in", "this story appeared in", "originally published",
	"licensing rights", "opens new tab", "our standards:",
	// Azerbaijani
	"bütün hüquqlar qorunur", "müəllif hüquqları qorunur", "abunə ol", "bizi izləyin", "kukilər", "çərəzlər", "istinad mütləqdir", "istinad zəruridir",
	// Russian
	"все права защищены", "подписывайтесь на", "подпишитесь на", "читайте нас в", "следите за нами", "мы используем cookie", "файлы cookie", "при цитировании", "при использовании материалов",
	// Persian
	"تمامی حقوق", "کلیه حقوق", "همه حقوق", "خبرنامه", "ما را دنبال کنید", "کوکی", "عضو کانال", "در تلگرام",
	// Arabic
	"جميع الحقوق محفوظة", "حقوق النشر", "النشرة البريدية", "تابعونا على", "ملفات تعريف الارتباط", "اشترك في",
	// Turkish
	"tüm hakları saklıdır", "bizi takip edin", "çerez", "bültenimize", "abone olun",
	// German
	"alle rechte vorbehalten", "wir verwenden cookies", "datenschutz", "folgen sie uns", "jetzt abonnieren",
	// French
	"tous droits réservés", "nous utilisons des cookies", "abonnez-vous", "inscrivez-vous", "suivez-nous",
	// Spanish
	"todos los derechos reservados", "utilizamos cookies", "usamos cookies", "síguenos", "suscríbete a",
	// Armenian
	"բոլոր իրավունքները պաշտպանված են", "հետևեք մեզ", "բաժանորդագրվեք",
	// Comment forms and consent notices as WordPress and cookie banners
	// word them in the languages of the EU and the region.
	"your email address will not be published", "required fields are marked", "third-party cookies", "third party cookies", "this website uses cookies",
	"schreibe einen kommentar", "deine e-mail-adresse wird nicht veröffentlicht", "ihre e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind", "diese website verwendet cookies",
	"votre adresse e-mail ne sera pas publiée", "les champs obligatoires sont indiqués", "ce site utilise des cookies",
	"tu dirección de correo electrónico no será publicada", "los campos obligatorios están marcados", "este sitio web utiliza cookies", "este sitio utiliza cookies",
	"il tuo indirizzo email non sarà pubblicato", "i campi obbligatori sono contrassegnati", "utilizziamo i cookie", "questo sito utilizza cookie", "tutti i diritti riservati", "iscriviti alla newsletter", "seguici su",
	"o seu endereço de email não será publicado", "o seu endereço de e-mail não será publicado", "os campos obrigatórios são marcados", "utilizamos cookies", "este site utiliza cookies", "este site usa cookies", "todos os direitos reservados", "assine a newsletter", "siga-nos",
	"je e-mailadres wordt niet gepubliceerd", "vereiste velden zijn gemarkeerd", "wij gebruiken cookies", "we gebruiken cookies", "deze website maakt gebruik van cookies", "alle rechten voorbehouden", "volg ons op", "schrijf je in voor",
	"twój adres e-mail nie zostanie opublikowany", "wymagane pola są oznaczone", "używamy plików cookie", "ta strona używa plików cookie", "wszelkie prawa zastrzeżone", "zapisz się do newslettera", "obserwuj nas",
	"vaše e-mailová adresa nebude zveřejněna", "povinné údaje jsou označeny", "používáme soubory cookie", "tento web používá soubory cookie", "všechna práva vyhrazena", "přihlaste se k odběru", "sledujte nás",
	"ваша адреса електронної пошти не буде опублікована", "обов'язкові поля позначені", "ми використовуємо файли cookie", "всі права захищені", "усі права захищені", "підписуйтесь на", "підпишіться на", "стежте за нами",
	"ყველა უფლება დაცულია", "გამოგვყევით", "გამოიწერეთ",
	// Prompts of comment forms for readers not signed in.
	"logged in to post a comment", "sign in to post a", "log in to post a", "sign in to comment", "log in to comment", "log in to leave a comment",
	"angemeldet sein, um einen kommentar", "vous devez être connecté pour publier un commentaire", "iniciar sesión para publicar un comentario",
	"registrado para publicar un comentario", "devi essere connesso per inviare un commento", "fazer o login para publicar um comentário",
	"ingelogd zijn om een reactie te plaatsen", "musisz się zalogować, aby móc dodać komentarz", "musíte se přihlásit",
}

// weakFurniturePhrases mark a line as furniture only when it is short and
// does not end a sentence, since they also occur in ordinary prose.
var weakFurniturePhrases = []string{
	"switch to", "light?", "share", "follow us", "takip et", "izləyin", "folgen sie", "subscribe", "sign up", "log in", "comments", "print this", "photo gallery", "watch:", "listen:", "tags:", "topics:",
	"teilen", "partager", "compartir", "paylaş", "поделиться", "اشتراک", "مشاركة", "կիսվել", "теги:", "etiketler:", "برچسب", "الوسوم", "schlagwörter", "mots-clés", "etiquetas:", "teqlər",
}

// The phrase lists as phraseSets, for the tests run on every line.
var (
	furnitureSet = newPhraseSet(furniturePhrases, paywallPhrases)
	paywallSet   = newPhraseSet(paywallPhrases)
	captionSet   = newPhraseSet(captionMarks)
)

// captionMarks begin or end photo captions and credits.
var captionMarks = []string{
	"image caption", "image source", "media caption", "подпись к фото", "источник фото", "توضیح تصویر", "منبع تصویر", "مصدر الصورة", "görsel kaynağı", "bildquelle", "photo:", "photo by", "photograph:", "fotografia:", "fot.", "zdroj:", "foto by", "photos:", "photographs by", "photography by", "photos by", "illustrations by", "illustration by", "graphics by", "video by", "image:", "picture:", "credit:", "credits:", "illustration:", "getty images", "afp via", "reuters/", "ap photo", "file photo",
	"фото:", "фото -", "фото —", "иллюстрация:", "şəkil:", "foto:", "fotoğraf:", "bild:", "foto -", "عکس:", "عکس از", "تصویر:", "صورة:", "الصورة:", "լուսանկար:", "լուսանկարը՝",
}

// commentMarkers head a comments section; nothing after one is article.
var commentMarkers = lineSet(
	"comments", "comment", "leave a comment", "add comment", "add a comment", "post a comment", "show comments", "join the conversation", "discussion",
	"комментарии", "комментарий", "оставить комментарий", "şərhlər", "şərh yaz", "rəylər", "نظرات", "دیدگاه‌ها", "دیدگاه ها", "ارسال نظر", "التعليقات", "تعليقات", "أضف تعليق",
	"yorumlar", "yorum yap", "kommentare", "kommentar schreiben", "commentaires", "laisser un commentaire", "comentarios", "deja un comentario", "մեկնաբանություններ", "մեկնաբանել",
	"leave a reply", "schreibe einen kommentar", "antworten", "laisser une réponse", "deja una respuesta", "commenti", "lascia un commento", "lascia un commento annulla risposta",
	"comentários", "deixe um comentário", "deixe uma resposta", "reacties", "laat een reactie achter", "geef een reactie", "komentarze", "dodaj komentarz", "zostaw komentarz",
	"komentáře", "diskuse", "přidat komentář", "коментарі", "коментарів", "залишити коментар", "კომენტარები", "დატოვეთ კომენტარი",
)

// commentCountPhrases follow a count in the heading a comments section
// is given by blog software: "10 thoughts on “Title”", "3 Kommentare zu
// „Titel“".
var commentCountPhrases = []string{
	"thoughts on", "thought on", "responses to", "response to", "replies to", "reply to", "comments on", "comment on", "comments to",
	"kommentare zu", "kommentar zu", "commentaires sur", "commentaire sur", "réponses à", "comentarios en", "comentario en",
	"respuestas a", "comentários em", "comentário em", "respostas para", "commenti su", "risposte a", "reacties op", "reactie op",
	"komentarzy do", "komentarze do", "komentarz do", "komentářů k", "komentáře k", "коментарів до", "коментарі до", "комментариев к", "комментарии к",
}

// relatedMarkers head lists of other articles.
var relatedMarkers = lineSet(
	"related", "related stories", "related articles", "related news", "related content", "related coverage", "read more", "read also", "see also", "also read",
	"материалы по теме", "ссылки по теме", "more stories", "more news", "more on this story", "related topics", "most viewed", "most watched", "top stories", "further reading", "you may be interested in", "more from", "you may also like", "you might also like", "recommended", "recommended for you", "most read",
	"most popular", "popular", "trending", "editor's picks", "editors' picks", "what to read next", "read next", "up next", "next article", "latest stories", "latest news",
	"читайте также", "читайте также:", "по теме", "похожие новости", "похожие материалы", "самое читаемое", "популярное", "ещё по теме", "еще по теме", "другие новости", "новости по теме", "рекомендуем",
	"oxşar xəbərlər", "digər xəbərlər", "ən çox oxunan", "ən çox oxunanlar", "bu mövzuda", "mövzu ilə bağlı", "oxu", "həmçinin oxuyun", "əlaqəli xəbərlər",
	"مطالب مرتبط", "اخبار مرتبط", "بیشتر بخوانید", "بخوانید", "پربازدیدترین", "پربازدیدترین‌ها", "مطالب پیشنهادی", "مطالب مشابه", "اخبار مشابه", "بیشتر",
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "مواضيع ذات صلة", "أخبار ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "اقرأ المزيد",
	"ilgili haberler", "benzer haberler", "ilgili içerikler", "en çok okunanlar", "bunlar da ilginizi çekebilir", "daha fazla", "ayrıca okuyun", "okumaya devam",
	"ähnliche artikel", "mehr zum thema", "das könnte sie auch interessieren", "meistgelesen", "lesen sie auch", "auch interessant", "weitere artikel", "verwandte artikel",
	"à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "les plus lus", "à voir aussi", "articles similaires", "dans la même rubrique",
	"noticias relacionadas", "te puede interesar", "lo más leído", "lee también", "más noticias", "artículos relacionados", "también te puede interesar",
	"vea también", "le puede interesar", "le podría interesar", "leer más", "siga leyendo", "relacionados",
	"leggi anche", "potrebbe interessarti", "articoli correlati", "ti potrebbe interessare", "i più letti", "altre notizie",
	"leia também", "leia mais", "veja também", "você pode gostar", "notícias relacionadas", "mais lidas", "relacionadas",
	"lees ook", "lees meer", "gerelateerde artikelen", "meest gelezen", "ook interessant", "meer nieuws",
	"czytaj też", "czytaj także", "zobacz też", "zobacz także", "przeczytaj też", "przeczytaj także", "powiązane artykuły", "najczęściej czytane", "polecamy",
	"čtěte také", "přečtěte si také", "související články", "nejčtenější", "mohlo by vás zajímat", "další zprávy",
	"читайте також", "дивіться також", "схожі новини", "інші новини", "найпопулярніше", "по темі", "за темою",
	"ასევე წაიკითხეთ", "მსგავსი სიახლეები", "სხვა სიახლეები", "ყველაზე კითხვადი",
	"կարդացեք նաև", "կարդալ նաև", "նմանատիպ նյութեր", "առնչվող նյութեր", "ամենաընթերցվածը", "այլ նորություններ",
)

// bylinePrefixes introduce author names.
var bylinePrefixes = []string{
	"by", "written by", "reporting by", "words by", "story by", "article by", "ein artikel von", "ein beitrag von", "un article de", "un artículo de", "подготовил:", "подготовила:", "hazırlayan:", "author:", "authors:", "author", "reporter:",
	"müəllif:", "müəllif", "müəlliflər:", "hazırladı:", "автор:", "автор", "авторы:", "текст:", "корреспондент:",
	"نویسنده:", "نویسنده", "گزارش:", "گزارشگر:", "نوشته:", "بقلم:", "بقلم", "كتب:", "كتبه:", "الكاتب:", "إعداد:",
	"yazar:", "yazan:", "haber:", "muhabir:", "von", "autor:", "autorin:", "text:", "par", "auteur:", "auteur :", "por", "escrito por", "redacción:",
	"հեղինակ:", "հեղինակ՝", "հեղինակ", "Հեղինակ:",
	"autore:", "autorka:", "автор:", "авторка:", "ავტორი:", "posted by",
}

// authorSeparators split a byline naming several people.
var authorSeparators = []string{" and ", " & ", ", ", " и ", " və ", " و ", " ve ", " und ", " et ", " y ", " և ", "; "}

// minuteWords and readWords together mark a reading-time line.
var minuteWords = []string{"min", "мин", "хв", "دقیقه", "dəq", "dk", "dakika", "րոպե", "دقائق", "دقيقة", "دقیقه‌", "წთ", "წუთ"}
var readWords = []string{"read", "чтени", "читать", "читання", "مطالعه", "خواندن", "oxu", "okuma", "lese", "lecture", "lectura", "leer", "ընթերց", "قراءة",
	"leitura", "lettura", "leestijd", "czytani", "čtení", "წაკითხვ"}

// paywallPhrases are the prompts of a paywall or subscription wall. They
// are furniture anywhere, and once the article has begun one ends it:
// what follows is the offer, not the story.
var paywallPhrases = []string{
	"subscribe to read", "subscribe to continue", "to continue reading", "limit of free articles", "free articles", "unlimited access",
	"already a subscriber", "already have an account", "cancel anytime", "subscribers only", "exclusive to subscribers", "this content is for subscribers",
	"réservé aux abonnés", "réservée aux abonnés", "il vous reste", "déjà abonné",
	"только для подписчиков", "оформите подписку", "доступен по подписке", "доступно по подписке",
	"nur für abonnenten", "bereits abonnent", "weiterlesen mit",
	"exclusivo para suscriptores", "suscríbete para seguir leyendo", "para seguir leyendo", "ya eres suscriptor",
	"abonelere özel", "abunəçilər üçün", "للمشتركين فقط", "مخصص للمشتركين", "ویژه مشترکان", "բաժանորդների համար",
}

// creditPrefixes begin the credit line a wire story ends with ("Reporting
// by …; Editing by …"); nothing after it is the article.
var creditPrefixes = []string{
	"reporting by", "additional reporting by", "writing by", "editing by", "compiled by", "(reporting by", "(additional reporting",
}

// updateWords introduce the time an article was last changed; a header
// line may give both times, and the first is the publication.
var updateWords = []string{
	"last updated", "updated", "last modified", "modified", "mis à jour", "обновлено", "обновлён", "обновлен", "son güncelleme", "güncelleme",
	"güncellenme", "actualizado", "actualización", "zuletzt aktualisiert", "aktualisiert", "yenilənib", "yeniləndi", "به‌روزرسانی",
	"بروزرسانی", "به روز شده", "آخر تحديث", "تم التحديث", "թարմացվել", "թարմացված",
}

// publishWords label the publication time in a line of its own.
var publishWords = []string{
	"published", "first published", "posted", "опубликовано", "дата публикации", "yayınlanma", "dərc", "publié", "publicado", "veröffentlicht",
	"منتشر", "تاریخ انتشار", "نشر في", "تاريخ النشر", "հրապարակված", "giriş",
}

// agoWords make a count of time units a relative date: "2 hours ago",
// "3 часа назад", "vor 2 Stunden"; dayWords name a day relative to today.
var (
	agoWords      = wordSet("ago назад önce əvvəl vor il y a hace پیش قبل منذ առաջ")
	dayWords      = wordSet("today yesterday сегодня вчера bugün dün bu gün dünən heute gestern aujourd'hui hier hoy ayer امروز دیروز اليوم أمس այսօր երեկ")
	timeUnitWords = wordSet(
		"s sec secs second seconds m min mins minute minutes h hr hrs hour hours d day days week weeks",
		"сек секунд секунду минуту минуты минут мин час часа часов ч день дня дней",
		"saniye dakika dk saat gün hafta",
		"saniyə dəqiqə dəq saat gün həftə",
		"sekunde sekunden minute minuten min stunde stunden std tag tagen",
		"seconde secondes minute minutes heure heures h jour jours",
		"segundo segundos minuto minutos hora horas día días",
		"ثانیه دقیقه ساعت روز هفته",
		"ثانية دقيقة دقائق ساعة ساعات ساعتين يوم أيام",
		"վայրկյան րոպե ժամ օր",
	)
)

// roleWords name a journalist's job in the line under a byline:
// "Business reporter", "Staff writer", "Корреспондент".
var roleWords = wordSet(
	"reporter correspondent editor writer journalist columnist contributor analyst",
	"корреспондент корреспондентка обозреватель журналист журналистка редактор",
	"muhabir muhabiri editör müxbir jurnalist redaktor",
	"korrespondent korrespondentin redakteur redakteurin journaliste correspondant correspondante rédacteur rédactrice",
	"periodista corresponsal redactor redactora",
	"خبرنگار دبیر مراسل محرر صحفي صحفية լրագրող թղթակից",
)

// reactionPhrases are the prompts of rating and reaction widgets, which
// copy as short lines of their own: "What do you think? Rate it!"
var reactionPhrases = []string{
	"what do you think", "rate this", "was this article helpful", "your reaction", "что думаешь", "оцени", "ваше мнение", "ваша реакция",
	"ne düşünüyorsunuz", "bu haberi nasıl buldunuz", "fikrinizi bildirin", "wie finden sie", "qu'en pensez-vous", "qué te parece", "نظر شما چیست", "ما رأيك",
}

// creditPhrases end a wire story wherever they stand in its last line:
// "Associated Press writer … contributed to this report."
var creditPhrases = []string{"contributed to this report", "contributed reporting", "contributed to this story", "contributed to this article"}
