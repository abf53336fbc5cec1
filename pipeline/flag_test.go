package pipeline

import (
	"encoding/json"
	"testing"
)

func TestParseFlag(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       Flag
	}{
		{"pair missing", "not translated: apertium has no ru→es pair", NewFlag(FlagNotTranslated, "apertium", "ru", "es")},
		{"name lost", "name-lost: Zahir Askarov", NewFlag(FlagNameLost, "Zahir Askarov")},
		{"mention dropped", "mention-dropped: Elnur Rasulov", NewFlag(FlagMentionDropped, "Elnur Rasulov")},
		{"kept, with the cause", "untranslated: deepl: 456 quota exceeded", NewFlag(FlagUntranslated, "deepl: 456 quota exceeded")},
		{"given back unchanged", "untranslated", NewFlag(FlagUntranslated)},
		{"length", "length-ratio", NewFlag(FlagLengthRatio)},
		{"engine name with a space is no pair flag", "not translated: a b has no x→y pair", NewFlag(FlagNote, "not translated: a b has no x→y pair")},
		{"free text", "something else", NewFlag(FlagNote, "something else")},
	} {
		got := ParseFlag(tc.text)
		if !got.Equal(tc.want) {
			t.Errorf("%s: ParseFlag(%q) = %#v, want %#v", tc.name, tc.text, got, tc.want)
		}
		if s := got.String(); s != tc.text {
			t.Errorf("%s: String() = %q, want the text back, %q", tc.name, s, tc.text)
		}
	}
}

// TestFlagJSON: flags are written as code and arguments, and trails
// written before flags had codes (plain strings) still read.
func TestFlagJSON(t *testing.T) {
	p := Provenance{Engine: "apertium", Flags: []Flag{NewFlag(FlagNameLost, "Qom"), NewFlag(FlagLengthRatio)}}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"block":0,"engine":"apertium","from":"","to":"","flags":[{"code":"name-lost","args":["Qom"]},{"code":"length-ratio"}]}`
	if string(b) != want {
		t.Errorf("marshal:\n got %s\nwant %s", b, want)
	}
	var back Provenance
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Flags) != 2 || !back.Flags[0].Equal(p.Flags[0]) || !back.Flags[1].Equal(p.Flags[1]) {
		t.Errorf("round trip: %#v", back.Flags)
	}

	var old Provenance
	if err := json.Unmarshal([]byte(`{"engine":"apertium","flags":["name-lost: Qom","not translated: apertium has no fa→es pair"]}`), &old); err != nil {
		t.Fatal(err)
	}
	if len(old.Flags) != 2 || !old.Flags[0].Equal(NewFlag(FlagNameLost, "Qom")) || !old.Flags[1].Equal(NewFlag(FlagNotTranslated, "apertium", "fa", "es")) {
		t.Errorf("old trail read as %#v", old.Flags)
	}
	if err := json.Unmarshal([]byte(`{"flags":[3]}`), &old); err == nil {
		t.Error("a number read as a flag")
	}
}

// TestFlagTexts: the text form stores such as the translation memory keep
// reads back as the same flags.
func TestFlagTexts(t *testing.T) {
	flags := []Flag{
		NewFlag(FlagNotTranslated, "apertium", "fa", "es"),
		NewFlag(FlagNameLost, "Zahir Askarov"),
		NewFlag(FlagMentionDropped, "Qom"),
		NewFlag(FlagUntranslated),
		NewFlag(FlagUntranslated, "deepl: 456 quota exceeded, try later"),
		NewFlag(FlagLengthRatio),
		NewFlag(FlagNote, "kept: see notes"),
	}
	back := ParseFlags(FlagTexts(flags))
	if len(back) != len(flags) {
		t.Fatalf("%d flags back, want %d", len(back), len(flags))
	}
	for i := range flags {
		if !back[i].Equal(flags[i]) {
			t.Errorf("%#v read back as %#v", flags[i], back[i])
		}
	}
}
