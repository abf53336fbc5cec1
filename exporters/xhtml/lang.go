package xhtml

import (
	"cmp"
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

// directionOfTag returns the direction of the script tag is written in,
// left to right when it cannot be told.
func directionOfTag(tag string) pipeline.Direction {
	return cmp.Or(pipeline.TagDirection(tag), pipeline.LeftToRight)
}
