package pdf

import (
	"strings"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// The documents below are built from the project samples in
// testdata/articles (the text as the clean stage would leave it), plus a
// few lines of our own for scripts and cases the samples lack.

var created = time.Date(2022, 11, 26, 12, 0, 0, 0, time.UTC)

// mixedLine is a Persian sentence with Latin words and digits.
const mixedLine = "سال ۲۰۱۸ در WhatsApp و Telegram"

func englishDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:       "Azerbaijan Exposes Alleged Iranian Spy Network",
			Standfirst:  "Azerbaijan’s State Security Service (DTX) announced last week it had busted an Iranian spy network and arrested five Azerbaijani citizen on charges of treason",
			Authors:     []string{"Ebrahim Ramezani"},
			Published:   pipeline.Day(2022, 11, 22),
			Section:     "Politics",
			Outlet:      "IranWire",
			Source:      "https://iranwire.com/en/politics/iranwire-2022-11-22-azerbaijan-spy-network/",
			Language:    "en",
			Direction:   pipeline.LeftToRight,
			ReadingTime: 5,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Azerbaijan’s State Security Service (DTX) announced last week it had busted an Iranian spy network and arrested five Azerbaijani citizen on charges of treason. The five alleged spies had been gathering information about the Azerbaijani military, including its drones, and the country’s energy infrastructure. At least two of the suspects had received religious training in Iran."},
			{Kind: pipeline.Paragraph, Text: "The announcement came amid heightened tensions between the two neighbors. Early this month, the DTX announced the arrest of 19 people said to have been trained and funded by Iran’s intelligence services to carry out unspecified acts that would be “in violation of state security interests.”"},
			{Kind: pipeline.Heading, Level: 1, Text: "Iran using Religious Schools to Recruit Spies"},
			{Kind: pipeline.Paragraph, Text: "A November 14 statement by Azerbaijan’s state security agency DTX identified one of the alleged spies as Zahir Askarov. It said Askarov worked as a ship captain in the Caspian Sea Oil Flee, and was recruited by representatives of Iran’s intelligence services during religious training in the Iranian city of Qom."},
			{Kind: pipeline.Quote, Items: []string{"Collected information about the companies and representative offices of foreign countries operating in our country, the location and time of the exercises conducted by the Navy in the Caspian Sea, and the cargoes transported to the oil rigs."}, Attribution: "State Security Service (DTX)"},
			{Kind: pipeline.Paragraph, Text: "Another Azerbaijani citizen arrested was identified as Bakhtiyar Aghazadh. The DTX said he had gone to Iran for religious education and, while there, he agreed to cooperate with the Islamic Republic in exchange for money."},
			{Kind: pipeline.Paragraph, Text: "The DTX said another suspect, named Elnur Rasulov, agreed to cooperate with Iranian intelligence agents while he was in Iran in 2018 for health treatment. Together with a relative named Aref Rasulov, the suspect passed information about Azerbaijan’s drones, tanks and other military equipment through the WhatsApp instant messaging system."},
			{Kind: pipeline.List, Items: []string{"Zahir Askarov, ship captain", "Bakhtiyar Aghazadh", "Elnur Rasulov and Aref Rasulov", "Jafarzadeh Mirhafiz, via Telegram"}},
			{Kind: pipeline.Heading, Level: 2, Text: "Tensions on the Rise"},
			{Kind: pipeline.Paragraph, Text: "In a November 8 speech marking Azerbaijan’s Victory Day, President Ilham Aliyev harshly criticized Iran’s friendly relationship with Armenia, calling it “betrayal.” Aliyev also said his country would not be cowed by Iran’s military maneuvers on its borders."},
			{Kind: pipeline.List, Ordered: true, Items: []string{"Iran summoned the Azerbaijani ambassador.", "Armenia’s Prime Minister Nikol Pashinyan visited Tehran."}},
		},
	}
}

func persianDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:       "جمهوری آذربایجان از کشف شبکه جاسوسی ایران خبر داد",
			Authors:     []string{"ابراهیم رمضانی"},
			Published:   pipeline.Day(2022, 11, 15),
			Section:     "سیاست",
			Outlet:      "IranWire",
			Source:      "fa-iranwire-2022-11-15.txt",
			Language:    "fa",
			Direction:   pipeline.RightToLeft,
			ReadingTime: 4,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "سرویس امنیت دولتی جمهوری آذربایجان اعلام کرد یک شبکه جاسوسی وابسته به ایران را کشف و پنج شهروند این کشور را به اتهام خیانت به وطن بازداشت کرده است."},
			{Kind: pipeline.Paragraph, Text: "به گفته این نهاد، ظاهر عسگراف که ناخدای کشتی در دریای خزر بوده، در دوران تحصیل علوم دینی در شهر قم توسط نمایندگان سرویس‌های اطلاعاتی ایران جذب شده است."},
			{Kind: pipeline.Heading, Level: 1, Text: "همکاری در ازای پول"},
			{Kind: pipeline.Paragraph, Text: "بختیار آقازاده نیز برای تحصیلات دینی به ایران رفته و در ازای دریافت پول با جمهوری اسلامی همکاری کرده است."},
			{Kind: pipeline.Paragraph, Text: mixedLine},
			{Kind: pipeline.Paragraph, Text: "النور رسول‌اف در سال ۲۰۱۸ برای درمان به ایران سفر کرده و به همراه یکی از بستگانش به نام عارف رسول‌اف، عکس‌ها و ویدئوهایی از پهپادها و تانک‌های ارتش آذربایجان را از طریق واتس‌اپ ارسال کرده است."},
			{Kind: pipeline.Quote, Items: []string{"الهام علی‌اف، رئیس‌جمهور آذربایجان، پیش‌تر رابطه دوستانه ایران با ارمنستان را «خیانت» خوانده بود."}, Attribution: "ایران‌وایر"},
			{Kind: pipeline.List, Items: []string{"ظاهر عسگراف", "میرحافظ جعفرزاده (تلگرام)"}},
		},
	}
}

func russianDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:       "СГБ Азербайджана задержала граждан, сотрудничавших с иранскими спецслужбами",
			Authors:     []string{"Лейла Мамедова"},
			Published:   &pipeline.Date{Time: time.Date(2022, 11, 14, 13, 5, 0, 0, time.UTC), Precision: pipeline.MinutePrecision},
			Section:     "Политика",
			Outlet:      "SGB",
			Source:      "ru-sgb-2022-11-14.txt",
			Language:    "ru",
			Direction:   pipeline.LeftToRight,
			ReadingTime: 3,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Служба государственной безопасности (СГБ) Азербайджана сообщила о задержании пятерых граждан страны по обвинению в государственной измене."},
			{Kind: pipeline.Paragraph, Text: "По данным СГБ, капитан судна на Каспии Захир Аскеров был завербован представителями иранских спецслужб во время религиозного обучения в городе Кум. Он собирал сведения о месте и времени учений военно-морских сил."},
			{Kind: pipeline.Paragraph, Text: "Эльнур Расулов, находившийся в Иране на лечении в 2018 году, вместе с родственником Арифом Расуловым передавал фото и видео беспилотников и танков через мессенджер WhatsApp."},
			{Kind: pipeline.Quote, Items: []string{"Президент Ильхам Алиев ранее назвал дружеские отношения Ирана с Арменией «предательством»."}, Attribution: "СГБ"},
		},
	}
}

func azerbaijaniDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:     "DTX İran xüsusi xidmət orqanları üçün casusluq edən şəxsləri saxlayıb",
			Authors:   []string{"Redaksiya"},
			Published: &pipeline.Date{Time: time.Date(2022, 11, 14, 11, 42, 0, 0, time.FixedZone("", 4*3600)), Precision: pipeline.ZonedPrecision},
			Section:   "Siyasət",
			Outlet:    "DTX",
			Source:    "az-dtx-2022-11-14.txt",
			Language:  "az",
			Direction: pipeline.LeftToRight,
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Dövlət Təhlükəsizlik Xidməti (DTX) İran İslam Respublikasının xüsusi xidmət orqanları tərəfindən cəlb edilmiş şəxslərə qarşı əməliyyat keçirib."},
			{Kind: pipeline.Paragraph, Text: "DTX-nin məlumatına görə, Xəzər dənizində gəmi kapitanı işləyən Zahir Əsgərov Qum şəhərində dini təhsil aldığı dövrdə İranın kəşfiyyat orqanlarının nümayəndələri tərəfindən cəlb edilib."},
			// Our own line: the manat sign DejaVu lacks.
			{Kind: pipeline.Paragraph, Text: "Baxtiyar Ağazadə pul müqabilində, ayda 500 ₼ alaraq, əməkdaşlığa razılıq verib."},
		},
	}
}

