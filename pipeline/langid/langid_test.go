package langid

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestDetect(t *testing.T) {
	det := New()
	tests := []struct {
		name string
		text string
		want string
	}{
		{"english sentence", "The security service said on Monday that it had detained five people accused of spying for a neighbouring country.", "en"},
		{"azerbaijani sentence", "Dövlət Təhlükəsizlik Xidməti beş nəfərin saxlanıldığını bildirib.", "az"},
		{"azerbaijani without schwa", "Prezident bu gün Bakıda çıxış edib və yeni layihələri təqdim edib.", "az"},
		{"turkish sentence", "Dışişleri Bakanlığı, büyükelçinin bugün bakanlığa çağrıldığını açıkladı.", "tr"},
		{"russian sentence", "Служба государственной безопасности сообщила о задержании пятерых граждан страны.", "ru"},
		{"ukrainian sentence", "Служба безпеки України повідомила про затримання п'ятьох громадян.", "uk"},
		{"persian sentence", "سرویس امنیت دولتی جمهوری آذربایجان اعلام کرد یک شبکه جاسوسی را کشف کرده است.", "fa"},
		{"arabic sentence", "أعلنت وزارة الخارجية أن السفير استدعي إلى العاصمة لإجراء مشاورات عاجلة.", "ar"},
		{"armenian sentence", "Հայաստանի վարչապետը այսօր հանդիպել է Իրանի նախագահի հետ Թեհրանում։", "hy"},
		{"german sentence", "Der Geheimdienst hat nach eigenen Angaben fünf Verdächtige festgenommen, die für das Nachbarland spioniert haben sollen.", "de"},
		{"french sentence", "Les services de sécurité ont annoncé l'arrestation de cinq personnes soupçonnées d'espionnage au profit de leur voisin.", "fr"},
		{"spanish sentence", "El servicio de seguridad anunció la detención de cinco personas acusadas de espiar para el país vecino.", "es"},
		{"italian sentence", "Il servizio di sicurezza ha annunciato l'arresto di cinque persone accusate di spionaggio.", "it"},
		{"hebrew sentence", "שירות הביטחון הודיע על מעצרם של חמישה חשודים בריגול.", "he"},
		{"georgian sentence", "საქართველოს პრემიერ-მინისტრი დღეს ბაქოში ჩავიდა.", "ka"},
		{"short persian word", "گزارش", "fa"},
		{"short armenian word", "Երևան", "hy"},
		{"short russian phrase", "Читайте также", "ru"},
		{"short arabic word", "الجزيرة", "ar"},
		{"short azerbaijani phrase", "Əsas səhifə", "az"},
		{"short german heading", "Kritik vom Naturschutzbund", "de"},
		{"short spanish heading", "Un siglo de historia", "es"},
		{"short english heading", "What is new this year", "en"},
		{"short french title", "La bibliothèque municipale rouvre", "fr"},
		{"short turkish title", "İzmir'de yeni metro hattı için ilk kazma vuruldu", "tr"},
		{"polish sentence", "Służba bezpieczeństwa poinformowała w poniedziałek, że zatrzymała pięć osób podejrzanych o szpiegostwo.", "pl"},
		{"czech sentence", "Bezpečnostní služba v pondělí oznámila, že zadržela pět lidí podezřelých ze špionáže.", "cs"},
		{"dutch sentence", "De veiligheidsdienst heeft maandag vijf mensen aangehouden die worden verdacht van spionage.", "nl"},
		{"portuguese sentence", "O serviço de segurança anunciou na segunda-feira a detenção de cinco pessoas suspeitas de espionagem.", "pt"},
		{"romanian sentence", "Serviciul de securitate a anunțat luni arestarea a cinci persoane suspectate de spionaj.", "ro"},
		{"hungarian sentence", "A biztonsági szolgálat hétfőn bejelentette, hogy öt kémkedéssel gyanúsított személyt vett őrizetbe.", "hu"},
		{"bulgarian sentence", "Службата за сигурност съобщи в понеделник, че е задържала петима души, заподозрени в шпионаж.", "bg"},
		{"belarusian sentence", "Служба бяспекі паведаміла ў панядзелак пра затрыманне пяці чалавек.", "be"},
		{"kazakh sentence", "Қауіпсіздік қызметі дүйсенбі күні бес адамның ұсталғанын хабарлады.", "kk"},
		{"chinese sentence", "国家安全部门周一宣布逮捕了五名涉嫌从事间谍活动的人员。", "zh"},
		{"japanese sentence", "治安当局は月曜日、スパイ活動の疑いで五人を逮捕したと発表した。", "ja"},
		{"korean sentence", "보안 당국은 월요일 간첩 혐의로 다섯 명을 체포했다고 발표했다.", "ko"},
		{"digits only", "2022-11-22 13:05", ""},
		{"punctuation only", "… — !!! ???", ""},
		{"too short", "ok", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conf := det.Detect(tt.text)
			if got != tt.want {
				t.Fatalf("Detect(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
			}
			if got == "" && conf != 0 {
				t.Errorf("confidence %.2f for no language", conf)
			}
			if got != "" && (conf <= 0 || conf > 1) {
				t.Errorf("confidence %.2f out of (0,1]", conf)
			}
		})
	}
}

