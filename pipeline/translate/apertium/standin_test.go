package apertium_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
)

// TestStandInsKeepGrammar checks, on the installed eng-spa pair, that a
// protected name reads as Apertium reads a name it knows: the word after
// it keeps its case, a possessive becomes "de", and the name comes back
// verbatim. Apertium with the names in <apertium-notrans> gave
// "Raquel Montoya-Lewis Es un juez" and "Baku Es Servicio de Seguridad".
func TestStandInsKeepGrammar(t *testing.T) {
	needLocal(t)
	tr, err := apertium.New(translate.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	keep := func(text string, spans ...string) translate.Segment {
		seg := translate.Segment{Text: text}
		for i := 0; i < len(spans); i += 2 {
			at := strings.Index(text, spans[i])
			seg.Keep = append(seg.Keep, translate.Keep{Start: at, End: at + len(spans[i]), Kind: spans[i+1]})
		}
		return seg
	}
	cases := []struct {
		seg  translate.Segment
		want []string
	}{
		{keep("Raquel Montoya-Lewis is a judge.", "Raquel Montoya-Lewis", translate.KindPerson), []string{"Raquel Montoya-Lewis es un juez"}},
		{keep("Baku's State Security Service said so.", "Baku", translate.KindPlace), []string{"servicio de Seguridad Estatal de Baku"}},
		{keep("Nick Nurse said Meadows was in Tehran.", "Nick Nurse", translate.KindPerson, "Meadows", translate.KindPerson, "Tehran", translate.KindPlace), []string{"Nick Nurse dijo", "Meadows", "Tehran"}},
		{keep("The Paris Agreement was signed by Ramona Archer-Bradshaw’s team.", "Paris", translate.KindPlace, "Ramona Archer-Bradshaw", translate.KindPerson), []string{"Acuerdo de Paris", "Ramona Archer-Bradshaw"}},
		{keep("Xavi met Madrid officials.", "Xavi", translate.KindPerson), []string{"Xavi"}},
		// A woman's name stands as a woman's, and what agrees with it is feminine.
		{female(keep("Ramona Archer-Bradshaw was elected president.", "Ramona Archer-Bradshaw", translate.KindPerson)), []string{"Ramona Archer-Bradshaw", "elegida presidenta"}},
		{female(keep("Ramona Archer-Bradshaw is tired.", "Ramona Archer-Bradshaw", translate.KindPerson)), []string{"cansada"}},
		{keep("Raquel Montoya-Lewis is tired.", "Raquel Montoya-Lewis", translate.KindPerson), []string{"cansado"}},
		// Apertium lowers a name after a slash.
		{keep("See pic.twitter.com/KQLpngeTbO now.", "KQLpngeTbO", translate.KindPerson), []string{"pic.twitter.com/KQLpngeTbO"}},
		// Apertium glues a name to an "N-year-old" ("Xavide8años").
		{keep("The rescue of an 8-year-old Fort Worth girl was filmed.", "Fort Worth", translate.KindPlace), []string{"Fort Worth de"}},
	}
	var segs []translate.Segment
	for _, tc := range cases {
		segs = append(segs, tc.seg)
	}
	out, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		for _, w := range tc.want {
			if !strings.Contains(out[i].Text, w) {
				t.Errorf("%q → %q, want it to contain %q", tc.seg.Text, out[i].Text, w)
			}
		}
		for _, name := range []string{"Boris", "Pablo", "Lima", "Laura"} {
			if strings.Contains(out[i].Text, name) {
				t.Errorf("%q → %q: stand-in %s left in", tc.seg.Text, out[i].Text, name)
			}
		}
	}
}

// female marks the keeps of seg as women's names.
func female(seg translate.Segment) translate.Segment {
	for i := range seg.Keep {
		seg.Keep[i].Female = true
	}
	return seg
}

// TestStandInsKept checks that every stand-in comes through the installed
// pair as it went in, in the places a name stands.
func TestStandInsKept(t *testing.T) {
	needLocal(t)
	tr, err := apertium.New(translate.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var segs []translate.Segment
	var names []string
	for _, name := range apertium.StandIns() {
		for _, text := range []string{"%s is here.", "%s's office said so, and %s said %s was tired.", "Officials met %s on Friday.", "The %s Agreement was signed."} {
			segs = append(segs, translate.Segment{Text: strings.ReplaceAll(text, "%s", name)})
			names = append(names, name)
		}
	}
	out, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
	if err != nil {
		t.Fatal(err)
	}
	for i, seg := range segs {
		if got, want := strings.Count(out[i].Text, names[i]), strings.Count(seg.Text, names[i]); got != want {
			t.Errorf("%q → %q: %s %d times, want %d", seg.Text, out[i].Text, names[i], got, want)
		}
	}
}