// translatedDoc is the Russian sample as an English translation would
// leave it, with the flags a translation check raised.
func translatedDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:     "Azerbaijan's SGB detained citizens who cooperated with Iranian special services",
			Authors:   []string{"Leyla Mamedova"},
			Published: pipeline.Day(2022, 11, 14),
			Outlet:    "SGB",
			Source:    "ru-sgb-2022-11-14-en.txt",
			Language:  "en",
			Original: &pipeline.Original{
				Language: "ru",
				Title:    "СГБ Азербайджана задержала граждан, сотрудничавших с иранскими спецслужбами",
				Engine:   "apertium",
				Model:    "rus-eng",
			},
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "The State Security Service (SGB) of Azerbaijan reported the detention of five citizens of the country on charges of high treason."},
			{Kind: pipeline.Paragraph, Text: "According to the SGB, the ship captain in the Caspian Zakhir Askerov was recruited by representatives of the Iranian special services during religious training in the city of Qom."},
		},
		Trail: []pipeline.Provenance{
			{Ref: pipeline.Ref{Block: 0}, Engine: "apertium", Model: "rus-eng", From: "ru", To: "en"},
			{Ref: pipeline.Ref{Block: 1}, Engine: "apertium", Model: "rus-eng", From: "ru", To: "en", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "Захир Аскеров")}},
		},
	}
}

// armenianDoc is our own snippet: Armenian script and the dram sign.
func armenianDoc() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:     "Փաշինյանը Թեհրանում հանդիպել է Ռաիսիի հետ",
			Published: pipeline.Day(2022, 11, 1),
			Outlet:    "Armenpress",
			Source:    "https://armenpress.am/example",
			Language:  "hy",
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Հայաստանի վարչապետ Նիկոլ Փաշինյանը Թեհրանում հանդիպել է Իրանի նախագահ Էբրահիմ Ռաիսիի հետ։ Գազի գինը՝ 5000 ֏։"},
		},
	}
}

func sampleIndex() *pipeline.Index {
	return &pipeline.Index{Entities: []pipeline.Entity{
		{
			ID: "zahir-askarov", Canonical: "Zahir Askarov", Kind: "person",
			Variants: []pipeline.Variant{{Text: "Zahir Askarov", Count: 1}, {Text: "Zahir Əsgərov", Count: 1}, {Text: "Захир Аскеров", Count: 1}, {Text: "ظاهر عسگراف", Count: 2}},
			Mentions: []pipeline.EntityMention{
				{File: "iranwire-2022-11-22-azerbaijan-spy-network.txt", Text: "Zahir Askarov", Block: 3},
				{File: "az-dtx-2022-11-14.txt", Text: "Zahir Əsgərov", Block: 1},
				{File: "ru-sgb-2022-11-14.txt", Text: "Захир Аскеров", Block: 1},
				{File: "fa-iranwire-2022-11-15.txt", Text: "ظاهر عسگراف", Block: 1},
			},
		},
		{
			ID: "elnur-rasulov", Canonical: "Elnur Rasulov", Kind: "person",
			Variants: []pipeline.Variant{{Text: "Elnur Rasulov", Count: 1}, {Text: "Эльнур Расулов", Count: 1}, {Text: "النور رسول‌اف", Count: 1}},
			Mentions: []pipeline.EntityMention{
				{File: "iranwire-2022-11-22-azerbaijan-spy-network.txt", Text: "Elnur Rasulov", Block: 6},
				{File: "ru-sgb-2022-11-14.txt", Text: "Эльнур Расулов", Block: 2},
				{File: "fa-iranwire-2022-11-15.txt", Text: "النور رسول‌اف", Block: 5},
			},
		},
		{
			ID: "qom", Canonical: "Qom", Kind: "place",
			Variants: []pipeline.Variant{{Text: "Qom", Count: 1}, {Text: "Кум", Count: 1}, {Text: "قم", Count: 1}},
			Mentions: []pipeline.EntityMention{
				{File: "iranwire-2022-11-22-azerbaijan-spy-network.txt", Text: "Qom", Block: 3},
				{File: "ru-sgb-2022-11-14.txt", Text: "Кум", Block: 1},
			},
		},
	}}
}

func sampleBriefing() *exporters.Briefing {
	return &exporters.Briefing{
		Title:     "Azerbaijan and Iran: the spy network, 14–22 November 2022",
		Documents: []*pipeline.Document{englishDoc(), persianDoc(), russianDoc(), azerbaijaniDoc(), translatedDoc(), armenianDoc()},
		Index:     sampleIndex(),
		Created:   created,
	}
}

// bigBriefing repeats the samples to n articles.
func bigBriefing(n int) *exporters.Briefing {
	makers := []func() *pipeline.Document{englishDoc, persianDoc, russianDoc, azerbaijaniDoc, translatedDoc, armenianDoc}
	b := &exporters.Briefing{Title: "Large briefing", Index: sampleIndex(), Created: created}
	for i := range n {
		d := makers[i%len(makers)]()
		d.Meta.Title += strings.Repeat(" ·", i/len(makers)%3)
		b.Documents = append(b.Documents, d)
	}
	return b
}
