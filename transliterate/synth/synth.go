// Package synth generates name mentions for benchmarks: people of the
// region (a given name and a surname with its ending) written as
// different sources write them — English, Azerbaijani, Russian, German,
// French and Persian spellings — by simple rendering rules. It exists to
// measure the time and memory of clustering at scale and to smoke-test
// its quality there; the hand-written sets in ../testdata are the real
// measure of quality. Start with Mentions.
package synth

import (
	"math/rand/v2"
	"strings"
)

// Mention is one generated mention and the entity it names.
type Mention struct {
	Entity int
	Name   string
}

// Given names and surname stems, in English press spelling.
var givenNames = []string{
	"Ilham", "Heydar", "Elnur", "Aref", "Zahir", "Bakhtiyar", "Mirhafiz", "Elmar", "Jeyhun",
	"Ramiz", "Novruz", "Ziya", "Zakir", "Hikmet", "Rashad", "Farid", "Anar", "Vugar", "Elchin",
	"Kamran", "Tural", "Orkhan", "Emin", "Samir", "Rauf", "Nijat", "Ilgar", "Mahir", "Javid",
	"Shahin", "Rovshan", "Azer", "Fuad", "Yusif", "Nazim", "Tofig", "Rasim", "Sabir", "Vagif",
	"Khalid", "Hassan", "Reza", "Mehdi", "Mahmoud", "Masoud", "Saeed", "Hamid", "Majid",
	"Behrouz", "Dariush", "Farhad", "Kourosh", "Parviz", "Siamak", "Nima", "Omid", "Babak",
	"Armen", "Tigran", "Aram", "Davit", "Gagik", "Hovhannes", "Levon", "Samvel", "Vahan",
	"Sergey", "Dmitry", "Nikolay", "Pavel", "Oleg", "Igor", "Yuri", "Boris", "Timur", "Ruslan",
	"Leyla", "Mehriban", "Aynur", "Gunel", "Sevinj", "Nargiz", "Shahla", "Zarifa", "Lala",
}

var surnameStems = []string{
	"Aliyev", "Mammadov", "Hasanov", "Huseynov", "Guliyev", "Ismayilov", "Abbasov", "Jafarov",
	"Rasulov", "Bayramov", "Asgarov", "Mehdiyev", "Hajiyev", "Asadov", "Taghiyev", "Akhundov",
	"Karimov", "Rahimov", "Salimov", "Nabiyev", "Sadigov", "Valiyev", "Musayev", "Orujov",
	"Babayev", "Gasimov", "Safarov", "Shirinov", "Yusifov", "Zeynalov", "Najafov", "Agayev",
	"Kazimov", "Rzayev", "Mustafayev", "Novruzov", "Farzaliyev", "Shukurov", "Amirov", "Talibov",
	"Jafarzadeh", "Aghazadeh", "Hasanzadeh", "Alizadeh", "Rahimzadeh", "Mirzazadeh", "Kazimzadeh",
	"Pashinyan", "Sargsyan", "Grigoryan", "Hakobyan", "Petrosyan", "Mirzoyan", "Harutyunyan",
	"Avetisyan", "Karapetyan", "Kocharyan", "Abrahamyan", "Vardanyan", "Simonyan", "Galstyan",
	"Hasanli", "Aliyevli", "Mammadli", "Bayramli", "Karimli", "Rahimli", "Jafarli", "Ahmadli",
	"Rouhani", "Raisi", "Ramezani", "Shamkhani", "Velayati", "Larijani", "Khamenei", "Soleimani",
	"Zarif", "Khatami", "Ghalibaf", "Rezaei", "Mousavi", "Hosseini", "Tehrani", "Shirazi",
	"Tabrizi", "Ardabili", "Esfahani", "Mashhadi", "Najafi", "Karbalaei", "Bagheri", "Sadeghi",
}

// Mentions returns n mentions of about n/perEntity entities, shuffled,
// reproducibly for one seed.
func Mentions(n, perEntity int, seed uint64) []Mention {
	return mentions(n, perEntity, seed, surnameStems)
}

// MentionsWide is Mentions over a wider pool of people: besides the
// surnames above, surnames made from each given name with -ov, -li and
// -zadeh (Elnurov, Elnurli, Elnurzadeh), some 30,000 people in all where
// Mentions has 8,160. At a million mentions Mentions mostly repeats
// spellings it has already written; MentionsWide keeps writing new ones
// for longer.
func MentionsWide(n, perEntity int, seed uint64) []Mention {
	surnames := append([]string(nil), surnameStems...)
	for _, g := range givenNames {
		if isFemale(g) {
			continue
		}
		surnames = append(surnames, g+"ov", g+"li", g+"zadeh")
	}
	return mentions(n, perEntity, seed, surnames)
}

