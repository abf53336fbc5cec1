package pipeline

import (
	"strings"

	"golang.org/x/text/language"
)

// rightToLeftScripts are the ISO 15924 codes of the scripts written right
// to left (Unicode's Bidi_Class R and AL scripts).
var rightToLeftScripts = map[string]bool{
	"Adlm": true, "Arab": true, "Aran": true, "Armi": true, "Avst": true,
	"Chrs": true, "Elym": true, "Hatr": true, "Hebr": true, "Khar": true,
	"Mand": true, "Mani": true, "Mend": true, "Nbat": true, "Narb": true,
	"Nkoo": true, "Orkh": true, "Ougr": true, "Palm": true, "Phli": true,
	"Phlp": true, "Phnx": true, "Prti": true, "Rohg": true, "Samr": true,
	"Sarb": true, "Sogd": true, "Sogo": true, "Syrc": true, "Thaa": true,
	"Yezi": true,
}

// ScriptDirection returns the writing direction of tag's script: the
// script subtag when the tag has one ("az-Arab" is right to left), else
// the language's likely script ("fa" is Arabic script). It returns ""
// when the script cannot be told, as for "und".
func ScriptDirection(tag language.Tag) Direction {
	script, confidence := tag.Script()
	if _, baseConfidence := tag.Base(); confidence == language.No ||
		baseConfidence != language.Exact && confidence != language.Exact {
		return "" // "und": x/text guesses English in Latin, but nothing is known
	}
	if rightToLeftScripts[script.String()] {
		return RightToLeft
	}
	return LeftToRight
}

// TagDirection is ScriptDirection for a BCP 47 tag in text form
// ("fa_IR" is read as "fa-IR"); it returns "" for an empty or malformed
// tag.
func TagDirection(tag string) Direction {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	return ScriptDirection(t)
}
