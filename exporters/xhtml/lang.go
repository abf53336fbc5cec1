package xhtml

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
)

// undetermined is the BCP 47 tag for a text whose language is unknown.
const undetermined = "und"

// LanguageOf returns the BCP 47 tag of doc's text in canonical form
// ("fa_IR" becomes "fa-IR"), or "und" when it is missing or malformed.
func LanguageOf(doc *pipeline.Document) string {
	if tag := canonicalTag(doc.Meta.Language); tag != "" {
		return tag
	}
	return undetermined
}

// DirectionOf returns the writing direction of doc: Meta.Direction where
// set, else the direction of its language's usual script.
func DirectionOf(doc *pipeline.Document) pipeline.Direction {
	switch doc.Meta.Direction {
	case pipeline.LeftToRight, pipeline.RightToLeft:
		return doc.Meta.Direction
	}
	return directionOfTag(LanguageOf(doc))
}

// canonicalTag returns the canonical form of a BCP 47 tag, or "" when s is
// empty or not a well-formed tag.
func canonicalTag(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return tag.String()
}

// directionOfTag returns the direction of the script a language is written
// in: the script subtag when given ("az-Arab"), else the likely one.
func directionOfTag(tag string) pipeline.Direction {
	t, err := language.Parse(tag)
	if err != nil {
		return pipeline.LeftToRight
	}
	script, confidence := t.Script()
	if confidence == language.No {
		return pipeline.LeftToRight
	}
	switch script.String() {
	case "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Hebr", "Hatr", "Khar",
		"Mand", "Mani", "Mend", "Nbat", "Nkoo", "Narb", "Orkh", "Palm", "Phli",
		"Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc",
		"Thaa", "Yezi":
		return pipeline.RightToLeft
	}
	return pipeline.LeftToRight
}
