package libretranslatetest

// This file is shared word for word by the fakes of the cloud engines (only
// the package clause differs); keep the copies in step.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Marker goes in front of every word the fake cannot translate, so that a
// test can tell a translation from an echo of its input: protected text
// comes back exactly as sent, without markers.
const Marker = "~"

// Translate is the fake's translation of plain text into the target
// language (a code such as "es" or "ES-419"): into Spanish, the English
// words of a small dictionary become Spanish and every other word gets
// Marker in front; into anything else every word gets Marker. Digits,
// spaces and punctuation stay as they are, so the result is deterministic
// and its words map one to one onto the input's.
func Translate(text, target string) string {
	spanishTarget := strings.HasPrefix(strings.ToLower(target), "es")
	var b strings.Builder
	for len(text) > 0 {
		n := wordLen(text)
		if n == 0 {
			_, size := utf8.DecodeRuneInString(text)
			b.WriteString(text[:size])
			text = text[size:]
			continue
		}
		word := text[:n]
		text = text[n:]
		if es, ok := spanish(strings.ToLower(word)); ok && spanishTarget {
			b.WriteString(matchCase(es, word))
			continue
		}
		b.WriteString(Marker + word)
	}
	return b.String()
}

// wordLen is the length of the word of letters (and the digits after a
// letter) that starts s, or 0.
func wordLen(s string) int {
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || (i > 0 && unicode.IsDigit(r)) {
			continue
		}
		return i
	}
	return len(s)
}

func matchCase(es, word string) string {
	first, _ := utf8.DecodeRuneInString(word)
	switch {
	case utf8.RuneCountInString(word) > 1 && strings.ToUpper(word) == word:
		return strings.ToUpper(es)
	case unicode.IsUpper(first):
		r, size := utf8.DecodeRuneInString(es)
		return string(unicode.ToUpper(r)) + es[size:]
	}
	return es
}

// spanish is the fake's whole dictionary. It holds a few words that are
// also surnames (stone, rose, white, young, baker) so that tests can show
// an unprotected name being translated.
func spanish(word string) (string, bool) {
	es, ok := dictionary[word]
	return es, ok
}

// dictionary is read only.
var dictionary = map[string]string{
	"the": "el", "a": "un", "an": "un", "of": "de", "and": "y", "in": "en", "on": "en",
	"to": "a", "at": "en", "for": "para", "from": "desde", "with": "con", "by": "por",
	"as": "como", "is": "es", "was": "fue", "were": "fueron", "has": "ha", "had": "había",
	"have": "tienen", "be": "ser", "been": "sido", "said": "dijo", "says": "dice",
	"that": "que", "it": "ello", "its": "su", "his": "su", "her": "su", "their": "su",
	"he": "él", "she": "ella", "they": "ellos", "who": "quien", "which": "cual",
	"this": "este", "not": "no", "also": "también", "after": "después", "before": "antes",
	"last": "último", "week": "semana", "month": "mes", "year": "año", "years": "años",
	"five": "cinco", "two": "dos", "one": "uno", "new": "nuevo", "other": "otro",
	"state": "estado", "security": "seguridad", "service": "servicio", "services": "servicios",
	"intelligence": "inteligencia", "spy": "espía", "spies": "espías", "network": "red",
	"arrested": "arrestó", "arrest": "arresto", "citizen": "ciudadano", "citizens": "ciudadanos",
	"country": "país", "military": "militar", "information": "información",
	"religious": "religioso", "training": "formación", "president": "presidente",
	"ministry": "ministerio", "foreign": "exterior", "captain": "capitán", "ship": "barco",
	"sea": "mar", "oil": "petróleo", "money": "dinero", "drones": "drones", "news": "noticias",
	"stone": "piedra", "rose": "rosa", "white": "blanco", "young": "joven", "baker": "panadero",
	"hello": "hola", "world": "mundo", "good": "bueno", "morning": "mañana",
}

// translateMarkup translates the text of an HTML or XML fragment and
// leaves its tags, and everything inside an element protected says to keep,
// exactly as they came. escape re-escapes translated text.
func translateMarkup(src, target string, protected func(name string, attrs map[string]string) bool, escape func(string) string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	depth := 0 // open elements inside a protected one, itself included
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if depth > 0 {
				b.Write(z.Raw())
			} else {
				b.WriteString(escape(Translate(string(z.Text()), target)))
			}
		case html.StartTagToken:
			b.Write(z.Raw())
			if depth > 0 {
				depth++
				continue
			}
			name, attrs := tagOf(z)
			if protected(name, attrs) {
				depth = 1
			}
		case html.EndTagToken:
			b.Write(z.Raw())
			if depth > 0 {
				depth--
			}
		default:
			b.Write(z.Raw())
		}
	}
}

func tagOf(z *html.Tokenizer) (string, map[string]string) {
	name, more := z.TagName()
	attrs := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		attrs[string(k)] = string(v)
	}
	return string(name), attrs
}

// translateNo reports whether an HTML element says not to translate it.
func translateNo(_ string, attrs map[string]string) bool {
	if strings.EqualFold(attrs["translate"], "no") {
		return true
	}
	for _, class := range strings.Fields(attrs["class"]) {
		if class == "notranslate" {
			return true
		}
	}
	return false
}
