package pipeline

import (
	"encoding/json"
	"strings"
)

// A Flag is what a check found wrong with one translated unit: a code
// and its arguments (names, engines, language tags), never a sentence.
// Exporters word it in the briefing's language (exporters/chrome.Flag);
// String gives the English form for logs and tests.
type Flag struct {
	Code FlagCode `json:"code"`
	Args []string `json:"args,omitempty"`
}

// A FlagCode names a kind of flag; its constant says what Args hold.
type FlagCode string

const (
	// FlagNotTranslated: the engine has no pair for the unit's language,
	// so it is left as it was. Args: engine, from, to.
	FlagNotTranslated FlagCode = "not-translated"
	// FlagNameLost: a protected name is missing from the translation.
	// Args: the name.
	FlagNameLost FlagCode = "name-lost"
	// FlagMentionDropped: a mention of a name could not be found again
	// in the translation, so the names index lost it. Args: the mention.
	FlagMentionDropped FlagCode = "mention-dropped"
	// FlagUntranslated: the unit is in its source text: the engine gave it
	// back as it was (no Args), or it failed (Args: the error, as the
	// engine's own words, which no catalog can translate).
	FlagUntranslated FlagCode = "untranslated"
	// FlagLengthRatio: the translation is far shorter or longer than the
	// source, a sign of text dropped or invented. No Args.
	FlagLengthRatio FlagCode = "length-ratio"
	// FlagNote is free text from an older trail or another tool, shown as
	// it is. Args: the text.
	FlagNote FlagCode = "note"
)

// NewFlag returns a flag with code and args.
func NewFlag(code FlagCode, args ...string) Flag { return Flag{Code: code, Args: args} }

// Equal reports whether f and g are the same flag.
func (f Flag) Equal(g Flag) bool {
	if f.Code != g.Code || len(f.Args) != len(g.Args) {
		return false
	}
	for i := range f.Args {
		if f.Args[i] != g.Args[i] {
			return false
		}
	}
	return true
}

// Arg returns argument i, or "" when there is none.
func (f Flag) Arg(i int) string {
	if i < len(f.Args) {
		return f.Args[i]
	}
	return ""
}

// String returns the flag in English, as trails wrote flags before they
// had codes; ParseFlag reads it back.
func (f Flag) String() string {
	switch f.Code {
	case FlagNotTranslated:
		return "not translated: " + f.Arg(0) + " has no " + f.Arg(1) + "→" + f.Arg(2) + " pair"
	case FlagNote:
		return strings.Join(f.Args, " ")
	}
	if len(f.Args) == 0 {
		return string(f.Code)
	}
	return string(f.Code) + ": " + strings.Join(f.Args, ", ")
}

// ParseFlag reads a flag in the text form that trails held before flags
// had codes (and that String writes). Text of no known form becomes a
// FlagNote.
func ParseFlag(s string) Flag {
	if rest, ok := strings.CutPrefix(s, "not translated: "); ok {
		engine, pair, ok1 := strings.Cut(rest, " has no ")
		pair, ok2 := strings.CutSuffix(pair, " pair")
		from, to, ok3 := strings.Cut(pair, "→")
		if ok1 && ok2 && ok3 && !strings.ContainsAny(engine+from+to, " ") {
			return NewFlag(FlagNotTranslated, engine, from, to)
		}
	}
	for _, c := range []FlagCode{FlagNameLost, FlagMentionDropped, FlagUntranslated} {
		if arg, ok := strings.CutPrefix(s, string(c)+": "); ok {
			return NewFlag(c, arg)
		}
	}
	for _, c := range []FlagCode{FlagUntranslated, FlagLengthRatio} {
		if s == string(c) {
			return NewFlag(c)
		}
	}
	return NewFlag(FlagNote, s)
}

// FlagTexts returns flags in their text form (String), as stores that
// keep text, such as the translation memory and TMX, hold them.
func FlagTexts(flags []Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, f.String())
	}
	return out
}

// ParseFlags reads flags in their text form (ParseFlag).
func ParseFlags(texts []string) []Flag {
	var out []Flag
	for _, s := range texts {
		out = append(out, ParseFlag(s))
	}
	return out
}

// UnmarshalJSON reads a flag as an object, or as the text trails and
// translation caches held before flags had codes, so that those still
// read.
func (f *Flag) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = ParseFlag(s)
		return nil
	}
	type plain Flag // without this method
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*f = Flag(p)
	return nil
}