func mentions(n, perEntity int, seed uint64, surnameStems []string) []Mention {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	if perEntity < 1 {
		perEntity = 1
	}
	type person struct{ given, surname string }
	entities := n / perEntity
	if max := len(givenNames) * len(surnameStems); entities > max {
		entities = max
	}
	// Distinct (given, surname) pairs: namesakes would be the same name.
	perm := rng.Perm(len(givenNames) * len(surnameStems))
	people := make([]person, entities)
	for i := range people {
		k := perm[i]
		g, s := givenNames[k%len(givenNames)], surnameStems[k/len(givenNames)]
		if isFemale(g) {
			s = feminine(s)
		}
		people[i] = person{g, s}
	}
	out := make([]Mention, 0, n)
	for len(out) < n {
		e := rng.IntN(entities)
		p := people[e]
		style := styles[rng.IntN(len(styles))]
		name := style(p.given) + " " + style(p.surname)
		if rng.IntN(10) == 0 {
			name = style(p.surname) + " " + style(p.given)
		}
		out = append(out, Mention{e, name})
	}
	return out
}

func isFemale(g string) bool {
	switch g {
	case "Leyla", "Mehriban", "Aynur", "Gunel", "Sevinj", "Nargiz", "Shahla", "Zarifa", "Lala":
		return true
	}
	return false
}

func feminine(s string) string {
	if strings.HasSuffix(s, "ov") || strings.HasSuffix(s, "ev") {
		return s + "a"
	}
	return s
}

// styles render an English press spelling in another convention.
var styles = []func(string) string{
	func(s string) string { return s },
	azerbaijani,
	russian,
	german,
	french,
	persian,
}

func replaceAll(s string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(s)
}

func azerbaijani(s string) string {
	return replaceAll(s,
		"zadeh", "zadə", "kh", "x", "Kh", "X", "sh", "ş", "Sh", "Ş", "ch", "ç", "Ch", "Ç",
		"gh", "ğ", "Gh", "Q", "j", "c", "J", "C", "ae", "ə", "Ha", "Hə", "ma", "mə", "Ma", "Mə",
		"ua", "ua", "ey", "ey")
}

func german(s string) string {
	return replaceAll(s, "sh", "sch", "Sh", "Sch", "ch", "tsch", "Ch", "Tsch", "j", "dsch", "J", "Dsch",
		"y", "j", "Y", "J", "kh", "ch", "Kh", "Ch", "ov", "ow", "ev", "ew", "v", "w", "V", "W", "z", "s", "Z", "S")
}

func french(s string) string {
	return replaceAll(s, "sh", "ch", "Sh", "Ch", "u", "ou", "j", "dj", "J", "Dj", "ch", "tch", "Ch", "Tch")
}

func russian(s string) string {
	l := strings.ToLower(s)
	l = replaceAll(l, "zadeh", "заде", "yev", "ев", "yan", "ян", "kh", "х", "zh", "ж", "sh", "ш", "ch", "ч",
		"gh", "г", "j", "дж", "ya", "я", "yu", "ю", "ye", "е", "ey", "ей", "ay", "ай", "oy", "ой", "iy", "ий", "uy", "уй",
		"a", "а", "b", "б", "v", "в", "g", "г", "d", "д", "e", "е", "z", "з", "i", "и", "y", "й",
		"k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "t", "т",
		"u", "у", "f", "ф", "h", "г", "q", "к", "x", "кс", "c", "к", "w", "в")
	return capitalize(l)
}

// persian writes the consonants and long vowels; short vowels (a, e, o
// inside a word) are dropped, as the script does.
func persian(s string) string {
	l := strings.ToLower(s)
	var b strings.Builder
	suffix := ""
	switch {
	case strings.HasSuffix(l, "zadeh"):
		l, suffix = strings.TrimSuffix(l, "zadeh"), "زاده"
	case strings.HasSuffix(l, "yev"), strings.HasSuffix(l, "ov"), strings.HasSuffix(l, "ev"):
		l = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(l, "yev"), "ov"), "ev")
		suffix = "\u200cاف"
	case strings.HasSuffix(l, "yan"):
		l, suffix = strings.TrimSuffix(l, "yan"), "یان"
	}
	digraphs := []struct{ lat, fa string }{{"kh", "خ"}, {"sh", "ش"}, {"ch", "چ"}, {"zh", "ژ"}, {"gh", "ق"}, {"ou", "و"}}
	letters := map[byte]string{'b': "ب", 'p': "پ", 't': "ت", 'j': "ج", 'h': "ه", 'd': "د", 'r': "ر", 'z': "ز",
		's': "س", 'f': "ف", 'q': "ق", 'k': "ک", 'g': "گ", 'l': "ل", 'm': "م", 'n': "ن", 'v': "و", 'w': "و",
		'y': "ی", 'i': "ی", 'u': "و", 'x': "خ", 'c': "ک"}
	for i := 0; i < len(l); {
		matched := false
		for _, d := range digraphs {
			if strings.HasPrefix(l[i:], d.lat) {
				b.WriteString(d.fa)
				i += len(d.lat)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := l[i]
		switch {
		case i == 0 && strings.IndexByte("aeiou", c) >= 0:
			if c == 'a' {
				b.WriteString("آ")
			} else {
				b.WriteString("ا")
			}
		case c == 'a' && (i == len(l)-1 || i+1 < len(l) && l[i+1] == 'a'):
			b.WriteString("ا")
		case c == 'a' || c == 'e' || c == 'o':
			if i == len(l)-1 {
				b.WriteString("ه")
			}
		default:
			b.WriteString(letters[c])
		}
		i++
	}
	return b.String() + suffix
}

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