func TestDetectIn(t *testing.T) {
	det := New()
	tests := []struct {
		name, text, context, want string
	}{
		{"english heading in german article", "Champions League Final", "de", ""},
		{"english names in polish article", "Donald Tusk and Ursula von der Leyen", "pl", ""},
		{"short english phrase in czech article", "Breaking news from the front", "cs", ""},
		{"english quote in german article", "We will not accept this and we are going to fight it in every court that will hear us.", "de", "en"},
		{"german paragraph in german article", "Der Geheimdienst hat nach eigenen Angaben fünf Verdächtige festgenommen, die spioniert haben sollen.", "de", ""},
		{"russian paragraph in english article", "Служба государственной безопасности сообщила о задержании.", "en", "ru"},
		{"name-heavy english line in french article", "The New York Times, The Washington Post and Le Monde", "fr", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, conf := det.DetectIn(tt.text, tt.context); got != tt.want {
				t.Errorf("DetectIn(%q, %q) = %q (%.2f), want %q", tt.text, tt.context, got, conf, tt.want)
			}
		})
	}
}

func TestDetectMixedScriptLowersConfidence(t *testing.T) {
	det := New()
	_, pure := det.Detect("گزارش تازه سازمان ملل درباره وضعیت حقوق بشر")
	_, mixed := det.Detect("گزارش تازه سازمان ملل درباره وضعیت حقوق بشر United Nations Human Rights Council")
	if mixed >= pure {
		t.Errorf("mixed-script confidence %.2f not below pure %.2f", mixed, pure)
	}
}

func TestDetectConcurrent(t *testing.T) {
	det := New()
	done := make(chan string)
	texts := []string{
		"The ministry summoned the ambassador on Tuesday.",
		"Министерство вызвало посла во вторник.",
		"Nazirlik səfiri çərşənbə axşamı çağırıb.",
		"Das Ministerium bestellte den Botschafter am Dienstag ein.",
	}
	for _, s := range texts {
		go func() {
			got, _ := det.Detect(s)
			done <- got
		}()
	}
	seen := map[string]bool{}
	for range texts {
		seen[<-done] = true
	}
	for _, want := range []string{"en", "ru", "az", "de"} {
		if !seen[want] {
			t.Errorf("concurrent detection missed %q; got %v", want, seen)
		}
	}
}

var benchTexts = map[string]string{
	"en-paragraph": strings.Repeat("Baku's State Security Service said on Monday that it had detained five people accused of spying for Iran. ", 3),
	"de-paragraph": strings.Repeat("Der Geheimdienst hat nach eigenen Angaben fünf Verdächtige festgenommen, die spioniert haben sollen. ", 3),
	"ru-paragraph": strings.Repeat("Служба государственной безопасности сообщила о задержании пятерых граждан страны. ", 3),
	"fa-paragraph": strings.Repeat("سرویس امنیت دولتی جمهوری آذربایجان اعلام کرد یک شبکه جاسوسی را کشف کرده است. ", 3),
	"hy-paragraph": strings.Repeat("Հայաստանի վարչապետը այսօր հանդիպել է Իրանի նախագահի հետ Թեհրանում։ ", 3),
	"en-title":     "Azerbaijan arrests five over alleged espionage",
}

func BenchmarkDetect(b *testing.B) {
	det := New()
	for name, text := range benchTexts {
		det.Detect(text) // load the models outside the timing
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				det.Detect(text)
			}
		})
	}
}

// BenchmarkModelLoad reports how long the first detection in each script
// takes and how much heap the loaded models keep. lingua-go caches models
// for the life of the program, so only the first run of this benchmark in
// a process measures a cold load.
func BenchmarkModelLoad(b *testing.B) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	det := New()
	// Short texts without telling letters reach the models of every
	// language of their script.
	for _, text := range []string{"Harbour festival returns", "Новый сезон театра", "سلام بر شما"} {
		det.Detect(text)
	}
	cold := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	for b.Loop() {
		det.Detect(benchTexts["en-title"])
	}
	b.ReportMetric(float64(cold.Milliseconds()), "ms-cold-load")
	b.ReportMetric(float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/(1<<20), "MB-models")
}
